import { describe, expect, it } from 'vitest';
import { LONG_PATTERN, PatternCache, remembered } from '../../src/iam/memo.js';
import { arnCanMatchFormat, MAX_ARN_LENGTH } from '../../src/iam/service-data.js';

describe('remembered', () => {
  it('computes a key once, remembers undefined answers, and starts over at its limit', () => {
    const memo = new Map<string, string | undefined>();
    let calls = 0;
    const compute = (k: string) => (calls++, k === 'none' ? undefined : k.toUpperCase());
    expect([remembered(memo, 'a', compute, 2), remembered(memo, 'a', compute, 2), remembered(memo, 'none', compute, 2), remembered(memo, 'none', compute, 2)]).toEqual(['A', 'A', undefined, undefined]);
    expect(calls).toBe(2);
    remembered(memo, 'b', compute, 2); // full: emptied, then b
    expect([...memo.keys()]).toEqual(['b']);
  });
});

describe('PatternCache', () => {
  it('keeps short patterns up to its limit and only the last few long ones, computing each once while kept', () => {
    const cache = new PatternCache<number>(4);
    let calls = 0;
    const length = (p: string) => (calls++, p.length);
    const long = (c: string) => c.repeat(LONG_PATTERN + 1);
    expect(cache.get(long('a'), length)).toBe(LONG_PATTERN + 1);
    expect(cache.get(long('a'), length)).toBe(LONG_PATTERN + 1);
    expect(calls).toBe(1);
    for (const c of 'bcdefghi') cache.get(long(c), length); // 8 more long patterns: the first is dropped
    const before = calls;
    cache.get(long('a'), length);
    expect(calls).toBe(before + 1);
    cache.get('short', length);
    cache.get('short', length);
    expect(calls).toBe(before + 2);
  });
});

describe('arnCanMatchFormat and the longest ARN', () => {
  const format = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
  it('a pattern that needs more characters than any ARN has matches no format', () => {
    expect(arnCanMatchFormat(`arn:aws:s3:::b/${'a*'.repeat(MAX_ARN_LENGTH)}`, format)).toBe(false);
    expect(arnCanMatchFormat(`arn:aws:s3:::b/${'a'.repeat(MAX_ARN_LENGTH)}`, format)).toBe(false);
  });
  it('a long pattern made of stars and variables is still judged as usual', () => {
    expect(arnCanMatchFormat(`arn:aws:s3:::b/${'*'.repeat(3 * MAX_ARN_LENGTH)}`, format)).toBe(true);
    expect(arnCanMatchFormat(`arn:aws:s3:::b/${'${aws:username}'.repeat(400)}`, format)).toBe(true);
    expect(arnCanMatchFormat(`arn:aws:s3:::b/${'a*'.repeat(MAX_ARN_LENGTH / 4)}`, format)).toBe(true);
    expect(arnCanMatchFormat(`arn:aws:iam::1:role/${'*'.repeat(3 * MAX_ARN_LENGTH)}`, format)).toBe(false);
  });
});
