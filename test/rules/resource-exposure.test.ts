import rule from '../../src/rules/resource-exposure.js';
import { policy, ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'bucket policy management on one bucket', code: policy({ Effect: 'Allow', Action: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'], Resource: 'arn:aws:s3:::my-app-bucket' }) },
    { name: 'role policies under a reserved name prefix', code: policy({ Effect: 'Allow', Action: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], Resource: 'arn:aws:iam::111122223333:role/app-*' }) },
    {
      name: 'kms:CreateGrant for AWS resources only',
      code: policy({ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }),
    },
    {
      name: 'resource tag condition narrows lambda:AddPermission',
      code: policy({ Effect: 'Allow', Action: 'lambda:AddPermission', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': 'payments' } } }),
    },
    { name: 'read-only wildcards', code: policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'kms:Describe*'], Resource: '*' }) },
    {
      name: 'actions the data labels Permissions management that change nobody\'s access',
      code: policy({ Effect: 'Allow', Action: ['glue:GetStage', 'glue:ListEntities', 'glue:UseGlueStudio', 'glue:TestConnection'], Resource: '*' }),
    },
    { name: 'rds-db:connect belongs to credentials-exposure', code: policy({ Effect: 'Allow', Action: 'rds-db:connect', Resource: '*' }) },
    { name: 'Deny statement', code: policy({ Effect: 'Deny', Action: ['s3:PutBucketPolicy', 'iam:Attach*'], Resource: '*' }) },
    {
      name: 'unconditioned Deny of the same policy takes the grant back',
      code: policy({ Effect: 'Allow', Action: ['sqs:*'], Resource: '*' }, { Effect: 'Deny', Action: ['sqs:AddPermission', 'sqs:RemovePermission', 'sqs:SetQueueAttributes'], Resource: '*' }),
    },
    { name: 'ignoreActions', code: policy({ Effect: 'Allow', Action: ['logs:PutResourcePolicy', 'logs:DeleteResourcePolicy'], Resource: '*' }), options: { ignoreActions: ['logs:*ResourcePolicy'] } },
    { name: 'full admin is left to full-admin', code: policy({ Effect: 'Allow', Action: '*:*', Resource: '*' }) },
    { name: 'trust policy has no Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    {
      name: 'SNS topic policy: Resource is the topic itself',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['sns:AddPermission', 'sns:SetTopicAttributes'], Resource: '*' }),
      kind: 'resource',
    },
    { name: 'SCP only caps permissions', code: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), kind: 'scp' },
  ],
  invalid: [
    {
      name: 's3:PutBucketPolicy on *',
      code: policy({ Sid: 'BucketAdmin', Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: '*' }),
      errors: [
        {
          messageId: 'exposureAction',
          path: ['Statement', 0, 'Action'],
          line: 7,
          column: 17,
          message: 'Statement "BucketAdmin" allows s3:PutBucketPolicy on "*": the principal can grant or change access to any s3 bucket.',
        },
      ],
    },
    {
      name: 'compact JSON, case-insensitive action',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"KMS:putkeypolicy","Resource":"*"}]}',
      errors: [{ messageId: 'exposureAction', path: ['Statement', 0, 'Action'], line: 1, column: 65, endColumn: 83, message: /^Statement 0 allows kms:PutKeyPolicy on "\*": the principal can grant or change access to any kms key\.$/ }],
    },
    {
      name: 'action without resource-level permissions changes an account-wide setting',
      code: policy({ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:PutResourcePolicy'], Resource: '*' }),
      errors: [
        {
          messageId: 'exposureAction',
          path: ['Statement', 0, 'Action', 1],
          line: 8,
          column: 9,
          message: 'Statement 0 allows logs:PutResourcePolicy on "*": the principal can grant or change access to every logs resource in the account.',
        },
      ],
    },
    {
      name: 'Parliament community case: lambda, s3 and ram permissions on *',
      code: policy({ Effect: 'Allow', Action: ['lambda:addpermission', 's3:putbucketacl', 'ram:CreateResourceShare'], Resource: '*' }),
      errors: [{ messageId: 'exposureActions', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: 'Statement 0 allows 3 actions that grant or change access on "*": lambda:AddPermission, s3:PutBucketAcl, ram:CreateResourceShare.' }],
    },
    {
      name: 'service wildcard: count and first names',
      code: policy({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }),
      errors: [
        {
          messageId: 'exposureActions',
          path: ['Statement', 0, 'Action'],
          line: 6,
          column: 17,
          message: 'Statement 0 allows 3 actions that grant or change access on "*": secretsmanager:DeleteResourcePolicy, secretsmanager:PutResourcePolicy, secretsmanager:ValidateResourcePolicy.',
        },
      ],
    },
    {
      name: 'NotAction grants permissions management outside the excluded services',
      code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
      errors: [{ messageId: 'exposureActions', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: /^Statement 0 allows \d+ actions that grant or change access on "\*": acm-pca:CreatePermission, / }],
    },
    {
      name: 'Parliament community case: s3:* with NotResource on the payroll objects',
      code: policy({ Effect: 'Allow', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'] }),
      errors: [{ messageId: 'exposureActions', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^Statement 0 allows \d+ actions that grant or change access on every resource outside its NotResource: s3:/ }],
    },
    {
      name: 'Write-level sharing actions: RAM shares and public AMIs',
      code: policy({ Effect: 'Allow', Action: ['ec2:DescribeImages', 'ec2:ModifyImageAttribute'], Resource: 'arn:aws:ec2:us-east-1:111122223333:image/*' }),
      errors: [{ messageId: 'exposureAction', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: 'Statement 0 allows ec2:ModifyImageAttribute on "arn:aws:ec2:us-east-1:111122223333:image/*": the principal can grant or change access to any ec2 image.' }],
    },
    {
      name: 'every role of every account, and a second statement on *',
      code: policy(
        { Sid: 'Roles', Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::*:role/*' },
        { Sid: 'Keys', Effect: 'Allow', Action: ['kms:CreateGrant', 'kms:Decrypt'], Resource: '*', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' } } },
      ),
      errors: [
        { messageId: 'exposureAction', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /allows iam:AttachRolePolicy on "arn:aws:iam::\*:role\/\*": the principal can grant or change access to any iam role\.$/ },
        { messageId: 'exposureAction', path: ['Statement', 1, 'Action', 0], line: 14, column: 9, message: /^Statement "Keys" allows kms:CreateGrant on "\*"/ },
      ],
    },
  ],
});
