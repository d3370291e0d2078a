import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/engine/model.js';
import {
  analyzeCondition,
  analyzeConditions,
  classifyConditionKey,
  excludesAllButNamed,
  ineffectiveConditions,
  restrictingConditions,
  restrictsRequester,
} from '../../src/iam/conditions.js';
import { extractDocuments } from '../../src/parsers/index.js';

let counter = 0;
/** A trust statement with this Condition block. */
function stmt(Condition: object): Statement {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition }] }, null, 2);
  return extractDocuments(`conditions${counter++}.json`, text).documents[0].statements[0];
}
/** The analysis of the only condition entry. */
const one = (operator: string, key: string, value: unknown) => {
  const s = stmt({ [operator]: { [key]: value } });
  return analyzeCondition(s.conditions[0], s);
};

describe('classifyConditionKey', () => {
  it.each([
    ['aws:PrincipalOrgID', 'aws:PrincipalOrgID', 'org', 'principal', true],
    ['AWS:principalorgpaths', 'aws:PrincipalOrgPaths', 'org', 'principal', true],
    ['aws:SourceOrgID', 'aws:SourceOrgID', 'org', 'source', true],
    ['aws:ResourceOrgID', 'aws:ResourceOrgID', 'org', 'resource', false],
    ['aws:PrincipalAccount', 'aws:PrincipalAccount', 'account', 'principal', true],
    ['aws:sourceaccount', 'aws:SourceAccount', 'account', 'source', true],
    ['aws:ResourceAccount', 'aws:ResourceAccount', 'account', 'resource', false],
    ['aws:SourceArn', 'aws:SourceArn', 'sourceArn', 'source', true],
    ['aws:PrincipalArn', 'aws:PrincipalArn', 'principalArn', 'principal', true],
    ['aws:userid', 'aws:userid', 'userId', 'principal', true],
    ['sts:externalid', 'sts:ExternalId', 'externalId', 'request', false],
    ['sts:SourceIdentity', 'sts:SourceIdentity', 'sourceIdentity', 'request', false],
    ['aws:SourceVpce', 'aws:SourceVpce', 'vpce', 'network', false],
    ['aws:SourceIp', 'aws:SourceIp', 'network', 'network', false],
    ['aws:PrincipalServiceName', 'aws:PrincipalServiceName', 'service', 'principal', true],
    ['aws:CalledVia', 'aws:CalledVia', 'service', 'request', false],
    ['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthPresent', 'mfa', 'principal', false],
    ['aws:SecureTransport', 'aws:SecureTransport', 'transport', 'request', false],
    ['aws:principaltag/team', 'aws:PrincipalTag/team', 'principalAttribute', 'principal', false],
    ['aws:RequestTag/project', 'aws:RequestTag/project', 'session', 'request', false],
    ['s3:prefix', 's3:prefix', 'other', 'request', false],
  ])('%s → %s (%s, %s)', (key, canonical, kind, scope, identifies) => {
    expect(classifyConditionKey(key)).toMatchObject({ canonical, kind, scope, identifies });
  });

  it.each([
    ['token.actions.githubusercontent.com:sub', 'oidcSub', 'token.actions.githubusercontent.com', 'sub', true],
    ['token.actions.githubusercontent.com:aud', 'oidcAud', 'token.actions.githubusercontent.com', 'aud', false],
    ['oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub', 'oidcSub', 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', 'sub', true],
    ['cognito-identity.amazonaws.com:aud', 'oidcAud', 'cognito-identity.amazonaws.com', 'aud', false],
    ['cognito-identity.amazonaws.com:amr', 'oidcAmr', 'cognito-identity.amazonaws.com', 'amr', false],
    ['accounts.google.com:oaud', 'oidcAud', 'accounts.google.com', 'oaud', false],
    ['graph.facebook.com:app_id', 'oidcAud', 'graph.facebook.com', 'app_id', false],
    ['www.amazon.com:user_id', 'oidcClaim', 'www.amazon.com', 'user_id', false],
    ['saml:aud', 'saml', 'saml', 'aud', false],
  ])('web identity / SAML key %s → %s', (key, kind, provider, claim, identifies) => {
    expect(classifyConditionKey(key)).toMatchObject({ kind, scope: 'federated', provider, claim, identifies });
  });
});

describe('analyzeCondition', () => {
  it('a plain positive test restricts', () => {
    const a = one('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5');
    expect(a).toMatchObject({ restricts: true, kind: 'org', weakness: undefined, reason: undefined });
  });

  it('...IfExists does not restrict: the key can be absent', () => {
    const a = one('StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1a2b3c4d');
    expect(a).toMatchObject({ restricts: false, kind: 'vpce', weakness: 'ifExists', reason: 'StringEqualsIfExists is also true when aws:SourceVpce is absent from the request' });
  });

  it('...IfExists counts on a key the caller says is always present (case-insensitive)', () => {
    const s = stmt({ StringLikeIfExists: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } });
    expect(analyzeCondition(s.conditions[0], s, { assumePresent: ['Token.Actions.GithubUserContent.com:SUB'] }).restricts).toBe(true);
    expect(analyzeCondition(s.conditions[0], s).weakness).toBe('ifExists');
  });

  it('ForAnyValue restricts (false on an empty set)', () => {
    expect(one('ForAnyValue:StringLike', 'cognito-identity.amazonaws.com:amr', 'authenticated')).toMatchObject({ restricts: true, kind: 'oidcAmr' });
  });

  it('ForAllValues does not restrict without a Null guard (true on an absent key)', () => {
    const a = one('ForAllValues:StringEquals', 'aws:PrincipalOrgPaths', ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/']);
    expect(a.weakness).toBe('forAllValues');
    expect(a.reason).toBe('ForAllValues:StringEquals is also true when aws:PrincipalOrgPaths is absent or empty, and no "Null": {"aws:PrincipalOrgPaths": "false"} requires it');
  });

  it('ForAllValues restricts with "Null": {key: "false"} in the same statement', () => {
    const s = stmt({ 'ForAllValues:StringEquals': { 'aws:CalledVia': 'athena.amazonaws.com' }, Null: { 'AWS:CalledVia': 'false' } });
    expect(analyzeConditions(s).map((a) => [a.entry.operator.value, a.restricts, a.weakness])).toEqual([
      ['ForAllValues:StringEquals', true, undefined],
      ['Null', false, 'nullCheck'],
    ]);
  });

  it('a Null guard with "true" is no guard', () => {
    const s = stmt({ 'ForAllValues:StringEquals': { 'aws:CalledVia': 'athena.amazonaws.com' }, Null: { 'aws:CalledVia': 'true' } });
    expect(analyzeConditions(s)[0].weakness).toBe('forAllValues');
  });

  it.each([
    ['StringNotEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
    ['StringNotLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/*'],
    ['ArnNotLike', 'aws:SourceArn', 'arn:aws:sagemaker:us-east-1:111122223333:*'],
    ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24'],
    ['ForAnyValue:StringNotEquals', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/*'],
    ['StringNotEqualsIfExists', 'aws:SourceAccount', '111122223333'],
  ])('negated operator %s does not restrict', (op, key, value) => {
    const a = one(op, key, value);
    expect(a.weakness).toBe('negated');
    expect(a.reason).toBe(`${op} on ${key} matches every value except "${value}"`);
  });

  it.each([
    ['aws:MultiFactorAuthPresent', 'false', 'negated'],
    ['aws:MultiFactorAuthPresent', 'true', undefined],
    ['aws:PrincipalIsAWSService', false, 'negated'],
    ['aws:SecureTransport', 'true', undefined],
  ])('Bool %s %s → %s', (key, value, weakness) => {
    expect(one('Bool', key, value).weakness).toBe(weakness);
  });

  it.each([
    ['StringLike', 'token.actions.githubusercontent.com:sub', '*', 'every value'],
    ['StringLike', 'token.actions.githubusercontent.com:sub', ['repo:octo-org/octo-repo:*', '*'], 'every value'],
    ['StringLike', 'aws:SourceAccount', '**', 'every value'],
    ['StringLike', 'aws:SourceAccount', '1111*', 'more than one account'],
    ['StringLike', 'aws:PrincipalOrgID', 'o-*', 'every organization'],
    ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-*/*', 'every organization'],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/deployer', 'that name in every account'],
    ['ArnEquals', 'aws:PrincipalArn', '*', 'every value'],
    ['ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*', 'every resource of that service'],
    ['StringLike', 'aws:SourceArn', 'arn:aws:codebuild:us-east-1:*:project/*', 'that name in every account'],
    ['IpAddress', 'aws:SourceIp', '0.0.0.0/0', 'every IP address'],
    ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '::/0'], 'every IP address'],
  ])('%s %s %j matches %s', (op, key, value, what) => {
    const a = one(op, key, value);
    expect(a.weakness).toBe('wildcard');
    expect(a.reason).toMatch(new RegExp(`matches ${what}$`));
  });

  it.each([
    ['StringEquals', 'token.actions.githubusercontent.com:sub', '*'],
    ['StringLike', 'token.actions.githubusercontent.com:sub', 'repo:octo-org/*'],
    ['StringLike', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
    ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/*'],
    ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/*'],
    ['ArnLike', 'aws:SourceArn', 'arn:aws:s3:::amzn-s3-demo-bucket'],
    ['ArnLike', 'aws:SourceArn', 'arn:aws:sagemaker:*:111122223333:*'],
    ['StringEquals', 'aws:SourceAccount', '111122223333'],
    ['IpAddress', 'aws:SourceIp', '203.0.113.0/24'],
    ['NumericLessThan', 'aws:MultiFactorAuthAge', '3600'],
  ])('%s %s %j restricts', (op, key, value) => {
    expect(one(op, key, value)).toMatchObject({ restricts: true, weakness: undefined });
  });

  it('Null only tests presence or absence', () => {
    expect(one('Null', 'aws:PrincipalOrgID', 'false')).toMatchObject({ weakness: 'nullCheck', reason: 'Null only tests whether aws:PrincipalOrgID is present, not its value' });
    expect(one('Null', 'aws:SourceVpce', 'true')).toMatchObject({ weakness: 'nullCheck', reason: 'Null only tests whether aws:SourceVpce is absent, not its value' });
  });

  it('an empty value list and an unknown operator do not restrict', () => {
    expect(one('StringEquals', 'aws:PrincipalOrgID', []).weakness).toBe('noValues');
    expect(one('StringEqual', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5')).toMatchObject({ weakness: 'unknownOperator', reason: 'StringEqual is not an IAM condition operator' });
  });
});

describe('statement helpers', () => {
  const s = stmt({
    StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' },
    StringEquals: { 'sts:ExternalId': 'Unique ID Assigned by Example Corp', 'aws:PrincipalAccount': '111122223333' },
    Bool: { 'aws:SecureTransport': 'true' },
  });

  it('restrictingConditions lists the restricting entries in source order, classified', () => {
    expect(restrictingConditions(s).map((r) => [r.entry.key.value, r.kind, r.key.identifies])).toEqual([
      ['sts:ExternalId', 'externalId', false],
      ['aws:PrincipalAccount', 'account', true],
      ['aws:SecureTransport', 'transport', false],
    ]);
  });

  it('ineffectiveConditions lists the others with their reason', () => {
    expect(ineffectiveConditions(s).map((r) => [r.entry.key.value, r.weakness])).toEqual([['aws:SourceVpce', 'ifExists']]);
  });

  it('restrictsRequester needs a restricting test on an identifying key', () => {
    expect(restrictsRequester(s)).toBe(true);
    expect(restrictsRequester(stmt({ StringEquals: { 'sts:ExternalId': 'x' }, Bool: { 'aws:SecureTransport': 'true' } }))).toBe(false);
    expect(restrictsRequester(stmt({ StringEqualsIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci' } }))).toBe(false);
    expect(restrictsRequester(stmt({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }))).toBe(true);
  });
});

describe('excludesAllButNamed (Deny statements)', () => {
  it.each([
    ['StringNotEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5', true],
    ['StringNotEqualsIfExists', 'aws:PrincipalAccount', ['111122223333', '444455556666'], true],
    ['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/*', true],
    ['StringNotLike', 'aws:SourceArn', 'arn:aws:sagemaker:*:111122223333:*', true],
    ['StringNotLike', 'aws:PrincipalOrgID', '*', false],
    ['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/admin', false],
    ['ForAnyValue:StringNotLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/*', false],
    ['StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5', false],
    ['StringNotEquals', 'sts:ExternalId', 'x', false],
    ['StringNotEquals', 'aws:ResourceAccount', '111122223333', false],
  ])('%s %s %j → %s', (op, key, value, expected) => {
    expect(excludesAllButNamed(stmt({ [op]: { [key]: value } }).conditions[0])).toBe(expected);
  });
});
