import rule from '../../src/rules/credentials-exposure.js';
import { policy, ruleTester } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/my-model';

ruleTester.run(rule, {
  valid: [
    {
      name: 'SageMaker custom image pull: ecr:GetAuthorizationToken on * is not reported by default',
      code: policy(
        { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: REPO },
        { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      ),
    },
    { name: 'ecr:* on a repository ARN (the token never matches it)', code: policy({ Effect: 'Allow', Action: 'ecr:*', Resource: REPO }) },
    {
      name: 'self-service access keys scoped to the caller',
      code: policy({ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:UpdateAccessKey'], Resource: 'arn:aws:iam::*:user/${aws:username}' }),
    },
    { name: 'sts:AssumeRole on named roles', code: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ['arn:aws:iam::111122223333:role/deploy', 'arn:aws:iam::444455556666:role/audit-*'] }) },
    { name: 'sts:GetSessionToken is not controlled by policies', code: policy({ Effect: 'Allow', Action: 'sts:GetSessionToken', Resource: '*' }) },
    {
      name: 'AssumeRoleWith* and public Cognito APIs need no AWS credentials',
      code: policy({ Effect: 'Allow', Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'cognito-identity:GetCredentialsForIdentity'], Resource: '*' }),
    },
    { name: 'secretsmanager:GetSecretValue belongs to data-exfiltration', code: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }) },
    {
      name: 'required dbuser pinned, optional dbname open',
      code: policy({
        Effect: 'Allow',
        Action: 'redshift:GetClusterCredentials',
        Resource: ['arn:aws:redshift:us-east-1:111122223333:dbuser:analytics/report_reader', 'arn:aws:redshift:us-east-1:111122223333:dbname:analytics/*'],
      }),
    },
    {
      name: 'condition on the resource tag narrows sts:AssumeRole',
      code: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml' } } }),
    },
    {
      name: 'Null on a resource tag key narrows to tagged resources',
      code: policy({ Effect: 'Allow', Action: 'redshift-serverless:GetCredentials', Resource: '*', Condition: { Null: { 'aws:ResourceTag/Project': 'false' } } }),
    },
    { name: 'Deny statement', code: policy({ Effect: 'Deny', Action: ['iam:CreateAccessKey', 'sts:AssumeRole'], Resource: '*' }) },
    {
      name: 'unconditioned Deny in the same policy takes the grant back',
      code: policy({ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile'], Resource: '*' }, { Effect: 'Deny', Action: 'iam:Create*', Resource: '*' }),
    },
    {
      name: 'NotResource that excludes every role',
      code: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'arn:aws:iam::*:role/*' }),
    },
    { name: 'ignoreActions', code: policy({ Effect: 'Allow', Action: ['sts:AssumeRole', 'rds-db:connect'], Resource: '*' }), options: { ignoreActions: ['sts:*', 'RDS-DB:Connect'] } },
    { name: 'full admin is left to full-admin', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    { name: 'trust policy has no Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    {
      name: 'resource policy: Resource is the resource itself',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Resource: '*' }),
      kind: 'resource',
    },
    { name: 'permissions boundary only caps permissions', code: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), kind: 'boundary' },
  ],
  invalid: [
    {
      name: 'iam:CreateAccessKey on *',
      code: policy({ Sid: 'KeyRotation', Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }),
      errors: [
        {
          messageId: 'credentialsAction',
          path: ['Statement', 0, 'Action'],
          line: 7,
          column: 17,
          message: 'Statement "KeyRotation" allows iam:CreateAccessKey on "*": it gives the caller a new access key of any IAM user.',
        },
      ],
    },
    {
      name: 'compact JSON, case-insensitive action',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"IAM:createaccesskey","Resource":"*"}]}',
      errors: [{ messageId: 'credentialsAction', path: ['Statement', 0, 'Action'], line: 1, column: 65, endColumn: 86, message: /^Statement 0 allows iam:CreateAccessKey on "\*"/ }],
    },
    {
      name: 'iam:* on *: count and first names',
      code: policy({ Effect: 'Allow', Action: ['s3:ListBucket', 'iam:*'], Resource: '*' }),
      errors: [
        {
          messageId: 'credentialsActions',
          path: ['Statement', 0, 'Action', 1],
          line: 8,
          column: 9,
          message: 'Statement 0 allows 7 actions that give the caller credentials on "*": iam:CreateAccessKey, iam:CreateLoginProfile, iam:CreateServiceSpecificCredential, ….',
        },
      ],
    },
    {
      name: 'includeEcrAuthorizationToken reports the ECR token',
      code: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: '*' }),
      options: { includeEcrAuthorizationToken: true },
      errors: [
        {
          messageId: 'credentialsAction',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          message: 'Statement 0 allows ecr:GetAuthorizationToken on "*": it gives the caller a Docker registry password for ECR.',
        },
      ],
    },
    {
      name: 'NotAction grants every credentials action outside the excluded services',
      code: policy({ Sid: 'PowerUser', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }),
      errors: [{ messageId: 'credentialsActions', path: ['Statement', 0, 'NotAction'], line: 7, column: 7, message: /^Statement "PowerUser" allows \d+ actions that give the caller credentials on "\*": airflow:CreateCliToken, / }],
    },
    {
      name: 'NotResource excluding one role still reaches every other role',
      code: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'arn:aws:iam::111122223333:role/break-glass' }),
      errors: [
        {
          messageId: 'credentialsAction',
          path: ['Statement', 0, 'Action'],
          line: 6,
          column: 17,
          message: 'Statement 0 allows sts:AssumeRole on every resource outside its NotResource: it gives the caller temporary credentials of any role that trusts it.',
        },
      ],
    },
    {
      name: 'an ARN pattern reaching every user of every account',
      code: policy({ Effect: 'Allow', Action: ['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], Resource: 'arn:aws:iam::*:user/*' }),
      errors: [{ messageId: 'credentialsActions', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: 'Statement 0 allows 2 actions that give the caller credentials on "arn:aws:iam::*:user/*": iam:CreateLoginProfile, iam:UpdateLoginProfile.' }],
    },
    {
      name: 'every user of one account is every user the principal can reach there',
      code: policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111122223333:user/*' }),
      errors: [{ messageId: 'credentialsAction', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^Statement 0 allows iam:CreateAccessKey on "arn:aws:iam::111122223333:user\/\*"/ }],
    },
    {
      name: 'IfExists, negated and transport conditions do not narrow',
      code: policy(
        { Sid: 'IfExists', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'ml' } } },
        { Sid: 'Negated', Effect: 'Allow', Action: 'rds-db:connect', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceAccount': '444455556666' } } },
        { Sid: 'Tls', Effect: 'Allow', Action: 'lightsail:GetInstanceAccessDetails', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      ),
      errors: [
        { messageId: 'credentialsAction', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /^Statement "IfExists" allows sts:AssumeRole/ },
        { messageId: 'credentialsAction', path: ['Statement', 1, 'Action'], line: 18, column: 17, message: /^Statement "Negated" allows rds-db:connect on "\*": it gives the caller an IAM database authentication login as any database user\.$/ },
        { messageId: 'credentialsAction', path: ['Statement', 2, 'Action'], line: 29, column: 17, message: /^Statement "Tls" allows lightsail:GetInstanceAccessDetails/ },
      ],
    },
    {
      name: 'a conditioned Deny does not take the grant back',
      code: policy(
        { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ),
      errors: [{ messageId: 'credentialsAction', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'Deny of one action leaves the others',
      code: policy({ Effect: 'Allow', Action: 'redshift:Get*', Resource: '*' }, { Effect: 'Deny', Action: 'redshift:GetClusterCredentials', Resource: '*' }),
      errors: [{ messageId: 'credentialsAction', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /allows redshift:GetClusterCredentialsWithIAM on "\*"/ }],
    },
    {
      name: 'additionalActions',
      code: policy({ Effect: 'Allow', Action: 'sagemaker:CreatePresignedNotebookInstanceUrl', Resource: '*' }),
      options: { additionalActions: ['sagemaker:CreatePresigned*'] },
      errors: [{ messageId: 'credentialsAction', line: 6, column: 17, message: 'Statement 0 allows sagemaker:CreatePresignedNotebookInstanceUrl on "*": it gives the caller credentials.' }],
    },
  ],
});
