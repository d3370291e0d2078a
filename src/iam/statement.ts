/**
 * What one statement says about an action, a resource or a condition key, on the normalized
 * model. IAM semantics for rules: NotAction/NotResource, case-insensitive actions, wildcards.
 */
import type { ConditionEntry, ElementList, Located, Statement } from '../engine/model.js';
import { remembered } from './memo.js';
import { actionMatches, allServicePrefixes } from './service-data.js';
import { wildcardMatch } from './wildcard.js';

export const isAllow = (stmt: Statement): boolean => stmt.effect?.value === 'Allow';
export const isDeny = (stmt: Statement): boolean => stmt.effect?.value === 'Deny';

// ---------------------------------------------------------------------------------------------
// Action entries against concrete actions
// ---------------------------------------------------------------------------------------------

/**
 * A necessary condition for `actionMatches(pattern, target)` (`target` lowercase), read on the
 * pattern from index `from` (the part after the `:`, for a caller that matched the service
 * part itself) without allocating: the literal text before the first wildcard and after the
 * last one, folded to lowercase, must start and end the target, without overlapping. Only
 * ASCII is folded here: at the first other character the answer is "maybe" (true), because
 * `toLowerCase` may change the length or, for a final sigma, depend on the context.
 * Rules ask every Action entry of every statement about a few actions; nearly all entries
 * differ from them in the first characters.
 */
export function actionMayMatch(pattern: string, from: number, target: string): boolean {
  const n = pattern.length;
  const m = target.length;
  let i = from;
  for (; i < n; i++) {
    let c = pattern.charCodeAt(i);
    if (c === STAR || c === QUESTION) break;
    if (c >= 128) return true;
    if (c >= 65 && c <= 90) c += 32;
    if (i - from >= m || c !== target.charCodeAt(i - from)) return false;
  }
  if (i === n) return n - from === m;
  const prefix = i - from;
  for (let j = n - 1, k = m - 1; j > i; j--, k--) {
    let c = pattern.charCodeAt(j);
    if (c === STAR || c === QUESTION) break;
    if (c >= 128) return true;
    if (c >= 65 && c <= 90) c += 32;
    if (k < prefix || c !== target.charCodeAt(k)) return false;
  }
  return true;
}

/** `actionMatches(entry, action)` for a lowercase action, rejecting most entries without allocating. */
export function entryMatchesAction(entry: string, lowercaseAction: string): boolean {
  return actionMayMatch(entry, 0, lowercaseAction) && actionMatches(entry, lowercaseAction);
}

/**
 * The entry through which the statement covers `action` (a concrete `service:Action`, any case):
 * the first matching Action entry, or the NotAction key when NotAction does not exclude the
 * action. Undefined when the statement does not cover it. Rules ask every statement about a few
 * actions, over and over: most entries are rejected without allocating.
 */
export function actionEntryFor(stmt: Statement, action: string): Located<string> | undefined {
  const el = stmt.action;
  if (!el) return undefined;
  const { lowercase, service } = queryOf(action);
  const values = el.values;
  // An entry whose service part is literal can only match actions of the service it names:
  // with `entryServices` at hand (the risk-category and escalation rules compute it), only the
  // other entries are read. Without, reading every entry is cheaper than computing it.
  const services = service ? entryServicesCache.get(el) : undefined;
  if (services) {
    for (let i = 0; i < values.length; i++) {
      const named = services[i];
      if ((named === service || named === undefined) && entryMatchesAction(values[i].value, lowercase)) return el.negated ? undefined : values[i];
    }
  } else {
    for (const v of values) if (entryMatchesAction(v.value, lowercase)) return el.negated ? undefined : v;
  }
  return el.negated ? el.key : undefined;
}

interface ActionQuery {
  readonly lowercase: string;
  /** The known service of the action (a string of the service list), or undefined. */
  readonly service: string | undefined;
}

// Rules ask about a few constants (`iam:PassRole`) and catalogue actions, over and over.
const QUERY_CACHE_LIMIT = 1 << 15; // more than there are actions
const queries = new Map<string, ActionQuery>();

function queryOf(action: string): ActionQuery {
  return remembered(queries, action, computeQuery, QUERY_CACHE_LIMIT);
}

function computeQuery(action: string): ActionQuery {
  const lowercase = action.toLowerCase();
  const colon = lowercase.indexOf(':');
  return { lowercase, service: (colon > 0 && literalServiceOf(lowercase, colon)) || undefined };
}

export function coversAction(stmt: Statement, action: string): boolean {
  return actionEntryFor(stmt, action) !== undefined;
}

/**
 * Per element (keyed weakly on the immutable model): `literalServiceOf` of each Action entry,
 * parallel to `values` (`undefined` also for an entry without `:`). The risk-category rules and
 * privilege-escalation all ask it of every entry; the answer is a small array of strings of the
 * service list, cheap to keep for the duration of a lint.
 */
const entryServicesCache = new WeakMap<ElementList, readonly (string | null | undefined)[]>();

export function entryServices(el: ElementList): readonly (string | null | undefined)[] {
  let services = entryServicesCache.get(el);
  if (!services) {
    services = el.values.map((v) => {
      const colon = v.value.indexOf(':');
      return colon < 0 ? undefined : literalServiceOf(v.value, colon);
    });
    entryServicesCache.set(el, services);
  }
  return services;
}

/** Service prefixes by first character (ASCII) and length: `SHAPE_LENGTHS * char + length`. */
let servicesByShape: (string[] | undefined)[] | undefined;
const SHAPE_LENGTHS = 64;

function serviceShapes(): (string[] | undefined)[] {
  if (!servicesByShape) {
    servicesByShape = new Array<string[] | undefined>(128 * SHAPE_LENGTHS);
    for (const prefix of allServicePrefixes()) {
      const first = prefix.charCodeAt(0);
      if (first >= 128 || prefix.length >= SHAPE_LENGTHS) continue; // unreachable from ASCII (or never that long)
      (servicesByShape[first * SHAPE_LENGTHS + prefix.length] ??= []).push(prefix);
    }
  }
  return servicesByShape;
}

/**
 * The known service prefix an Action entry's service part (`entry[0..colon)`) names, read
 * without allocating: a string of the service list, or null when it names no known service.
 * Undefined when the part has a wildcard or a character other than ASCII: the caller then
 * lowercases the entry and reads it the slow way. (`expandActionPattern` lowercases the entry and
 * looks the part up in the service list; for ASCII, folding character by character is the same.)
 */
export function literalServiceOf(entry: string, colon: number): string | null | undefined {
  if (colon <= 0) return colon === 0 ? null : undefined;
  let first = entry.charCodeAt(0);
  if (first >= 65 && first <= 90) first += 32;
  // Usually the part names a service: compare first (a prefix holds only ASCII letters, digits, `-`).
  const candidates = first < 128 && colon < SHAPE_LENGTHS ? serviceShapes()[first * SHAPE_LENGTHS + colon] : undefined;
  if (candidates !== undefined) {
    for (let k = 0; k < candidates.length; k++) {
      const prefix = candidates[k];
      let i = 1;
      for (; i < colon; i++) {
        let c = entry.charCodeAt(i);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== prefix.charCodeAt(i)) break;
      }
      if (i === colon) return prefix;
    }
  }
  for (let i = 0; i < colon; i++) {
    const c = entry.charCodeAt(i);
    if (c === STAR || c === QUESTION || c >= 128) return undefined;
  }
  return null;
}


const STAR = 42; // '*'
const QUESTION = 63; // '?'

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
