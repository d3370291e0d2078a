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
 *
 * Without a `$` in either entry there are no variables or escapes, and the answer is
 * wildcardCovers'. Otherwise the entries are tokenized into small integers in a reusable buffer
 * (nothing is allocated per comparison) and compared with a greedy star-part matcher.
 * resourceAffixes gives the literal text a covered entry must start with, end with and contain:
 * duplicate-resource and duplicate-statement reject most pairs with it, without a comparison.
 */
import type { Affixes } from './redundant-entries.js';
import { isPolicyVariable } from './policy-variables.js';
import { wildcardCovers } from './wildcard.js';

/**
 * A token is a number: a literal character is its UTF-16 code unit (>= 0), STAR is a run of
 * `*`, ONE is `?`, and a policy variable is VARIABLE_BASE minus its name's number, numbered
 * afresh for each comparison (only the two entries compared must agree).
 */
const STAR = -1;
const ONE = -2;
const VARIABLE_BASE = -3;

const ASTERISK = 42; // '*'
const QUESTION = 63; // '?'
const DOLLAR = 36; // '$'
const OPEN_BRACE = 123; // '{'
const CLOSE_BRACE = 125; // '}'

const variableIds = new Map<string, number>();
let generalTokens = new Int32Array(256);
let specificTokens = new Int32Array(256);

function variableToken(name: string): number {
  let id = variableIds.get(name);
  if (id === undefined) {
    id = variableIds.size;
    variableIds.set(name, id);
  }
  return VARIABLE_BASE - id;
}

/**
 * Split a Resource entry into literal characters, wildcards and policy variables, written to
 * `tokens` (at least `entry.length` long); returns how many.
 */
function tokenize(entry: string, tokens: Int32Array): number {
  let n = 0;
  let pos = 0;
  while (pos < entry.length) {
    const ch = entry.charCodeAt(pos);
    if (ch === DOLLAR && entry.charCodeAt(pos + 1) === OPEN_BRACE) {
      const close = entry.indexOf('}', pos + 2);
      if (close > 0) {
        const name = entry.slice(pos + 2, close);
        if (name === '*' || name === '?' || name === '$') {
          tokens[n++] = name.charCodeAt(0);
          pos = close + 1;
          continue;
        }
        if (isPolicyVariable(name)) {
          tokens[n++] = variableToken(name.trim());
          pos = close + 1;
          continue;
        }
      }
    }
    if (ch === ASTERISK) {
      if (n === 0 || tokens[n - 1] !== STAR) tokens[n++] = STAR;
    } else if (ch === QUESTION) {
      tokens[n++] = ONE;
    } else {
      tokens[n++] = ch;
    }
    pos++;
  }
  return n;
}

/**
 * Is every resource matched by `specific` also matched by `general`? Case-sensitive, as ARNs
 * are. Identical entries cover each other.
 */
export function resourceEntryCovers(general: string, specific: string): boolean {
  if (general === specific) return true;
  // Without `*` or `?` the general entry is literal (and variables): it covers only itself.
  if (!general.includes('*') && !general.includes('?')) return false;
  // Without `$` every character is its own token: `*` and `?` of `specific` are symbols, as in wildcardCovers.
  if (!general.includes('$') && !specific.includes('$')) return wildcardCovers(general, specific);
  if (generalTokens.length < general.length) generalTokens = new Int32Array(general.length * 2);
  if (specificTokens.length < specific.length) specificTokens = new Int32Array(specific.length * 2);
  variableIds.clear();
  const n = tokenize(general, generalTokens);
  const m = tokenize(specific, specificTokens);
  return tokensCover(generalTokens, n, specificTokens, m);
}

/** Can the single (non-star) token `t` of the covering entry stand for token `u` of the covered one? */
function tokenCovers(t: number, u: number): boolean {
  // ONE absorbs one literal or one ONE; literals and variables match only themselves.
  return t === u || (t === ONE && (u >= 0 || u === ONE));
}

/**
 * Can g cover s (all of s)? Split g on its stars: the part before the first star is anchored at
 * the start of s, the part after the last one at the end, and each part in between is placed at
 * its leftmost fit. Leftmost is always safe because every gap between parts is a star, which
 * absorbs any run of s tokens (stars, ONEs and variables included); each non-star token of g
 * takes exactly one token of s. O(|g|·|s|) at worst, linear in practice, no allocation.
 */
function tokensCover(g: Int32Array, n: number, s: Int32Array, m: number): boolean {
  let gi = 0;
  let si = 0;
  while (gi < n && g[gi] !== STAR) {
    if (si >= m || !tokenCovers(g[gi], s[si])) return false;
    gi++;
    si++;
  }
  if (gi === n) return si === m;
  // g[gi] is its first star; match the part after its last star against the end of s.
  let gEnd = n;
  let sEnd = m;
  while (g[gEnd - 1] !== STAR) {
    if (sEnd <= si || !tokenCovers(g[gEnd - 1], s[sEnd - 1])) return false;
    gEnd--;
    sEnd--;
  }
  // g[gi] and g[gEnd - 1] are stars; place the parts between them in s[si, sEnd).
  gi++;
  while (gi < gEnd) {
    if (g[gi] === STAR) {
      gi++;
      continue;
    }
    let partEnd = gi + 1;
    while (g[partEnd] !== STAR) partEnd++;
    const len = partEnd - gi;
    let found = -1;
    for (let start = si; start + len <= sEnd && found < 0; start++) {
      let k = 0;
      while (k < len && tokenCovers(g[gi + k], s[start + k])) k++;
      if (k === len) found = start;
    }
    if (found < 0) return false;
    si = found + len;
    gi = partEnd + 1;
  }
  return true;
}

/**
 * Text every entry covered by `general` starts with (its text before the first `*`, `?` or `$`),
 * ends with (its text after the last `*`, `?`, `$`, `{` or `}`) and contains (its longest text
 * between those): these characters are plain literal tokens, which a covered entry can only
 * match with the same characters, in a row. Text from a `$` to the next `}` is left out, since
 * a variable or an escape (`${$}` is the character `$`) may be spelled differently in the two
 * entries.
 */
export function resourceAffixes(general: string): Affixes {
  let first = -1;
  let last = -1;
  let inner = '';
  let runStart = 0;
  for (let i = 0; i < general.length; i++) {
    const ch = general.charCodeAt(i);
    if (ch !== ASTERISK && ch !== QUESTION && ch !== DOLLAR && ch !== OPEN_BRACE && ch !== CLOSE_BRACE) continue;
    if (ch === OPEN_BRACE || ch === CLOSE_BRACE) {
      last = i;
      continue;
    }
    if (first < 0) first = i;
    else if (i - runStart > inner.length) inner = general.slice(runStart, i);
    last = i;
    if (ch === DOLLAR) {
      const close = general.indexOf('}', i + 1);
      i = close < 0 ? general.length : close;
      last = i;
    }
    runStart = i + 1;
  }
  // Without `*`, `?` or `$` the entry covers only itself.
  if (first < 0) return { prefix: general, suffix: '', inner: '' };
  return { prefix: general.slice(0, first), suffix: general.slice(last + 1), inner };
}
