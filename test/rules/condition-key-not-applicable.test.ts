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
      name: 'Action entries with wildcards are not judged per action (s3:prefix on ListBucket next to s3:Get*)',
      code: policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringLikeIfExists: { 's3:prefix': 'home/*' } } }),
    },
    {
      name: 'tag keys supported by every service of the statement (the Access Analyzer example), session tags with sts:TagSession',
      code: policy(
        { Sid: 'DenyDeleteSupported', Effect: 'Deny', Action: ['appmesh:DeleteMesh', 'backup:DeleteBackupPlan'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } } },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ci' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Condition: { StringEquals: { 'aws:RequestTag/team': 'ml', 'sts:SourceIdentity': '${aws:username}' } } },
      ),
    },
    {
      name: 'VPC endpoint owner keys scoped to named services',
      code: policy({ Sid: 'DenyOutsideOrgEndpoints', Effect: 'Deny', Action: ['s3:*', 'kms:Decrypt'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:VpceOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:ViaAWSService': 'false' } } }),
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
    {
      name: 'service key next to a literal action that does not support it (s3:prefix on GetObject, IfExists)',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringLikeIfExists: { 's3:prefix': 'home/*' } } }),
      errors: [
        { messageId: 'unsupportedActions', path: ['Statement', 0, 'Condition', 'StringLikeIfExists', 's3:prefix'], line: 16, column: 11, message: "Condition key \"s3:prefix\" in statement 0 is not supported by s3:GetObject: it is never in their request context, so this Allow grants them whatever the key would hold. Move these actions to a statement without this condition key." },
      ],
    },
    {
      name: 'kms:ViaService next to an S3 action, ec2:ResourceTag on a Describe action (case-insensitive actions)',
      code: policy(
        { Effect: 'Allow', Action: ['kms:Decrypt', 's3:GetObject'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
        { Effect: 'Allow', Action: ['EC2:terminateinstances', 'ec2:DescribeInstances'], Resource: '*', Condition: { StringEquals: { 'ec2:ResourceTag/eks': 'owned' } } },
      ),
      errors: [
        { messageId: 'unsupportedActions', path: ['Statement', 0, 'Condition', 'StringEquals', 'kms:ViaService'], line: 13, column: 11, message: "Condition key \"kms:ViaService\" in statement 0 is not supported by s3:GetObject: it is never in their request context, so this Allow never grants them. Move these actions to a statement without this condition key." },
        { messageId: 'unsupportedActions', path: ['Statement', 1, 'Condition', 'StringEquals', 'ec2:ResourceTag/eks'], line: 26, column: 11 },
      ],
    },
    {
      name: 'Deny with a tag key and actions of a service that does not support it',
      code: policy({ Sid: 'DenyDeleteConfidential', Effect: 'Deny', Action: ['appmesh:DeleteMesh', 'backup:DeleteBackupPlan', 's3:ListAllMyBuckets'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } } }),
      errors: [
        { messageId: 'tagKeyUnsupportedServices', path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:ResourceTag/status'], line: 15, column: 11, message: "Tag condition key \"aws:ResourceTag/status\" in statement \"DenyDeleteConfidential\" is not supported by the s3 actions of the statement (s3:ListAllMyBuckets): the key is never in their request context, so this Deny never denies them. Move these actions to a statement without this condition key and scope them by resource ARN." },
      ],
    },
    {
      name: 'Allow with a tag key, IfExists, and a Describe action',
      code: policy({ Effect: 'Allow', Action: ['ec2:StartInstances', 'ec2:DescribeInstances'], Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'ml' } } }),
      errors: [
        { messageId: 'tagKeyUnsupportedServices', path: ['Statement', 0, 'Condition', 'StringEqualsIfExists', 'aws:ResourceTag/team'], line: 13, column: 11, message: "Tag condition key \"aws:ResourceTag/team\" in statement 0 is not supported by the ec2 actions of the statement (ec2:DescribeInstances): the key is never in their request context, so this Allow grants them whatever the key would hold. Move these actions to a statement without this condition key and scope them by resource ARN." },
      ],
    },
    {
      name: 'tag keys with NotAction in a Deny and in an Allow',
      code: policy(
        { Sid: 'DenyUnlessTeam', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'ml' } } },
      ),
      errors: [
        { messageId: 'notActionTagKey', path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:ResourceTag/team'], line: 14, column: 11 },
        { messageId: 'notActionTagKey', path: ['Statement', 1, 'Condition', 'StringEquals', 'aws:RequestTag/team'], line: 24, column: 11 },
      ],
    },
    {
      name: 'VPC endpoint owner keys with Action * and with NotAction (data perimeter SCP)',
      code: policy(
        { Sid: 'DenyOutsideOrgEndpoints', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:VpceOrgID': 'o-a1b2c3d4e5' } } },
        { Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:VpceAccount': '111122223333' } } },
      ),
      kind: 'scp',
      errors: [
        { messageId: 'supportedServicesOnly', path: ['Statement', 0, 'Condition', 'StringNotEqualsIfExists', 'aws:VpceOrgID'], line: 11, column: 11, message: "Condition key \"aws:VpceOrgID\" in statement \"DenyOutsideOrgEndpoints\" works only with specific AWS services, but the statement applies to every service (*): scope it to the services that support the key." },
        { messageId: 'supportedServicesOnly', path: ['Statement', 1, 'Condition', 'StringNotEquals', 'aws:VpceAccount'], line: 23, column: 11 },
      ],
    },
    {
      name: 'session tags and source identity without sts:TagSession / sts:SetSourceIdentity in a trust policy',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ci' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:RequestTag/team': 'ml' }, 'ForAllValues:StringEquals': { 'sts:TransitiveTagKeys': ['team'] } } },
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP' }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringLike: { 'sts:SourceIdentity': '*@example.com' } } },
      ),
      kind: 'trust',
      errors: [
        { messageId: 'missingActionForKey', path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:RequestTag/team'], line: 12, column: 11, message: "The sts:TagSession action must be in the Action element of statement 0 to allow setting values for the condition key \"aws:RequestTag/team\": without it a request that sets the key is refused, and a request without it never matches the condition. Add sts:TagSession to the action block." },
        { messageId: 'missingActionForKey', path: ['Statement', 0, 'Condition', 'ForAllValues:StringEquals', 'sts:TransitiveTagKeys'], line: 15, column: 11 },
        { messageId: 'missingActionForKey', path: ['Statement', 1, 'Condition', 'StringLike', 'sts:SourceIdentity'], line: 29, column: 11 },
      ],
    },
  ],
});
