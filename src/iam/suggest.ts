/**
 * "Did you mean …?" for misspelled service prefixes and action names: the closest known name
 * by edit distance (insertions, deletions, substitutions and swaps of two neighbouring
 * characters all cost 1), compared case-insensitively.
 */
import { allServicePrefixes, expandActionPattern, serviceActions } from './service-data.js';

/**
 * Optimal-string-alignment distance, cut off early: returns `limit + 1` as soon as the
 * distance is known to exceed `limit` (a whole row above it).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let beforePrevious = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrevious[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[n];
}

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
  const found: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase(), budget);
    if (distance <= budget) found.push({ candidate, distance });
  }
  return found.sort((x, y) => x.distance - y.distance).map((f) => f.candidate);
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
  const name = closestName(action.trim(), serviceActions(service).map((a) => a.name));
  return name === undefined ? undefined : `${service.toLowerCase()}:${name}`;
}
