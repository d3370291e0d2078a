import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/engine/model.js';
import { admitsService, findEscalations, type EscalationScope } from '../../src/iam/escalation.js';
import { ESCALATION_METHODS, escalationMethod, type EscalationMethod } from '../../src/iam/escalation-methods.js';
import { lookupAction } from '../../src/iam/service-data.js';
import { extractDocuments } from '../../src/parsers/index.js';

let counter = 0;
function doc(...statements: object[]): PolicyDocument {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return extractDocuments(`doc${counter++}.json`, text).documents[0];
}
const identity = (...docs: PolicyDocument[]): EscalationScope => ({ grants: docs, denies: docs, mode: 'identity' });
const found = (scope: EscalationScope, methods: readonly EscalationMethod[] = ESCALATION_METHODS) => findEscalations(scope, methods).map((p) => p.method.id);
const allow = (actions: readonly string[], resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Allow', Action: actions, Resource: resource, ...extra });

/** The Rhino Security Labs set (2018), as Rhino, Parliament and Cloudsplaining name it. */
const RHINO_21 = [
  'CreateNewPolicyVersion',
  'SetExistingDefaultPolicyVersion',
  'CreateEC2WithExistingIP',
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'AttachUserPolicy',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'PutUserPolicy',
  'PutGroupPolicy',
  'PutRolePolicy',
  'AddUserToGroup',
  'UpdateRolePolicyToAssumeIt',
  'PassExistingRoleToNewLambdaThenInvoke',
  'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
  'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo',
  'PassExistingRoleToNewGlueDevEndpoint',
  'UpdateExistingGlueDevEndpoint',
  'PassExistingRoleToCloudFormation',
  'PassExistingRoleToNewDataPipeline',
  'EditExistingLambdaFunctionWithRole',
];

describe('ESCALATION_METHODS catalogue', () => {
  it('holds the Rhino Security Labs methods', () => {
    const rhino = ESCALATION_METHODS.filter((m) => m.source === 'Rhino Security Labs').map((m) => m.id);
    expect(rhino).toEqual(RHINO_21);
  });

  it('has unique ids, found case-insensitively', () => {
    const ids = ESCALATION_METHODS.map((m) => m.id.toLowerCase());
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(escalationMethod('createnewpolicyversion')?.id).toBe('CreateNewPolicyVersion');
    expect(escalationMethod('NoSuchMethod')).toBeUndefined();
  });

  for (const m of ESCALATION_METHODS) {
    it(`${m.id}: actions exist in the AWS data, in their official case, with the named resource types`, () => {
      for (const a of m.actions) {
        const info = lookupAction(a.action);
        expect(info?.fullName, a.action).toBe(a.action);
        for (const t of a.resourceTypes ?? []) expect(info!.resourceTypes.map((r) => r.name), `${a.action} ${t}`).toContain(t);
      }
      for (const o of m.unlessAllowedOnObjects ?? []) expect(lookupAction(o)?.fullName).toBe(o);
      expect(m.actions.map((a) => a.action)).toContain(m.anchor);
      expect(new Set(m.actions.map((a) => a.action)).size).toBe(m.actions.length);
      expect(m.passedTo !== undefined).toBe(m.actions.some((a) => a.action === 'iam:PassRole'));
      expect(m.link).toMatch(/^https:\/\//);
      expect(m.description).toMatch(/^[A-Z].*\.$/);
    });
  }
});

describe('findEscalations: every method', () => {
  for (const m of ESCALATION_METHODS) {
    const actions = m.actions.map((a) => a.action);
    it(`${m.id} is found when all its actions are allowed on "*", and not when one is missing`, () => {
      expect(found(identity(doc(allow(actions))), [m])).toEqual([m.id]);
      for (const dropped of actions) {
        if (actions.length === 1) break;
        const rest = actions.filter((a) => a !== dropped);
        expect(found(identity(doc(allow(rest))), [m]), `without ${dropped}`).toEqual([]);
      }
    });
  }
});

describe('findEscalations: grants', () => {
  it('pools the statements of several identity policies and reports them per action', () => {
    const a = doc(allow(['iam:PassRole'], 'arn:aws:iam::111122223333:role/app'));
    const b = doc(allow(['glue:CreateDevEndpoint']));
    const [path] = findEscalations(identity(a, b), [escalationMethod('PassExistingRoleToNewGlueDevEndpoint')!]);
    expect(path.actions.map((x) => [x.action.fullName, x.grants[0].document.id === a.id, x.scoped])).toEqual([
      ['iam:PassRole', true, true],
      ['glue:CreateDevEndpoint', false, false],
    ]);
    expect(path.anchor.action.fullName).toBe('glue:CreateDevEndpoint');
  });

  it('treats every resource of a type in one account as unscoped', () => {
    const [path] = findEscalations(identity(doc(allow(['lambda:UpdateFunctionCode'], 'arn:aws:lambda:us-east-1:111122223333:function:*'))), [escalationMethod('EditExistingLambdaFunctionWithRole')!]);
    expect(path.anchor.scoped).toBe(false);
    const [named] = findEscalations(identity(doc(allow(['lambda:UpdateFunctionCode'], 'arn:aws:lambda:us-east-1:111122223333:function:app-*'))), [escalationMethod('EditExistingLambdaFunctionWithRole')!]);
    expect(named.anchor.scoped).toBe(true);
  });

  it('caps identity grants with the permissions boundary', () => {
    const app = doc(allow(['iam:PassRole', 'ec2:RunInstances']));
    const boundary = doc(allow(['ec2:*']));
    const methods = [escalationMethod('CreateEC2WithExistingIP')!];
    expect(found({ grants: [app], boundary, denies: [app, boundary], mode: 'identity' }, methods)).toEqual([]);
    expect(found({ grants: [app], boundary: doc(allow(['ec2:*', 'iam:PassRole'])), denies: [app], mode: 'identity' }, methods)).toEqual(['CreateEC2WithExistingIP']);
  });

  it('skips statements with restricting conditions only when asked', () => {
    const d = doc(allow(['iam:PutUserPolicy'], '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'platform' } } }));
    const methods = [escalationMethod('PutUserPolicy')!];
    expect(found(identity(d), methods)).toEqual(['PutUserPolicy']);
    expect(found({ ...identity(d), skipConditioned: true }, methods)).toEqual([]);
  });

  it('judges resource policies by their statements with a Principal, and Denies naming everyone', () => {
    const bucket = ['arn:aws:s3:::shared', 'arn:aws:s3:::shared/*'];
    const grant = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['s3:PutBucketAcl', 's3:GetObject'], Resource: bucket };
    const methods = ESCALATION_METHODS.filter((m) => m.inResourcePolicies);
    expect(found({ grants: [doc(grant)], denies: [], mode: 'resource' }, methods)).toEqual(['PutBucketAclToGrantSelf']);
    const denied = doc(grant, { Effect: 'Deny', Principal: '*', Action: 's3:PutBucketAcl', Resource: bucket[0] });
    expect(found({ grants: [denied], denies: [denied], mode: 'resource' }, methods)).toEqual([]);
    const otherDeny = doc(grant, { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 's3:PutBucketAcl', Resource: bucket[0] });
    expect(found({ grants: [otherDeny], denies: [otherDeny], mode: 'resource' }, methods)).toEqual(['PutBucketAclToGrantSelf']);
  });

  it('reports the object actions a bucket-policy method would add', () => {
    const [path] = findEscalations(identity(doc(allow(['s3:PutBucketPolicy', 's3:GetObject'], ['arn:aws:s3:::b', 'arn:aws:s3:::b/*']))), [escalationMethod('PutBucketPolicyToGrantSelf')!]);
    expect(path.missing).toEqual(['s3:PutObject', 's3:DeleteObject']);
  });
});

describe('admitsService', () => {
  const stmt = (operator: string, value: string | string[]) => doc(allow(['iam:PassRole'], '*', { Condition: { [operator]: { 'iam:PassedToService': value } } })).statements[0];
  it.each([
    ['StringEquals', 'lambda.amazonaws.com', 'lambda.amazonaws.com', true],
    ['StringEquals', 'sagemaker.amazonaws.com', 'lambda.amazonaws.com', false],
    ['StringEquals', ['sagemaker.amazonaws.com', 'lambda.amazonaws.com'], 'lambda.amazonaws.com', true],
    ['StringLike', '*.amazonaws.com', 'ec2.amazonaws.com', true],
    ['StringEquals', 'ec2.amazonaws.com.cn', 'ec2.amazonaws.com', true],
    ['StringNotEquals', 'ec2.amazonaws.com', 'ec2.amazonaws.com', false],
    ['StringNotEquals', 'ec2.amazonaws.com', 'lambda.amazonaws.com', true],
    ['StringEqualsIfExists', 'sagemaker.amazonaws.com', 'lambda.amazonaws.com', true],
    ['ForAllValues:StringEquals', 'sagemaker.amazonaws.com', 'lambda.amazonaws.com', true],
    ['ForAnyValue:StringEquals', 'sagemaker.amazonaws.com', 'lambda.amazonaws.com', false],
    ['Null', 'false', 'lambda.amazonaws.com', true],
  ])('%s %j admits %s: %s', (operator, value, service, expected) => {
    expect(admitsService(stmt(operator, value), service)).toBe(expected);
  });
});
