import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/engine/model.js';
import {
  conditionNarrowsGrant,
  CREDENTIALS_EXPOSURE_ACTIONS,
  credentialsExposureOf,
  DATA_EXFILTRATION_ACTIONS,
  dataExfiltrationOf,
  describeResources,
  ECR_AUTHORIZATION_TOKEN_ACTIONS,
  exampleList,
  grantsBroadly,
  isResourceExposureAction,
} from '../../src/iam/risk-categories.js';
import { lookupAction, type ActionInfo } from '../../src/iam/service-data.js';
import { extractDocuments } from '../../src/parsers/index.js';

let counter = 0;
function doc(...statements: object[]): PolicyDocument {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return extractDocuments(`risk${counter++}.json`, text).documents[0];
}
const action = (name: string): ActionInfo => {
  const a = lookupAction(name);
  if (!a) throw new Error(`unknown action ${name}`);
  return a;
};
const isCredentials = (a: ActionInfo) => credentialsExposureOf(a) !== undefined;
const isData = (a: ActionInfo) => dataExfiltrationOf(a) !== undefined;
/** Names of the broad grants of the first statement. */
const broad = (select: (a: ActionInfo) => boolean, ...statements: object[]) => {
  const d = doc(...statements);
  return grantsBroadly(d.statements[0], d, select).map((g) => g.action.fullName);
};

describe('action lists', () => {
  it.each([...CREDENTIALS_EXPOSURE_ACTIONS, ...ECR_AUTHORIZATION_TOKEN_ACTIONS, ...DATA_EXFILTRATION_ACTIONS].map((r) => r.action))('%s is an action of the AWS data, in its official case', (name) => {
    expect(lookupAction(name)?.fullName).toBe(name);
  });

  it('keeps the ECR token out unless asked', () => {
    expect(credentialsExposureOf(action('ecr:GetAuthorizationToken'))).toBeUndefined();
    expect(credentialsExposureOf(action('ECR-PUBLIC:getauthorizationtoken'), true)?.action).toBe('ecr-public:GetAuthorizationToken');
    expect(credentialsExposureOf(action('iam:createaccesskey'))?.yields).toBe('a new access key of any IAM user');
  });

  it('leaves out actions IAM policies do not control', () => {
    for (const name of ['sts:GetSessionToken', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'cognito-identity:GetCredentialsForIdentity', 'cognito-identity:GetOpenIdToken']) {
      expect(credentialsExposureOf(action(name), true), name).toBeUndefined();
    }
  });

  it('lists stored-data reads, not metadata reads', () => {
    expect(dataExfiltrationOf(action('s3:GetObject'))).toBeDefined();
    expect(dataExfiltrationOf(action('secretsmanager:GetSecretValue'))).toBeDefined();
    expect(dataExfiltrationOf(action('s3:GetBucketPolicy'))).toBeUndefined();
    expect(dataExfiltrationOf(action('kms:Decrypt'))).toBeUndefined();
  });

  it('takes resource exposure from the Permissions-management access level, plus sharing actions', () => {
    for (const name of ['s3:PutBucketPolicy', 'kms:CreateGrant', 'iam:AttachRolePolicy', 'lambda:AddPermission', 'ecr:SetRepositoryPolicy', 'sqs:AddPermission', 'logs:PutResourcePolicy', 'ram:CreateResourceShare', 'ec2:ModifyImageAttribute']) {
      expect(isResourceExposureAction(action(name)), name).toBe(true);
    }
    // Write, read-named, feature gates, credentials.
    for (const name of ['s3:PutObject', 'glue:GetStage', 'glue:UseGlueStudio', 'rds-db:connect']) {
      expect(isResourceExposureAction(action(name)), name).toBe(false);
    }
  });
});

