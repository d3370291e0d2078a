import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEveryActionPattern, notActionCount } from '../../src/iam/grant-summary.js';
import { actionMatches, expandActionPattern } from '../../src/iam/service-data.js';
import { extractDocuments } from '../../src/parsers/index.js';

let counter = 0;
const notAction = (patterns: string[]) =>
  extractDocuments(`summary${counter++}.json`, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: patterns, Resource: '*' }] })).documents[0].statements[0].action!;

describe('isEveryActionPattern', () => {
  const reference = (value: string) => {
    const colon = value.indexOf(':');
    const onlyStars = (s: string) => /^\*+$/.test(s);
    return colon < 0 ? onlyStars(value) : onlyStars(value.slice(0, colon)) && onlyStars(value.slice(colon + 1));
  };

  it.each([
    ['*', true],
    ['**', true],
    ['*:*', true],
    ['**:***', true],
    ['', false],
    [':', false],
    ['*:', false],
    [':*', false],
    ['*:*:*', false],
    ['*?', false],
    ['s3:*', false],
  ])('%j → %s', (value, expected) => {
    expect(isEveryActionPattern(value)).toBe(expected);
  });

  it('agrees with the regular-expression reading', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('*', ':', 'a', '?'), maxLength: 6 }), (v) => {
        expect(isEveryActionPattern(v)).toBe(reference(v));
      }), { numRuns: 2000 });
  });
});

describe('notActionCount', () => {
  it.each([[['iam:*', 'organizations:*', 'account:*']], [['IAM:*']], [['*']], [['a\u0000b']], [['a', 'b']], [['s3:Get*', 'S3:GETOBJECT']]])('%j: actions no pattern matches', (patterns) => {
    const all = expandActionPattern('*');
    const granted = all.filter((a) => !patterns.some((p) => actionMatches(p, a.fullName))).length;
    expect(notActionCount(notAction(patterns))).toEqual({ granted, total: all.length });
  });
});
