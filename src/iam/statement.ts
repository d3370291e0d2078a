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
  /** Wildcard entries whose service part is literal, by that service, in list order. */
  readonly byService: ReadonlyMap<string, readonly WildcardEntry[]>;
  /** Wildcard entries whose service part has a wildcard (or no `:`), in list order. */
  readonly anyService: readonly WildcardEntry[];
}

interface WildcardEntry {
  readonly index: number;
  readonly pattern: string;
}

const actionListIndexes = new WeakMap<ElementList, ActionListIndex>();

function actionListIndex(el: ElementList): ActionListIndex {
  let index = actionListIndexes.get(el);
  if (!index) {
    const literal = new Map<string, number>();
    const byService = new Map<string, WildcardEntry[]>();
    const anyService: WildcardEntry[] = [];
    el.values.forEach((v, i) => {
      const lower = v.value.toLowerCase();
      if (!hasWildcard(lower)) {
        if (!literal.has(lower)) literal.set(lower, i);
        return;
      }
      const colon = lower.indexOf(':');
      const service = colon < 0 ? undefined : lower.slice(0, colon);
      const entry = { index: i, pattern: lower };
      if (service === undefined || hasWildcard(service)) anyService.push(entry);
      else {
        const list = byService.get(service);
        if (list) list.push(entry);
        else byService.set(service, [entry]);
      }
    });
    index = { literal, byService, anyService };
    actionListIndexes.set(el, index);
  }
  return index;
}

/** Index of the first entry of the list matching the lowercase action, or -1. */
function firstMatchingEntry(el: ElementList, action: string): number {
  const index = actionListIndex(el);
  let best = index.literal.get(action) ?? -1;
  // Only entries of the action's own service (or with a wildcard service) can match it.
  const colon = action.indexOf(':');
  const sameService = colon < 0 ? undefined : index.byService.get(action.slice(0, colon));
  for (const list of [sameService, index.anyService]) {
    if (!list) continue;
    for (const w of list) {
      if (best >= 0 && w.index > best) break;
      if (wildcardMatch(w.pattern, action)) {
        best = w.index;
        break;
      }
    }
  }
  return best;
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
