import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/engine/model.js';
import { conditionsNoStricter, newAccess } from '../../src/iam/new-access.js';
import { expandActionPattern } from '../../src/iam/service-data.js';
import { extractDocuments } from '../../src/parsers/index.js';

function doc(...statements: object[]): PolicyDocument {
  return extractDocuments('policy.json', JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)).documents[0];
}

/** The new grants of `current` against `reference`, as `path: actions @ resources`. */
function changes(reference: PolicyDocument | undefined, current: PolicyDocument): string[] {
  return newAccess(current, reference).map((g) => `${g.at.path.join('.')}: ${g.actions.length > 4 ? `${g.actions.length} actions` : g.actions.join(',')} @ ${g.resources.join(' | ')}`);
}

const B = 'arn:aws:s3:::b/*';
const get = { Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: B };
const put = { Sid: 'Put', Effect: 'Allow', Action: 's3:PutObject', Resource: B };
const logs = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:111122223333:log-group:app:*' };

describe('newAccess: refactorings grant nothing new', () => {
  const same: [string, PolicyDocument, PolicyDocument][] = [
    ['identical', doc(get, put), doc(get, put)],
    ['statements reordered', doc(get, put, logs), doc(logs, put, get)],
    ['one statement split into two', doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: B }), doc(get, put)],
    ['two statements merged into one', doc(get, put), doc({ Sid: 'ReadWrite', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: B })],
    ['Sid renamed', doc(get), doc({ ...get, Sid: 'ReadObjects' })],
    ['action case changed', doc(get), doc({ ...get, Action: 'S3:getobject' })],
    ['action wildcard narrowed', doc({ ...get, Action: 's3:*' }), doc({ ...get, Action: 's3:Get*' })],
    ['resource narrowed', doc({ ...get, Resource: '*' }), doc({ ...get, Resource: 'arn:aws:s3:::b/reports/*' })],
    ['wildcard replaced by the actions it stood for', doc({ ...get, Action: 's3:GetObject*' }), doc({ ...get, Action: ['s3:GetObject', 's3:GetObjectAcl', 's3:GetObjectTagging'] })],
    ['a condition added', doc(get), doc({ ...get, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })],
    ['a condition narrowed to fewer values', doc({ ...get, Condition: { StringEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } } }), doc({ ...get, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })],
    ['a Deny added', doc({ ...get, Action: 's3:*' }), doc({ ...get, Action: 's3:*' }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: B })],
    ['a new grant blocked by a Deny of the new version', doc(get), doc(get, put, { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' })],
    ['a Deny kept, moved into another statement', doc({ ...get, Action: 's3:*' }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: B }), doc({ Effect: 'Deny', Action: ['s3:DeleteObject', 's3:DeleteBucket'], Resource: '*' }, { ...get, Action: 's3:*' })],
    ['NotResource exclusions extended', doc({ ...get, Resource: undefined, NotResource: 'arn:aws:s3:::b/secret/*' }), doc({ ...get, Resource: undefined, NotResource: ['arn:aws:s3:::b/secret/*', 'arn:aws:s3:::b/private/*'] })],
    ['NotAction exclusions extended', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })],
    ['NotAction replaced by a subset of what it allowed', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:Describe*'], Resource: '*' })],
    ['policy variables kept', doc({ ...get, Resource: 'arn:aws:s3:::home/${aws:username}/*' }), doc({ ...get, Resource: 'arn:aws:s3:::home/${aws:username}/docs/*' })],
    ['action without resource-level permissions on *', doc({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }), doc({ Effect: 'Allow', Action: 'ecr:GetAuthorization*', Resource: '*' })],
    [
      'trust policy principals reordered',
      doc({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, Action: 'sts:AssumeRole' }),
      doc({ Effect: 'Allow', Principal: { Service: ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' }),
    ],
  ];
  for (const [name, reference, current] of same) {
    it(name, () => expect(changes(reference, current)).toEqual([]));
  }
});

describe('newAccess: widening is reported', () => {
  it('s3:GetObject → s3:* names the new s3 actions, not GetObject', () => {
    const [grant, ...rest] = newAccess(doc({ ...get, Action: 's3:*' }), doc(get));
    expect(rest).toEqual([]);
    expect(grant.at.path).toEqual(['Statement', 0, 'Action']);
    expect(grant.resources).toEqual([B]);
    expect(grant.actions).toContain('s3:PutObject');
    expect(grant.actions).toContain('s3:DeleteObject');
    expect(grant.actions).not.toContain('s3:GetObject');
    expect(grant.actions).toEqual([...grant.actions].sort());
    // s3:ListBucket takes a bucket ARN, which arn:aws:s3:::b/* does not name: not new access on b/*.
    expect(grant.actions).not.toContain('s3:ListBucket');
  });

  it('s3:GetObject + s3:PutObject → s3:Get* is new access (Get* covers more), without GetObject', () => {
    const [grant] = newAccess(doc({ ...get, Action: 's3:Get*' }), doc(get, put));
    const expected = expandActionPattern('s3:Get*').filter((a) => a.fullName !== 's3:GetObject').map((a) => a.fullName);
    expect(grant.actions).not.toContain('s3:GetObject');
    expect(grant.actions).toContain('s3:GetObjectAcl');
    expect(grant.actions.every((a) => expected.includes(a))).toBe(true);
  });

  it('an action added to a list is reported at its own entry', () => {
    expect(changes(doc(get), doc({ ...get, Action: ['s3:GetObject', 's3:DeleteObject'] }))).toEqual(['Statement.0.Action.1: s3:DeleteObject @ arn:aws:s3:::b/*']);
  });

  it('a removed Deny gives back what it denied', () => {
    const allowAll = { ...get, Action: 's3:*' };
    const deny = { Effect: 'Deny', Action: 's3:DeleteObject', Resource: B };
    expect(changes(doc(allowAll, deny), doc(allowAll))).toEqual(['Statement.0.Action: s3:DeleteObject @ arn:aws:s3:::b/*']);
  });

  it('a Deny that gained a condition is weaker', () => {
    const allowAll = { ...get, Action: 's3:*' };
    const deny = { Effect: 'Deny', Action: 's3:DeleteObject', Resource: B };
    const weaker = { ...deny, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } };
    expect(changes(doc(allowAll, deny), doc(allowAll, weaker))).toEqual(['Statement.0.Action: s3:DeleteObject @ arn:aws:s3:::b/*']);
  });

  it('a widened NotResource (an exclusion dropped) is reported at the NotResource key', () => {
    const reference = doc({ ...get, Resource: undefined, NotResource: ['arn:aws:s3:::b/secret/*', 'arn:aws:s3:::b/private/*'] });
    const current = doc({ ...get, Resource: undefined, NotResource: 'arn:aws:s3:::b/secret/*' });
    expect(changes(reference, current)).toEqual(['Statement.0.Action: s3:GetObject @ every resource except arn:aws:s3:::b/secret/*']);
  });

  it('a NotAction exclusion dropped', () => {
    const reference = doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' });
    const [grant] = newAccess(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), reference);
    expect(grant.at.path).toEqual(['Statement', 0, 'NotAction']);
    expect(grant.actions.every((a) => a.startsWith('organizations:'))).toBe(true);
  });

  it('resource arn:aws:s3:::b/* → *', () => {
    expect(changes(doc(get), doc({ ...get, Resource: '*' }))).toEqual(['Statement.0.Action: s3:GetObject @ *']);
  });

  it('a resource added to a list', () => {
    expect(changes(doc(get), doc({ ...get, Resource: [B, 'arn:aws:s3:::c/*'] }))).toEqual(['Statement.0.Action: s3:GetObject @ arn:aws:s3:::c/*']);
  });

  it('a removed condition, and a condition with more values', () => {
    const vpc = (values: string | string[]) => ({ ...get, Condition: { StringEquals: { 'aws:SourceVpc': values } } });
    expect(changes(doc(vpc('vpc-1')), doc(get))).toEqual(['Statement.0.Action: s3:GetObject @ arn:aws:s3:::b/*']);
    expect(changes(doc(vpc('vpc-1')), doc(vpc(['vpc-1', 'vpc-2'])))).toEqual(['Statement.0.Action: s3:GetObject @ arn:aws:s3:::b/*']);
  });

  it('merging statements with different resources grants the cross product', () => {
    const logsRead = { Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: 'arn:aws:logs:*:111122223333:log-group:app:*' };
    const merged = { Effect: 'Allow', Action: ['s3:GetObject', 'logs:GetLogEvents'], Resource: [B, 'arn:aws:logs:*:111122223333:log-group:app:*'] };
    // s3:GetObject cannot apply to a log group ARN, nor logs:GetLogEvents to an object ARN: nothing new.
    expect(changes(doc(get, logsRead), doc(merged))).toEqual([]);
    const mergedBuckets = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [B, 'arn:aws:s3:::c/*'] };
    expect(changes(doc(get, { ...put, Resource: 'arn:aws:s3:::c/*' }), doc(mergedBuckets))).toEqual([
      'Statement.0.Action.0: s3:GetObject @ arn:aws:s3:::c/*',
      'Statement.0.Action.1: s3:PutObject @ arn:aws:s3:::b/*',
    ]);
  });

  it('a new trusted principal', () => {
    const trust = (service: string[]) => doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
    expect(changes(trust(['lambda.amazonaws.com']), trust(['lambda.amazonaws.com', 'ec2.amazonaws.com']))).toEqual(['Statement.0.Action: sts:AssumeRole @ ']);
  });

  it('without a reference every grant is new', () => {
    expect(changes(undefined, doc(get, put))).toEqual(['Statement.0.Action: s3:GetObject @ arn:aws:s3:::b/*', 'Statement.1.Action: s3:PutObject @ arn:aws:s3:::b/*']);
  });
});

describe('conditionsNoStricter', () => {
  const entries = (condition: object) => doc({ ...get, Condition: condition }).statements[0].conditions;
  it('reads negated operators the other way round', () => {
    const few = entries({ StringNotEquals: { 'aws:PrincipalTag/team': 'a' } });
    const many = entries({ StringNotEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } });
    expect(conditionsNoStricter(few, many)).toBe(true);
    expect(conditionsNoStricter(many, few)).toBe(false);
  });
  it('an IfExists operator is a different operator', () => {
    expect(conditionsNoStricter(entries({ StringEquals: { 'aws:SourceVpc': 'v' } }), entries({ StringEqualsIfExists: { 'aws:SourceVpc': 'v' } }))).toBe(false);
  });
});
