import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/engine/model.js';
import {
  allowedBy,
  allowResourcesIntersect,
  definiteDenials,
  denyResourcesCover,
  evaluateGrant,
  grantsOf,
  isDefinitelyDenied,
  principalIncludesService,
  requestedResource,
  servicePrincipals,
  type ResourceSpec,
} from '../../src/iam/evaluate.js';
import { expandActionPattern, lookupAction, type ActionInfo } from '../../src/iam/service-data.js';
import { extractDocuments } from '../../src/parsers/index.js';

let counter = 0;
function doc(...statements: object[]): PolicyDocument {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return extractDocuments(`doc${counter++}.json`, text).documents[0];
}
const stmt = (s: object) => doc(s).statements[0];
const action = (name: string): ActionInfo => {
  const info = lookupAction(name);
  if (!info) throw new Error(`no such action ${name}`);
  return info;
};
const pattern = (p: string): ResourceSpec => ({ kind: 'pattern', pattern: p });
const except = (...patterns: string[]): ResourceSpec => ({ kind: 'except', patterns });
const literal = (value: string): ResourceSpec => ({ kind: 'literal', value });
const resourceOf = (r: string | string[], negated = false) =>
  stmt({ Effect: 'Allow', Action: 's3:GetObject', [negated ? 'NotResource' : 'Resource']: r }).resource;