describe('grantsBroadly', () => {
  it('finds listed actions on "*", in source order and by name within a wildcard', () => {
    expect(broad(isData, { Effect: 'Allow', Action: ['ssm:GetParameter*', 's3:GetObject'], Resource: '*' })).toEqual([
      'ssm:GetParameter',
      'ssm:GetParameterHistory',
      'ssm:GetParameters',
      'ssm:GetParametersByPath',
      's3:GetObject',
    ]);
  });

  it('counts an ARN pattern that reaches every resource of the type', () => {
    expect(broad(isData, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' })).toEqual(['s3:GetObject']);
    expect(broad(isData, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' })).toEqual([]);
    expect(broad(isData, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/${aws:username}/*' })).toEqual([]);
    // A pinned account or region still names every resource of the type there.
    expect(broad(isData, { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:us-east-1:111122223333:parameter/*' })).toEqual(['ssm:GetParameter']);
    expect(broad(isData, { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:us-east-1:111122223333:parameter/app/*' })).toEqual([]);
  });

  it('judges actions with a required resource type by that type', () => {
    const dbname = 'arn:aws:redshift:*:*:dbname:*';
    expect(broad(isCredentials, { Effect: 'Allow', Action: 'redshift:GetClusterCredentials', Resource: ['arn:aws:redshift:*:*:dbuser:*/reader', dbname] })).toEqual([]);
    expect(broad(isCredentials, { Effect: 'Allow', Action: 'redshift:GetClusterCredentials', Resource: ['arn:aws:redshift:*:*:dbuser:*/*', dbname] })).toEqual(['redshift:GetClusterCredentials']);
  });

  it('counts actions without resource ARNs only where a Resource matches "*"', () => {
    const all = (a: ActionInfo) => credentialsExposureOf(a, true) !== undefined;
    expect(broad(all, { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' })).toEqual(['ecr:GetAuthorizationToken']);
    expect(broad(all, { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: 'arn:aws:ecr:*:*:repository/*' })).toEqual([]);
  });

  it('reads NotAction and NotResource', () => {
    expect(broad(isData, { Effect: 'Allow', NotAction: ['s3:*', 'dynamodb:*'], Resource: '*' })).toEqual([
      'secretsmanager:GetSecretValue',
      'ssm:GetParameter',
      'ssm:GetParameterHistory',
      'ssm:GetParameters',
      'ssm:GetParametersByPath',
    ]);
    expect(broad(isCredentials, { Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'arn:aws:iam::111122223333:role/admin' })).toEqual(['sts:AssumeRole']);
    expect(broad(isCredentials, { Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: '*' })).toEqual([]);
  });

  it('skips Deny, trust statements, the bare * action and narrowing conditions', () => {
    expect(broad(isData, { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' })).toEqual([]);
    expect(broad(isCredentials, { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' })).toEqual([]);
    expect(broad(isData, { Effect: 'Allow', Action: '*', Resource: '*' })).toEqual([]);
    expect(broad(isData, { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } })).toEqual([]);
  });

  it('subtracts unconditioned Denies of the same document', () => {
    const allow = { Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: '*' };
    expect(broad(isData, allow, { Effect: 'Deny', Action: 'ssm:GetParameters*', Resource: '*' })).toEqual(['ssm:GetParameter', 'ssm:GetParameterHistory']);
    expect(broad(isData, allow, { Effect: 'Deny', Action: 'ssm:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })).toHaveLength(4);
  });

  it('names the resource it went through', () => {
    const d = doc(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::*'] },
      { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::payroll/*' },
    );
    const [first] = grantsBroadly(d.statements[0], d, isData);
    expect(first.resource.value).toBe('arn:aws:s3:::*');
    expect(first.via.path).toEqual(['Statement', 0, 'Action']);
    expect(describeResources([first])).toBe('"arn:aws:s3:::*"');
    const viaNotResource = grantsBroadly(d.statements[1], d, isData);
    expect(viaNotResource[0].outsideNotResource).toBe(true);
    expect(describeResources([first, ...viaNotResource])).toBe('"arn:aws:s3:::*" and every resource outside its NotResource');
  });
});

describe('conditionNarrowsGrant', () => {
  const narrows = (Condition: object) => conditionNarrowsGrant(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition }).statements[0]);

  it.each([
    [{ StringEquals: { 'aws:ResourceTag/team': 'ml' } }, true],
    [{ Null: { 'aws:ResourceTag/Project': 'false' } }, true],
    [{ StringLike: { 'secretsmanager:ResourceTag/Project': '*' } }, true],
    [{ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }, true],
    [{ StringEqualsIfExists: { 'aws:ResourceTag/team': 'ml' } }, false],
    [{ Null: { 'aws:ResourceTag/Project': 'true' } }, false],
    [{ StringNotEquals: { 'aws:ResourceAccount': '111122223333' } }, false],
    [{ Bool: { 'aws:SecureTransport': 'true' } }, false],
  ])('%j → %s', (condition, expected) => {
    expect(narrows(condition)).toBe(expected);
  });
});

describe('exampleList', () => {
  it('shows the first few names', () => {
    expect(exampleList(['a', 'b'])).toBe('a, b');
    expect(exampleList(['a', 'b', 'c', 'd'])).toBe('a, b, c, …');
  });
});
