/**
 * Memos of pure functions of strings: policies repeat the same entries, ARNs and condition keys
 * thousands of times, so rules and src/iam remember what they derive from each. A memo empties
 * itself when it reaches its limit, so a long-running process cannot grow without bound.
 */

export const MEMO_LIMIT = 1 << 15;

/** `compute(key)`, remembered in `memo` (an `undefined` answer is remembered too). */
export function remembered<K, V>(memo: Map<K, V>, key: K, compute: (key: K) => V, limit = MEMO_LIMIT): V {
  const found = memo.get(key);
  if (found !== undefined || memo.has(key)) return found as V;
  const value = compute(key);
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}

/** Longest pattern kept among the many: real ARNs and patterns are at most 2,048 characters. */
export const LONG_PATTERN = 2048;

/**
 * A memo of what is derived from a pattern: patterns up to LONG_PATTERN characters by the
 * thousand (`limit`), longer ones only the last few. A huge hostile pattern is then asked about
 * for every format of every action without being prepared again each time, yet cannot hold
 * megabytes.
 */
export class PatternCache<V> {
  private readonly short = new Map<string, V>();
  private readonly long = new Map<string, V>();

  constructor(private readonly limit = MEMO_LIMIT) {}

  get(pattern: string, compute: (pattern: string) => V): V {
    return pattern.length <= LONG_PATTERN ? remembered(this.short, pattern, compute, this.limit) : remembered(this.long, pattern, compute, 8);
  }
}
