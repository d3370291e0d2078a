import rule from '../../src/rules/policy-version.js';
import { policy, ruleTester } from '../rule-tester.js';

/** A policy with the given Version (undefined: no Version element), pretty-printed. */
const versioned = (version: string | undefined, ...statements: object[]) =>
  JSON.stringify({ ...(version !== undefined ? { Version: version } : {}), Statement: statements }, null, 2);

const HOME = 'arn:aws:s3:::home-bucket';
const SNS_DEFAULT_POLICY = JSON.stringify(
  {
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:Publish', 'SNS:GetTopicAttributes'],
        Resource: 'arn:aws:sns:us-east-1:111122223333:alerts',
        Condition: { StringEquals: { 'AWS:SourceOwner': '111122223333' } },
      },
    ],
  },
  null,
  2,
);

ruleTester.run(rule, {
  valid: [
    { name: 'current version with policy variables', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${HOME}/home/\${aws:username}/*` }) },
    { name: 'trust policy with the current version', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'a bare statement from the docs has no Version of its own', code: '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}' },
    { name: 'Version of the wrong type is left to policy-structure', code: '{"Version": 2012, "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}' },
    { name: 'not a policy at all', code: '[1, 2]' },
    { name: 'SNS default topic policy with ignoreOldVersion', options: { ignoreOldVersion: true }, code: SNS_DEFAULT_POLICY },
    {
      name: 'template placeholders are not policy variables (ignoreOldVersion)',
      options: { ignoreOldVersion: true },
      code: versioned('2008-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${BucketName}/*' }),
    },
  ],
  invalid: [
    {
      name: 'no Version element, reported at the document',
      code: versioned(undefined, { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }),
      errors: [
        {
          messageId: 'missing',
          path: [],
          line: 1,
          column: 1,
          endLine: 9,
          message: 'The policy has no Version element: AWS applies the legacy 2008-10-17 policy language. Add "Version": "2012-10-17".',
        },
      ],
    },
    {
      name: 'no Version in an SCP',
      kind: 'scp',
      code: versioned(undefined, { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
      errors: [{ messageId: 'missing', path: [], line: 1, column: 1 }],
    },
    {
      name: 'no Version and a policy variable in Resource',
      code: versioned(undefined, { Sid: 'OwnHome', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${HOME}/home/\${aws:username}/*` }),
      errors: [
        {
          messageId: 'missingWithVariables',
          path: [],
          line: 1,
          column: 1,
          message: /the policy variable \$\{aws:username\} is not substituted: it is matched as literal text/,
          related: [{ line: 10, column: 19, message: 'Policy variable ${aws:username} here' }],
        },
      ],
    },
    {
      name: 'SNS default topic policy: legacy version',
      code: SNS_DEFAULT_POLICY,
      errors: [
        {
          messageId: 'old',
          path: ['Version'],
          line: 2,
          column: 14,
          endColumn: 26,
          message: 'Version "2008-10-17" is the legacy policy language (no policy variables, no newer features). Use "2012-10-17".',
        },
      ],
    },
    {
      name: 'legacy version with variables in a condition value and in Resource (one finding, every use related)',
      code: versioned(
        '2008-10-17',
        { Sid: 'ListOwnPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: HOME, Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } },
        { Sid: 'OwnObjects', Effect: 'Allow', Action: 's3:*', Resource: `${HOME}/home/\${aws:username}/*` },
      ),
      errors: [
        {
          messageId: 'oldWithVariables',
          path: ['Version'],
          line: 2,
          column: 14,
          message: 'Version "2008-10-17" does not support policy variables: ${aws:username} is matched as literal text, not substituted. Use "2012-10-17".',
          related: [
            { line: 12, column: 13, message: 'Policy variable ${aws:username} here' },
            { line: 21, column: 19 },
          ],
        },
      ],
    },
    {
      name: 'legacy version with a tag variable in a Deny ...IfExists condition, even with ignoreOldVersion',
      options: { ignoreOldVersion: true },
      code: versioned('2008-10-17', { Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } }),
      errors: [{ messageId: 'oldWithVariables', line: 2, column: 14, message: /\$\{aws:PrincipalTag\/team\} is matched as literal text/, related: [{ line: 10, column: 35 }] }],
    },
    {
      name: 'a date that is not a language version, compact JSON',
      code: '{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
      errors: [
        {
          messageId: 'invalid',
          path: ['Version'],
          line: 1,
          column: 12,
          endColumn: 24,
          message: 'Version "2012-10-18" is not a policy language version; AWS rejects the policy. Use "2012-10-17" (the Version is the language version, not a date of your policy).',
        },
      ],
    },
    {
      name: 'two files: a trailing space, and a legacy trust policy',
      files: {
        'app.json': versioned('2012-10-17 ', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
        'trust.json': versioned('2008-10-17', { Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      },
      errors: [
        { messageId: 'invalid', file: 'app.json', path: ['Version'], line: 2, column: 14, message: /^Version "2012-10-17 " is not/ },
        { messageId: 'old', file: 'trust.json', path: ['Version'], line: 2, column: 14 },
      ],
    },
  ],
});
