import rule from '../../src/rules/policy-structure.js';
import { policy, ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'complete identity policy', code: policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }) },
    { name: 'trust policy without Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'NotAction with NotResource', code: policy({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:iam::111122223333:role/x' }) },
    { name: 'missing Resource allowed by option', code: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets' }), options: { requireResourceInIdentity: false } },
    { name: 'condition values of every scalar type', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 10 } } }) },
    { name: 'bucket policy: every statement names a principal', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    { name: 'resource policy (from config) with a Deny NotPrincipal', kind: 'resource', code: policy({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/admin' }, Action: 'kms:*', Resource: '*' }) },
    { name: 'ECR repository policy without Resource', code: policy({ Sid: 'Pull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }) },
    { name: 'GitHub OIDC trust policy with conditions', code: policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }) },
    { name: 'permissions boundary without a principal', kind: 'boundary', code: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) },
    {
      name: 'SCP with the full IAM language (conditions, NotAction, NotResource in Allow)',
      kind: 'scp',
      code: policy(
        { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::corp-*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
        { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:iam::*:role/OrgAdmin' },
        { Effect: 'Deny', Action: 'ec2:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:RequestedRegion': ['eu-west-1'] } } },
      ),
    },
    {
      name: 'RCP denying outsiders on RCP-supported services',
      kind: 'rcp',
      code: policy({
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*', 'sqs:*', 'KMS:Decrypt', 'sts:AssumeRole', 'secretsmanager:GetSecretValue'],
        NotResource: 'arn:aws:s3:::public-assets/*',
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
      }),
    },
    { name: 'RCPFullAWSAccess (the one RCP that allows)', kind: 'rcp', code: policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) },
    { name: 'RCP with wildcard and unknown prefixes (other rules judge them)', kind: 'rcp', code: policy({ Effect: 'Deny', Principal: '*', Action: ['*', 's*:Delete*', 'notaservice:Do'], Resource: '*' }) },
  ],
  invalid: [
    { name: 'array at top level that is not statements', code: '[1, 2]', errors: [{ messageId: 'notObject', line: 1, column: 1, message: 'A policy must be a JSON object, found an array.' }] },
    { name: 'no Statement', code: '{"Version": "2012-10-17"}', errors: [{ messageId: 'missingStatement', line: 1, column: 1 }] },
    { name: 'Statement is a string', code: '{"Version": "2012-10-17", "Statement": "Allow"}', errors: [{ messageId: 'statementType', path: ['Statement'], column: 40 }] },
    { name: 'statement entry is not an object', code: '{"Version": "2012-10-17", "Statement": [42]}', errors: [{ messageId: 'statementNotObject', path: ['Statement', 0], column: 41 }] },
    { name: 'lower-case element names', code: '{"version": "2012-10-17", "Statement": [{"Effect": "Allow", "action": "s3:GetObject", "Action": "s3:GetObject", "Resource": "*"}]}', errors: [{ messageId: 'unknownElement', path: ['version'], column: 2 }, { messageId: 'unknownStatementElement', path: ['Statement', 0, 'action'], column: 61 }] },
    { name: 'Version is a number', code: '{"Version": 2012, "Statement": []}', errors: [{ messageId: 'wrongType', path: ['Version'], column: 13, message: 'Version must be a string, found a number.' }, { messageId: 'emptyElement', path: ['Statement'], column: 32 }] },
    {
      name: 'missing Effect and Action, wrong Effect casing elsewhere',
      code: policy({ Resource: '*' }, { Effect: 'allow', Action: 's3:GetObject', Resource: '*' }),
      errors: [
        { messageId: 'missingElement', path: ['Statement', 0], line: 4, column: 5, message: 'Statement 0 has no Action or NotAction element.' },
        { messageId: 'missingElement', path: ['Statement', 0], line: 4, column: 5, message: 'Statement 0 has no Effect element.' },
        { messageId: 'invalidEffect', path: ['Statement', 1, 'Effect'], line: 8, column: 17 },
      ],
    },
    { name: 'Action and NotAction together', code: policy({ Effect: 'Allow', Action: 's3:*', NotAction: 's3:DeleteBucket', Resource: '*' }), errors: [{ messageId: 'bothElements', path: ['Statement', 0, 'NotAction'], line: 7, column: 7 }] },
    { name: 'number inside Action list', code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 7], Resource: '*' }), errors: [{ messageId: 'wrongType', path: ['Statement', 0, 'Action', 1], line: 8, column: 9 }] },
    { name: 'bare statement fragment', code: '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}', errors: [{ messageId: 'fragment', line: 1, column: 1, message: 'This is a single statement, not a policy: it lacks the Version and Statement elements around it.' }] },
    { name: 'identity statement without Resource', code: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets' }), errors: [{ messageId: 'missingResource', path: ['Statement', 0], line: 4, column: 5 }] },
    {
      name: 'principal in an identity policy (kind from config)',
      kind: 'identity',
      code: policy({ Sid: 'Read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '*' }),
      errors: [{ messageId: 'principalNotAllowed', path: ['Statement', 0, 'Principal'], line: 7, column: 7, message: /^Statement "Read" has a Principal element, which identity policies do not support: .*"Policy document should not specify a principal"/ }],
    },
    {
      name: 'principal in a permissions boundary',
      kind: 'boundary',
      code: policy({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }),
      errors: [{ messageId: 'principalNotAllowed', path: ['Statement', 0, 'Principal'], line: 6, column: 7, message: /which permissions boundaries do not support/ }],
    },
    {
      name: 'Principal and NotPrincipal in an SCP',
      kind: 'scp',
      code: policy({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'organizations:LeaveOrganization', Resource: '*' }, { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/Admin' }, NotAction: 'iam:*', Resource: '*' }),
      errors: [
        { messageId: 'principalNotAllowed', path: ['Statement', 0, 'Principal'], line: 6, column: 7, message: /which service control policies do not support/ },
        { messageId: 'principalNotAllowed', path: ['Statement', 1, 'NotPrincipal'], line: 14, column: 7 },
      ],
    },
    {
      name: 'bucket policy statement without a principal',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/*' }),
      errors: [{ messageId: 'missingPrincipal', path: ['Statement', 1], line: 12, column: 5, message: 'Statement 1 has no Principal or NotPrincipal element, which a resource-based policy requires in every statement.' }],
    },
    {
      name: 'trust policy with Resource and NotResource',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/exec' }, { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', NotResource: '*' }),
      errors: [
        { messageId: 'resourceNotAllowed', path: ['Statement', 0, 'Resource'], line: 10, column: 7, message: /^Statement 0 has a Resource element, which a role trust policy does not allow.*"Has prohibited field Resource"/ },
        { messageId: 'resourceNotAllowed', path: ['Statement', 1, 'NotResource'], line: 16, column: 7 },
      ],
    },
    {
      name: 'trust policy (from config) with NotPrincipal and a statement without principal',
      kind: 'trust',
      code: policy({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/ci' }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Action: 'sts:AssumeRole' }),
      errors: [
        { messageId: 'principalNotAllowed', path: ['Statement', 0, 'NotPrincipal'], line: 6, column: 7, message: /which role trust policies do not support/ },
        { messageId: 'missingPrincipal', path: ['Statement', 1], line: 11, column: 5, message: 'Statement 1 has no Principal element, which a role trust policy requires in every statement.' },
      ],
    },
    {
      name: 'RCP that allows, names principals and uses NotAction',
      kind: 'rcp',
      code: policy({ Sid: 'Outsiders', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, NotAction: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', Resource: '*' }),
      errors: [
        { messageId: 'rcpAllow', path: ['Statement', 0, 'Effect'], line: 6, column: 17 },
        { messageId: 'rcpPrincipal', path: ['Statement', 0, 'Principal'], line: 7, column: 20, message: /found a Principal that names specific principals/ },
        { messageId: 'rcpNotAction', path: ['Statement', 0, 'NotAction'], line: 10, column: 7 },
        { messageId: 'rcpPrincipal', path: ['Statement', 1], line: 13, column: 5, message: /found no Principal element/ },
      ],
    },
    {
      name: 'bucket policy (kind from config) without Resource, and a NotResource statement that is fine',
      kind: 'resource',
      code: policy(
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', NotResource: 'arn:aws:s3:::example-logs' },
      ),
      errors: [
        {
          messageId: 'missingResourceForKind',
          path: ['Statement', 0],
          line: 4,
          column: 5,
          endLine: 14,
          endColumn: 6,
          message: 'Statement "DenyInsecureTransport" of a resource-based policy has no Resource or NotResource element; every statement of resource-based policies must name the resources it applies to (only role trust policies have none).',
        },
      ],
    },
    {
      name: 'SCP statement without Resource (Deny with NotAction)',
      kind: 'scp',
      code: policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
      errors: [{ messageId: 'missingResourceForKind', path: ['Statement', 0], line: 4, column: 5, message: /^Statement 0 of a service control policy has no Resource or NotResource element; every statement of service control policies/ }],
    },
    {
      name: 'RCP statements without Resource, compact JSON (two findings)',
      kind: 'rcp',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*"},{"Sid":"Sqs","Effect":"Deny","Principal":"*","Action":"sqs:*"}]}',
      errors: [
        { messageId: 'missingResourceForKind', path: ['Statement', 0], line: 1, column: 38, message: /^Statement 0 of a resource control policy/ },
        { messageId: 'missingResourceForKind', path: ['Statement', 1], line: 1, column: 88, message: /^Statement "Sqs" of a resource control policy/ },
      ],
    },
    {
      name: 'RCP with NotPrincipal and actions of services RCPs do not cover',
      kind: 'rcp',
      code: policy({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['s3:PutObject', 'EC2:runinstances', 'lambda:InvokeFunction'], Resource: '*' }),
      errors: [
        { messageId: 'principalNotAllowed', path: ['Statement', 0, 'NotPrincipal'], line: 6, column: 7, message: /which resource control policies do not support/ },
        { messageId: 'rcpUnsupportedService', path: ['Statement', 0, 'Action', 1], line: 11, column: 9, message: 'EC2:runinstances in statement 0: ec2 does not support resource control policies, so an RCP cannot restrict it.' },
        { messageId: 'rcpUnsupportedService', path: ['Statement', 0, 'Action', 2], line: 12, column: 9 },
      ],
    },
  ],
});
