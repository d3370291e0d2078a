/**
 * Entries of one Action/NotAction or Resource/NotResource list that add nothing: a list matches
 * the union of its entries, so an entry equal to another or covered by a wildcard entry of the
 * same list can be removed without changing what the statement matches.
 */
import type { Located } from '../engine/model.js';
import { hasWildcard } from './wildcard.js';

export interface RedundantEntry {
  readonly entry: Located<string>;
  /** The entry that makes it redundant (the first equal one, or the first covering one). */
  readonly by: Located<string>;
  readonly reason: 'duplicate' | 'covered';
}

export interface EntryComparison {
  /** Canonical form: two entries are the same entry when their keys are equal (actions ignore case). */
  readonly key: (value: string) => string;
  /** Does every string matched by `specific` also match `general`? */
  readonly covers: (general: string, specific: string) => boolean;
}

/**
 * Every redundant entry, in list order. An entry repeating an earlier one is a duplicate of the
 * first occurrence. Otherwise it is covered when another (non-equal) entry covers it; when two
 * entries cover each other (`s3:*` and `s3:**`) only the later one is reported.
 */
export function redundantEntries(values: readonly Located<string>[], compare: EntryComparison): RedundantEntry[] {
  // Only a wildcard entry can cover an entry other than itself: lists of hundreds of actions stay linear in practice.
  return redundantEntriesWith(values, compare, hasWildcard);
}

/**
 * `redundantEntries` for lists where entries other than wildcards can cover others (a role
 * covers its sessions): `canCover(value)` says which entries to try as covering ones.
 */
export function redundantEntriesWith(values: readonly Located<string>[], compare: EntryComparison, canCover: (value: string) => boolean): RedundantEntry[] {
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
      // Mutual cover: keep the earlier entry, report the later one.
      return !(j > i && compare.covers(entry.value, values[j].value));
    });
    if (j !== undefined) out.push({ entry, by: values[j], reason: 'covered' });
  });
  return out;
}
