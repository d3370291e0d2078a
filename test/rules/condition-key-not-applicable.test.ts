import rule from '../../src/rules/condition-key-not-applicable.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/app';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GITHUB_OIDC = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const EKS_ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

ruleTester.run(rule, {
  valid: [
    {
      name: 'Parliament test_condition_action_specific::1: s3:prefix on s3:listbucket',
      code: policy({ Effect: 'Allow', Action: 's3:listbucket', Resource: BUCKET, Condition: { StringEquals: { 's3:prefix': ['home/${aws:username}/*'] } } }),
    },
    {
      name: 'service keys documented for the actions: kms:ViaService, iam:PassedToService, ec2:Region',
      code: policy(
        { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole', Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } },
        { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'ec2:Region': 'us-east-1' } } },
      ),
    },
    {
      name: 'one action of several is enough (s3:prefix on ListBucket next to GetObject)',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringLikeIfExists: { 's3:prefix': 'home/*' } } }),
    },
    {
      name: 'global keys apply to every action; tag keys where the actions support them',
      code: policy(
        { Effect: 'Allow', Action: ['ec2:StartInstances', 'ec2:StopInstances'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml', 'aws:SourceVpc': 'vpc-1a2b3c4d' } } },
        { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'ml' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEquals: { 'aws:ResourceTag/classification': 'public', 'ec2:SourceInstanceARN': 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abcd1234efgh5678' } } },
      ),
    },
    {
      name: 'resource policy with global keys (aws:SourceArn, aws:PrincipalOrgID)',
      code: policy({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:us-east-1:111122223333:orders',
        Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:orders' }, StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    },
    {
      name: 'trust policies: sts:ExternalId on AssumeRole, provider claims on the web-identity and SAML actions',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'Unique-1234' } } },
        {
          Effect: 'Allow',
          Principal: { Federated: GITHUB_OIDC },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:ml:trainer' } },
        },
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP' }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } } },
      ),
      kind: 'trust',
    },
    {
      name: 'Action "*" covers an action documenting the key; NotAction is not judged',
      code: policy(
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'public/' } } },
        { Effect: 'Deny', NotAction: 's3:*', Resource: '*', Condition: { StringNotEquals: { 's3:prefix': 'public/' } } },
      ),
    },
    {
      name: 'unknown keys and unknown actions are other rules\' findings',
      code: policy(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'mycorp:CostCenter': '4711' } } },
        { Effect: 'Allow', Action: ['s3:GetObjekt', 's3:PutObject'], Resource: '*', Condition: { StringEquals: { 'ec2:Region': 'us-east-1' } } },
      ),
    },
    {
      name: 'keys documented outside the authorization reference or with a literal tag-key template',
      code: policy(
        { Effect: 'Allow', Action: ['aws-marketplace:Subscribe', 'aws-marketplace:Unsubscribe'], Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws-marketplace:ProductId': ['prod-m5ilt4siql27k'] } } },
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'secretsmanager:ResourceTag/team': 'ml' } } },
      ),
    },
    {
      name: 'ignoreKeys',
      options: { ignoreKeys: ['aws:ResourceTag/*'] },
      code: policy({ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml' } } }),
    },
  ],
  invalid: [
    {
      name: 'compact JSON, s3 key on ec2 actions, exact position',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/*"}}}]}',
      errors: [
        {
          messageId: 'notApplicable',
          path: ['Statement', 0, 'Condition', 'StringLike', 's3:prefix'],
          line: 1,
          column: 115,
          message: 'Condition key "s3:prefix" in statement 0 is not documented for any of its actions (ec2:*): it is never in their request context.',
        },
      ],
    },
    {
      name: 'Parliament test_condition_action_specific::2: s3:x-amz-storage-class on s3:listbucket',
      code: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:listbucket",
        "Resource": "arn:aws:s3:::bucket-name",
        "Condition": {"StringEquals": {"s3:x-amz-storage-class":"bad"}} }}`,
      errors: [{ messageId: 'notApplicable', path: ['Statement', 'Condition', 'StringEquals', 's3:x-amz-storage-class'], line: 7, column: 40, message: /\(s3:listbucket\): it is never in their request context\.$/ }],
    },
    {
      name: 'Parliament test_condition_mismatch: iam:ResourceTag on ec2:* and s3:* (one finding, not one per action)',
      code: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": ["ec2:*", "s3:*"],
        "Resource": "*",
        "Condition": {"StringNotEquals": {"iam:ResourceTag/status":"prod"}} }}`,
      errors: [{ messageId: 'notApplicable', path: ['Statement', 'Condition', 'StringNotEquals', 'iam:ResourceTag/status'], line: 7, column: 43, message: /"iam:ResourceTag\/status" in statement 0 is not documented for any of its actions \(ec2:\*, s3:\*\)/ }],
    },
    {
      name: 'aws:ResourceTag on actions that take no resource',
      code: policy({ Sid: 'DescribeTeamInstances', Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:DescribeVolumes'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml' } } }),
      errors: [
        {
          messageId: 'tagKeyNotApplicable',
          path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:ResourceTag/team'],
          line: 14,
          column: 11,
          message:
            'Tag condition key "aws:ResourceTag/team" in statement "DescribeTeamInstances" is not supported by any of its actions (ec2:DescribeInstances, ec2:DescribeVolumes): it is never in their request context, so the tag test cannot work for them.',
        },
      ],
    },
    {
      name: 'aws:TagKeys on kms:CreateGrant (as in an AWS managed policy)',
      code: policy({ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: KEY, Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['sagemaker'] }, Bool: { 'kms:GrantIsForAWSResource': 'true' } } }),
      errors: [{ messageId: 'tagKeyNotApplicable', path: ['Statement', 0, 'Condition', 'ForAllValues:StringEquals', 'aws:TagKeys'], line: 10, column: 11, message: /\(kms:CreateGrant\)/ }],
    },
    {
      name: 'Deny with IfExists, case-insensitive action, two findings',
      code: policy({
        Sid: 'DenyUnencryptedUploads',
        Effect: 'Deny',
        Action: ['ECR:putimage', 'ecr:UploadLayerPart'],
        Resource: REPO,
        Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms', 'kms:ViaService': 'ecr.us-east-1.amazonaws.com' } },
      }),
      errors: [
        {
          messageId: 'notApplicable',
          path: ['Statement', 0, 'Condition', 'StringNotEqualsIfExists', 's3:x-amz-server-side-encryption'],
          line: 14,
          column: 11,
          message: 'Condition key "s3:x-amz-server-side-encryption" in statement "DenyUnencryptedUploads" is not documented for any of its actions (ECR:putimage, ecr:UploadLayerPart): it is never in their request context.',
        },
        { messageId: 'notApplicable', path: ['Statement', 0, 'Condition', 'StringNotEqualsIfExists', 'kms:ViaService'], line: 15, column: 11, message: /^Condition key "kms:ViaService"/ },
      ],
    },
    {
      name: 'credential key of another service: ec2:osuser on s3:GetObject',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringEquals: { 'ec2:osuser': 'ec2-user' } } }),
      errors: [{ messageId: 'notApplicable', path: ['Statement', 0, 'Condition', 'StringEquals', 'ec2:osuser'], line: 18, column: 11, message: /\(s3:GetObject, s3:PutObject, s3:DeleteObject and 1 more\)/ }],
    },
    {
      name: 'GitHub OIDC trust policy with sts:AssumeRole instead of AssumeRoleWithWebIdentity',
      code: policy({ Effect: 'Allow', Principal: { Federated: GITHUB_OIDC }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } } }),
      kind: 'trust',
      errors: [{ messageId: 'notApplicable', path: ['Statement', 0, 'Condition', 'StringLike', 'token.actions.githubusercontent.com:sub'], line: 12, column: 11, message: /\(sts:AssumeRole\)/ }],
    },
  ],
});
