/**
 * findEscalations looks at a statement's Action entries only for the catalogue actions of the
 * service each entry names (escalation.ts `catalogueEntries`). On Resource "*" without
 * conditions every method whose actions the policy covers is found, so the methods found must
 * be those whose every action statement.ts `actionEntryFor` finds in some Allow statement (for
 * the bucket-policy methods: while some object action is not covered), however the entries are
 * spelled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/engine/model.js';
import { findEscalations } from '../../src/iam/escalation.js';
import { ESCALATION_METHODS } from '../../src/iam/escalation-methods.js';
import { actionEntryFor, isAllow } from '../../src/iam/statement.js';
import { extractDocuments } from '../../src/parsers/index.js';

let counter = 0;
function doc(statements: object[]): PolicyDocument {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return extractDocuments(`escalation${counter++}.json`, text).documents[0];
}

function expected(d: PolicyDocument): string[] {
  const covered = (action: string) => d.statements.some((s) => isAllow(s) && actionEntryFor(s, action) !== undefined);
  return ESCALATION_METHODS.filter(
    (m) => m.actions.every((a) => covered(a.action)) && (!m.unlessAllowedOnObjects || !m.unlessAllowedOnObjects.every(covered)),
  ).map((m) => m.id);
}

const found = (d: PolicyDocument) => findEscalations({ grants: [d], denies: [d], mode: 'identity' }).map((p) => p.method.id);

const KELVIN = '\u212A'; // lowercases to ASCII `k`
const NAMES = [...new Set(ESCALATION_METHODS.flatMap((m) => [...m.actions.map((a) => a.action), ...(m.unlessAllowedOnObjects ?? [])]))];

/** A catalogue action spelled as policies spell it: any case, part of it replaced by a wildcard. */
const spelled = fc.tuple(fc.constantFrom(...NAMES), fc.nat(), fc.nat(), fc.constantFrom('', '*', '?', '*', 'X')).map(([name, i, j, w]) => {
  const cased = j % 3 === 0 ? name.toUpperCase() : j % 3 === 1 ? name.toLowerCase() : name;
  if (w === '') return cased;
  const cut = i % (name.length + 1);
  return cased.slice(0, cut) + w + cased.slice(cut + (w === '*' ? (j % 5) : 1));
});
const entry = fc.oneof({ arbitrary: spelled, weight: 6 }, { arbitrary: fc.constantFrom('*', 'iam:*', '*:Pass*', 's3:*', 'iam:CreateAccess' + KELVIN + 'ey', 'lambda*', 'nosuch:PassRole'), weight: 1 });

describe('findEscalations reads Action entries as actionEntryFor does', () => {
  it('one statement', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), (entries) => {
        const d = doc([{ Effect: 'Allow', Action: entries, Resource: '*' }]);
        expect(found(d)).toEqual(expected(d));
      }),
      { numRuns: 400 },
    );
  });

  it('several statements, and NotAction', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.array(entry, { minLength: 1, maxLength: 4 }), fc.boolean(), (a, b, notAction) => {
        const d = doc([
          { Effect: 'Allow', Action: a, Resource: '*' },
          { Effect: 'Allow', [notAction ? 'NotAction' : 'Action']: b, Resource: '*' },
        ]);
        expect(found(d)).toEqual(expected(d));
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    [['IAM:CREATEPOLICYVERSION']],
    [['iam:*PolicyVersion']],
    [['*:CreatePolicyVersion']],
    [['iam:Create?olicyVersion']],
  ])('%j is CreateNewPolicyVersion', (entries) => {
    expect(found(doc([{ Effect: 'Allow', Action: entries, Resource: '*' }]))).toContain('CreateNewPolicyVersion');
  });

  it('reads a character whose lowercase is ASCII as that letter', () => {
    const d = doc([{ Effect: 'Allow', Action: [`iam:CreateAccess${KELVIN}ey`], Resource: '*' }]);
    expect(found(d)).toEqual(expected(d));
    expect(found(d).length).toBeGreaterThan(0);
  });
});
