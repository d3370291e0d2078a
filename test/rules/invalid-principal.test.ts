import rule from '../../src/rules/invalid-principal.js';
import { policy, ruleTester } from '../rule-tester.js';

/** A bucket policy statement sharing objects with `principal` (Principal on line 7, its first type key on line 8, column 9). */
const bucket = (principal: unknown, extra: object = {}) =>
  policy({ Sid: 'Share', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*', ...extra });
/** A role trust policy statement (Principal on line 6, its first type key on line 7, column 9). */
const trust = (principal: unknown, action: string | string[] = 'sts:AssumeRole', extra: object = {}) => policy({ Effect: 'Allow', Principal: principal, Action: action, ...extra });

const GITHUB_OIDC = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const CANONICAL_USER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';

ruleTester.run(rule, {
  valid: [
    // Parliament tests/unit/test_principals.py::test_policy_with_principal
    { name: 'everyone (Parliament: basic S3 bucket policy)', code: bucket('*') },
    { name: 'two account root ARNs (Parliament)', code: bucket({ AWS: ['arn:aws:iam::000000000000:root', 'arn:aws:iam::111111111111:root'] }) },
    { name: 'account ID (Parliament)', code: bucket({ AWS: '000000000000' }) },
    { name: 'IAM user ARN (Parliament)', code: bucket({ AWS: 'arn:aws:iam::000000000000:user/alice' }) },
    { name: 'Cognito web identity federation (Parliament)', code: bucket({ Federated: 'cognito-identity.amazonaws.com' }) },
    { name: 'CloudFront origin access identity (Parliament)', code: bucket({ AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity 00000000000000' }) },
    { name: 'AWS wildcard object', code: bucket({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) },
    {
      name: 'roles with paths, sessions, federated users and other partitions',
      code: bucket({
        AWS: [
          'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole',
          'arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com',
          'arn:aws:sts::111122223333:federated-user/bob',
          'arn:aws-us-gov:iam::111122223333:role/ci',
          'arn:aws-cn:iam::111122223333:root',
        ],
      }),
    },
    { name: 'GitHub OIDC trust', code: trust({ Federated: GITHUB_OIDC }, 'sts:AssumeRoleWithWebIdentity', { Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' } } }) },
    { name: 'SAML trust', code: trust({ Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, 'sts:AssumeRoleWithSAML') },
    { name: 'SageMaker and CodeBuild service trust', code: trust({ Service: ['sagemaker.amazonaws.com', 'codebuild.amazonaws.com'] }) },
    {
      name: 'regional, China and hyphenated service principals',
      code: trust({ Service: ['logs.us-east-1.amazonaws.com', 'ec2.amazonaws.com.cn', 'application-insights.amazonaws.com', 'ecs-tasks.amazonaws.com', 'SageMaker.amazonaws.com'] }),
    },
    { name: 'canonical user', code: bucket({ CanonicalUser: CANONICAL_USER }) },
    {
      name: 'Deny with NotPrincipal and NotAction (Parliament notprincipal case)',
      code: policy({
        Effect: 'Deny',
        NotPrincipal: { AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] },
        NotAction: 's3:GetObject',
        Resource: ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'],
      }),
    },
    { name: 'documentation placeholders are unresolved-placeholder\'s', code: bucket({ AWS: ['arn:aws:iam::<ACCOUNT-ID>:root', '{AWS_ACCOUNT_ID}'] }) },
    { name: 'unique IDs accepted by option', code: bucket({ AWS: 'AROADBQP57FF2AEXAMPLE' }), options: { allowUniqueIds: true } },
    { name: 'identity policy without a principal', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
    { name: 'non-string principal is policy-structure\'s', code: bucket(['*']) },
  ],
  invalid: [
    {
      name: 'unknown principal type',
      code: bucket({ Services: 'sagemaker.amazonaws.com' }),
      errors: [{ messageId: 'unknownType', path: ['Statement', 0, 'Principal', 'Services'], line: 8, column: 9, message: 'Unknown principal type "Services" in statement "Share": expected AWS, Service, Federated or CanonicalUser.' }],
    },
    {
      name: 'principal type in the wrong case',
      code: trust({ service: 'sagemaker.amazonaws.com' }),
      errors: [{ messageId: 'typeCase', path: ['Statement', 0, 'Principal', 'service'], line: 7, column: 9, message: 'Principal type "service" in statement 0 must be written "Service" (principal types are case-sensitive).' }],
    },
    {
      name: 'wildcard role ARN and a group in one list',
      code: bucket({ AWS: ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:group/data-scientists'] }),
      errors: [
        { messageId: 'wildcardInArn', path: ['Statement', 0, 'Principal', 'AWS', 0], line: 9, column: 11 },
        { messageId: 'groupPrincipal', path: ['Statement', 0, 'Principal', 'AWS', 2], line: 11, column: 11, message: /is an IAM group: groups cannot be principals/ },
      ],
    },
    {
      name: 'wildcard account in a root ARN, in a Deny NotPrincipal',
      code: policy({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::*:root' }, Action: 's3:*', Resource: '*' }),
      errors: [{ messageId: 'wildcardInArn', path: ['Statement', 0, 'NotPrincipal', 'AWS'], line: 7, column: 16 }],
    },
    {
      name: 'malformed account, session and region (compact JSON)',
      code:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1111:root","arn:aws:sts::111122223333:assumed-role/Admin","arn:aws:iam:us-east-1:111122223333:root","arn:awss:iam::111122223333:root"]},"Action":"s3:GetObject","Resource":"*"}]}',
      errors: [
        { messageId: 'invalidArn', path: ['Statement', 0, 'Principal', 'AWS', 0], line: 1, column: 76, message: 'AWS principal "arn:aws:iam::1111:root" in statement 0 is not a valid principal ARN: the account "1111" is not a 12-digit account ID.' },
        { messageId: 'invalidArn', path: ['Statement', 0, 'Principal', 'AWS', 1], line: 1, column: 101, message: /expected assumed-role\/<role name>\/<session name>/ },
        { messageId: 'invalidArn', path: ['Statement', 0, 'Principal', 'AWS', 2], line: 1, column: 148, message: /IAM principal ARNs have no region, found "us-east-1"/ },
        { messageId: 'invalidArn', path: ['Statement', 0, 'Principal', 'AWS', 3], line: 1, column: 190, message: /"awss" is not an AWS partition/ },
      ],
    },
    {
      name: 'unique ID of a deleted role',
      code: bucket({ AWS: 'AROADBQP57FF2AEXAMPLE' }),
      errors: [{ messageId: 'uniqueId', path: ['Statement', 0, 'Principal', 'AWS'], line: 8, column: 16 }],
    },
    {
      name: 'principals under the wrong type key',
      code: trust({ AWS: ['sagemaker.amazonaws.com', GITHUB_OIDC], Service: 'arn:aws:iam::111122223333:role/ci' }),
      errors: [
        { messageId: 'wrongType', path: ['Statement', 0, 'Principal', 'AWS', 0], line: 8, column: 11, message: 'AWS principal "sagemaker.amazonaws.com" in statement 0 is a service principal, which belongs under "Service".' },
        { messageId: 'wrongType', path: ['Statement', 0, 'Principal', 'AWS', 1], line: 9, column: 11, message: /is an OIDC provider ARN, which belongs under "Federated"/ },
        { messageId: 'wrongType', path: ['Statement', 0, 'Principal', 'Service'], line: 11, column: 20, message: /is an IAM role ARN, which belongs under "AWS"/ },
      ],
    },
    {
      name: 'wildcard service principal',
      code: trust({ Service: '*' }),
      errors: [{ messageId: 'wildcardType', path: ['Statement', 0, 'Principal', 'Service'], line: 7, column: 20 }],
    },
    {
      name: 'service prefix instead of a service principal',
      code: trust({ Service: ['sagemaker'] }),
      errors: [{ messageId: 'invalidService', path: ['Statement', 0, 'Principal', 'Service', 0], line: 8, column: 11 }],
    },
    {
      name: 'misspelled service principals in a trust policy (no Resource)',
      code: trust({ Service: ['sagemker.amazonaws.com', 'CodeBuid.amazonaws.com'] }, ['sts:AssumeRole', 'sts:TagSession']),
      errors: [
        { messageId: 'serviceTypo', path: ['Statement', 0, 'Principal', 'Service', 0], line: 8, column: 11, message: 'Service principal "sagemker.amazonaws.com" in statement 0 is not a known service principal; did you mean "sagemaker.amazonaws.com"?' },
        { messageId: 'serviceTypo', path: ['Statement', 0, 'Principal', 'Service', 1], line: 9, column: 11, message: /did you mean "codebuild.amazonaws.com"/ },
      ],
    },
    {
      name: 'OIDC provider host without the provider ARN',
      code: trust({ Federated: 'token.actions.githubusercontent.com' }, 'sts:AssumeRoleWithWebIdentity'),
      errors: [{ messageId: 'unknownFederation', path: ['Statement', 0, 'Principal', 'Federated'], line: 7, column: 22 }],
    },
    {
      name: 'canonical user ID too short',
      code: bucket({ CanonicalUser: CANONICAL_USER.slice(0, 40) }),
      errors: [{ messageId: 'invalidCanonicalUser', path: ['Statement', 0, 'Principal', 'CanonicalUser'], line: 8, column: 26 }],
    },
    {
      name: 'empty principal object',
      code: bucket({}),
      errors: [{ messageId: 'emptyPrincipal', path: ['Statement', 0, 'Principal'], line: 7, column: 20, message: 'Principal in statement "Share" names no principal: give at least one type key such as "AWS" or "Service", or "*".' }],
    },
    {
      name: 'user name and bucket ARN as AWS principals, with a condition',
      code: bucket({ AWS: ['alice', 'arn:aws:s3:::example-bucket'] }, { Condition: { BoolIfExists: { 'aws:SecureTransport': 'true' } } }),
      errors: [
        { messageId: 'invalidAws', path: ['Statement', 0, 'Principal', 'AWS', 0], line: 9, column: 11 },
        { messageId: 'invalidAws', path: ['Statement', 0, 'Principal', 'AWS', 1], line: 10, column: 11 },
      ],
    },
  ],
});
