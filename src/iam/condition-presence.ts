/**
 * Whether a statement's conditions only match requests that carry a given condition key. IAM
 * treats a missing key as "no match" for positive operators, but as a match for `...IfExists`,
 * for negated operators and for `ForAllValues:` (vacuously true over no values).
 */
import type { ConditionEntry, Statement } from '../engine/model.js';
import { analyzeConditionOperator, isNegatedOperator } from './condition-operators.js';

/** A `Null` "false" test, or a positive operator without IfExists, on this entry's key. */
function demandsPresence(c: ConditionEntry): boolean {
  const op = analyzeConditionOperator(c.operator.value);
  if (op.problem || c.values.length === 0) return false;
  if (op.base === 'Null') return c.values.every((v) => v.value.toLowerCase() === 'false');
  return !op.ifExists && op.setOperator !== 'ForAllValues' && !isNegatedOperator(op.base);
}

const TAG_KEYS = 'aws:tagkeys';
const REQUEST_TAG = 'aws:requesttag/';

/**
 * True when every request the statement's conditions match has `key` (with at least one value).
 * A required `aws:RequestTag/<k>` means the request carries tag `<k>`, so `aws:TagKeys` is
 * present too.
 */
export function conditionsRequireKey(stmt: Statement, key: string): boolean {
  const lower = key.toLowerCase();
  return stmt.conditions.some((c) => {
    const k = c.key.value.toLowerCase();
    const relevant = k === lower || (lower === TAG_KEYS && k.startsWith(REQUEST_TAG));
    return relevant && demandsPresence(c);
  });
}
