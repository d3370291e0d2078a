/**
 * grantsBroadly matches each Action entry against the actions a rule selects instead of
 * expanding the entry (risk-categories.ts); what it finds must be what expanding finds. With
 * Resource "*", no condition and no Deny, every selected action an entry stands for is granted
 * broadly, so the result is exactly the selected part of `grantsOf(stmt).entries`, in the
 * documented order. Tables pin the readings that differ from plain string matching.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/engine/model.js';
import { grantsOf } from '../../src/iam/evaluate.js';
import { credentialsExposureOf, dataExfiltrationOf, grantsBroadly, isResourceExposureAction, perOptions } from '../../src/iam/risk-categories.js';
import type { ActionInfo } from '../../src/iam/service-data.js';
import { extractDocuments } from '../../src/parsers/index.js';

let counter = 0;
function doc(element: 'Action' | 'NotAction', actions: string[]): PolicyDocument {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [element]: actions, Resource: '*' }] });
  return extractDocuments(`selection${counter++}.json`, text).documents[0];
}

const SELECTS: Record<string, (a: ActionInfo) => boolean> = {
  credentials: (a) => credentialsExposureOf(a, true) !== undefined,
  data: (a) => dataExfiltrationOf(a) !== undefined,
  exposure: isResourceExposureAction,
  s3Puts: (a) => a.service === 's3' && a.name.startsWith('Put'),
};

/** The algorithm grantsBroadly had before it stopped expanding entries. */
function expanded(d: PolicyDocument, select: (a: ActionInfo) => boolean): [string, string][] {
  const stmt = d.statements[0];
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const entry of grantsOf(stmt).entries) {
    if (!stmt.action!.negated && /^\*+(?::\*+)?$/.test(entry.at.value)) continue;
    const selected = entry.actions.filter((a) => !seen.has(a.fullName) && select(a)).sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
    for (const a of selected) {
      seen.add(a.fullName);
      out.push([a.fullName, entry.at.value]);
    }
  }
  return out;
}

const found = (d: PolicyDocument, select: (a: ActionInfo) => boolean): [string, string][] =>
  grantsBroadly(d.statements[0], d, select).map((g) => [g.action.fullName, g.via.value]);

const KELVIN = '\u212A'; // lowercases to ASCII `k`

const ENTRIES = [
  '*', '**', '*:*', 's3', 's3*', '*:Get*', 's*:*Object', '*3:Get*', '?3:GetObject', 'iam:*', 'IAM:CreateAccess*', `iam:CreateAccess${KELVIN}ey`,
  `${KELVIN}ms:*`, 'ssm:GetParameter*', 'SSM:getparameters', 'dynamodb:*', 'ec2:*Attribute', 'ram:*Share', 's3:Put*', 's3:PutBucket?olicy',
  'S3:*Policy', 's3:', ':GetObject', 'nosuch:*', 'sts:AssumeRole*', 'secretsmanager:GetSecretValue', 'lightsail:*', 'iam:*Key', 'logs:Put*', 'kms:*Grant',
];
const entry = fc.oneof(fc.constantFrom(...ENTRIES), fc.string({ unit: fc.constantFrom('s', '3', 'S', ':', '*', '?', 'p', 'P', 'u', 't', KELVIN), maxLength: 8 }));

describe('grantsBroadly finds what expanding the entries finds', () => {
  it.each(Object.keys(SELECTS))('Action lists, %s', (name) => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (entries) => {
        const d = doc('Action', entries);
        expect(found(d, SELECTS[name])).toEqual(expanded(d, SELECTS[name]));
      }),
      { numRuns: 300 },
    );
  });

  it.each(Object.keys(SELECTS))('NotAction lists, %s', (name) => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 3 }), (entries) => {
        const d = doc('NotAction', entries);
        expect(found(d, SELECTS[name])).toEqual(expanded(d, SELECTS[name]));
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    [['**'], []],
    [['s3*'], []],
    [['*:GetObject*'], [['s3:GetObject', '*:GetObject*'], ['s3:GetObjectVersion', '*:GetObject*']]],
    [['S3:getobject'], [['s3:GetObject', 'S3:getobject']]],
    [['s3:Get*', 's3:GetObject'], [['s3:GetObject', 's3:Get*'], ['s3:GetObjectVersion', 's3:Get*']]],
  ])('data reads of %j', (entries, expected) => {
    expect(found(doc('Action', entries), SELECTS.data)).toEqual(expected);
  });

  it('reads a character whose lowercase is ASCII as that letter', () => {
    expect(found(doc('Action', [`iam:CreateAccess${KELVIN}ey`]), SELECTS.credentials)).toEqual([['iam:CreateAccessKey', `iam:CreateAccess${KELVIN}ey`]]);
    expect(found(doc('Action', [`${KELVIN}ms:*`]), SELECTS.exposure).map(([a]) => a)).toContain('kms:CreateGrant');
  });
});

describe('perOptions', () => {
  it('builds one value per distinct options value', () => {
    const cache = new Map<string, object>();
    const build = (o: { a: number }) => ({ ...o });
    const first = perOptions(cache, { a: 1 }, build);
    expect(perOptions(cache, { a: 1 }, build)).toBe(first);
    expect(perOptions(cache, { a: 2 }, build)).not.toBe(first);
  });
});
