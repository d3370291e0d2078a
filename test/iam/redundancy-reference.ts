/**
 * The straightforward implementations that redundant-entries.ts, redundant-statements.ts and
 * resource-pattern.ts replaced with indexed, allocation-free ones: every entry tried against
 * every wildcard entry, every statement against every other, resource entries tokenized into
 * objects and compared by dynamic programming. Tests check that the fast versions give exactly
 * the same answers.
 */
import type { ConditionEntry, ElementList, Located, Statement } from '../../src/engine/model.js';
import { isPolicyVariable } from '../../src/iam/policy-variables.js';
import type { EntryComparison, RedundantEntry } from '../../src/iam/redundant-entries.js';
import { principalKey } from '../../src/iam/redundant-principals.js';
import type { RedundantStatement } from '../../src/iam/redundant-statements.js';
import { hasWildcard, wildcardCovers } from '../../src/iam/wildcard.js';

// ---------------------------------------------------------------------------------------------
// resourceEntryCovers
// ---------------------------------------------------------------------------------------------

type Token = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'variable'; readonly name: string } | { readonly kind: 'star' } | { readonly kind: 'one' };

const STAR: Token = { kind: 'star' };
const ONE: Token = { kind: 'one' };

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

function sameToken(a: Token, b: Token): boolean {
  if (a.kind === 'literal') return b.kind === 'literal' && a.text === b.text;
  if (a.kind === 'variable') return b.kind === 'variable' && a.name === b.name;
  return a.kind === b.kind;
}

export function referenceResourceEntryCovers(general: string, specific: string): boolean {
  if (general === specific) return true;
  if (!general.includes('*') && !general.includes('?')) return false;
  const g = tokenize(general);
  const s = tokenize(specific);
  if (!g.some((t) => t.kind === 'star' || t.kind === 'one')) return g.length === s.length && g.every((t, i) => sameToken(t, s[i]));
  // (i, j): can g[i..] cover s[j..]?
  const m = s.length;
  let next = new Uint8Array(m + 1);
  next[m] = 1;
  for (let i = g.length - 1; i >= 0; i--) {
    const current = new Uint8Array(m + 1);
    const t = g[i];
    for (let j = m; j >= 0; j--) {
      if (t.kind === 'star') current[j] = next[j] || (j < m && current[j + 1]) ? 1 : 0;
      else if (j < m) {
        const sj = s[j];
        const ok = t.kind === 'one' ? sj.kind === 'literal' || sj.kind === 'one' : sameToken(t, sj);
        current[j] = ok && next[j + 1] ? 1 : 0;
      }
    }
    next = current;
  }
  return next[0] === 1;
}

// ---------------------------------------------------------------------------------------------
// redundantEntries
// ---------------------------------------------------------------------------------------------

export function referenceRedundantEntries(values: readonly Located<string>[], compare: EntryComparison, canCover: (value: string) => boolean = hasWildcard): RedundantEntry[] {
  const keys = values.map((v) => compare.key(v.value));
  const firstIndex = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!firstIndex.has(k)) firstIndex.set(k, i);
  });
  const coverIndexes = values.flatMap((v, j) => (canCover(v.value) ? [j] : []));
  const out: RedundantEntry[] = [];
  values.forEach((entry, i) => {
    const first = firstIndex.get(keys[i])!;
    if (first < i) {
      out.push({ entry, by: values[first], reason: 'duplicate' });
      return;
    }
    const j = coverIndexes.find((j) => {
      if (j === i || keys[j] === keys[i] || !compare.covers(values[j].value, entry.value)) return false;
      return !(j > i && compare.covers(entry.value, values[j].value));
    });
    if (j !== undefined) out.push({ entry, by: values[j], reason: 'covered' });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// redundantStatements
// ---------------------------------------------------------------------------------------------

const SEP = '\u0000';
const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

function listKey(el: ElementList | undefined, normalize: (v: string) => string): string {
  if (!el) return '-';
  return `${el.name}[${sortedUnique(el.values.map((v) => normalize(v.value))).join(SEP)}]`;
}

function contextKey(stmt: Statement): string {
  const p = stmt.principal;
  const principal = !p
    ? '-'
    : `${p.name}${p.wildcard ? '*' : ''}[${sortedUnique(p.entries.flatMap((e) => e.values.map((v) => `${e.type.value}=${principalKey(e.type.value, v.value)}`))).join(SEP)}]`;
  const conditions = sortedUnique(stmt.conditions.map(conditionKey)).join(SEP);
  return [stmt.effect?.value ?? '-', principal, stmt.conditionKey ? `C[${conditions}]` : '-'].join('|');
}

function conditionKey(c: ConditionEntry): string {
  return `${c.operator.value}:${c.key.value.toLowerCase()}=${sortedUnique(c.values.map((v) => v.value)).join(',')}`;
}

function fullKey(stmt: Statement): string {
  return [contextKey(stmt), listKey(stmt.action, (v) => v.toLowerCase()), listKey(stmt.resource, (v) => v)].join('|');
}

function listCovers(general: ElementList, specific: ElementList, covers: (g: string, s: string) => boolean, normalize: (v: string) => string): boolean {
  const exact = new Set(general.values.map((v) => normalize(v.value)));
  const wild = general.values.filter((v) => hasWildcard(v.value)).map((v) => v.value);
  return specific.values.every((s) => exact.has(normalize(s.value)) || wild.some((g) => covers(g, s.value)));
}

function statementCovers(a: Statement, b: Statement): boolean {
  if (!a.action || !b.action || a.action.negated || b.action.negated) return false;
  if (!listCovers(a.action, b.action, (g, s) => wildcardCovers(g, s, true), (v) => v.toLowerCase())) return false;
  if (!a.resource && !b.resource) return true;
  if (!a.resource || !b.resource || a.resource.negated || b.resource.negated) return false;
  return listCovers(a.resource, b.resource, referenceResourceEntryCovers, (v) => v);
}

export function referenceRedundantStatements(statements: readonly Statement[]): RedundantStatement[] {
  const out: RedundantStatement[] = [];
  const keys = new Map(statements.map((s) => [s, fullKey(s)] as const));
  const firstByKey = new Map<string, Statement>();
  const byContext = new Map<string, Statement[]>();
  for (const s of statements) {
    const ctx = contextKey(s);
    const group = byContext.get(ctx);
    if (group) group.push(s);
    else byContext.set(ctx, [s]);
  }
  for (const group of byContext.values()) {
    for (const s of group) {
      const key = keys.get(s)!;
      const first = firstByKey.get(key);
      if (first) {
        out.push({ statement: s, by: first, reason: 'duplicate' });
        continue;
      }
      firstByKey.set(key, s);
      if (group.length < 2) continue;
      const by = group.find((o) => o !== s && keys.get(o) !== key && statementCovers(o, s) && !(o.index > s.index && statementCovers(s, o)));
      if (by) out.push({ statement: s, by, reason: 'covered' });
    }
  }
  return out.sort((a, b) => a.statement.index - b.statement.index);
}
