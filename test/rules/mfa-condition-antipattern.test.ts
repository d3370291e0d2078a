import rule from '../../src/rules/mfa-condition-antipattern.js';
import { policy, ruleTester } from '../rule-tester.js';

/** The "DenyAllExceptListedIfNoMFA" statement of the IAM User Guide's self-manage-MFA policy, with the given condition. */
const denyIfNoMfa = (Condition: object) => ({
  Sid: 'DenyAllExceptListedIfNoMFA',
  Effect: 'Deny',
  NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
  Resource: '*',
  Condition,
});
const allowEc2 = (Condition: object) => ({ Effect: 'Allow', Action: ['ec2:StopInstances', 'EC2:terminateinstances'], Resource: '*', Condition });

ruleTester.run(rule, {
  valid: [
    { name: 'Deny with BoolIfExists false (the recommended combination)', code: policy(denyIfNoMfa({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })) },
    { name: 'Allow with Bool true', code: policy(allowEc2({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })) },
    { name: 'Allow with BoolIfExists true (the console\'s "MFA required")', code: policy(allowEc2({ BoolIfExists: { 'aws:MultiFactorAuthPresent': true } })) },
    { name: 'Deny on MFA age (Parliament test_condition_with_MultiFactorAuthAge)', code: policy({ Sid: '', Effect: 'Deny', Action: '*', Resource: '*', Condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '28800' } } }) },
    {
      name: 'Null true on another key (Parliament test_condition_with_null)',
      code: policy({ Sid: '', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::examplebucket/taxdocuments/*', Condition: { Null: { 'aws:MultiFactorAuthAge': true } } }),
      kind: 'resource',
    },
    { name: 'Bool false on another key', code: policy(denyIfNoMfa({ Bool: { 'aws:SecureTransport': 'false' } })) },
    { name: 'both values listed: no single pattern', code: policy(denyIfNoMfa({ Bool: { 'aws:MultiFactorAuthPresent': ['true', 'false'] } })) },
    { name: 'set qualifier is condition-set-operator-misuse\'s finding', code: policy(denyIfNoMfa({ 'ForAnyValue:Bool': { 'aws:MultiFactorAuthPresent': 'false' } })) },
    {
      name: 'cross-account trust policy requiring MFA',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
      kind: 'trust',
    },
  ],
  invalid: [
    {
      name: 'Deny with Bool false (documented NOT RECOMMENDED), NotAction',
      code: policy(denyIfNoMfa({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } })),
      errors: [
        {
          messageId: 'denyBoolFalse',
          path: ['Statement', 0, 'Condition', 'Bool', 'aws:MultiFactorAuthPresent'],
          line: 19,
          column: 11,
          message:
            'Bool "false" on aws:MultiFactorAuthPresent in Deny statement "DenyAllExceptListedIfNoMFA" does not deny requests made with long-term access keys: they carry no aws:MultiFactorAuthPresent, so the condition is false and the Deny does not apply. Use BoolIfExists with "false" to deny every request not authenticated with MFA.',
        },
      ],
    },
    {
      name: 'Deny with Bool false as a JSON boolean in a list, key in another case, SCP',
      kind: 'scp',
      code: policy({ Effect: 'Deny', Action: ['ec2:StopInstances', 'ec2:TerminateInstances'], Resource: '*', Condition: { Bool: { 'AWS:MultiFactorAuthPresent': [false] } } }),
      errors: [{ messageId: 'denyBoolFalse', path: ['Statement', 0, 'Condition', 'Bool', 'AWS:MultiFactorAuthPresent'], line: 13, column: 11, message: /^Bool "false" on AWS:MultiFactorAuthPresent in Deny statement 0/ }],
    },
    {
      name: 'Deny with Null true (documented: do not use)',
      code: policy(denyIfNoMfa({ Null: { 'aws:MultiFactorAuthPresent': 'true' } })),
      errors: [
        {
          messageId: 'denyNullTrue',
          path: ['Statement', 0, 'Condition', 'Null', 'aws:MultiFactorAuthPresent'],
          line: 19,
          column: 11,
          message:
            'Null "true" on aws:MultiFactorAuthPresent in Deny statement "DenyAllExceptListedIfNoMFA" denies only requests without the key (long-term access keys); temporary credentials obtained without MFA carry it as "false" and are not denied. Use BoolIfExists with "false" instead.',
        },
      ],
    },
    {
      name: 'Allow with Bool false (Parliament test_bad_mfa_condition)',
      code: '{\n    "Version": "2012-10-17",\n    "Statement": {\n        "Effect": "Allow",\n        "Action": "*",\n        "Resource": "*",\n        "Condition": {"Bool": {"aws:MultiFactorAuthPresent":"false"}}\n        }}',
      errors: [
        {
          messageId: 'allowBoolFalse',
          path: ['Statement', 'Condition', 'Bool', 'aws:MultiFactorAuthPresent'],
          line: 7,
          column: 32,
          message:
            'Bool "false" on aws:MultiFactorAuthPresent in Allow statement 0 grants access only to temporary credentials obtained without MFA, and never to requests with long-term access keys (the key is absent). To require MFA, allow with Bool "true", or deny with BoolIfExists "false".',
        },
      ],
    },
    {
      name: 'Allow with Null false (documented: use with caution)',
      code: policy(allowEc2({ Null: { 'aws:MultiFactorAuthPresent': false } })),
      errors: [
        {
          messageId: 'allowNullFalse',
          path: ['Statement', 0, 'Condition', 'Null', 'aws:MultiFactorAuthPresent'],
          line: 13,
          column: 11,
          message:
            'Null "false" on aws:MultiFactorAuthPresent in Allow statement 0 only tests that the key exists: it allows every request made with temporary credentials, with or without MFA. Use Bool "true" to allow only MFA-authenticated requests.',
        },
      ],
    },
    {
      name: 'two statements, two findings',
      code: policy(allowEc2({ Bool: { 'aws:MultiFactorAuthPresent': 'FALSE' } }), denyIfNoMfa({ Bool: { 'aws:MultiFactorAuthPresent': 'false' }, Null: { 'aws:MultiFactorAuthPresent': 'true' } })),
      errors: [
        { messageId: 'allowBoolFalse', path: ['Statement', 0, 'Condition', 'Bool', 'aws:MultiFactorAuthPresent'], line: 13, column: 11 },
        { messageId: 'denyBoolFalse', path: ['Statement', 1, 'Condition', 'Bool', 'aws:MultiFactorAuthPresent'], line: 32, column: 11 },
        { messageId: 'denyNullTrue', path: ['Statement', 1, 'Condition', 'Null', 'aws:MultiFactorAuthPresent'], line: 35, column: 11 },
      ],
    },
  ],
});
