import rule from '../../src/rules/passrole-without-passed-to-service.js';
import { policy, ruleTester } from '../rule-tester.js';

const ROLE = 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole';
const toSageMaker = { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } };

ruleTester.run(rule, {
  valid: [
    { name: 'SageMaker: one role, StringEquals on iam:PassedToService', code: policy({ Sid: 'PassExecutionRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE, Condition: toSageMaker }) },
    {
      name: 'StringLike with a list of services and other conditions',
      code: policy({ Effect: 'Allow', Action: ['iam:GetRole', 'iam:PassRole'], Resource: 'arn:aws:iam::111122223333:role/app-*', Condition: { StringLike: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] }, StringEquals: { 'aws:ResourceAccount': '111122223333' } } }),
    },
    { name: 'condition key in another case', code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE, Condition: { StringEquals: { 'IAM:passedtoservice': 'glue.amazonaws.com' } } }) },
    { name: 'IfExists operator is left to passrole-condition-ifexists', code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE, Condition: { StringEqualsIfExists: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }) },
    { name: 'Deny of PassRole needs no condition', code: policy({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }) },
    { name: 'no PassRole: iam:Get* and iam:List*', code: policy({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }) },
    { name: 'NotAction that excludes PassRole', code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }) },
    {
      name: 'unconditioned Allow guarded by a Deny refusing every other service',
      code: policy(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE },
        { Sid: 'OnlySageMaker', Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } },
      ),
    },
    {
      name: 'Deny guard on every service role of the account covers the allowed role',
      code: policy(
        { Effect: 'Allow', Action: ['iam:GetRole', 'iam:PassRole'], Resource: ROLE },
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/service-role/*', Condition: { StringNotLike: { 'iam:PassedToService': ['sagemaker.amazonaws.com', 'glue.amazonaws.com'] } } },
      ),
    },
    { name: 'ignoreRoles covers every Resource', options: { ignoreRoles: ['arn:aws:iam::111122223333:role/ci/*'] }, code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:iam::111122223333:role/ci/deploy', 'arn:aws:iam::111122223333:role/ci/build-*'] }) },
    { name: 'boundary is a cap, not a grant', kind: 'boundary', code: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) },
    { name: 'trust policy without Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      name: 'PassRole without condition, scalar',
      code: policy({ Sid: 'PassExecutionRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE }),
      errors: [
        {
          messageId: 'missingCondition',
          path: ['Statement', 0, 'Action'],
          line: 7,
          column: 17,
          message:
            'Statement "PassExecutionRole" allows iam:PassRole through Action "iam:PassRole" without an iam:PassedToService condition: role "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole" can be passed to any AWS service. Add "StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}.',
        },
      ],
    },
    {
      name: 'administrator policy: Action "*" on "*"',
      code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^Statement 0 allows iam:PassRole through Action "\*" without .*: every role can be passed/ }],
    },
    {
      name: 'iam:Pass* in a list, in another case, with an unrelated condition',
      code: policy({ Effect: 'Allow', Action: ['iam:GetRole', 'IAM:pass*'], Resource: [ROLE, 'arn:aws:iam::111122223333:role/app'], Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml' } } }),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /through Action "IAM:pass\*" .*: roles ".*AmazonSageMaker-ExecutionRole", "arn:aws:iam::111122223333:role\/app" can be passed/ }],
    },
    {
      name: 'NotAction that does not exclude PassRole',
      code: policy({ Effect: 'Allow', NotAction: ['s3:*', 'ec2:*'], Resource: '*' }),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: /through NotAction \(it does not exclude iam:PassRole\)/ }],
    },
    {
      name: 'a Null test does not limit the services',
      code: policy({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/admin', Condition: { Null: { 'iam:PassedToService': 'false' } } }),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /every role outside its NotResource/ }],
    },
    {
      name: 'ignoreRoles covering only one of two roles; two statements (two findings)',
      options: { ignoreRoles: ['arn:aws:iam::111122223333:role/ci/*'] },
      code: policy(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:iam::111122223333:role/ci/deploy', ROLE] },
        { Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/*' },
      ),
      errors: [
        { messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17 },
        { messageId: 'missingCondition', path: ['Statement', 1, 'Action'], line: 14, column: 17, message: /^Statement 1 allows iam:PassRole through Action "iam:\*"/ },
      ],
    },
    {
      name: 'Deny guard limited to some roles does not guard the rest',
      code: policy(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: ROLE, Condition: { StringNotEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } },
      ),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'Deny guard with another condition may not apply',
      code: policy(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE },
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' }, Bool: { 'aws:ViaAWSService': 'false' } } },
      ),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
  ],
});
