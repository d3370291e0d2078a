import { describe, it, expect } from 'vitest';
import { hasWildcard, literalToken, restrictedToken, tokenize, wildcardCovers, wildcardIntersects, wildcardMatch } from '../../src/iam/wildcard.js';

describe('hasWildcard', () => {
  it.each([
    ['*', true],
    ['s3:Get?bject', true],
    ['arn:aws:s3:::bucket/*', true],
    ['arn:aws:s3:::bucket', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(hasWildcard(s)).toBe(expected);
  });
});

describe('wildcardMatch', () => {
  it.each([
    // [pattern, value, caseInsensitive, expected]
    ['*', '', false, true],
    ['*', 'anything/at:all', false, true],
    ['**', '', false, true],
    ['', '', false, true],
    ['', 'a', false, false],
    ['a', '', false, false],
    ['abc', 'abc', false, true],
    ['abc', 'abd', false, false],
    ['abc', 'ab', false, false],
    ['ab', 'abc', false, false],
    ['?', 'x', false, true],
    ['?', '', false, false],
    ['?', 'xy', false, false],
    ['a?c', 'abc', false, true],
    ['a?c', 'ac', false, false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c', false, true], // `*` crosses `/`
    ['arn:aws:s3:::*', 'arn:aws:s3:::bucket/key', false, true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/path/app', false, true],
    ['arn:aws:*:us-east-1:*', 'arn:aws:sqs:us-east-1:1:queue', false, true], // `*` crosses `:`
    ['a*b*c', 'abc', false, true],
    ['a*b*c', 'aXbYc', false, true],
    ['a*b*c', 'acb', false, false],
    ['a*a', 'a', false, false], // the two literal a's cannot overlap
    ['a*a', 'aa', false, true],
    ['*a*a*', 'aa', false, true],
    ['*ab', 'aab', false, true],
    ['*?', '', false, false],
    ['*?', 'x', false, true],
    ['?*?', 'x', false, false],
    ['a*?b', 'ab', false, false],
    ['a*?b', 'axb', false, true],
    ['*x?z*', 'wxyzx?z', false, true],
    ['*a?a*', 'aba', false, true],
    ['s3:Get*', 'S3:GETOBJECT', false, false],
    ['s3:Get*', 'S3:GETOBJECT', true, true],
    ['S3:?ETOBJECT', 's3:getobject', true, true],
    ['arn:aws:s3:::Bucket', 'arn:aws:s3:::bucket', false, false],
  ])('%j ~ %j (ci=%s) → %s', (pattern, value, ci, expected) => {
    expect(wildcardMatch(pattern, value, ci)).toBe(expected);
  });

  it('a pathological a*a*a*…b pattern against 100k characters returns correctly', () => {
    const pattern = 'a*'.repeat(2000) + 'b';
    const value = 'a'.repeat(100_000);
    expect(wildcardMatch(pattern, value)).toBe(false);
    expect(wildcardMatch(pattern, value + 'b')).toBe(true);
    expect(wildcardMatch('*?a*a?*'.repeat(500) + 'b', value)).toBe(false);
    expect(wildcardCovers(pattern, value)).toBe(false);
    expect(wildcardIntersects(pattern, value)).toBe(false);
    expect(wildcardIntersects(pattern, value + 'b')).toBe(true);
  });

  it('two pathological patterns intersect in bounded time', () => {
    const a = 'a*'.repeat(400) + 'b';
    const b = '*a'.repeat(400) + 'c';
    expect(wildcardIntersects(a, b)).toBe(false);
    expect(wildcardIntersects(a, b.slice(0, -1) + '*')).toBe(true);
  });
});

describe('wildcardCovers', () => {
  it.each([
    // [general, specific, caseInsensitive, expected]
    ['arn:aws:s3:::*', 'arn:aws:s3:::bucket/*', false, true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::*', false, false],
    ['*', '*', false, true],
    ['*', 'anything?*', false, true],
    ['*', '', false, true],
    ['a*', '*', false, false],
    ['s3:*', 's3:Get*', false, true],
    ['s3:Get*', 's3:*', false, false],
    ['s3:Get*', 's3:GetObject', false, true],
    ['s3:GetObject', 's3:Get*', false, false],
    ['s3:GetObject', 's3:GetObject', false, true],
    ['s3:Get?bject', 's3:GetObject', false, true],
    ['s3:Get?bject', 's3:Get?bject', false, true], // `?` covers `?`
    ['s3:Get?bject', 's3:Get*bject', false, false], // `?` never covers `*`
    ['s3:GetObject', 's3:Get?bject', false, false], // literal never covers `?`
    ['a*b', 'a?b', false, true],
    ['a*b', 'a*b', false, true],
    ['a*b', 'a*', false, false],
    ['*a*', 'xa*', false, true],
    ['??', '?', false, false],
    ['?*', '?', false, true],
    ['?*', '*', false, false], // `*` may be empty
    ['S3:GET*', 's3:getobject', false, false],
    ['S3:GET*', 's3:getobject', true, true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/app', false, true],
  ])('%j covers %j (ci=%s) → %s', (general, specific, ci, expected) => {
    expect(wildcardCovers(general, specific, ci)).toBe(expected);
  });
});

describe('wildcardIntersects', () => {
  it.each([
    // [a, b, caseInsensitive, expected]
    ['arn:aws:s3:::a*', 'arn:aws:s3:::*b', false, true],
    ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*', false, false],
    ['arn:aws:s3:::*', 'arn:aws:s3:::bucket/key', false, true],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket', false, true],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::other', false, false],
    ['*', '', false, true],
    ['', '', false, true],
    ['?', '', false, false],
    ['a*', '*b', false, true],
    ['a*', 'b*', false, false],
    ['*a', '*b', false, false],
    ['*a*', '*b*', false, true],
    ['a?c', 'a*c', false, true],
    ['a?c', 'ac', false, false],
    ['a?c', '*', false, true],
    ['??', 'a', false, false],
    ['??', '*?', false, true],
    ['a*a', 'a', false, false],
    ['a*a*', 'a*b*', false, true],
    ['x*y', '*z*', false, true],
    ['x?y', '*z*', false, true],
    ['xy', '*z*', false, false],
    ['A*', 'a*', false, false],
    ['A*', 'a*', true, true],
  ])('%j ∩ %j (ci=%s) → %s', (a, b, ci, expected) => {
    expect(wildcardIntersects(a, b, ci)).toBe(expected);
    expect(wildcardIntersects(b, a, ci)).toBe(expected);
  });
});

/**
 * Exhaustive cross-check on a small universe: every pattern of length ≤ 3 over {a, b, *, ?}
 * against every string of length ≤ 7 over {a, b}. The reference matcher is a regular
 * expression built from these test-generated patterns (never from user input).
 */
describe('exhaustive cross-check against a regular-expression reference', () => {
  const patterns = words(['a', 'b', '*', '?'], 3);
  const strings = words(['a', 'b'], 7);
  const reference = (pattern: string, value: string): boolean =>
    new RegExp('^' + [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('') + '$').test(value);
  const matchSets = new Map(patterns.map((p) => [p, strings.map((s) => reference(p, s))]));

  it('wildcardMatch agrees with the reference', () => {
    for (const p of patterns) {
      for (const [k, s] of strings.entries()) {
        expect(wildcardMatch(p, s), `${p} ~ ${s}`).toBe(matchSets.get(p)![k]);
      }
    }
  });

  it('wildcardIntersects is exact (a common witness of length ≤ 6 exists when they intersect)', () => {
    for (const a of patterns) {
      for (const b of patterns) {
        const witness = matchSets.get(a)!.some((m, k) => m && matchSets.get(b)![k]);
        expect(wildcardIntersects(a, b), `${a} ∩ ${b}`).toBe(witness);
      }
    }
  });

  it('wildcardCovers never claims a cover that a string disproves, and finds the simple ones', () => {
    let found = 0;
    for (const general of patterns) {
      for (const specific of patterns) {
        const g = matchSets.get(general)!;
        const s = matchSets.get(specific)!;
        const trulyCovers = s.every((m, k) => !m || g[k]);
        if (wildcardCovers(general, specific)) {
          found++;
          expect(trulyCovers, `${general} ⊇ ${specific}`).toBe(true);
        }
        // A concrete specific is covered exactly when general matches it.
        if (!specific.includes('*') && !specific.includes('?')) {
          expect(wildcardCovers(general, specific)).toBe(wildcardMatch(general, specific));
        }
      }
    }
    expect(found).toBeGreaterThan(500);
  });
});

function words(alphabet: string[], maxLength: number): string[] {
  const out = [''];
  let frontier = [''];
  for (let n = 1; n <= maxLength; n++) {
    frontier = frontier.flatMap((w) => alphabet.map((c) => w + c));
    out.push(...frontier);
  }
  return out;
}

describe('tokenize', () => {
  it('shares one frozen token per character and per restricted kind (memos hold thousands of patterns)', () => {
    const a = tokenize('ab*a?');
    const b = tokenize('xa**');
    expect(a.map((t) => t.char ?? t.kind)).toEqual(['a', 'b', 'star', 'a', 'one']);
    expect(b.map((t) => t.char ?? t.kind)).toEqual(['x', 'a', 'star']);
    expect(a[0]).toBe(a[3]);
    expect(a[0]).toBe(b[1]);
    expect(a[2]).toBe(b[2]);
    expect(a[0]).toBe(literalToken('a'));
    expect(Object.isFrozen(a[0])).toBe(true);
    expect(restrictedToken('star', ':')).toBe(restrictedToken('star', ':'));
    expect(restrictedToken('star', ':')).toEqual({ kind: 'star', exclude: ':' });
    expect(restrictedToken('one', undefined)).toBe(a[4]);
  });
});
