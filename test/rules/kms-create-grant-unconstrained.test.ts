import rule from '../../src/rules/kms-create-grant-unconstrained.js';
import { policy, ruleTester } from '../rule-tester.js';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::111122223333:role/SageMakerExecutionRole';

ruleTester.run(rule, {
  valid: [
    {
      name: 'default key policy: persistent-resource grants and the account root',
      code: policy(
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'Allow attachment of persistent resources',
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
          Resource: '*',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
      ),
    },
    {
      name: 'BoolIfExists on kms:GrantIsForAWSResource (always present on CreateGrant)',
      code: policy({ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: KEY, Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': true } } }),
    },
    {
      name: 'kms:ViaService names the service',
      code: policy({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:CreateGrant'], Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': 'sagemaker.us-east-1.amazonaws.com' } } }),
    },
    {
      name: 'kms:ViaService with StringLike and a list',
      code: policy({ Effect: 'Allow', Action: 'kms:Create*', Resource: KEY, Condition: { StringLike: { 'kms:ViaService': ['ec2.*.amazonaws.com', 'rds.*.amazonaws.com'] } } }),
    },
    {
      name: 'grantee and operations pinned together',
      code: policy({
        Effect: 'Allow',
        Action: 'kms:CreateGrant',
        Resource: KEY,
        Condition: { StringEquals: { 'kms:GranteePrincipal': ROLE }, 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'GenerateDataKey'] } },
      }),
    },
    { name: 'Deny of kms:CreateGrant', code: policy({ Effect: 'Deny', Action: 'kms:CreateGrant', Resource: '*' }) },
    { name: 'bare * is left to full-admin', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    { name: 'crypto actions without CreateGrant', code: policy({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: KEY }) },
    { name: 'NotAction that excludes CreateGrant', code: policy({ Effect: 'Allow', NotAction: ['kms:CreateGrant', 'kms:ScheduleKeyDeletion'], Resource: KEY }) },
    { name: 'resource that cannot be a key (alias)', code: policy({ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: 'arn:aws:kms:us-east-1:111122223333:alias/app' }) },
    { name: 'permissions boundary only caps permissions', code: policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }), kind: 'boundary' },
  ],
  invalid: [
    {
      name: 'compact JSON, exact position',
      code: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"${KEY}"}]}`,
      errors: [
        {
          messageId: 'missingCondition',
          path: ['Statement', 0, 'Action'],
          line: 1,
          column: 65,
          endColumn: 82,
          message: 'kms:CreateGrant is allowed through "kms:CreateGrant" in statement 0 without a kms:GrantIsForAWSResource or kms:ViaService condition: the principal can give anyone use of the key.',
        },
      ],
    },
    {
      name: 'case-insensitive Create* and kms:* in two statements',
      code: policy({ Sid: 'Create', Effect: 'Allow', Action: ['kms:Decrypt', 'KMS:create*'], Resource: KEY }, { Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
      errors: [
        { messageId: 'missingCondition', path: ['Statement', 0, 'Action', 1], line: 9, column: 9, message: /through "KMS:create\*" in statement "Create"/ },
        { messageId: 'missingCondition', path: ['Statement', 1, 'Action'], line: 15, column: 17, message: /through "kms:\*" in statement 1/ },
      ],
    },
    {
      name: 'key policy: key administrators with kms:Create*',
      code: policy(
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/KeyAdmin' }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*'], Resource: '*' },
      ),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 1, 'Action', 0], line: 20, column: 9 }],
    },
    {
      name: 'two account roots are not the default delegation',
      code: policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] }, Action: 'kms:CreateGrant', Resource: '*' }),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 12, column: 17 }],
    },
    {
      name: 'NotAction that does not exclude CreateGrant',
      code: policy({ Effect: 'Allow', NotAction: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], Resource: KEY }),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: /through "NotAction" in statement 0/ }],
    },
    {
      name: 'NotResource',
      code: policy({ Effect: 'Allow', Action: 'kms:CreateGrant', NotResource: 'arn:aws:kms:us-east-1:111122223333:key/other' }),
      errors: [{ messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'Bool kms:GrantIsForAWSResource false',
      code: policy({ Sid: 'Grants', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: KEY, Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false' } } }),
      errors: [
        {
          messageId: 'grantNotForAwsResource',
          path: ['Statement', 0, 'Condition', 'Bool', 'kms:GrantIsForAWSResource'],
          line: 11,
          column: 40,
          message: 'Bool kms:GrantIsForAWSResource "false" in statement "Grants" allows only grants that are not for an AWS resource, so kms:CreateGrant through "kms:CreateGrant" is unconstrained; use "true".',
          related: [{ line: 7, column: 17, message: 'kms:CreateGrant allowed here through "kms:CreateGrant"' }],
        },
      ],
    },
    {
      name: 'StringEqualsIfExists on kms:ViaService',
      code: policy({ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: KEY, Condition: { StringEqualsIfExists: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
      errors: [
        {
          messageId: 'viaServiceIfExists',
          path: ['Statement', 0, 'Condition', 'StringEqualsIfExists'],
          line: 9,
          column: 9,
          message: /^StringEqualsIfExists on kms:ViaService in statement 0 also passes when the caller calls KMS directly .*; use StringEquals\.$/,
          related: [{ line: 6, column: 17 }],
        },
      ],
    },
    {
      name: 'grantee without operations, operations without ForAllValues',
      code: policy(
        { Effect: 'Allow', Action: 'kms:CreateGrant', Resource: KEY, Condition: { StringEquals: { 'kms:GranteePrincipal': ROLE } } },
        { Effect: 'Allow', Action: 'kms:CreateGrant', Resource: KEY, Condition: { StringEquals: { 'kms:GranteePrincipal': ROLE }, 'ForAnyValue:StringEquals': { 'kms:GrantOperations': 'Decrypt' } } },
      ),
      errors: [
        { messageId: 'missingCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17 },
        { messageId: 'missingCondition', path: ['Statement', 1, 'Action'], line: 16, column: 17 },
      ],
    },
  ],
});
