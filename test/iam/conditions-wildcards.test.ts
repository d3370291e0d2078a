import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onlyWildcards } from '../../src/iam/conditions.js';

describe('onlyWildcards', () => {
  const reference = (value: string) => /^[*?]*\*[*?]*$/.test(value);

  it.each([
    ['*', true],
    ['?*?', true],
    ['**', true],
    ['?', false],
    ['', false],
    ['*a', false],
    ['o-*', false],
  ])('%j → %s', (value, expected) => {
    expect(onlyWildcards(value)).toBe(expected);
  });

  it('says what the regular expression says', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('*', '?', 'a'), maxLength: 8 }), (value) => {
        expect(onlyWildcards(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on a long run of `*` ending in another character', () => {
    const value = `${'*'.repeat(200_000)}b`;
    const started = performance.now();
    expect(onlyWildcards(value)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
