/**
 * What one statement says about an action, a resource or a condition key, on the normalized
 * model. IAM semantics for rules: NotAction/NotResource, case-insensitive actions, wildcards.
 */
import type { ConditionEntry, ElementList, Located, Statement } from '../engine/model.js';
import { hasWildcard, wildcardMatch } from './wildcard.js';

export const isAllow = (stmt: Statement): boolean => stmt.effect?.value === 'Allow';
export const isDeny = (stmt: Statement): boolean => stmt.effect?.value === 'Deny';

/**
 * The entry through which the statement covers `action` (a concrete `service:Action`): the
 * matching Action pattern, or the NotAction key when NotAction does not exclude the action.
 * Undefined when the statement does not cover it.
 */
export function actionEntryFor(stmt: Statement, action: string): Located<string> | undefined {
  const el = stmt.action;
  if (!el) return undefined;
  const first = firstMatchingEntry(el, action.toLowerCase());
  if (el.negated) return first < 0 ? el.key : undefined;
  return first < 0 ? undefined : el.values[first];
}

/**
 * An Action/NotAction list prepared for many lookups (rules ask about hundreds of actions per
 * statement): literal entries in a map, wildcard entries in list order, all lowercase.
 */
interface ActionListIndex {
  /** Lowercase literal entry → index of its first occurrence. */
  readonly literal: ReadonlyMap<string, number>;
  /** Wildcard entries in list order. */
  readonly wildcards: readonly { readonly index: number; readonly pattern: string }[];
}

const actionListIndexes = new WeakMap<ElementList, ActionListIndex>();

function actionListIndex(el: ElementList): ActionListIndex {
  let index = actionListIndexes.get(el);
  if (!index) {
    const literal = new Map<string, number>();
    const wildcards: { index: number; pattern: string }[] = [];
    el.values.forEach((v, i) => {
      const lower = v.value.toLowerCase();
      if (hasWildcard(lower)) wildcards.push({ index: i, pattern: lower });
      else if (!literal.has(lower)) literal.set(lower, i);
    });
    index = { literal, wildcards };
    actionListIndexes.set(el, index);
  }
  return index;
}

/** Index of the first entry of the list matching the lowercase action, or -1. */
function firstMatchingEntry(el: ElementList, action: string): number {
  const index = actionListIndex(el);
  const literal = index.literal.get(action) ?? -1;
  for (const w of index.wildcards) {
    if (literal >= 0 && w.index > literal) break;
    if (wildcardMatch(w.pattern, action)) return w.index;
  }
  return literal;
}

export function coversAction(stmt: Statement, action: string): boolean {
  return actionEntryFor(stmt, action) !== undefined;
}

/** True when the statement applies to every resource: `Resource: "*"` (or a pattern of only `*`). */
export function coversAllResources(stmt: Statement): boolean {
  const el = stmt.resource;
  if (!el) return false;
  if (el.negated) return false;
  return el.values.some((v) => /^\*+$/.test(v.value));
}

/** Whether the statement's Resource/NotResource admits this concrete resource string. */
export function coversResource(stmt: Statement, resource: string): boolean {
  const el = stmt.resource;
  if (!el) return false;
  const hit = el.values.some((v) => wildcardMatch(v.value, resource));
  return el.negated ? !hit : hit;
}

/** Condition entries on `key` (condition keys are case-insensitive). */
export function conditionsOn(stmt: Statement, key: string): ConditionEntry[] {
  const k = key.toLowerCase();
  return stmt.conditions.filter((c) => c.key.value.toLowerCase() === k);
}

export function hasConditionOn(stmt: Statement, key: string): boolean {
  return conditionsOn(stmt, key).length > 0;
}

/** `statement "Sid"` or `statement 2` for messages (`Statement …` at the start of a sentence). */
export function statementLabel(stmt: Statement, sentenceStart = false): string {
  const word = sentenceStart ? 'Statement' : 'statement';
  return stmt.sid && stmt.sid.value !== '' ? `${word} "${stmt.sid.value}"` : `${word} ${stmt.index}`;
}
