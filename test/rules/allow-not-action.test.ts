import rule from '../../src/rules/allow-not-action.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

ruleTester.run(rule, {
  valid: [
    { name: 'Action list', code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` }) },
    {
      name: 'Deny with NotAction (region guard)',
      code: policy({ Effect: 'Deny', NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }),
    },
    {
      name: 'Deny with NotAction unless MFA',
      code: policy({ Effect: 'Deny', NotAction: ['iam:ListMFADevices', 'iam:EnableMFADevice', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
    },
    { name: 'permissions boundary allowing all but IAM', code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), kind: 'boundary' },
    { name: 'SCP allowing all but IAM', code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), kind: 'scp' },
  ],
  invalid: [
    {
      name: 'PowerUserAccess',
      code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }),
      errors: [
        {
          messageId: 'allowNotAction',
          path: ['Statement', 0, 'NotAction'],
          line: 6,
          column: 7,
          endColumn: 18,
          message: /^Statement 0 allows every action except iam:\*, organizations:\* and account:\* on every resource \(\*\): \d{5} of the \d{5} actions known today, and every action AWS adds later\.$/,
        },
      ],
    },
    {
      name: 'scalar NotAction on one bucket, compact JSON, case-insensitive exclusion',
      code: `{"Version":"2012-10-17","Statement":[{"Sid":"AllButDelete","Effect":"Allow","NotAction":"S3:deleteobject","Resource":"${BUCKET}/*"}]}`,
      errors: [
        {
          messageId: 'allowNotAction',
          path: ['Statement', 0, 'NotAction'],
          line: 1,
          column: 77,
          message: new RegExp(`^Statement "AllButDelete" allows every action except S3:deleteobject on ${BUCKET}/\\*: \\d+ of the \\d+ actions known today`),
        },
      ],
    },
    {
      name: 'an unknown action in NotAction excludes nothing: every known action is counted',
      code: policy({ Effect: 'Allow', NotAction: 's3:GetObjects', Resource: '*' }),
      errors: [{ messageId: 'allowNotAction', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: /: (\d+) of the \1 actions known today/ }],
    },
    {
      name: 'a restricting condition is named, not silencing',
      code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
      errors: [
        {
          messageId: 'allowNotActionConditioned',
          path: ['Statement', 0, 'NotAction'],
          line: 6,
          column: 7,
          message: /actions known today, and every action AWS adds later\. Its conditions on aws:SourceIp narrow when it applies, not what it grants\.$/,
        },
      ],
    },
    {
      name: 'an IfExists condition restricts nothing: plain message',
      code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
      errors: [{ messageId: 'allowNotAction', path: ['Statement', 0, 'NotAction'], line: 6, column: 7 }],
    },
    {
      name: 'two statements, the second in a resource policy with NotResource',
      code: policy(
        { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, NotAction: 's3:DeleteBucket', NotResource: `${BUCKET}/private/*` },
      ),
      errors: [
        { messageId: 'allowNotAction', path: ['Statement', 0, 'NotAction'], line: 6, column: 7 },
        {
          messageId: 'allowNotAction',
          path: ['Statement', 1, 'NotAction'],
          line: 16,
          column: 7,
          message: new RegExp(`^Statement 1 allows every action except s3:DeleteBucket on every resource except ${BUCKET}/private/\\*: `),
        },
      ],
    },
    {
      name: 'trust policy (no Resource) with NotAction',
      code: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, NotAction: 'sts:TagSession' }),
      kind: 'trust',
      errors: [{ messageId: 'allowNotAction', path: ['Statement', 0, 'NotAction'], line: 9, column: 7, message: /^Statement 0 allows every action except sts:TagSession on the policy's own resource: / }],
    },
  ],
});
