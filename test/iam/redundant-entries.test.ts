/**
 * The fast paths of redundant-entries.ts and resource-pattern.ts (literal affixes as necessary
 * conditions, prefix buckets, pairwise repeats for short lists, a greedy matcher on characters or
 * integer tokens) give exactly the answers of the straightforward versions
 * (redundancy-reference.ts), on pinned tricky cases and on random lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Located } from '../../src/engine/model.js';
import { redundantEntries, wildcardAffixes, type Affixes, type EntryComparison } from '../../src/iam/redundant-entries.js';
import { resourceAffixes, resourceEntryCovers } from '../../src/iam/resource-pattern.js';
import { wildcardCovers } from '../../src/iam/wildcard.js';
import { referenceRedundantEntries, referenceResourceEntryCovers } from './redundancy-reference.js';

const ACTIONS: EntryComparison = { key: (v) => v.toLowerCase(), covers: (g, s) => wildcardCovers(g, s, true), affixes: wildcardAffixes };
const RESOURCES: EntryComparison = { key: (v) => v, covers: resourceEntryCovers, affixes: resourceAffixes };
const REFERENCE_RESOURCES: EntryComparison = { key: (v) => v, covers: referenceResourceEntryCovers };

const located = (values: readonly string[]): Located<string>[] =>
  values.map((value, i) => ({ value, path: ['Action', i], range: { start: { line: 1, column: i + 1, offset: i }, end: { line: 1, column: i + 2, offset: i + 1 } } }));

/** Findings as `index<by:reason`, comparable across implementations. */
const summary = (values: readonly Located<string>[], found: ReturnType<typeof redundantEntries>): string[] =>
  found.map((r) => `${values.indexOf(r.entry)}<${values.indexOf(r.by)}:${r.reason}`);

const fits = (a: Affixes, key: string): boolean =>
  key.length >= a.prefix.length + a.suffix.length && key.startsWith(a.prefix) && key.endsWith(a.suffix) && key.includes(a.inner);

// Pieces that make the tricky cases likely: wildcards, variables, escapes, `$`/`{`/`}` that are
// not variables, non-ASCII letters whose lower case is longer (İ) or that have no lower case (ß).
const RESOURCE_PIECES = ['a', 'b', 'A', ':', '/', '*', '*', '?', '$', '{', '}', '${aws:username}', '${aws:userid}', '${ aws:username }', '${*}', '${?}', '${$}', '${x}', '${a:}', 'arn:aws:s3:::'];
const ACTION_PIECES = ['s3:', 'S3:', 'ec2:', 'g', 'G', 'e', 't', '*', '*', '?', 'İ', 'i', 'ß', ':'];
const pattern = (pieces: string[], max: number) => fc.array(fc.constantFrom(...pieces), { maxLength: max }).map((p) => p.join(''));

describe('resourceEntryCovers', () => {
  it.each([
    // `${$}` is the character `$`, matched by a plain `$` that starts no variable: the prefix stops at `$`.
    ['a${$}{x}*', 'a${x}', true],
    ['a${$}*', 'a$b', true],
    ['a$*', 'a${$}b', true],
    // A variable is matched only by the same variable or a star; a default value is part of the name.
    ['x/${aws:username}/*', 'x/${ aws:username }/y', true],
    ['x/${aws:username}', 'x/${aws:username, \'guest\'}', false],
    ['x/*/${aws:username}', 'x/a/${aws:username}', true],
    ['x/*/${aws:username}', 'x/a/alice', false],
    // Runs of stars are one star on either side; `?` never takes a star.
    ['a**b', 'a*b', true],
    ['a*b', 'a**b', true],
    ['a?*', 'a**', false],
    ['a*?*b', 'a?b', true],
    // Parts between stars are placed leftmost.
    ['*ab*ab*', 'xabyabz', true],
    ['*ab*ab*', 'xaby', false],
    ['*a?a*', 'ba*aba', true],
    ['*a?a*', 'ba*aa', false],
    // Literal general entries (no `*` or `?`) cover only themselves, even spelled otherwise.
    ['x/${ aws:username }', 'x/${aws:username}', false],
  ])('%s covers %s: %s', (general, specific, expected) => {
    expect(referenceResourceEntryCovers(general, specific)).toBe(expected);
    expect(resourceEntryCovers(general, specific)).toBe(expected);
  });

  it('agrees with the dynamic programme on random entries', () => {
    const entry = pattern(RESOURCE_PIECES, 8);
    fc.assert(
      fc.property(entry, entry, (g, s) => resourceEntryCovers(g, s) === referenceResourceEntryCovers(g, s)),
      { numRuns: 4000 },
    );
  });

  it('agrees on entries built from each other (covers are frequent)', () => {
    const entry = pattern(RESOURCE_PIECES, 6);
    const covering = fc.tuple(entry, entry, entry).map(([a, b, c]) => [`${a}*${c}`, `${a}${b}${c}`] as const);
    fc.assert(
      fc.property(covering, ([g, s]) => resourceEntryCovers(g, s) === referenceResourceEntryCovers(g, s)),
      { numRuns: 3000 },
    );
  });
});

