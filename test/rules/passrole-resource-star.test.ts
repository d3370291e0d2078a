import rule from '../../src/rules/passrole-resource-star.js';
import { policy, ruleTester } from '../rule-tester.js';

const ROLE = 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole';
const toSageMaker = { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } };

ruleTester.run(rule, {
  valid: [
    { name: 'one named role', code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE, Condition: toSageMaker }) },
    { name: 'path- and name-scoped patterns', code: policy({ Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['arn:aws:iam::111122223333:role/service-role/sagemaker-*', 'arn:aws:iam::111122223333:role/app-*', 'arn:aws:iam::*:role/service-role/*'] }) },
    { name: 'Deny on "*"', code: policy({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }) },
    { name: 'other IAM actions on "*"', code: policy({ Effect: 'Allow', Action: ['iam:GetRole', 'iam:ListRoles'], Resource: '*' }) },
    { name: 'NotAction excluding PassRole on "*"', code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) },
    { name: 'NotResource that excludes every role', code: policy({ Effect: 'Allow', Action: 'iam:*', NotResource: ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:user/*'] }) },
    { name: 'boundary caps with "*"', kind: 'boundary', code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) },
    { name: 'repository policy with Principal', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'iam:PassRole', Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'Resource "*", scalar',
      code: policy({ Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: toSageMaker }),
      errors: [
        {
          messageId: 'resourceStar',
          path: ['Statement', 0, 'Resource'],
          line: 8,
          column: 19,
          message: 'Statement "PassAnyRole" allows iam:PassRole (through "iam:PassRole") on Resource "*": every role in every account can be passed. List the role ARNs instead.',
        },
      ],
    },
    {
      name: 'every role of one account, in a list next to a named role, action in another case',
      code: policy({ Effect: 'Allow', Action: 'IAM:passrole', Resource: [ROLE, 'arn:aws:iam::111122223333:role/*'] }),
      errors: [
        {
          messageId: 'anyRole',
          path: ['Statement', 0, 'Resource', 1],
          line: 9,
          column: 9,
          message: 'Statement 0 allows iam:PassRole (through "IAM:passrole") on "arn:aws:iam::111122223333:role/*", which matches every role of account 111122223333. List the role ARNs (or a reserved path or name prefix) instead.',
        },
      ],
    },
    {
      name: 'any-role patterns across accounts and partitions (two findings)',
      code: policy({ Effect: 'Allow', Action: ['iam:Get*', 'iam:Pass*'], Resource: ['arn:aws:iam::*:role/*', 'arn:*:iam::*:*'] }),
      errors: [
        { messageId: 'anyRole', path: ['Statement', 0, 'Resource', 0], line: 11, column: 9, message: /through "iam:Pass\*"\) on "arn:aws:iam::\*:role\/\*", which matches every role in every account/ },
        { messageId: 'anyRole', path: ['Statement', 0, 'Resource', 1], line: 12, column: 9, message: /on "arn:\*:iam::\*:\*"/ },
      ],
    },
    {
      name: 'iam:* on every resource of the account and "role*"',
      code: policy({ Effect: 'Allow', Action: 'iam:*', Resource: ['arn:aws:iam::111122223333:*', 'arn:aws:iam::111122223333:role*', 'arn:aws:iam::111122223333:user/*'] }),
      errors: [
        { messageId: 'anyRole', path: ['Statement', 0, 'Resource', 0], line: 8, column: 9 },
        { messageId: 'anyRole', path: ['Statement', 0, 'Resource', 1], line: 9, column: 9 },
      ],
    },
    {
      name: 'NotAction covering PassRole on "*"',
      code: policy({ Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' }),
      errors: [{ messageId: 'resourceStar', path: ['Statement', 0, 'Resource'], line: 9, column: 19, message: /through NotAction\)/ }],
    },
    {
      name: 'NotResource on PassRole',
      code: policy({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole' }),
      errors: [
        {
          messageId: 'notResource',
          path: ['Statement', 0, 'NotResource'],
          line: 7,
          column: 7,
          message: 'Statement 0 allows iam:PassRole (through "iam:PassRole") with NotResource: every role except the listed ones can be passed. Use Resource with the role ARNs instead.',
        },
      ],
    },
  ],
});
