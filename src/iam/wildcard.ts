/**
 * IAM wildcard semantics: `*` matches any sequence of characters (including `/` and `:`),
 * `?` matches exactly one character, everything else is literal.
 *
 * No regular expression is ever built from a pattern and nothing here recurses, so hostile
 * patterns (`a*a*a*…b` against a long string) cost at most O(n·m) and usually far less.
 */
import { PatternCache } from './memo.js';

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** Does the concrete string `value` match `pattern`? */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  if (caseInsensitive) {
    pattern = pattern.toLowerCase();
    value = value.toLowerCase();
  }
  return globMatch(pattern, value, false);
}

/**
 * Is every string matched by pattern `specific` also matched by pattern `general`?
 *
 * `specific` is read as a string over an alphabet that includes the symbols `*` and `?`:
 * a `*` in `general` absorbs any run of symbols, a `?` in `general` absorbs one literal or
 * one `?` (never a `*`, which may stand for zero or many characters), a literal only itself.
 * That is sound (a `true` is always right) but not complete: `??*` really covers `?*?`
 * (both need at least two characters) yet is reported as not covering it. Such cases are
 * rare in policies and a `false` only costs a missed "already covered" hint.
 */
export function wildcardCovers(general: string, specific: string, caseInsensitive = false): boolean {
  if (caseInsensitive) {
    general = general.toLowerCase();
    specific = specific.toLowerCase();
  }
  return globMatch(general, specific, true);
}

/** Is there at least one concrete string matched by both patterns? Exact. */
export function wildcardIntersects(a: string, b: string, caseInsensitive = false): boolean {
  if (caseInsensitive) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  if (!hasWildcard(a)) return globMatch(b, a, false);
  if (!hasWildcard(b)) return globMatch(a, b, false);
  return tokensIntersect(tokenize(a), tokenize(b));
}

// ---------------------------------------------------------------------------------------------
// Greedy segment matcher (wildcardMatch, wildcardCovers)
// ---------------------------------------------------------------------------------------------

/**
 * Classic glob-with-star matching: split the pattern on `*`; the first segment is anchored at
 * the start, the last at the end, and the middle ones are taken at their leftmost occurrence.
 * Leftmost is always safe because every gap between segments is a `*`.
 *
 * With `symbolic`, `*` and `?` in `value` are symbols (see wildcardCovers): a pattern `?`
 * does not match a value `*`, and a pattern literal never equals a value `*`/`?`
 * (a pattern literal cannot be `*` or `?`).
 */
function globMatch(pattern: string, value: string, symbolic: boolean): boolean {
  // Most calls fail on the first or the last character: reject those before any other work.
  const plen = pattern.length;
  if (plen === 0) return value.length === 0;
  const p0 = pattern.charCodeAt(0);
  if (p0 !== STAR && p0 !== QUESTION && p0 !== value.charCodeAt(0)) return false;
  const pz = pattern.charCodeAt(plen - 1);
  if (pz !== STAR && pz !== QUESTION && pz !== value.charCodeAt(value.length - 1)) return false;
  if (pattern.indexOf('*') < 0) {
    return plen === value.length && segmentMatchesAt(pattern, value, 0, symbolic);
  }
  const segments = segmentsOf(pattern);
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first.length + last.length > value.length) return false;
  if (!segmentMatchesAt(first, value, 0, symbolic)) return false;
  const end = value.length - last.length;
  if (!segmentMatchesAt(last, value, end, symbolic)) return false;
  let pos = first.length;
  for (let k = 1; k < segments.length - 1; k++) {
    const segment = segments[k];
    if (segment.length === 0) continue;
    const found = findSegment(segment, value, pos, end, symbolic);
    if (found < 0) return false;
    pos = found + segment.length;
  }
  return true;
}

const segmentCache = new PatternCache<readonly string[]>(8192);
const splitOnStars = (pattern: string): readonly string[] => pattern.split('*');

/** `pattern.split('*')`, cached: the same few thousand patterns are matched again and again. */
function segmentsOf(pattern: string): readonly string[] {
  return segmentCache.get(pattern, splitOnStars);
}

/** Leftmost index >= from where `segment` matches and ends at or before `end`, or -1. */
function findSegment(segment: string, value: string, from: number, end: number, symbolic: boolean): number {
  if (!segment.includes('?')) {
    const found = value.indexOf(segment, from);
    return found >= 0 && found + segment.length <= end ? found : -1;
  }
  for (let start = from; start + segment.length <= end; start++) {
    if (segmentMatchesAt(segment, value, start, symbolic)) return start;
  }
  return -1;
}

