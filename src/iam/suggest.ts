/**
 * "Did you mean …?" for misspelled service prefixes and action names: the closest known name
 * by edit distance (insertions, deletions, substitutions and swaps of two neighbouring
 * characters all cost 1), compared case-insensitively.
 */
import { allServicePrefixes, expandActionPattern, serviceActions, type ActionInfo } from './service-data.js';

/**
 * Optimal-string-alignment distance, cut off early: returns `limit + 1` as soon as the
 * distance is known to exceed `limit` (a whole row above it).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  // Three rows reused from call to call: suggestions compare a name with hundreds of candidates.
  if (rows.length < 3 * (n + 1)) rows = new Int32Array(Math.max(3 * (n + 1), 2 * rows.length));
  let beforePrevious = 0;
  let previous = n + 1;
  let current = 2 * (n + 1);
  for (let j = 0; j <= n; j++) {
    rows[beforePrevious + j] = 0;
    rows[previous + j] = j;
    rows[current + j] = 0;
  }
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, rows[beforePrevious + j - 2] + 1);
      rows[current + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const spare = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = spare;
  }
  return rows[previous + n];
}

/** editDistance's three rows, side by side. */
let rows = new Int32Array(3 * 64);

/** How many edits still count as a typo for a name of this length. */
function typoBudget(length: number): number {
  // Longer names do not get a larger budget: three edits already turn `Get` into `List`.
  return length <= 3 ? 1 : 2;
}

/**
 * Candidates within the typo budget of `name` (case-insensitive), closest first; equally
 * close candidates keep their order.
 */
export function closeNames(name: string, candidates: readonly string[]): string[] {
  const target = name.toLowerCase();
  const budget = typoBudget(target.length);
  const lower = lowerCased(candidates);
  const found: { candidate: string; distance: number }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const distance = editDistance(target, lower[i], budget);
    if (distance <= budget) found.push({ candidate: candidates[i], distance });
  }
  return found.sort((x, y) => x.distance - y.distance).map((f) => f.candidate);
}

const lowerCaseLists = new WeakMap<readonly string[], readonly string[]>();

/** The candidates in lower case; remembered for a list that is asked about again (service prefixes, a service's actions). */
function lowerCased(candidates: readonly string[]): readonly string[] {
  let lower = lowerCaseLists.get(candidates);
  if (lower === undefined) lowerCaseLists.set(candidates, (lower = candidates.map((c) => c.toLowerCase())));
  return lower;
}

/** The candidate closest to `name` (case-insensitive) within the typo budget, or undefined. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  return closeNames(name, candidates)[0];
}

/**
 * The known service prefix closest to a misspelled one (`s4` → `s3`, `sagemkaer` → `sagemaker`).
 * With the entry's action part, a close prefix whose service has that action wins
 * (`st:AssumeRole` → `sts`, not `s3`).
 */
export function suggestServicePrefix(prefix: string, action?: string): string | undefined {
  const close = closeNames(prefix.trim(), allServicePrefixes());
  if (action === undefined) return close[0];
  return close.find((candidate) => expandActionPattern(`${candidate}:${action.trim()}`).length > 0) ?? close[0];
}

/** The action of `service` closest to a misspelled name, as `service:OfficialName`. */
export function suggestActionName(service: string, action: string): string | undefined {
  const name = closestName(action.trim(), actionNames(service));
  return name === undefined ? undefined : `${service.toLowerCase()}:${name}`;
}

const actionNameLists = new WeakMap<readonly ActionInfo[], readonly string[]>();

/** The official names of the service's actions, one list per service. */
function actionNames(service: string): readonly string[] {
  const actions = serviceActions(service);
  let names = actionNameLists.get(actions);
  if (names === undefined) actionNameLists.set(actions, (names = actions.map((a) => a.name)));
  return names;
}
