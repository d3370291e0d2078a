/**
 * The fast paths that rules use to ask statements about actions (statement.ts, evaluate.ts) must
 * give the answers of the plain definitions: `actionMatches` over the entries in order for
 * `actionMayMatch`/`entryMatchesAction`/`actionEntryFor`, the service list for
 * `literalServiceOf`, `wildcardMatch` for compiled patterns. Tables pin the tricky cases (case,
 * characters other than ASCII whose lowercase is ASCII or longer, wildcards around the `:`);
 * properties compare on generated entries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/engine/model.js';
import { compilePattern, PatternMemo, patternMatches } from '../../src/iam/evaluate.js';
import { actionMatches, allServicePrefixes, getAction, serviceActions, serviceExists } from '../../src/iam/service-data.js';
import { actionEntryFor, actionMayMatch, coversAction, entryMatchesAction, entryServices, literalServiceOf } from '../../src/iam/statement.js';
import { wildcardMatch } from '../../src/iam/wildcard.js';
import { parseJson } from '../../src/parsers/json.js';
import { normalizeDocument } from '../../src/parsers/normalize.js';

function statement(element: 'Action' | 'NotAction', actions: string | string[]): Statement {
  const r = parseJson(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [element]: actions, Resource: '*' }] }));
  if (!r.ok) throw new Error(r.error.message);
  return normalizeDocument(r.root, { id: 'p#0', filePath: 'p.json' }).statements[0]!;
}

const KELVIN = '\u212A'; // lowercases to ASCII `k`
const DOTTED_I = '\u0130'; // lowercases to two characters
const SIGMA = '\u03A3'; // lowercases to `σ`, or `ς` at the end of a word

/** Characters of generated entries: ASCII of both cases, wildcards, `:`, and the odd ones above. */
const entryChar = fc.constantFrom('a', 'A', 'b', 'B', 'k', 'K', 'i', 'I', 's', 'S', '3', '-', ':', ':', '*', '*', '?', KELVIN, DOTTED_I, SIGMA, 'σ', 'ς');
const entryText = fc.string({ unit: entryChar, maxLength: 8 });
/** Lowercase targets (what rules pass), built from the same alphabet. */
const target = fc.string({ unit: entryChar, maxLength: 8 }).map((s) => s.replaceAll('*', 'x').replaceAll('?', 'y').toLowerCase());

const someActions = ['iam:PassRole', 's3:GetObject', 'ecr:GetAuthorizationToken', 'kms:CreateGrant', 'sts:AssumeRole', 'ec2-instance-connect:SendSSHPublicKey', 'iam:CreateAccessKey'];
/** Entries that look like policies: real names in any case, trimmed, with wildcards spliced in. */
const realisticEntry = fc.oneof(
  entryText,
  fc.tuple(fc.constantFrom(...someActions), fc.nat(), fc.nat(), fc.constantFrom('*', '?', '', KELVIN, 'X')).map(([a, i, j, w]) => {
    const cut = i % (a.length + 1);
    const cased = j % 3 === 0 ? a.toUpperCase() : j % 3 === 1 ? a.toLowerCase() : a;
    return cased.slice(0, cut) + w + cased.slice(cut + (j % 2));
  }),
);
const lowercaseAction = fc.oneof(fc.constantFrom(...someActions.map((a) => a.toLowerCase())), target);

describe('the AWS data the fast paths rely on', () => {
  it('has lowercase ASCII service prefixes shorter than 64 characters', () => {
    for (const prefix of allServicePrefixes()) expect(prefix).toMatch(/^[a-z0-9-]{1,63}$/);
  });

  it('names actions in ASCII, one per lowercase name and service', () => {
    for (const service of ['iam', 's3', 'ecr', 'kms', 'sts', 'ec2', 'lambda']) {
      for (const action of serviceActions(service)) {
        expect(action.name).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(getAction(service, action.name.toLowerCase())).toBe(action);
      }
    }
  });
});

