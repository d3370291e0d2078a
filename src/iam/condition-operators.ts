/**
 * The grammar of IAM condition operators:
 * `[ForAllValues:|ForAnyValue:]<base>[IfExists]`, where `<base>` is one of the operators below.
 *
 * Operator names are matched exactly (case-sensitive), as IAM does: IAM rejects `stringEquals`
 * with "MalformedPolicyDocument: Invalid Condition type". `IfExists` may follow every operator
 * except `Null` (Access Analyzer error "Null with if exists"). `ForAllValues:Null` and
 * `ForAnyValue:Null` are accepted (Access Analyzer only suggests avoiding them: they are always
 * true, respectively always false), so they are valid here.
 */
import { editDistance } from './suggest.js';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** The base operators (no qualifier, no `IfExists`) of each family, in the order AWS documents them. */
export const CONDITION_OPERATOR_FAMILIES: Readonly<Record<OperatorFamily, readonly string[]>> = Object.freeze({
  String: Object.freeze([
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
  ]),
  Numeric: Object.freeze([
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ]),
  Date: Object.freeze(['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals']),
  Bool: Object.freeze(['Bool']),
  Binary: Object.freeze(['BinaryEquals']),
  IpAddress: Object.freeze(['IpAddress', 'NotIpAddress']),
  Arn: Object.freeze(['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike']),
  Null: Object.freeze(['Null']),
});

export const SET_OPERATORS = ['ForAllValues', 'ForAnyValue'] as const;
export type SetOperator = (typeof SET_OPERATORS)[number];

/** Every base operator, e.g. `StringEquals`, `Null`. */
export const BASE_CONDITION_OPERATORS: readonly string[] = Object.freeze(Object.values(CONDITION_OPERATOR_FAMILIES).flat());

const FAMILY_OF = new Map<string, OperatorFamily>(
  (Object.entries(CONDITION_OPERATOR_FAMILIES) as [OperatorFamily, readonly string[]][]).flatMap(([family, ops]) =>
    ops.map((op) => [op, family] as const),
  ),
);

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress', 'ArnNotEquals', 'ArnNotLike']);

/** The family of a base operator (`StringEquals` → `String`); undefined when it is not one. */
export function operatorFamily(base: string): OperatorFamily | undefined {
  return FAMILY_OF.get(base);
}

/** True for operators that hold for every value except the listed ones (`StringNotEquals`, `NotIpAddress`, …). */
export function isNegatedOperator(base: string): boolean {
  return NEGATED.has(base);
}

/**
 * Every operator IAM accepts, written out: each base, each base but `Null` with `IfExists`, and
 * each of those behind `ForAllValues:` / `ForAnyValue:` (159 in all).
 */
export const CONDITION_OPERATORS: readonly string[] = Object.freeze(
  ['', ...SET_OPERATORS.map((s) => `${s}:`)].flatMap((prefix) =>
    BASE_CONDITION_OPERATORS.flatMap((base) => (base === 'Null' ? [`${prefix}${base}`] : [`${prefix}${base}`, `${prefix}${base}IfExists`])),
  ),
);

export type OperatorProblem =
  /** The operator (after any qualifier, without `IfExists`) is not a base operator. */
  | 'unknownOperator'
  /** Text before `:` is not `ForAllValues` or `ForAnyValue`. */
  | 'unknownQualifier'
  /** `NullIfExists`: IAM has no such operator. */
  | 'nullIfExists'
  /** Right letters, wrong case (`stringEquals`): IAM matches operator names exactly. */
  | 'wrongCase';

export interface OperatorAnalysis {
  /** The operator exactly as written. */
  readonly text: string;
  readonly setOperator: SetOperator | undefined;
  /** Text before the first `:`, when there is one. */
  readonly qualifier: string | undefined;
  /** The operator without qualifier and `IfExists`. */
  readonly base: string;
  readonly ifExists: boolean;
  /** Family of `base`, when `base` is a valid operator. */
  readonly family: OperatorFamily | undefined;
  /** First problem found; undefined when IAM accepts the operator. */
  readonly problem: OperatorProblem | undefined;
  /** For a problem: the valid operator closest to what was written. */
  readonly suggestion: string | undefined;
}

const LOWER_CANONICAL = new Map(CONDITION_OPERATORS.map((op) => [op.toLowerCase(), op]));

/** Splits and validates an operator as written in a policy's Condition block. */
const ANALYSIS_CACHE_LIMIT = 4096;
const analyses = new Map<string, OperatorAnalysis>();

export function analyzeConditionOperator(text: string): OperatorAnalysis {
  // A policy set uses a few dozen operators thousands of times: each is analyzed once.
  let analysis = analyses.get(text);
  if (analysis === undefined) {
    analysis = Object.freeze(analyze(text));
    if (analyses.size >= ANALYSIS_CACHE_LIMIT) analyses.clear();
    analyses.set(text, analysis);
  }
  return analysis;
}

function analyze(text: string): OperatorAnalysis {
  const colon = text.indexOf(':');
  const qualifier = colon >= 0 ? text.slice(0, colon) : undefined;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const setOperator = (SET_OPERATORS as readonly string[]).includes(qualifier ?? '') ? (qualifier as SetOperator) : undefined;
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const family = operatorFamily(base);
  const problem = findProblem(text, qualifier, setOperator, base, ifExists, family);
  const suggestion = problem === 'nullIfExists' ? `${setOperator ? `${setOperator}:` : ''}Null` : problem ? suggestOperator(text) : undefined;
  return { text, setOperator, qualifier, base, ifExists, family, problem, suggestion };
}

function findProblem(
  text: string,
  qualifier: string | undefined,
  setOperator: SetOperator | undefined,
  base: string,
  ifExists: boolean,
  family: OperatorFamily | undefined,
): OperatorProblem | undefined {
  if (LOWER_CANONICAL.has(text.toLowerCase()) && !CONDITION_OPERATORS.includes(text)) return 'wrongCase';
  if (qualifier !== undefined && !setOperator) return 'unknownQualifier';
  if (!family) return 'unknownOperator';
  if (base === 'Null' && ifExists) return 'nullIfExists';
  return undefined;
}

/** True when IAM accepts the operator exactly as written. */
export function isValidConditionOperator(text: string): boolean {
  return CONDITION_OPERATORS.includes(text);
}

/**
 * The valid operator closest to `text`: the same letters in another case, else the one at the
 * smallest edit distance (ignoring case) when that distance looks like a typo.
 */
export function suggestOperator(text: string): string | undefined {
  const exact = LOWER_CANONICAL.get(text.toLowerCase());
  if (exact) return exact;
  const lower = text.toLowerCase();
  // One edit per four characters is a typo; more rewrites the operator (editDistance stops there).
  const allowed = Math.max(1, Math.floor(text.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of CONDITION_OPERATORS) {
    const d = editDistance(lower, candidate.toLowerCase(), Math.min(allowed, bestDistance));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}
