/**
 * Entries of one Action/NotAction or Resource/NotResource list that add nothing: a list matches
 * the union of its entries, so an entry equal to another or covered by a wildcard entry of the
 * same list can be removed without changing what the statement matches.
 *
 * Speed: AWS managed policies list up to ~1,500 actions, hundreds of them wildcards, in one
 * statement. Trying every wildcard on every entry is quadratic, so the covering entries are
 * bucketed by their literal prefix (CoveringIndex): an entry only tries the wildcards whose
 * prefix it starts with and whose literal suffix it ends with, which are necessary conditions
 * of any cover; the exact comparison decides among those few.
 */
import type { Located } from '../engine/model.js';
import { hasWildcard } from './wildcard.js';

export interface RedundantEntry {
  readonly entry: Located<string>;
  /** The entry that makes it redundant (the first equal one, or the first covering one). */
  readonly by: Located<string>;
  readonly reason: 'duplicate' | 'covered';
}

/** Literal text of a covering entry that every entry it covers must show too. */
export interface Affixes {
  /** Text the covered key starts with. */
  readonly prefix: string;
  /** Text the covered key ends with (after the prefix: the key is at least as long as both). */
  readonly suffix: string;
  /** Text the covered key contains (a part between wildcards; may be empty). */
  readonly inner: string;
}

export interface EntryComparison {
  /** Canonical form: two entries are the same entry when their keys are equal (actions ignore case). */
  readonly key: (value: string) => string;
  /** Does every string matched by `specific` also match `general`? */
  readonly covers: (general: string, specific: string) => boolean;
  /**
   * Optional fast rejection, given a covering entry's key: the key of every entry it covers
   * starts with `prefix`, ends with `suffix`, is at least as long as both together and
   * contains `inner`. Must hold whenever `covers` is true; it only spares calls to `covers`.
   */
  readonly affixes?: (generalKey: string) => Affixes;
}

/**
 * Affixes of a plain IAM wildcard pattern (an action, lower-cased by its key): the text before
 * its first `*` or `?`, the text after its last one, and the longest text between two of them.
 * A pattern without wildcards covers only itself.
 */
export function wildcardAffixes(pattern: string): Affixes {
  let first = -1;
  let last = -1;
  let inner = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charCodeAt(i);
    if (ch === 42 || ch === 63) {
      if (first < 0) first = i;
      else if (i - last - 1 > inner.length) inner = pattern.slice(last + 1, i);
      last = i;
    }
  }
  if (first < 0) return { prefix: pattern, suffix: '', inner: '' };
  return { prefix: pattern.slice(0, first), suffix: pattern.slice(last + 1), inner };
}

/** Up to this many covering entries a plain scan beats the prefix search. */
const SCAN_LIMIT = 8;

/**
 * Covering entries grouped by literal prefix, for finding the ones that may cover a given key.
 * Entry k has affixes `affixes[k]` and is reported as `positions[k]` (the caller's index: of
 * the entry in its list, or of the statement listing it; several entries may share one).
 *
 * The distinct prefixes are sorted; each knows its longest proper prefix among them (`parent`).
 * The prefixes a key starts with are then found without trying each: binary-search the greatest
 * prefix <= key; every prefix of the key lies between it and the key in sorted order, so is a
 * prefix of it too, no longer than the part it shares with the key: walk up its parents.
 */
export class CoveringIndex {
  /** Distinct prefixes, sorted (empty for a small index: plain scan). */
  private readonly sorted: string[] = [];
  /** For each sorted prefix: indexes into `positions`, ascending. */
  private readonly members: number[][] = [];
  /** For each sorted prefix: the index of its longest proper prefix among them, or -1. */
  private readonly parent: number[] = [];

  constructor(
    private readonly affixes: readonly Affixes[],
    private readonly positions: readonly number[],
  ) {
    if (positions.length <= SCAN_LIMIT) return;
    const byPrefix = new Map<string, number[]>();
    affixes.forEach(({ prefix }, k) => {
      const group = byPrefix.get(prefix);
      if (group) group.push(k);
      else byPrefix.set(prefix, [k]);
    });
    // The default sort compares UTF-16 code units, as startsWith and <= do.
    this.sorted = [...byPrefix.keys()].sort();
    const stack: number[] = [];
    this.sorted.forEach((prefix, i) => {
      this.members.push(byPrefix.get(prefix)!);
      while (stack.length > 0 && !prefix.startsWith(this.sorted[stack[stack.length - 1]])) stack.pop();
      this.parent.push(stack.length > 0 ? stack[stack.length - 1] : -1);
      stack.push(i);
    });
  }