/** Does the star-free `segment` match `value` at `start` (value long enough is checked)? */
function segmentMatchesAt(segment: string, value: string, start: number, symbolic: boolean): boolean {
  if (start + segment.length > value.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const p = segment.charCodeAt(i);
    const v = value.charCodeAt(start + i);
    if (p === QUESTION) {
      if (symbolic && v === STAR) return false;
    } else if (p !== v) {
      return false;
    }
  }
  return true;
}

const STAR = 42; // '*'
const QUESTION = 63; // '?'

// ---------------------------------------------------------------------------------------------
// Token automaton (wildcardIntersects, and ARN formats with restricted variables)
// ---------------------------------------------------------------------------------------------

/**
 * One pattern position. `one`: exactly one character; `star`: any run of characters.
 * `char` set: only that character (a literal). `exclude`: characters the token may not
 * produce (used for ARN format variables, which cannot contain `:` or, for bucket names, `/`).
 */
export interface WildcardToken {
  kind: 'one' | 'star';
  char?: string;
  exclude?: string;
}

/** Tokens of a plain IAM wildcard pattern (`*`, `?`, literals). */
export function tokenize(pattern: string): WildcardToken[] {
  const tokens: WildcardToken[] = [];
  for (const ch of pattern) {
    if (ch === '*') {
      // `**` is the same as `*`; collapsing keeps the automaton small.
      if (tokens.length > 0 && isPlainStar(tokens[tokens.length - 1])) continue;
      tokens.push(STAR_TOKEN);
    } else if (ch === '?') {
      tokens.push(ANY_TOKEN);
    } else {
      tokens.push(literalToken(ch));
    }
  }
  return tokens;
}

const STAR_TOKEN: WildcardToken = Object.freeze({ kind: 'star' });
const ANY_TOKEN: WildcardToken = Object.freeze({ kind: 'one' });

// Tokens are immutable and compared by content, so one object per character (and per
// restricted kind) serves every pattern: memos hold thousands of tokenized patterns, and an
// object per character was ~15 MB of the corpus run's live heap.
const literalTokens = new Map<string, WildcardToken>();
const restrictedTokens = new Map<string, WildcardToken>();

/** The shared token matching exactly this character. */
export function literalToken(ch: string): WildcardToken {
  let token = literalTokens.get(ch);
  if (token === undefined) literalTokens.set(ch, (token = Object.freeze({ kind: 'one' as const, char: ch })));
  return token;
}

/** The shared `one` or `star` token that may not produce the characters in `exclude` (none when undefined). */
export function restrictedToken(kind: 'one' | 'star', exclude: string | undefined): WildcardToken {
  if (exclude === undefined) return kind === 'star' ? STAR_TOKEN : ANY_TOKEN;
  const key = `${kind}\u0000${exclude}`;
  let token = restrictedTokens.get(key);
  if (token === undefined) restrictedTokens.set(key, (token = Object.freeze({ kind, exclude })));
  return token;
}

function isPlainStar(t: WildcardToken): boolean {
  return t.kind === 'star' && t.exclude === undefined;
}

/** Can two single-character positions produce the same character? */
function compatible(x: WildcardToken, y: WildcardToken): boolean {
  if (x.char !== undefined && y.char !== undefined) return x.char === y.char;
  if (x.char !== undefined) return !(y.exclude ?? '').includes(x.char);
  if (y.char !== undefined) return !(x.exclude ?? '').includes(y.char);
  // Two unrestricted-ish positions: exclusion sets are tiny, some character always remains.
  return true;
}

/**
 * Product-automaton reachability over (i, j) = positions in a and b, one rolling row at a
 * time. A star may stay put while the other side produces a character it accepts, or be
 * skipped; two single positions advance together when compatible. O(|a|·|b|) time,
 * O(|b|) memory.
 */
export function tokensIntersect(a: readonly WildcardToken[], b: readonly WildcardToken[]): boolean {
  const n = a.length;
  const m = b.length;
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  current[0] = 1;
  for (let i = 0; i <= n; i++) {
    next.fill(0);
    const ta = i < n ? a[i] : undefined;
    let any = false;
    for (let j = 0; j <= m; j++) {
      if (current[j] === 0) continue;
      any = true;
      if (i === n && j === m) return true;
      const tb = j < m ? b[j] : undefined;
      if (ta?.kind === 'star') {
        next[j] = 1; // a's star matches nothing more
        if (tb && tb.kind === 'one' && compatible(ta, tb)) current[j + 1] = 1; // a's star eats b's char
      }
      if (tb?.kind === 'star') {
        current[j + 1] = 1; // b's star matches nothing more
        if (ta && ta.kind === 'one' && compatible(ta, tb)) next[j] = 1; // b's star eats a's char
      }
      if (ta?.kind === 'one' && tb?.kind === 'one' && compatible(ta, tb)) next[j + 1] = 1;
    }
    if (!any) return false;
    [current, next] = [next, current];
  }
  return false;
}
