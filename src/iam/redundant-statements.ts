/**
 * Statements of one policy that add nothing: a statement that repeats another (same effect,
 * principals, actions, resources and conditions; the Sid does not count), or one whose every
 * action and resource another statement with the same effect, principals and conditions
 * already covers. A policy is the union of its Allow statements minus its Deny statements, so
 * removing such a statement changes nothing (IAM Access Analyzer "Redundant statement").
 *
 * Comparison follows IAM: action names ignore case and `s3:Get*` covers `s3:GetObject`; ARNs
 * are case-sensitive and compared with policy variables as values (see resource-pattern.ts);
 * the order of list entries, values and condition blocks does not matter; condition key names
 * ignore case; an account id and its root ARN name the same principal.
 */
import type { ConditionEntry, ElementList, Statement } from '../engine/model.js';
import { principalKey } from './redundant-principals.js';
import { resourceEntryCovers } from './resource-pattern.js';
import { hasWildcard, wildcardCovers } from './wildcard.js';

export interface RedundantStatement {
  readonly statement: Statement;
  /** The statement that makes it redundant (the first equal one, or the first covering one). */
  readonly by: Statement;
  readonly reason: 'duplicate' | 'covered';
}

const SEP = '\u0000';
const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

function listKey(el: ElementList | undefined, normalize: (v: string) => string): string {
  if (!el) return '-';
  return `${el.name}[${sortedUnique(el.values.map((v) => normalize(v.value))).join(SEP)}]`;
}

/** Everything but Action and Resource: effect, principal, conditions. Statements compare for cover only within one context. */
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

/** Does every entry of `specific` fall under some entry of `general` (both non-negated)? */
function listCovers(general: ElementList, specific: ElementList, covers: (g: string, s: string) => boolean, normalize: (v: string) => string): boolean {
  const exact = new Set(general.values.map((v) => normalize(v.value)));
  const wild = general.values.filter((v) => hasWildcard(v.value)).map((v) => v.value);
  return specific.values.every((s) => exact.has(normalize(s.value)) || wild.some((g) => covers(g, s.value)));
}

/** Does `a` allow or deny everything `b` does, given the same effect, principals and conditions? */
function statementCovers(a: Statement, b: Statement): boolean {
  if (!a.action || !b.action || a.action.negated || b.action.negated) return false;
  if (!listCovers(a.action, b.action, (g, s) => wildcardCovers(g, s, true), (v) => v.toLowerCase())) return false;
  if (!a.resource && !b.resource) return true; // trust policies
  if (!a.resource || !b.resource || a.resource.negated || b.resource.negated) return false;
  return listCovers(a.resource, b.resource, resourceEntryCovers, (v) => v);
}

/**
 * Every redundant statement, in order. A statement equal to an earlier one is a duplicate of the
 * first; otherwise it is covered when another statement of the same context covers it. When two
 * statements cover each other without being equal, only the later one is reported.
 */
export function redundantStatements(statements: readonly Statement[]): RedundantStatement[] {
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
