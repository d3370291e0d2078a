import { describe, expect, it } from 'vitest';
import { deepFreeze, type PolicyDocument } from '../../src/engine/model.js';
import { parseJson } from '../../src/parsers/json.js';
import { detectKind, normalizeDocument, parseOperator } from '../../src/parsers/normalize.js';
import { makeSubstituter } from '../../src/parsers/variables.js';

function normalize(value: unknown, options: { substitute?: (s: string) => string } = {}): PolicyDocument {
  const r = parseJson(JSON.stringify(value, null, 2));
  if (!r.ok) throw new Error(r.error.message);
  return normalizeDocument(r.root, { id: 'p#0', filePath: 'p.json', ...options });
}

const values = <T>(list: readonly { value: T }[] | undefined) => (list ?? []).map((l) => l.value);

describe('normalizeDocument', () => {
  it('normalizes Statement as an object or an array, and string-or-array elements', () => {
    const single = normalize({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: ['a', 'b'] } });
    expect(single.statements).toHaveLength(1);
    expect(single.statements[0].path).toEqual(['Statement']);
    expect(values(single.statements[0].action?.values)).toEqual(['s3:GetObject']);
    expect(single.statements[0].action?.values[0].path).toEqual(['Statement', 'Action']);
    expect(values(single.statements[0].resource?.values)).toEqual(['a', 'b']);
    expect(single.statements[0].resource?.values[1].path).toEqual(['Statement', 'Resource', 1]);
    const list = normalize({ Statement: [{ Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'x' }] });
    expect(list.statements[0].action).toMatchObject({ name: 'NotAction', negated: true });
    expect(list.statements[0].resource).toMatchObject({ name: 'NotResource', negated: true });
    expect(list.version).toBeUndefined();
  });

  it('normalizes every Principal form', () => {
    const doc = normalize({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root', Service: ['a.amazonaws.com', 'b.amazonaws.com'], Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc' }, Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Deny', NotPrincipal: { AWS: ['111122223333'] }, Action: 's3:*', Resource: '*' },
      ],
    });
    const [a, b, c] = doc.statements;
    expect(a.principal?.wildcard?.value).toBe('*');
    expect(a.principal?.entries).toEqual([]);
    expect(b.principal?.entries.map((e) => [e.type.value, values(e.values)])).toEqual([
      ['AWS', ['arn:aws:iam::111122223333:root']],
      ['Service', ['a.amazonaws.com', 'b.amazonaws.com']],
      ['Federated', ['cognito-identity.amazonaws.com']],
      ['CanonicalUser', ['abc']],
    ]);
    expect(b.principal?.entries[1].values[1].path).toEqual(['Statement', 1, 'Principal', 'Service', 1]);
    expect(c.principal).toMatchObject({ name: 'NotPrincipal', negated: true });
    expect(doc.kind).toBe('resource');
  });

  it('normalizes conditions as operator → key → string values', () => {
    const doc = normalize({
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { 'ForAnyValue:StringLikeIfExists': { 's3:prefix': ['home/', 'shared/'] }, Bool: { 'aws:SecureTransport': true }, NumericLessThanEquals: { 's3:max-keys': 10.0 } } }],
    });
    const conds = doc.statements[0].conditions;
    expect(conds.map((c) => [c.operator.value, c.key.value, values(c.values)])).toEqual([
      ['ForAnyValue:StringLikeIfExists', 's3:prefix', ['home/', 'shared/']],
      ['Bool', 'aws:SecureTransport', ['true']],
      ['NumericLessThanEquals', 's3:max-keys', ['10']],
    ]);
    expect(conds[0].parsedOperator).toEqual({ base: 'StringLike', ifExists: true, setOperator: 'ForAnyValue' });
    expect(conds[0].values[1].path).toEqual(['Statement', 0, 'Condition', 'ForAnyValue:StringLikeIfExists', 's3:prefix', 1]);
    expect(doc.statements[0].conditionKey?.path).toEqual(['Statement', 0, 'Condition']);
  });

  it('parses operator qualifiers', () => {
    expect(parseOperator('StringEquals')).toEqual({ base: 'StringEquals', ifExists: false, setOperator: undefined });
    expect(parseOperator('ForAllValues:ArnLikeIfExists')).toEqual({ base: 'ArnLike', ifExists: true, setOperator: 'ForAllValues' });
    expect(parseOperator('Null')).toEqual({ base: 'Null', ifExists: false, setOperator: undefined });
  });

  it('detects the policy kind from content', () => {
    expect(normalize({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }).kind).toBe('identity');
    expect(normalize({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] }).kind).toBe('trust');
    expect(normalize({ Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::1:oidc-provider/x' }, Action: 'sts:AssumeRoleWithWebIdentity' }] }).kind).toBe('trust');
    expect(normalize({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] }).kind).toBe('resource');
    expect(detectKind([])).toBe('identity');
  });

  it('returns a plain (unfrozen) document that deepFreeze freezes through to the positions', () => {
    const doc = normalize({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] });
    expect(Object.isFrozen(doc)).toBe(false);
    deepFreeze(doc);
    expect(Object.isFrozen(doc)).toBe(true);
    expect(Object.isFrozen(doc.statements[0].action?.values)).toBe(true);
    expect(Object.isFrozen(doc.statements[0].action?.values[0].range.start)).toBe(true);
  });

  it('computes strings on first read, also on a frozen document, through a getter on the prototype', () => {
    const doc = normalize({ Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } } }] });
    deepFreeze(doc);
    expect(doc.strings.map((s) => s.value)).toEqual(['A', 'Allow', 's3:GetObject', '*', 'aws:PrincipalTag/team', 'x']);
    expect(doc.strings).toBe(doc.strings);
    // An own accessor (an object literal's `get strings()`) gives every document a hidden class of its
    // own that V8 keeps until a full collection, holding the whole document: it promoted ~30% of the
    // normalization garbage to the old generation (docs/performance.md).
    expect(Object.getOwnPropertyDescriptor(doc, 'strings')).toBeUndefined();
  });

  it('substitutes config variables into string values before rules see them', () => {
    const substitute = makeSubstituter({ AWS_REGION: 'us-east-1', ACCOUNT_ID: '111122223333' });
    const doc = normalize({ Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:{AWS_REGION}:<ACCOUNT_ID>:log-group:${AWS_REGION}-x:${aws:username}' }] }, { substitute });
    expect(doc.statements[0].resource?.values[0].value).toBe('arn:aws:logs:us-east-1:111122223333:log-group:us-east-1-x:${aws:username}');
    expect(doc.strings.map((s) => s.value)).toContain('arn:aws:logs:us-east-1:111122223333:log-group:us-east-1-x:${aws:username}');
  });

  it('collects structural problems as data instead of throwing', () => {
    const doc = normalize({ Statement: [{ Effect: 'Allow', Action: { bad: true }, Resource: [null], Principal: 'someone', Condition: { StringEquals: 'x' } }, 'oops'] });
    expect(doc.structureIssues.map((i) => [i.messageId, i.at.path])).toEqual([
      ['wrongType', ['Statement', 0, 'Action']],
      ['wrongType', ['Statement', 0, 'Resource', 0]],
      ['wrongType', ['Statement', 0, 'Principal']],
      ['wrongType', ['Statement', 0, 'Condition', 'StringEquals']],
      ['statementNotObject', ['Statement', 1]],
    ]);
  });

  it('treats a bare statement and a statement list as fragments', () => {
    const single = normalize({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    expect(single.fragment).toBe('statement');
    expect(single.statements[0].action?.values[0].path).toEqual(['Action']);
    const list = normalize([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }]);
    expect(list.fragment).toBe('statement-list');
    expect(list.statements[1].path).toEqual([1]);
  });
});
