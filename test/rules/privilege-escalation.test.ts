import rule from '../../src/rules/privilege-escalation.js';
import { policy, ruleTester } from '../rule-tester.js';

const ACCOUNT = '111122223333';
const LAMBDA_ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-exec`;
const SAGEMAKER_ROLES = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-*`;
const OWN_USER = 'arn:aws:iam::*:user/${aws:username}';
const passedTo = (service: string, operator = 'StringEquals') => ({ [operator]: { 'iam:PassedToService': service } });

const passRole = { Sid: 'PassExecutionRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: LAMBDA_ROLE, Condition: passedTo('lambda.amazonaws.com') };
const deployFunctions = { Sid: 'DeployFunctions', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*` };
const lambdaSet = (identity: string[], extra: object = {}) => [{ name: 'lambda-deployer', identity, ...extra }];

ruleTester.run(rule, {
  valid: [
    {
      name: 'self-service credentials on the caller\'s own user',
      code: policy({
        Sid: 'ManageOwnCredentials',
        Effect: 'Allow',
        Action: ['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:ChangePassword'],
        Resource: OWN_USER,
      }),
    },
    { name: 'read-only IAM and EC2 access', code: policy({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'ec2:Describe*', 'lambda:Get*'], Resource: '*' }) },
    {
      name: 'an unconditioned Deny on every resource removes the method',
      code: policy({ Effect: 'Allow', Action: 'iam:*Policy*', Resource: '*' }, { Sid: 'NoPolicyWrites', Effect: 'Deny', Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:Attach*', 'iam:Put*'], Resource: '*' }),
    },
    {
      name: 'PassRole limited to SageMaker does not enable the Lambda methods',
      code: policy(
        { Sid: 'PassToSageMaker', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: passedTo('sagemaker.amazonaws.com') },
        { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:CreateEventSourceMapping', 'ec2:RunInstances'], Resource: '*' },
      ),
    },
    {
      name: 'StringNotEquals on iam:PassedToService excluding EC2 removes the EC2 method',
      code: policy(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: passedTo('ec2.amazonaws.com', 'StringNotEquals') },
        { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
      ),
    },
    {
      name: 'a Deny of PassRole to Lambda conditioned only on iam:PassedToService',
      code: policy(
        { Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
        { Sid: 'NeverPassToLambda', Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: passedTo('lambda.amazonaws.com') },
      ),
    },
    {
      name: 'a statement testing iam:PassedToService grants its other actions nothing',
      code: policy({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*', Condition: passedTo('lambda.amazonaws.com') }),
    },
    { name: 'sts:AssumeRole on one named role', code: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/deploy` }) },
    { name: 'an action without resource-level permissions scoped to an ARN grants nothing', code: policy({ Effect: 'Allow', Action: ['iam:PassRole', 'glue:CreateDevEndpoint'], Resource: `arn:aws:glue:us-east-1:${ACCOUNT}:devEndpoint/*` }) },
    { name: 'statement without Resource grants nothing', code: policy({ Effect: 'Allow', Action: 'iam:AttachUserPolicy' }) },
    { name: 's3:* on objects only cannot rewrite the bucket policy', code: policy({ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: 'arn:aws:s3:::reports/*' }) },
    {
      name: 'every object action allowed on the bucket: its policy adds nothing',
      code: policy({ Effect: 'Allow', Action: ['s3:*Bucket*', 's3:*Object*'], Resource: ['arn:aws:s3:::bucket1', 'arn:aws:s3:::bucket1/*'] }),
    },
    { name: 'trust policy is not judged', kind: 'trust', code: policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'permissions boundary is a cap, not a grant', kind: 'boundary', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    { name: 'service control policy is a cap, not a grant', kind: 'scp', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    {
      name: 'bucket policy granting object access only',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::shared-reports/*' }),
    },
    { name: 'ignoreMethods', options: { ignoreMethods: ['EditExistingLambdaFunctionWithRole'] }, code: policy({ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: '*' }) },
    {
      name: 'ignoreConditionedGrants: AttachRolePolicy limited by iam:PolicyARN',
      options: { ignoreConditionedGrants: true },
      code: policy({
        Effect: 'Allow',
        Action: 'iam:AttachRolePolicy',
        Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
        Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' } },
      }),
    },
    {
      name: 'policy set: the boundary does not allow iam:PassRole, so the method is capped away',
      files: {
        'passrole.json': policy(passRole),
        'functions.json': policy(deployFunctions),
        'boundary.json': policy({ Effect: 'Allow', Action: ['lambda:*', 'logs:*'], Resource: '*' }),
      },
      policySets: lambdaSet(['passrole.json', 'functions.json'], { boundary: 'boundary.json' }),
    },
    {
      name: 'policy set: a Deny in the boundary removes lambda:CreateFunction',
      files: {
        'passrole.json': policy(passRole),
        'functions.json': policy(deployFunctions),
        'boundary.json': policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'lambda:CreateFunction', Resource: '*' }),
      },
      policySets: lambdaSet(['passrole.json', 'functions.json'], { boundary: 'boundary.json' }),
    },
  ],
  invalid: [
    {
      name: 'iam:CreatePolicyVersion on "*"',
      code: policy({ Sid: 'PolicyAdmin', Effect: 'Allow', Action: ['iam:GetPolicy', 'iam:CreatePolicyVersion'], Resource: '*' }),
      errors: [
        {
          messageId: 'escalation',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          message:
            'This policy allows privilege escalation CreateNewPolicyVersion: iam:CreatePolicyVersion (statement "PolicyAdmin"). A new version of a customer managed policy attached to the principal, created with --set-as-default (no iam:SetDefaultPolicyVersion needed), can grant it any permission. (https://pathfinding.cloud/paths/iam-001)',
        },
      ],
    },
    {
      name: 'one wildcard entry completing three methods (one grouped finding)',
      code: policy({ Effect: 'Allow', Action: 'iam:Put*Policy', Resource: `arn:aws:iam::${ACCOUNT}:*` }),
      errors: [
        {
          messageId: 'escalationMany',
          path: ['Statement', 0, 'Action'],
          line: 6,
          column: 17,
          message: /^This policy allows 3 privilege escalation methods through "iam:Put\*Policy" alone \(statement 0\): PutUserPolicy, PutGroupPolicy and PutRolePolicy\./,
        },
      ],
    },
    {
      name: 'iam:PassRole and ec2:RunInstances in two statements',
      code: policy(
        { Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        { Sid: 'LaunchInstances', Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:CreateTags'], Resource: '*' },
      ),
      errors: [
        {
          messageId: 'escalation',
          path: ['Statement', 1, 'Action', 0],
          line: 14,
          column: 9,
          message:
            'This policy allows privilege escalation CreateEC2WithExistingIP: iam:PassRole (statement "PassAnyRole"), ec2:RunInstances (statement "LaunchInstances"). A new EC2 instance launched with an existing instance profile runs the caller\'s user data, and its metadata service hands out the passed role\'s credentials. (https://pathfinding.cloud/paths/ec2-001)',
          related: [{ line: 7, column: 17, message: 'iam:PassRole allowed here (statement "PassAnyRole")' }],
        },
      ],
    },
    {
      name: 'iam:PassRole scoped to one role still escalates, to that role',
      code: policy(passRole, deployFunctions),
      errors: [
        {
          messageId: 'escalationScoped',
          path: ['Statement', 1, 'Action', 0],
          line: 19,
          column: 9,
          message: `This policy allows privilege escalation PassExistingRoleToNewLambdaThenInvoke: iam:PassRole (statement "PassExecutionRole"), lambda:CreateFunction and lambda:InvokeFunction (statement "DeployFunctions"); iam:PassRole is allowed only on "${LAMBDA_ROLE}", so it reaches only as far as those resources (and their roles) do. A new Lambda function created with an existing role runs the caller's code with that role's permissions when invoked. (https://pathfinding.cloud/paths/lambda-001)`,
          related: [
            { line: 7, column: 17, message: 'iam:PassRole allowed here (statement "PassExecutionRole")' },
            { line: 20, column: 9, message: 'lambda:InvokeFunction allowed here (statement "DeployFunctions")' },
          ],
        },
      ],
    },
    {
      name: 'SageMaker notebook role passed only to SageMaker: SageMaker methods, no Lambda method',
      code: policy(
        { Sid: 'PassNotebookRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: SAGEMAKER_ROLES, Condition: passedTo('sagemaker.amazonaws.com') },
        { Sid: 'Notebooks', Effect: 'Allow', Action: ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], Resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/*` },
        { Sid: 'Functions', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
      ),
      errors: [
        {
          messageId: 'escalationScoped',
          path: ['Statement', 1, 'Action', 0],
          line: 19,
          column: 9,
          message: /PassExistingRoleToNewSageMakerNotebookInstance: iam:PassRole \(statement "PassNotebookRole"\), sagemaker:CreateNotebookInstance \(statement "Notebooks"\); iam:PassRole is allowed only on "arn:aws:iam::111122223333:role\/service-role\/AmazonSageMaker-ExecutionRole-\*", so/,
          related: [{ line: 7, column: 17 }],
        },
        // notebook-instance/* of one account and region is every notebook the caller could reach
        { messageId: 'escalation', path: ['Statement', 1, 'Action', 1], line: 20, column: 9, message: /CreatePresignedSageMakerNotebookUrl: sagemaker:CreatePresignedNotebookInstanceUrl \(statement "Notebooks"\)\./ },
      ],
    },
    {
      name: 'StringEqualsIfExists on iam:PassedToService does not restrict',
      code: policy(
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: passedTo('sagemaker.amazonaws.com', 'StringEqualsIfExists') },
        { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
      ),
      errors: [{ messageId: 'escalation', path: ['Statement', 1, 'Action'], line: 16, column: 17, message: /CreateEC2WithExistingIP: iam:PassRole \(statement 0\), ec2:RunInstances \(statement 1\)\./ }],
    },
    {
      name: 'NotAction on function ARNs grants lambda:UpdateFunctionCode',
      code: policy({ Effect: 'Allow', NotAction: ['lambda:Delete*', 'lambda:RemovePermission'], Resource: 'arn:aws:lambda:*:*:function:*' }),
      errors: [
        {
          messageId: 'escalation',
          path: ['Statement', 0, 'NotAction'],
          line: 6,
          column: 7,
          message: /^This policy allows privilege escalation EditExistingLambdaFunctionWithRole: lambda:UpdateFunctionCode \(statement 0\)\./,
        },
      ],
    },
    {
      name: 'action in another case, scalar Action; a conditioned Deny does not remove it',
      code: policy(
        { Effect: 'Allow', Action: 'IAM:attachuserpolicy', Resource: 'arn:aws:iam::*:user/*' },
        { Effect: 'Deny', Action: 'iam:AttachUserPolicy', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ),
      errors: [{ messageId: 'escalation', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /escalation AttachUserPolicy: iam:AttachUserPolicy \(statement 0\)/ }],
    },
    {
      name: 'a Deny on some functions leaves the others',
      code: policy(
        { Sid: 'UpdateCode', Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: '*' },
        { Sid: 'NotProd', Effect: 'Deny', Action: 'lambda:*', Resource: `arn:aws:lambda:*:${ACCOUNT}:function:prod-*` },
      ),
      errors: [{ messageId: 'escalation', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /EditExistingLambdaFunctionWithRole: lambda:UpdateFunctionCode \(statement "UpdateCode"\)/ }],
    },
    {
      name: 'access keys for other users; credentials for oneself are not reported',
      code: policy(
        { Sid: 'OwnPassword', Effect: 'Allow', Action: ['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], Resource: OWN_USER },
        { Sid: 'RotateServiceUsers', Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: `arn:aws:iam::${ACCOUNT}:user/service/*` },
      ),
      errors: [
        {
          messageId: 'escalationScoped',
          path: ['Statement', 1, 'Action'],
          line: 16,
          column: 17,
          message: /CreateAccessKey: iam:CreateAccessKey \(statement "RotateServiceUsers"\); iam:CreateAccessKey is allowed only on "arn:aws:iam::111122223333:user\/service\/\*"/,
        },
      ],
    },
    {
      name: 'rewrite a role trust policy, then assume the role',
      code: policy({ Sid: 'RoleAdmin', Effect: 'Allow', Action: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], Resource: `arn:aws:iam::${ACCOUNT}:role/*` }),
      errors: [
        {
          messageId: 'escalation',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          message: /UpdateRolePolicyToAssumeIt: iam:UpdateAssumeRolePolicy and sts:AssumeRole \(statement "RoleAdmin"\)\./,
          related: [{ line: 9, column: 9, message: 'sts:AssumeRole allowed here (statement "RoleAdmin")' }],
        },
        // role/* of the account is every role that could trust the caller
        { messageId: 'escalation', path: ['Statement', 0, 'Action', 1], line: 9, column: 9, message: /AssumeAnyRole: sts:AssumeRole \(statement "RoleAdmin"\)/ },
      ],
    },
    {
      name: 'sts:AssumeRole on every role',
      code: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }),
      errors: [{ messageId: 'escalation', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^This policy allows privilege escalation AssumeAnyRole: sts:AssumeRole \(statement 0\)\./ }],
    },
    {
      name: 'shell on instances and containers, buildspec override',
      code: policy({ Sid: 'Operators', Effect: 'Allow', Action: ['ssm:SendCommand', 'ecs:ExecuteCommand', 'ecs:DescribeTasks', 'codebuild:StartBuild'], Resource: '*' }),
      errors: [
        { messageId: 'escalation', path: ['Statement', 0, 'Action', 0], line: 8, column: 9, message: /SSMSendCommandToInstance: ssm:SendCommand \(statement "Operators"\)/ },
        {
          messageId: 'escalation',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          message: /ECSExecuteCommandOnRunningTask: ecs:ExecuteCommand and ecs:DescribeTasks \(statement "Operators"\)/,
          related: [{ line: 10, column: 9, message: 'ecs:DescribeTasks allowed here (statement "Operators")' }],
        },
        { messageId: 'escalation', path: ['Statement', 0, 'Action', 3], line: 11, column: 9, message: /StartCodeBuildWithBuildspecOverride/ },
      ],
    },
    {
      name: 'NotResource: every role except the admin roles can still be passed',
      code: policy({ Sid: 'Launch', Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], NotResource: 'arn:aws:iam::*:role/admin-*' }),
      errors: [
        {
          messageId: 'escalation',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          message: /^This policy allows privilege escalation CreateEC2WithExistingIP: iam:PassRole and ec2:RunInstances \(statement "Launch"\)\./,
          related: [{ line: 8, column: 9 }],
        },
      ],
    },
    {
      name: 'by default a condition on the Allow (iam:PolicyARN) is assumed to hold',
      code: policy({
        Sid: 'AttachSsmCore',
        Effect: 'Allow',
        Action: 'iam:AttachRolePolicy',
        Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
        Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' } },
      }),
      errors: [{ messageId: 'escalation', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /AttachRolePolicy: iam:AttachRolePolicy \(statement "AttachSsmCore"\)/ }],
    },
    {
      name: 'policy set: PassRole in one identity policy, CreateFunction and InvokeFunction in another',
      files: { 'passrole.json': policy(passRole), 'functions.json': policy(deployFunctions) },
      policySets: lambdaSet(['passrole.json', 'functions.json']),
      errors: [
        {
          messageId: 'escalationScoped',
          file: 'functions.json',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          message: /^Policy set "lambda-deployer" allows privilege escalation PassExistingRoleToNewLambdaThenInvoke: iam:PassRole \(statement "PassExecutionRole" of passrole\.json\), lambda:CreateFunction and lambda:InvokeFunction \(statement "DeployFunctions"\);/,
          related: [
            { file: 'passrole.json', line: 7, column: 17, message: 'iam:PassRole allowed here (statement "PassExecutionRole")' },
            { file: 'functions.json', line: 9, column: 9 },
          ],
        },
      ],
    },
    {
      name: 'policy set: a boundary that allows the actions keeps the method',
      files: {
        'passrole.json': policy(passRole),
        'functions.json': policy(deployFunctions),
        'boundary.json': policy({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:*'], Resource: '*' }),
      },
      policySets: lambdaSet(['passrole.json', 'functions.json'], { boundary: 'boundary.json' }),
      errors: [{ messageId: 'escalationScoped', file: 'functions.json', path: ['Statement', 0, 'Action', 0], line: 8, column: 9 }],
    },
    {
      name: 'Parliament: s3:GetObject and s3:PutBucketPolicy on "*"',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutBucketPolicy'], Resource: '*' }),
      errors: [
        {
          messageId: 'resourcePolicyEscalation',
          path: ['Statement', 0, 'Action', 1],
          line: 8,
          column: 9,
          message:
            'This policy allows privilege escalation PutBucketPolicyToGrantSelf: s3:PutBucketPolicy (statement 0) on "*", but not s3:PutObject and s3:DeleteObject on every object of those buckets. A new bucket policy can grant the principal any access to the bucket and its objects. (https://github.com/duo-labs/parliament)',
        },
      ],
    },
    {
      name: 'bucket policy lets another account rewrite it',
      code: policy({
        Sid: 'PartnerAdmin',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: ['s3:GetObject', 's3:ListBucket', 's3:PutBucketPolicy'],
        Resource: ['arn:aws:s3:::shared-reports', 'arn:aws:s3:::shared-reports/*'],
      }),
      errors: [
        {
          messageId: 'resourcePolicyEscalation',
          path: ['Statement', 0, 'Action', 2],
          line: 13,
          column: 9,
          message: /^This resource policy allows privilege escalation PutBucketPolicyToGrantSelf: s3:PutBucketPolicy \(statement "PartnerAdmin"\) on "arn:aws:s3:::shared-reports", but not s3:PutObject and s3:DeleteObject on every object of that bucket\./,
        },
      ],
    },
  ],
});
