/**
 * What one statement says about an action, a resource or a condition key, on the normalized
 * model. IAM semantics for rules: NotAction/NotResource, case-insensitive actions, wildcards.
 */
import type { ConditionEntry, Located, Statement } from '../engine/model.js';
import { actionMatches } from './service-data.js';
import { wildcardMatch } from './wildcard.js';

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
  if (el.negated) return el.values.some((v) => actionMatches(v.value, action)) ? undefined : el.key;
  return el.values.find((v) => actionMatches(v.value, action));
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
