import rule from '../../src/rules/allow-not-resource.js';
import { policy, ruleTester } from '../rule-tester.js';

const PAYROLL = ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'];

ruleTester.run(rule, {
  valid: [
    { name: 'Resource list', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::HRBucket/Reports/*'] }) },
    { name: 'Deny with NotResource (Parliament test_notresource_allow 1)', code: policy({ Effect: 'Deny', Action: 's3:*', NotResource: PAYROLL }) },
    {
      name: 'Deny everything outside the account\'s buckets',
      code: policy({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'], Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } }),
    },
    { name: 'permissions boundary with NotResource', code: policy({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:iam::*:role/admin/*' }), kind: 'boundary' },
    { name: 'SCP with NotResource', code: policy({ Effect: 'Allow', Action: 'ec2:*', NotResource: 'arn:aws:ec2:*:*:vpc/*' }), kind: 'scp' },
  ],
  invalid: [
    {
      name: 'Allow s3:* except the payroll folder (Parliament test_notresource_allow 2)',
      code: policy({ Effect: 'Allow', Action: 's3:*', NotResource: PAYROLL }),
      errors: [
        {
          messageId: 'allowNotResource',
          path: ['Statement', 0, 'NotResource'],
          line: 7,
          column: 7,
          endColumn: 20,
          message:
            'Statement 0 allows s3:* on every resource except arn:aws:s3:::HRBucket/Payroll and arn:aws:s3:::HRBucket/Payroll/*: every other resource in every account, including ones created later.',
        },
      ],
    },
    {
      name: 'scalar NotResource, compact JSON, mixed-case actions',
      code: '{"Version":"2012-10-17","Statement":[{"Sid":"NotDefault","Effect":"Allow","Action":["GLUE:getdatabases","glue:GetTables"],"NotResource":"arn:aws:glue:*:*:database/default"}]}',
      errors: [
        {
          messageId: 'allowNotResource',
          path: ['Statement', 0, 'NotResource'],
          line: 1,
          column: 123,
          message: 'Statement "NotDefault" allows GLUE:getdatabases and glue:GetTables on every resource except arn:aws:glue:*:*:database/default: every other resource in every account, including ones created later.',
        },
      ],
    },
    {
      name: 'aws:ResourceAccount condition is named, not silencing',
      code: policy({ Effect: 'Allow', Action: 's3:*', NotResource: PAYROLL, Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } }),
      errors: [
        {
          messageId: 'allowNotResourceConditioned',
          path: ['Statement', 0, 'NotResource'],
          line: 7,
          column: 7,
          message: /including ones created later\. Its conditions on aws:ResourceAccount narrow when it applies, not which resources it reaches\.$/,
        },
      ],
    },
    {
      name: 'an IfExists condition restricts nothing: plain message',
      code: policy({ Effect: 'Allow', Action: 's3:*', NotResource: PAYROLL, Condition: { StringEqualsIfExists: { 'aws:ResourceAccount': '111122223333' } } }),
      errors: [{ messageId: 'allowNotResource', path: ['Statement', 0, 'NotResource'], line: 7, column: 7 }],
    },
    {
      name: 'two statements, NotAction with NotResource and a bucket policy',
      code: policy(
        { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:iam::111122223333:role/break-glass' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging'], NotResource: 'arn:aws:s3:::amzn-s3-demo-bucket/private/*' },
      ),
      errors: [
        {
          messageId: 'allowNotResource',
          path: ['Statement', 0, 'NotResource'],
          line: 7,
          column: 7,
          message: /^Statement 0 allows every action except iam:\* on every resource except arn:aws:iam::111122223333:role\/break-glass: /,
        },
        {
          messageId: 'allowNotResource',
          path: ['Statement', 1, 'NotResource'],
          line: 20,
          column: 7,
          message: /^Statement 1 allows s3:GetObject, s3:PutObject, s3:DeleteObject and 1 more on every resource except arn:aws:s3:::amzn-s3-demo-bucket\/private\/\*: /,
        },
      ],
    },
  ],
});
