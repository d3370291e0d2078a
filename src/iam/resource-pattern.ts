/**
 * "Does this Resource entry already cover that one?" with policy variables taken seriously.
 *
 * wildcardCovers reads `*` and `?` as wildcards everywhere. In a Resource entry a policy
 * variable (`${aws:username}`) is neither a wildcard nor literal text: it is one value, the
 * same wherever it appears in the policy, that the request supplies. So:
 * - in the covering entry a variable covers only the same variable (`b/${aws:username}/*` does
 *   not cover `b/alice/x`: only Alice's requests match it);
 * - in the covered entry a variable is absorbed by a `*` of the covering entry (`b/*` covers
 *   `b/${aws:username}/*` whatever the user name) or matched by the same variable, never by
 *   a `?` or by literal text (the value's length and characters are unknown);
 * - the escapes `${*}`, `${?}`, `${$}` are the literal characters `*`, `?`, `$`;
 * - text in `${...}` that is not a variable (a template placeholder) is literal text.
 *
 * Sound like wildcardCovers: a `true` is always right; rare `?`/`*` arrangements may give a
 * `false` that is really a cover.
 */
import { isPolicyVariable } from './policy-variables.js';

type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'star' }
  | { readonly kind: 'one' };

const STAR: Token = Object.freeze({ kind: 'star' });
const ONE: Token = Object.freeze({ kind: 'one' });

/** Split a Resource entry into literal characters, wildcards and policy variables. */
function tokenize(entry: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < entry.length) {
    const ch = entry[pos];
    if (ch === '$' && entry[pos + 1] === '{') {
      const close = entry.indexOf('}', pos + 2);
      if (close > 0) {
        const name = entry.slice(pos + 2, close);
        if (name === '*' || name === '?' || name === '$') {
          tokens.push({ kind: 'literal', text: name });
          pos = close + 1;
          continue;
        }
        if (isPolicyVariable(name)) {
          tokens.push({ kind: 'variable', name: name.trim() });
          pos = close + 1;
          continue;
        }
      }
    }
    if (ch === '*') {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (ch === '?') {
      tokens.push(ONE);
    } else {
      tokens.push({ kind: 'literal', text: ch });
    }
    pos++;
  }
  return tokens;
}

function hasWildcardToken(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'star' || t.kind === 'one');
}

function sameToken(a: Token, b: Token): boolean {
  if (a.kind === 'literal') return b.kind === 'literal' && a.text === b.text;
  if (a.kind === 'variable') return b.kind === 'variable' && a.name === b.name;
  return a.kind === b.kind;
}

/**
 * Is every resource matched by `specific` also matched by `general`? Case-sensitive, as ARNs
 * are. Identical entries cover each other.
 */
export function resourceEntryCovers(general: string, specific: string): boolean {
  if (general === specific) return true;
  // Without `*` or `?` the general entry is literal (and variables): it covers only itself.
  if (!general.includes('*') && !general.includes('?')) return false;
  const g = tokenize(general);
  const s = tokenize(specific);
  if (!hasWildcardToken(g)) return g.length === s.length && g.every((t, i) => sameToken(t, s[i]));
  // Cheap rejection on the part before the first wildcard of `general`.
  for (let i = 0; i < g.length && g[i].kind !== 'star' && g[i].kind !== 'one'; i++) {
    if (i >= s.length || !sameToken(g[i], s[i])) return false;
  }
  return covers(g, s);
}

/**
 * Dynamic programme over (i, j): can g[i..] cover s[j..]? One rolling row, O(|g|·|s|).
 * A `star` in g absorbs any run of s tokens; a `one` absorbs one literal or one `one`;
 * literals and variables match only themselves.
 */
function covers(g: readonly Token[], s: readonly Token[]): boolean {
  const m = s.length;
  // next[j]: does g[i+1..] cover s[j..]? Start with i = g.length (empty pattern covers empty).
  let next = new Uint8Array(m + 1);
  next[m] = 1;
  for (let i = g.length - 1; i >= 0; i--) {
    const current = new Uint8Array(m + 1);
    const t = g[i];
    for (let j = m; j >= 0; j--) {
      if (t.kind === 'star') {
        // Match nothing more (next[j]) or absorb s[j] and stay on the star (current[j + 1]).
        current[j] = next[j] || (j < m && current[j + 1]) ? 1 : 0;
      } else if (j < m) {
        const sj = s[j];
        const ok = t.kind === 'one' ? sj.kind === 'literal' || sj.kind === 'one' : sameToken(t, sj);
        current[j] = ok && next[j + 1] ? 1 : 0;
      }
    }
    next = current;
  }
  return next[0] === 1;
}
