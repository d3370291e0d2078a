/**
 * Several rules remember what they derive from an Action, Resource or condition key entry (the
 * same entries recur in policy after policy). The remembered answers must not depend on the
 * rule's options: each case lints the same policy with and without the option, in both orders.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/engine/rule.js';
import actionRequiresStar from '../../src/rules/action-requires-star.js';
import conditionKeyNotApplicable from '../../src/rules/condition-key-not-applicable.js';
import resourceMismatch from '../../src/rules/resource-mismatch.js';
import serviceWildcardAction from '../../src/rules/service-wildcard-action.js';
import unknownAction from '../../src/rules/unknown-action.js';
import unknownService from '../../src/rules/unknown-service.js';
import unscopedWrite from '../../src/rules/unscoped-write.js';
import { policy, runRule } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function check(rule: Rule<any, string>, code: string, options: object, withOptions: string[], without: string[]): void {
  const ids = (opts: object) => runRule(rule, { name: 'case', code, options: opts }).filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'internal-error').map((f) => f.messageId);
  for (let round = 0; round < 2; round++) {
    expect(ids({}), 'without the option').toEqual(without);
    expect(ids(options), 'with the option').toEqual(withOptions);
  }
}

describe('answers remembered per entry do not depend on options', () => {
  it('action-requires-star: ignoring the only ARN action of a pattern leaves a "*"-only rest to report', () => {
    check(actionRequiresStar, policy({ Effect: 'Allow', Action: 'sts:Get*', Resource: REPO }), { ignoreActions: ['sts:GetFederationToken'] }, ['starOnlyPattern'], []);
    check(actionRequiresStar, policy({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: REPO }), { ignoreActions: ['ecr:GetAuth*'] }, [], ['starOnlyAction']);
  });

  it('unscoped-write: ignoreActions', () => {
    check(unscopedWrite, policy({ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:Put*'], Resource: '*' }), { ignoreActions: ['ecr:Put*'] }, [], ['unscopedAction', 'unscopedPattern']);
    check(unscopedWrite, policy({ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:Put*'], Resource: 'arn:*:ecr:*:*:repository/*' }), { ignoreActions: ['ecr:PutImage'] }, ['unscopedPattern'], ['unscopedAction', 'unscopedPattern']);
  });

  it('resource-mismatch: ignoreActions', () => {
    check(resourceMismatch, policy({ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' }), { ignoreActions: ['s3:listbucket'] }, [], ['actionMismatch']);
  });

  it('unknown-action: ignoreActions', () => {
    check(unknownAction, policy({ Effect: 'Allow', Action: ['ecr:GetAuthorisationToken', 'ecr:NoSuch*'], Resource: '*' }), { ignoreActions: ['ecr:GetAuth*'] }, ['unknownPattern'], ['unknownActionSuggestion', 'unknownPattern']);
  });

  it('unknown-service: ignoreServices, also for a prefix pattern', () => {
    check(unknownService, policy({ Effect: 'Allow', Action: ['newservice:DoThing', 'newservice*:Get*', 'bad'], Resource: '*' }), { ignoreServices: ['NewService'] }, ['invalidFormat'], ['unknownService', 'unknownServicePattern', 'invalidFormat']);
  });

  it('service-wildcard-action: allowServices', () => {
    check(serviceWildcardAction, policy({ Effect: 'Allow', Action: ['s3:*', 'S3:**', 'ec2:*'], Resource: '*' }), { allowServices: ['s3'] }, ['serviceWildcard'], ['serviceWildcard', 'serviceWildcard', 'serviceWildcard']);
  });

  it('condition-key-not-applicable: ignoreKeys', () => {
    const code = policy({ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'home/' } } });
    check(conditionKeyNotApplicable, code, { ignoreKeys: ['S3:*'] }, [], ['notApplicable']);
  });
});