  private fits(k: number, key: string): boolean {
    const { prefix, suffix, inner } = this.affixes[k];
    return (
      key.length >= prefix.length + suffix.length &&
      key.startsWith(prefix) &&
      key.endsWith(suffix) &&
      (inner.length === 0 || key.includes(inner))
    );
  }

  /** The longest sorted prefix that `key` starts with, or -1; its parents are the others. */
  private longestPrefixOf(key: string): number {
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= key) {
        at = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (at < 0) return -1;
    const nearest = sorted[at];
    let shared = 0;
    const limit = Math.min(nearest.length, key.length);
    while (shared < limit && nearest.charCodeAt(shared) === key.charCodeAt(shared)) shared++;
    while (at >= 0 && sorted[at].length > shared) at = this.parent[at];
    return at;
  }

  /** Positions of the entries that may cover `key` (their affixes fit it), ascending, in `out` (repeats kept). */
  candidates(key: string, out: number[]): number[] {
    out.length = 0;
    if (this.sorted.length === 0) {
      for (let k = 0; k < this.positions.length; k++) if (this.fits(k, key)) out.push(this.positions[k]);
      return out;
    }
    let groups = 0;
    for (let at = this.longestPrefixOf(key); at >= 0; at = this.parent[at]) {
      const before = out.length;
      for (const k of this.members[at]) if (this.fits(k, key)) out.push(this.positions[k]);
      if (out.length > before) groups++;
    }
    if (groups > 1) out.sort((a, b) => a - b);
    return out;
  }

  /** How many entries have a prefix that `key` starts with: an upper bound of its candidates. */
  countCandidates(key: string): number {
    if (this.sorted.length === 0) return this.positions.length;
    let count = 0;
    for (let at = this.longestPrefixOf(key); at >= 0; at = this.parent[at]) count += this.members[at].length;
    return count;
  }
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
  const firsts = firstOccurrences(keys);
  const coverIndexes: number[] = [];
  for (let j = 0; j < values.length; j++) if (canCover(values[j].value)) coverIndexes.push(j);
  const out: RedundantEntry[] = [];
  if (coverIndexes.length === 0 && firsts === undefined) return out;
  const index = compare.affixes && coverIndexes.length > 0 ? new CoveringIndex(coverIndexes.map((j) => compare.affixes!(keys[j])), coverIndexes) : undefined;
  const candidates: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const entry = values[i];
    const first = firsts === undefined ? i : firsts[i];
    if (first < i) {
      out.push({ entry, by: values[first], reason: 'duplicate' });
      continue;
    }
    if (coverIndexes.length === 0) continue;
    const key = keys[i];
    for (const j of index ? index.candidates(key, candidates) : coverIndexes) {
      if (j === i || keys[j] === key || !compare.covers(values[j].value, entry.value)) continue;
      // Mutual cover: keep the earlier entry, report the later one.
      if (j > i && compare.covers(entry.value, values[j].value)) continue;
      out.push({ entry, by: values[j], reason: 'covered' });
      break;
    }
  }
  return out;
}

/** Up to this many keys, comparing each with the earlier ones beats hashing them into a Map. */
const PAIRWISE_LIMIT = 32;

/** For each key, the index of its first occurrence; undefined when no key repeats. */
function firstOccurrences(keys: readonly string[]): Int32Array | undefined {
  let firsts: Int32Array | undefined;
  const repeat = (i: number, first: number): void => {
    firsts ??= Int32Array.from(keys, (_, k) => k);
    firsts[i] = first;
  };
  if (keys.length <= PAIRWISE_LIMIT) {
    for (let i = 1; i < keys.length; i++) {
      const key = keys[i];
      for (let j = 0; j < i; j++) {
        if (keys[j] === key) {
          repeat(i, j);
          break;
        }
      }
    }
    return firsts;
  }
  const byKey = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const first = byKey.get(keys[i]);
    if (first === undefined) byKey.set(keys[i], i);
    else repeat(i, first);
  }
  return firsts;
}
