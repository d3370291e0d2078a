import rule from '../../src/rules/duplicate-sid.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::mlspace-data-111122223333';

// Parliament's tests/unit/test_formatting.py cases, text unchanged.
const PARLIAMENT_DUPLICATE_SIDS =
  '{\n    "Version": "2012-10-17",\n    "Statement": [\n        {\n            "Sid": "stmt",\n            "Action": [\n                "s3:ListAllMyBuckets"\n            ],\n            "Effect": "Allow",\n            "Resource": "*"\n        },\n        {\n            "Sid": "stmt",\n            "Action": [\n                "s3:ListAllMyBuckets"\n            ],\n            "Effect": "Allow",\n            "Resource": "*"\n        }\n\n    ]\n}';
const PARLIAMENT_INVALID_SID =
  '{\n    "Version": "2012-10-17",\n    "Statement": {\n        "Sid": "Statement With Spaces And Special Chars!?",\n        "Effect": "Allow",\n        "Action": "s3:listallmybuckets",\n        "Resource": "*"}}';

ruleTester.run(rule, {
  valid: [
    {
      name: 'distinct alphanumeric Sids',
      code: policy(
        { Sid: 'ListData', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET },
        { Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
        { Sid: 'DenyDelete2', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/*` },
      ),
    },
    { name: 'no Sid at all', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }, { Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` }) },
    {
      name: 'empty Sids, as the console writes them in trust policies, accepted by ignoreEmpty (and never duplicates)',
      options: { ignoreEmpty: true },
      code: policy(
        { Sid: '', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Sid: '', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ),
    },
    {
      name: 'KMS key policy: spaces are allowed in resource-policy Sids',
      code: policy({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }),
    },
    {
      name: 'S3 bucket policy Sid with hyphens',
      code: policy({ Sid: 'AllowSSLRequestsOnly-Deny', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    },
    {
      name: 'a statement list from the docs is not a policy: Sid uniqueness is not judged',
      code: JSON.stringify([{ Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }, { Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObjectVersion', Resource: `${BUCKET}/*` }], null, 2),
    },
  ],
  invalid: [
    {
      name: 'Parliament: duplicate Sids',
      code: PARLIAMENT_DUPLICATE_SIDS,
      errors: [
        {
          messageId: 'duplicate',
          path: ['Statement', 1, 'Sid'],
          line: 13,
          column: 20,
          endColumn: 26,
          message: 'Sid "stmt" is already used by statement 0 (line 5); AWS rejects a policy whose statement ids are not unique.',
          related: [{ line: 5, column: 20, message: 'First Sid "stmt" here' }],
        },
      ],
    },
    {
      name: 'Parliament: Sid with spaces and punctuation in an identity policy (Statement object, not list)',
      code: PARLIAMENT_INVALID_SID,
      errors: [
        {
          messageId: 'invalidCharacters',
          path: ['Statement', 'Sid'],
          line: 4,
          column: 16,
          message: 'Sid "Statement With Spaces And Special Chars!?" contains a space, "!" and "?": in an IAM identity policy a Sid may contain only the letters A-Z, a-z and the digits 0-9, and AWS rejects the policy.',
        },
      ],
    },
    {
      name: 'one Sid on three statements, Allow and Deny (two findings, both pointing at the first)',
      code: policy(
        { Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
        { Sid: 'ListData', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET },
        { Sid: 'ReadData', Effect: 'Allow', Action: 's3:GetObjectVersion', Resource: `${BUCKET}/*` },
        { Sid: 'ReadData', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/*` },
      ),
      errors: [
        { messageId: 'duplicate', path: ['Statement', 2, 'Sid'], line: 17, column: 14, related: [{ line: 5, column: 14 }] },
        { messageId: 'duplicate', path: ['Statement', 3, 'Sid'], line: 23, column: 14, related: [{ line: 5, column: 14 }] },
      ],
    },
    {
      name: 'compact JSON, exact columns',
      code: '{"Version":"2012-10-17","Statement":[{"Sid":"A1","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"A1","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}',
      errors: [{ messageId: 'duplicate', path: ['Statement', 1, 'Sid'], line: 1, column: 114, endColumn: 118, related: [{ line: 1, column: 45 }] }],
    },
    {
      name: 'hyphenated Sid in an identity policy',
      code: policy({ Sid: 'read-training-data', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
      errors: [{ messageId: 'invalidCharacters', path: ['Statement', 0, 'Sid'], line: 5, column: 14, message: /contains "-": in an IAM identity policy/ }],
    },
    {
      name: 'underscore in a role trust policy Sid',
      code: policy({ Sid: 'trust_sagemaker', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      errors: [{ messageId: 'invalidCharacters', path: ['Statement', 0, 'Sid'], line: 5, column: 14, message: /contains "_": in a role trust policy/ }],
    },
    {
      name: 'dots and colons in a permissions boundary Sid',
      kind: 'boundary',
      code: policy({ Sid: 'Allow.ECR:Pull', Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' }),
      errors: [{ messageId: 'invalidCharacters', line: 5, column: 14, message: /contains "\." and ":": in a permissions boundary/ }],
    },
    {
      name: 'SCP: a Sid with a space, repeated (invalid twice, duplicate once)',
      kind: 'scp',
      code: policy({ Sid: 'Deny Regions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }, { Sid: 'Deny Regions', Effect: 'Deny', Action: 'ec2:*', Resource: '*' }),
      errors: [
        { messageId: 'invalidCharacters', path: ['Statement', 0, 'Sid'], line: 5, column: 14, message: /contains a space: in a service control policy/ },
        { messageId: 'invalidCharacters', path: ['Statement', 1, 'Sid'], line: 14, column: 14 },
        { messageId: 'duplicate', path: ['Statement', 1, 'Sid'], line: 14, column: 14 },
      ],
    },
    {
      name: 'empty Sids in a console trust policy (two findings, no duplicate)',
      code: policy(
        { Sid: '', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Sid: '', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ),
      errors: [
        {
          messageId: 'emptySid',
          path: ['Statement', 0, 'Sid'],
          line: 5,
          column: 14,
          endColumn: 16,
          message: 'The Sid of statement 0 is empty; remove it or name the statement (letters and digits, for example ReadReports).',
        },
        { messageId: 'emptySid', path: ['Statement', 1, 'Sid'], line: 13, column: 14, message: /^The Sid of statement 1 is empty/ },
      ],
    },
    {
      name: 'empty Sid in a resource policy and in a bare statement, compact JSON',
      code: '{"Sid":"","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}',
      errors: [{ messageId: 'emptySid', path: ['Sid'], line: 1, column: 8, endColumn: 10 }],
    },
    {
      name: 'a bare statement copied from the docs is still checked for characters',
      code: JSON.stringify({ Sid: 'Read objects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }, null, 2),
      errors: [{ messageId: 'invalidCharacters', path: ['Sid'], line: 2, column: 10 }],
    },
  ],
});