describe('grantsOf', () => {
  it('keeps Action entries in source order, expanded case-insensitively, with their wildcard flag', () => {
    const g = grantsOf(stmt({ Effect: 'Allow', Action: ['ECR:putimage', 'ecr:Batch*', 'ecr:NoSuchAction'], Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' }));
    expect(g.entries.map((e) => [e.at.value, e.wildcard, e.actions.length > 0])).toEqual([
      ['ECR:putimage', false, true],
      ['ecr:Batch*', true, true],
      ['ecr:NoSuchAction', false, false],
    ]);
    expect(g.entries[0].actions.map((a) => a.fullName)).toEqual(['ecr:PutImage']);
    expect(g.entries[1].actions.map((a) => a.fullName).sort()).toEqual(['ecr:BatchCheckLayerAvailability', 'ecr:BatchDeleteImage', 'ecr:BatchGetImage', 'ecr:BatchGetRepositoryScanningConfiguration', 'ecr:BatchImportUpstreamImage']);
    expect(g.entries[0].at.path).toEqual(['Statement', 0, 'Action', 0]);
  });

  it('expands NotAction to every known action except the excluded ones, at the NotAction key', () => {
    const g = grantsOf(stmt({ Effect: 'Allow', NotAction: ['iam:*', 'S3:GetObject'], Resource: '*' }));
    expect(g.entries).toHaveLength(1);
    const [entry] = g.entries;
    expect(entry.wildcard).toBe(true);
    expect(entry.at.value).toBe('NotAction');
    expect(entry.actions.length).toBe(expandActionPattern('*').length - expandActionPattern('iam:*').length - 1);
    expect(entry.actions.some((a) => a.service === 'iam' || a.fullName === 's3:GetObject')).toBe(false);
    expect(entry.actions.some((a) => a.fullName === 's3:PutObject')).toBe(true);
  });

  it('caches per statement', () => {
    const s = stmt({ Effect: 'Allow', Action: '*', Resource: '*' });
    expect(grantsOf(s)).toBe(grantsOf(s));
  });

  it('turns policy variables and placeholders into wildcards and NotResource into one "except" resource', () => {
    expect(grantsOf(stmt({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::b/${Prefix}', 'arn:${AWS::Partition}:s3:::${Bucket}/*'] })).resources.map((r) => r.spec)).toEqual([
      pattern('arn:aws:s3:::home/*/*'),
      pattern('arn:aws:s3:::b/*'),
      pattern('arn:*:s3:::*/*'),
    ]);
    const g = grantsOf(stmt({ Effect: 'Allow', Action: 's3:*', NotResource: ['arn:aws:s3:::secret', 'arn:aws:s3:::secret/*'] }));
    expect(g.resources.map((r) => [r.spec, r.at.value])).toEqual([[except('arn:aws:s3:::secret', 'arn:aws:s3:::secret/*'), 'NotResource']]);
  });

  it('has no resources for a statement without Resource (a trust policy statement)', () => {
    expect(grantsOf(stmt({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' })).resources).toEqual([]);
  });
});

describe('requestedResource', () => {
  it('requests actions without resource-level permissions on the literal "*"', () => {
    expect(requestedResource(action('ecr:GetAuthorizationToken'), pattern('*'))).toEqual(literal('*'));
    expect(requestedResource(action('ecr:GetAuthorizationToken'), except('arn:aws:ecr:*:*:repository/*'))).toEqual(literal('*'));
  });

  it('drops grants that can never apply to the action', () => {
    // scoped to an ARN, an action without resource-level permissions never matches
    expect(requestedResource(action('ecr:GetAuthorizationToken'), pattern('arn:aws:ecr:us-east-1:111122223333:repository/app'))).toBeUndefined();
    expect(requestedResource(action('ecr:GetAuthorizationToken'), except('*'))).toBeUndefined();
    // a bucket action on an object ARN
    expect(requestedResource(action('s3:ListBucket'), pattern('arn:aws:s3:::data/*'))).toBeUndefined();
  });

  it('keeps resources that fit one of the action resource types', () => {
    expect(requestedResource(action('s3:ListBucket'), pattern('arn:aws:s3:::data'))).toEqual(pattern('arn:aws:s3:::data'));
    expect(requestedResource(action('ecr:PutImage'), pattern('arn:aws:ecr:*:111122223333:repository/*'))).toEqual(pattern('arn:aws:ecr:*:111122223333:repository/*'));
    expect(requestedResource(action('ecr:PutImage'), except('arn:aws:ecr:*:*:repository/prod-*'))).toEqual(except('arn:aws:ecr:*:*:repository/prod-*'));
  });
});

describe('allowResourcesIntersect (Allow: can it apply to some resource of the grant?)', () => {
  it.each([
    // [Resource, negated, grant spec, expected]
    ['*', false, pattern('arn:aws:s3:::data/*'), true],
    ['arn:aws:s3:::mlspace-*', false, pattern('arn:aws:s3:::mlspace-data/*'), true],
    ['arn:aws:s3:::mlspace-*', false, pattern('arn:aws:s3:::other-bucket/*'), false],
    ['arn:aws:s3:::mlspace-data', false, pattern('*'), true], // partial overlap is not a block
    ['arn:aws:s3:::home/${aws:username}/*', false, pattern('arn:aws:s3:::home/alice/notes'), true],
    ['arn:aws:s3:::data/*', false, except('arn:aws:s3:::data/*'), false],
    ['arn:aws:s3:::data/*', false, except('arn:aws:s3:::secret/*'), true],
    ['*', false, literal('*'), true],
    ['arn:aws:ecr:*:*:repository/*', false, literal('*'), false],
    // NotResource excludes a grant resource only when it covers it entirely
    ['arn:aws:s3:::secret/*', true, pattern('arn:aws:s3:::secret/keys'), false],
    ['arn:aws:s3:::secret/*', true, pattern('arn:aws:s3:::*'), true],
    ['arn:aws:s3:::home/${aws:username}/*', true, pattern('arn:aws:s3:::home/alice/x'), true], // a variable never certainly excludes
    ['arn:aws:s3:::secret/*', true, except('arn:aws:s3:::other/*'), true],
    ['*', true, literal('*'), false],
    ['arn:aws:s3:::*', true, literal('*'), true],
  ])('%j (NotResource: %s) vs %j → %s', (resource, negated, spec, expected) => {
    expect(allowResourcesIntersect(resourceOf(resource, negated), spec)).toBe(expected);
  });

  it('gives a statement without Resource the benefit of the doubt', () => {
    expect(allowResourcesIntersect(undefined, pattern('arn:aws:s3:::x'))).toBe(true);
  });
});

describe('denyResourcesCover (Deny: does it certainly apply to every resource of the grant?)', () => {
  it.each([
    ['*', false, pattern('arn:aws:s3:::data/*'), true],
    ['arn:aws:s3:::data/*', false, pattern('arn:aws:s3:::data/reports/*'), true],
    ['arn:aws:s3:::data/reports/*', false, pattern('arn:aws:s3:::data/*'), false], // only part of the grant
    ['arn:aws:s3:::${aws:username}/*', false, pattern('arn:aws:s3:::alice/x'), false], // depends on the caller
    ['*', false, except('arn:aws:s3:::data/*'), true],
    ['arn:aws:s3:::*', false, except('arn:aws:s3:::data/*'), false],
    ['*', false, literal('*'), true],
    ['arn:aws:ecr:*:*:repository/*', false, literal('*'), false],
    // NotResource: the Deny applies outside the listed resources
    ['arn:aws:sagemaker:us-east-1:*:*', true, pattern('arn:aws:sagemaker:us-west-2:111122223333:training-job/*'), true],
    ['arn:aws:sagemaker:us-east-1:*:*', true, pattern('arn:aws:sagemaker:*:111122223333:training-job/*'), false],
    ['arn:aws:sagemaker:us-east-1:*:*', true, literal('*'), true],
    ['arn:aws:s3:::data/*', true, except('arn:aws:s3:::data/*', 'arn:aws:s3:::logs/*'), true],
    ['arn:aws:s3:::*', true, except('arn:aws:s3:::data/*'), false],
  ])('%j (NotResource: %s) vs %j → %s', (resource, negated, spec, expected) => {
    expect(denyResourcesCover(resourceOf(resource, negated), spec)).toBe(expected);
  });

  it('never treats a statement without Resource as covering', () => {
    expect(denyResourcesCover(undefined, pattern('arn:aws:s3:::x'))).toBe(false);
  });
});

describe('isDefinitelyDenied / definiteDenials', () => {
  const denies = doc(
    { Sid: 'Conditioned', Effect: 'Deny', Action: 'ecr:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } } },
    { Sid: 'AllButPull', Effect: 'Deny', NotAction: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:GetAuthorizationToken'], Resource: '*' },
    { Sid: 'Prod', Effect: 'Deny', Action: 'ECR:Put*', Resource: 'arn:aws:ecr:*:*:repository/prod/*' },
    { Sid: 'Allowed', Effect: 'Allow', Action: '*', Resource: '*' },
  );

  it('ignores conditioned Denies and Allows; honours NotAction; returns the first Deny', () => {
    expect(isDefinitelyDenied(action('ecr:BatchGetImage'), pattern('*'), [denies])).toBeUndefined();
    expect(isDefinitelyDenied(action('ecr:PutImage'), pattern('arn:aws:ecr:us-east-1:1:repository/prod/app'), [denies])?.statement.sid?.value).toBe('AllButPull');
  });

  it('lists every covering Deny, across documents, in order', () => {
    const other = doc({ Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' });
    const all = definiteDenials(action('ecr:PutImage'), pattern('arn:aws:ecr:us-east-1:1:repository/prod/app'), [denies, other]);
    expect(all.map((r) => [r.document, r.statement.sid?.value])).toEqual([
      [denies, 'AllButPull'],
      [denies, 'Prod'],
      [other, undefined],
    ]);
  });

  it('skips resource-policy Denies that name a principal', () => {
    const d = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' });
    expect(isDefinitelyDenied(action('s3:GetObject'), pattern('*'), [d])).toBeUndefined();
  });
});

describe('allowedBy', () => {
  const boundary = doc(
    { Sid: 'Pull', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/*' },
    { Sid: 'Token', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/*' },
    { Sid: 'Data', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::mlspace-*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    { Sid: 'Denied', Effect: 'Deny', Action: '*', Resource: '*' },
  );

  it('finds an Allow that intersects the grant (conditions assumed satisfiable)', () => {
    expect(allowedBy(action('ecr:BatchGetImage'), pattern('arn:aws:ecr:*:111122223333:repository/app'), boundary)?.sid?.value).toBe('Pull');
    expect(allowedBy(action('s3:GetObject'), pattern('arn:aws:s3:::mlspace-data/*'), boundary)?.sid?.value).toBe('Data');
  });

  it('finds nothing in another region, for other actions, or for a token scoped to an ARN', () => {
    expect(allowedBy(action('ecr:BatchGetImage'), pattern('arn:aws:ecr:eu-west-1:111122223333:repository/app'), boundary)).toBeUndefined();
    expect(allowedBy(action('ecr:PutImage'), pattern('*'), boundary)).toBeUndefined();
    expect(allowedBy(action('ecr:GetAuthorizationToken'), literal('*'), boundary)).toBeUndefined();
  });
});

describe('evaluateGrant', () => {
  const boundary = doc(
    { Effect: 'Allow', Action: ['ecr:*', 's3:Get*'], Resource: '*' },
    { Sid: 'NoDelete', Effect: 'Deny', Action: 'ecr:Delete*', Resource: '*' },
  );
  const identityDeny = doc({ Sid: 'NoPolicy', Effect: 'Deny', Action: 'ecr:SetRepositoryPolicy', Resource: 'arn:aws:ecr:*:*:repository/*' });
  const repo = pattern('arn:aws:ecr:us-east-1:111122223333:repository/app');

  it.each([
    ['ecr:PutImage', repo, 'effective'],
    ['ecr:GetAuthorizationToken', pattern('*'), 'effective'],
    ['ecr:GetAuthorizationToken', repo, 'inapplicable'],
    ['s3:PutObject', pattern('arn:aws:s3:::b/*'), 'notAllowed'],
    ['ecr:DeleteRepository', repo, 'denied'],
    ['ecr:SetRepositoryPolicy', repo, 'denied'],
  ] as const)('%s on %j → %s', (name, spec, kind) => {
    expect(evaluateGrant(action(name), spec, boundary, [boundary, identityDeny]).kind).toBe(kind);
  });

  it('names the Deny (a Deny is reported before a missing Allow)', () => {
    const v = evaluateGrant(action('ecr:SetRepositoryPolicy'), repo, doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), [identityDeny]);
    expect(v.kind === 'denied' && v.by.map((r) => r.statement.sid?.value)).toEqual(['NoPolicy']);
  });

  it('without a boundary only Denies block', () => {
    expect(evaluateGrant(action('s3:PutObject'), pattern('*'), undefined, []).kind).toBe('effective');
  });
});

describe('principalIncludesService / servicePrincipals', () => {
  it.each([
    [{ Service: 'sagemaker.amazonaws.com' }, true],
    [{ Service: ['codebuild.amazonaws.com', 'SageMaker.AmazonAWS.com'] }, true],
    [{ Service: 'codebuild.amazonaws.com' }, false],
    ['*', true],
    [{ AWS: '*' }, true],
    [{ AWS: 'arn:aws:iam::111122223333:root' }, false],
  ])('%j → %s', (principal, expected) => {
    expect(principalIncludesService(stmt({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }), 'sagemaker.amazonaws.com')).toBe(expected);
  });

  it('reads NotPrincipal as everyone but the listed principals', () => {
    const s = stmt({ Effect: 'Deny', NotPrincipal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' });
    expect(principalIncludesService(s, 'sagemaker.amazonaws.com')).toBe(false);
    expect(principalIncludesService(s, 'codebuild.amazonaws.com')).toBe(true);
  });

  it('lists Service values as written', () => {
    expect(servicePrincipals(stmt({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root', Service: ['a.amazonaws.com', 'B.amazonaws.com'] }, Action: 'sts:AssumeRole' })).map((v) => v.value)).toEqual([
      'a.amazonaws.com',
      'B.amazonaws.com',
    ]);
    expect(servicePrincipals(stmt({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }))).toEqual([]);
  });
});