describe('affixes are necessary conditions of a cover', () => {
  it.each([
    ['arn:aws:s3:::b/${aws:username}/*', { prefix: 'arn:aws:s3:::b/', suffix: '', inner: '/' }],
    ['arn:aws:ec2:*:*:instance/*', { prefix: 'arn:aws:ec2:', suffix: '', inner: ':instance/' }],
    ['a${$}{x}*z', { prefix: 'a', suffix: 'z', inner: '{x}' }],
    ['a*b}c', { prefix: 'a', suffix: 'c', inner: '' }],
    ['a${x', { prefix: 'a', suffix: '', inner: '' }],
    ['no-wildcard', { prefix: 'no-wildcard', suffix: '', inner: '' }],
  ])('resourceAffixes(%s)', (general, expected) => {
    expect(resourceAffixes(general)).toEqual(expected);
  });

  it.each([
    ['s3:get*', { prefix: 's3:get', suffix: '', inner: '' }],
    ['*:get*object?', { prefix: '', suffix: '', inner: 'object' }],
    ['s3:*object', { prefix: 's3:', suffix: 'object', inner: '' }],
    ['s3:getobject', { prefix: 's3:getobject', suffix: '', inner: '' }],
  ])('wildcardAffixes(%s)', (general, expected) => {
    expect(wildcardAffixes(general)).toEqual(expected);
  });

  it('resource entries', () => {
    const entry = pattern(RESOURCE_PIECES, 7);
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        for (const [g, s] of [[`${a}*${c}`, `${a}${b}${c}`], [a, b], [`${a}?${c}`, `${a}${b}${c}`]]) {
          if (referenceResourceEntryCovers(g, s) && !fits(resourceAffixes(g), s)) return false;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('actions (keys in lower case)', () => {
    const entry = pattern(ACTION_PIECES, 7);
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        for (const [g, s] of [[`${a}*${c}`, `${a}${b}${c}`], [a, b], [`${a}?${c}`, `${a}${b}${c}`]]) {
          if (wildcardCovers(g, s, true) && !fits(wildcardAffixes(g.toLowerCase()), s.toLowerCase())) return false;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('redundantEntries', () => {
  const check = (values: string[], compare: EntryComparison, reference: EntryComparison = compare) => {
    const entries = located(values);
    expect(summary(entries, redundantEntries(entries, compare))).toEqual(summary(entries, referenceRedundantEntries(entries, reference)));
  };
  // More than 8 wildcards: they are bucketed by prefix rather than scanned.
  const padding = Array.from({ length: 10 }, (_, i) => `svc${i}:Do*`);

  it('reports the first covering entry, whichever bucket it is in', () => {
    const values = [...padding, 's3:GetObject', 's3:*', 's3:Get*', '*'];
    const entries = located(values);
    expect(summary(entries, redundantEntries(entries, ACTIONS))).toEqual([...padding.map((_, i) => `${i}<13:covered`), '10<11:covered', '11<13:covered', '12<11:covered']);
    check(values, ACTIONS);
    check(['s3:GetObject', 's3:Get*', 's3:*'], ACTIONS);
  });

  it('finds a covering prefix behind a longer one that is not a prefix of the entry', () => {
    // Sorted prefixes: … "s3:", "s3:a", "svc0:do" …; "s3:getobject" sorts after "s3:a", whose parent "s3:" covers it.
    const values = [...padding, 's3:*', 's3:a*', 's3:GetObject'];
    const entries = located(values);
    expect(summary(entries, redundantEntries(entries, ACTIONS)).slice(-2)).toEqual(['11<10:covered', '12<10:covered']);
    check(values, ACTIONS);
  });

  it('mutual covers keep the earlier entry, with and without buckets', () => {
    for (const values of [['s3:*', 's3:**'], [...padding, 's3:**', 's3:*'], ['a/*', 'a/**', 'a/*'], [...padding, 'a/**', 'a/*', 'a/**']]) {
      check(values, ACTIONS);
      check(values, RESOURCES, REFERENCE_RESOURCES);
    }
    const entries = located([...padding, 's3:**', 's3:*']);
    expect(summary(entries, redundantEntries(entries, ACTIONS)).slice(-1)).toEqual(['11<10:covered']);
  });

  it('repeats: the first occurrence, ignoring case for actions, in short and long lists', () => {
    const short = ['s3:GetObject', 'S3:GETOBJECT', 'ec2:RunInstances', 's3:getobject'];
    const long = [...Array.from({ length: 40 }, (_, i) => `svc:Action${i}`), ...short, 'SVC:action7'];
    for (const values of [short, long, ['İx', 'i̇x', 'I\u0307X'], ['ß', 'SS', 'ss']]) check(values, ACTIONS);
    const entries = located(long);
    expect(summary(entries, redundantEntries(entries, ACTIONS))).toEqual(['41<40:duplicate', '43<40:duplicate', '44<7:duplicate']);
  });

  it('agrees with the reference on random action lists', () => {
    fc.assert(
      fc.property(fc.array(pattern(ACTION_PIECES, 5), { maxLength: 60 }), (values) => {
        check(values, ACTIONS);
      }),
      { numRuns: 600 },
    );
  });

  it('agrees with the reference on random lists of entries sharing prefixes', () => {
    const entry = fc.array(fc.constantFrom('a', 'b', 'A', ':', '*', '?'), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (values) => {
        check(values, ACTIONS);
        check(values, RESOURCES, REFERENCE_RESOURCES);
      }),
      { numRuns: 600 },
    );
  });

  it('agrees with the reference on random resource lists', () => {
    fc.assert(
      fc.property(fc.array(pattern(RESOURCE_PIECES, 5), { maxLength: 60 }), (values) => {
        check(values, RESOURCES, REFERENCE_RESOURCES);
      }),
      { numRuns: 600 },
    );
  });
});
