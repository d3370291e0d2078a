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