describe('actionMayMatch / entryMatchesAction', () => {
  it.each([
    ['IAM:PassRole', 'iam:passrole', true],
    ['iam:Pass*', 'iam:passrole', true],
    ['iam:Pass*Role', 'iam:passrole', true],
    ['iam:Pass*XRole', 'iam:passrole', false],
    ['ab*b', 'ab', false],
    ['iam:Pass?ole', 'iam:passrole', true],
    ['iam:PassRol', 'iam:passrole', false],
    ['*:passrole', 'iam:passrole', true],
    [`${KELVIN}ms:CreateGrant`, 'kms:creategrant', true],
    [`iam:CreateAccess${KELVIN}ey`, 'iam:createaccesskey', true],
    [`iam:*${KELVIN}ey`, 'iam:createaccesskey', true],
    [`${DOTTED_I}am:PassRole`, 'iam:passrole', false],
    [`a${SIGMA}:x`, 'aσ:x', true],
    [`a${SIGMA}`, 'aς', true],
    [`a${SIGMA}`, 'aσ', false],
  ])('%s against %s', (pattern, action, matches) => {
    expect(actionMatches(pattern, action)).toBe(matches);
    expect(entryMatchesAction(pattern, action)).toBe(matches);
    if (matches) expect(actionMayMatch(pattern, 0, action)).toBe(true);
  });

  it('reads the part after the service from `from`', () => {
    expect(actionMayMatch('s3:Get*', 3, 'getobject')).toBe(true);
    expect(actionMayMatch('S3:GETOBJECT', 3, 'getobject')).toBe(true);
    expect(actionMayMatch('s3:Put*', 3, 'getobject')).toBe(false);
    expect(actionMayMatch('s3:*Acl', 3, 'getobject')).toBe(false);
    expect(actionMayMatch('s3:GetObject', 3, 'getobjectacl')).toBe(false);
  });

  it('is a necessary condition of actionMatches, and entryMatchesAction is actionMatches', () => {
    fc.assert(
      fc.property(realisticEntry, lowercaseAction, (pattern, action) => {
        const matches = actionMatches(pattern, action);
        expect(entryMatchesAction(pattern, action)).toBe(matches);
        if (matches) expect(actionMayMatch(pattern, 0, action)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('is a necessary condition of matching the name part after an ASCII service part', () => {
    fc.assert(
      fc.property(fc.constantFrom('iam', 'S3', 'Ecr'), entryText, target, (service, rest, name) => {
        const pattern = `${service}:${rest}`;
        const from = service.length + 1;
        if (wildcardMatch(pattern.toLowerCase().slice(from), name)) expect(actionMayMatch(pattern, from, name)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('literalServiceOf', () => {
  it('finds every known service in any case', () => {
    for (const prefix of allServicePrefixes()) {
      expect(literalServiceOf(`${prefix}:GetThing`, prefix.length)).toBe(prefix);
      expect(literalServiceOf(`${prefix.toUpperCase()}:*`, prefix.length)).toBe(prefix);
    }
  });

  it.each([
    ['nosuchservice:Get*', 13, null],
    [':GetObject', 0, null],
    ['s3*:GetObject', 3, undefined],
    ['s?:GetObject', 2, undefined],
    [`${KELVIN}ms:CreateGrant`, 3, undefined],
    ['*', -1, undefined],
  ])('%s', (entry, colon, expected) => {
    expect(literalServiceOf(entry, colon)).toBe(expected);
  });

  it('says what looking the lowercased part up in the service list says', () => {
    const serviceChar = fc.constantFrom('s', 'S', '3', 'e', 'C', 'r', 'i', 'a', 'm', 'k', '-', '*', '?', KELVIN);
    fc.assert(
      fc.property(fc.string({ unit: serviceChar, minLength: 1, maxLength: 4 }), (part) => {
        const found = literalServiceOf(`${part}:x`, part.length);
        if (/[*?]|[^\x00-\x7f]/.test(part)) expect(found).toBeUndefined();
        else expect(found).toBe(serviceExists(part.toLowerCase()) ? part.toLowerCase() : null);
      }),
      { numRuns: 2000 },
    );
  });

  it('is computed per Action element, parallel to its entries', () => {
    const stmt = statement('Action', ['S3:GetObject', 'nosuch:x', '*', 's3*:Get*', 'iam']);
    expect(entryServices(stmt.action!)).toEqual(['s3', null, undefined, undefined, undefined]);
    expect(entryServices(stmt.action!)).toBe(entryServices(stmt.action!));
  });
});

/** The plain definition: the first entry matching the action, or the NotAction key when none does. */
function plainEntryFor(stmt: Statement, action: string) {
  const el = stmt.action!;
  const first = el.values.find((v) => actionMatches(v.value, action));
  return el.negated ? (first ? undefined : el.key) : first;
}

describe('actionEntryFor', () => {
  it('returns the entry the plain definition returns', () => {
    fc.assert(
      fc.property(fc.constantFrom<'Action' | 'NotAction'>('Action', 'NotAction'), fc.array(realisticEntry, { minLength: 1, maxLength: 6 }), fc.array(fc.oneof(fc.constantFrom(...someActions), lowercaseAction), { minLength: 1, maxLength: 4 }), (element, entries, actions) => {
        const stmt = statement(element, entries);
        for (const action of actions) {
          expect(actionEntryFor(stmt, action)).toBe(plainEntryFor(stmt, action));
          expect(coversAction(stmt, action)).toBe(actionEntryFor(stmt, action) !== undefined);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    [['ecr:*', 'IAM:PASSROLE', 'iam:Pass*'], 'iam:PassRole', 1],
    [['iam:Get*', '*:PassRole'], 'iam:PassRole', 1],
    [['iam*', 'iam:*'], 'iam:PassRole', 0],
    [['nosuch:PassRole', 'iam:PassRole'], 'iam:PassRole', 1],
    [[`${KELVIN}ms:CreateGrant`], 'kms:CreateGrant', 0],
    [['kms:Create*', 'kms:CreateGrant'], 'KMS:creategrant', 0],
  ])('%j covers %s through entry %i', (entries, action, index) => {
    const stmt = statement('Action', entries);
    expect(actionEntryFor(stmt, action)).toBe(stmt.action!.values[index]);
  });

  it('returns the NotAction key when no entry excludes the action', () => {
    const stmt = statement('NotAction', ['iam:*', 's3:Get*']);
    expect(actionEntryFor(stmt, 'ecr:GetAuthorizationToken')).toBe(stmt.action!.key);
    expect(actionEntryFor(stmt, 'IAM:PassRole')).toBeUndefined();
  });
});

describe('compilePattern / patternMatches', () => {
  it('match as wildcardMatch does', () => {
    const lowerChar = fc.constantFrom('a', 'b', ':', '*', '*', '?', 'σ');
    fc.assert(
      fc.property(fc.string({ unit: lowerChar, maxLength: 10 }), fc.string({ unit: fc.constantFrom('a', 'b', ':', 'σ'), maxLength: 8 }), (pattern, value) => {
        expect(patternMatches(compilePattern(pattern), value)).toBe(wildcardMatch(pattern, value));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects a hostile pattern longer than the value at once', () => {
    const hostile = compilePattern('a*'.repeat(20000));
    expect(hostile.minLength).toBe(20000);
    expect(patternMatches(hostile, 'a'.repeat(100))).toBe(false);
    expect(compilePattern('***a**').source).toBe('*a*');
  });
});

describe('PatternMemo', () => {
  it('computes once per pattern and key, and forgets everything when full', () => {
    const memo = new PatternMemo<number>(2);
    let calls = 0;
    const compute = () => ++calls;
    expect(memo.get('p', 'a', compute)).toBe(1);
    expect(memo.get('p', 'a', compute)).toBe(1);
    expect(memo.get('p', 'b', compute)).toBe(2);
    expect(memo.get('q', 'a', compute)).toBe(3); // full: cleared, then stored
    expect(memo.get('p', 'a', compute)).toBe(4);
  });

  it('also forgets everything when the patterns kept would exceed its character budget', () => {
    const memo = new PatternMemo<number>(100, 10);
    let calls = 0;
    const compute = () => ++calls;
    expect(memo.get('abcdefgh', 'k', compute)).toBe(1);
    expect(memo.get('abcdefgh', 'l', compute)).toBe(2); // same pattern: no new characters
    expect(memo.get('xyz', 'k', compute)).toBe(3); // 8 + 3 > 10: cleared, then stored
    expect(memo.get('xyz', 'k', compute)).toBe(3);
    expect(memo.get('abcdefgh', 'k', compute)).toBe(4);
  });
});
