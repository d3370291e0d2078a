import rule from '../../src/rules/boundary-missing-grant.js';
import { policy, ruleTester } from '../rule-tester.js';

const ACCOUNT = '111122223333';
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/mlspace/*`;
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability', 'ecr:GetAuthorizationToken'];

const mlspace = { name: 'mlspace', identity: ['app.json'], boundary: 'boundary.json' };
const withNotebook = { name: 'mlspace', identity: ['app.json', 'notebook.json'], boundary: 'boundary.json' };

/** The pull-only boundary of the required scenario. */
const pullOnlyBoundary = policy({ Sid: 'PullOnly', Effect: 'Allow', Action: PULL, Resource: '*' });

/** An app policy that pushes images to the platform repositories. */
const pushApp = policy(
  { Sid: 'Token', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  { Sid: 'Push', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:PutImage'], Resource: REPO },
);

const RELATED_BOUNDARY = { file: 'boundary.json', line: 3, column: 3, message: 'Permissions boundary boundary.json' };

ruleTester.run(rule, {
  valid: [
    {
      name: 'boundary allows the services with wildcards on "*"',
      files: { 'app.json': pushApp, 'boundary.json': policy({ Effect: 'Allow', Action: ['ecr:*', 's3:*', 'sagemaker:*'], Resource: '*' }) },
      policySets: [mlspace],
    },
    {
      name: 'boundary allows "*" (scalar Action)',
      files: { 'app.json': pushApp, 'boundary.json': policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
      policySets: [mlspace],
    },
    {
      name: 'grants inside the pull-only boundary',
      files: {
        'app.json': policy(
          { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], Resource: REPO },
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        ),
        'boundary.json': pullOnlyBoundary,
      },
      policySets: [mlspace],
    },
    {
      name: 'a wildcard grant capped by a narrower boundary is an intended cap (s3:* under s3:Get*)',
      files: { 'app.json': policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::mlspace-data/*' }), 'boundary.json': policy({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }) },
      policySets: [mlspace],
    },
    {
      name: 'partial resource overlap: identity "*", boundary one bucket',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }),
        'boundary.json': policy({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::mlspace-data', 'arn:aws:s3:::mlspace-data/*'] }),
      },
      policySets: [mlspace],
    },
    {
      name: 'region wildcard in the grant overlaps the region-scoped boundary',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: `arn:aws:sagemaker:*:${ACCOUNT}:training-job/*` }),
        'boundary.json': policy({ Effect: 'Allow', Action: 'sagemaker:*', Resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:*` }),
      },
      policySets: [mlspace],
    },
    {
      name: 'conditioned boundary Allow and ...IfExists Deny: not definitely blocked',
      files: {
        'app.json': pushApp,
        'boundary.json': policy(
          { Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
          { Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'mlspace' } } },
        ),
      },
      policySets: [mlspace],
    },
    {
      name: 'boundary NotResource that excludes only part of the grant',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mlspace-*' }),
        'boundary.json': policy({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::mlspace-secrets/*' }),
      },
      policySets: [mlspace],
    },
    {
      name: 'policy variable in the boundary resource',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::mlspace-home/alice/*' }),
        'boundary.json': policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::mlspace-home/${aws:username}/*' }),
      },
      policySets: [mlspace],
    },
    {
      name: 'grants that never apply on their own are left to other rules (token on an ARN, ListBucket on objects)',
      files: {
        'app.json': policy(
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: REPO },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::mlspace-data/*' },
        ),
        'boundary.json': policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::mlspace-data' }),
      },
      policySets: [mlspace],
    },
    {
      name: 'Deny statements of the identity policy are not grants',
      files: { 'app.json': policy({ Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' }), 'boundary.json': pullOnlyBoundary },
      policySets: [mlspace],
    },
    {
      name: 'no boundary in the set',
      files: { 'app.json': pushApp },
      policySets: [{ name: 'mlspace', identity: ['app.json'] }],
    },
    {
      name: 'trust policy of the set is not an identity grant',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: REPO }),
        'boundary.json': pullOnlyBoundary,
        'trust.json': policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      },
      policySets: [{ ...mlspace, trust: 'trust.json', trustedService: 'sagemaker.amazonaws.com' }],
    },
    {
      name: 'ignoreActions',
      files: { 'app.json': pushApp, 'boundary.json': pullOnlyBoundary },
      policySets: [mlspace],
      options: { ignoreActions: ['ecr:Put*'] },
    },
    {
      name: 'a file outside any policy set is not checked',
      files: { 'app.json': pushApp, 'pull.json': policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: REPO }), 'boundary.json': pullOnlyBoundary },
      policySets: [{ name: 'mlspace', identity: ['pull.json'], boundary: 'boundary.json' }],
    },
  ],
  invalid: [
    {
      name: 'required scenario: ecr:PutImage under a pull-only boundary',
      files: { 'app.json': pushApp, 'boundary.json': pullOnlyBoundary },
      policySets: [mlspace],
      errors: [
        {
          messageId: 'blocked',
          file: 'app.json',
          path: ['Statement', 1, 'Action', 1],
          line: 15,
          column: 9,
          endColumn: 23,
          message: 'Statement "Push" allows ecr:PutImage, but the permissions boundary boundary.json does not allow it; the grant never takes effect.',
          related: [RELATED_BOUNDARY],
        },
      ],
    },
    {
      name: 'case-insensitive scalar action, statement without Sid',
      files: { 'app.json': policy({ Effect: 'Allow', Action: 'ECR:putimage', Resource: REPO }), 'boundary.json': pullOnlyBoundary },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 0, 'Action'], line: 6, column: 17, endColumn: 31, message: /^Statement 0 allows ecr:PutImage, but/ }],
    },
    {
      name: 'two findings: app and notebook policies, several blocked actions',
      files: {
        'app.json': policy({ Sid: 'Push', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'], Resource: REPO }),
        'notebook.json': policy({ Sid: 'Describe', Effect: 'Allow', Action: 'ecr:DescribeImages', Resource: REPO }),
        'boundary.json': pullOnlyBoundary,
      },
      policySets: [withNotebook],
      errors: [
        {
          messageId: 'blocked',
          file: 'app.json',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          message: 'Statement "Push" allows ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage, but the permissions boundary boundary.json does not allow them; the grant never takes effect.',
          related: [RELATED_BOUNDARY],
        },
        { messageId: 'blocked', file: 'notebook.json', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /^Statement "Describe" allows ecr:DescribeImages, but/, related: [RELATED_BOUNDARY] },
      ],
    },
    {
      name: 'more than five blocked actions are summarized',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:DeleteRepository', 'ecr:BatchDeleteImage', 'ecr:TagResource'], Resource: REPO }),
        'boundary.json': pullOnlyBoundary,
      },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: /allows ecr:PutImage, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:DeleteRepository and 2 more, but/ }],
    },
    {
      name: 'explicit Deny in the boundary',
      files: {
        'app.json': policy({ Sid: 'Studio', Effect: 'Allow', Action: ['sagemaker:DescribeDomain', 'sagemaker:CreatePresignedDomainUrl'], Resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:*` }),
        'boundary.json': policy(
          { Sid: 'Platform', Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' },
          { Sid: 'NoPresignedUrls', Effect: 'Deny', Action: 'sagemaker:CreatePresignedDomainUrl', Resource: '*' },
        ),
      },
      policySets: [mlspace],
      errors: [
        {
          messageId: 'denied',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          message: 'Statement "Studio" allows sagemaker:CreatePresignedDomainUrl, but Statement "NoPresignedUrls" in boundary.json explicitly denies this; an explicit Deny always wins, so the grant never takes effect.',
          related: [RELATED_BOUNDARY, { file: 'boundary.json', line: 13, column: 17, message: 'Denied by Statement "NoPresignedUrls" in boundary.json' }],
        },
      ],
    },
    {
      name: 'explicit Deny in another identity policy of the set (NotResource Deny)',
      files: {
        'app.json': policy({ Sid: 'Objects', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared-datasets/*' }),
        'notebook.json': policy({ Sid: 'OnlyPlatformBuckets', Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::mlspace-*', 'arn:aws:s3:::mlspace-*/*'] }),
        'boundary.json': policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      },
      policySets: [withNotebook],
      errors: [
        {
          messageId: 'denied',
          file: 'app.json',
          path: ['Statement', 0, 'Action'],
          line: 7,
          column: 17,
          message: /but Statement "OnlyPlatformBuckets" in notebook.json explicitly denies this/,
          related: [RELATED_BOUNDARY, { file: 'notebook.json', line: 7, column: 17, message: 'Denied by Statement "OnlyPlatformBuckets" in notebook.json' }],
        },
      ],
    },
    {
      name: 'region-scoped boundary: grant in another region, only that resource named',
      files: {
        'app.json': policy({
          Sid: 'Training',
          Effect: 'Allow',
          Action: 'sagemaker:CreateTrainingJob',
          Resource: [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/*`, `arn:aws:sagemaker:us-west-2:${ACCOUNT}:training-job/*`],
        }),
        'boundary.json': policy({ Effect: 'Allow', Action: 'sagemaker:*', Resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:*` }),
      },
      policySets: [mlspace],
      errors: [
        {
          messageId: 'blocked',
          path: ['Statement', 0, 'Action'],
          line: 7,
          column: 17,
          message: `Statement "Training" allows sagemaker:CreateTrainingJob on arn:aws:sagemaker:us-west-2:${ACCOUNT}:training-job/*, but the permissions boundary boundary.json does not allow it; the grant never takes effect.`,
        },
      ],
    },
    {
      name: 'resource entirely outside the boundary resources',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::other-bucket/*' }),
        'boundary.json': policy({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::mlspace-*'] }),
      },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: /allows s3:GetObject, s3:PutObject, but the permissions boundary/ }],
    },
    {
      name: 'wildcard entry entirely dead, reported with a blocked exact entry; the allowed entry is not',
      files: {
        'app.json': policy({ Sid: 'Manage', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:Put*', 'ecr:DeleteRepository'], Resource: REPO }),
        'boundary.json': pullOnlyBoundary,
      },
      policySets: [mlspace],
      errors: [
        {
          messageId: 'blockedWildcard',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          endColumn: 19,
          message: /^Statement "Manage" allows ecr:Put\*, ecr:DeleteRepository, but none of the 5 actions it grants \(ecr:PutImage, ecr:PutImageScanningConfiguration, ecr:PutImageTagMutability, ecr:PutLifecyclePolicy, ecr:DeleteRepository\) gets through: the permissions boundary boundary.json does not allow them; the grant never takes effect\.$/,
          related: [RELATED_BOUNDARY],
        },
      ],
    },
    {
      name: 'boundary NotAction excludes the granted action (conditioned identity grant is still a grant)',
      files: {
        'app.json': policy({
          Sid: 'PassExecutionRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: `arn:aws:iam::${ACCOUNT}:role/mlspace-*`,
          Condition: { StringEqualsIfExists: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        }),
        'boundary.json': policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
      },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /allows iam:PassRole, but the permissions boundary/ }],
    },
    {
      name: 'identity NotAction entirely dead, reported at the NotAction key',
      files: {
        'app.json': policy({ Sid: 'Everything', Effect: 'Allow', NotAction: 'ecr:*', Resource: 'arn:aws:s3:::other-bucket/*' }),
        'boundary.json': policy({ Effect: 'Allow', Action: '*', Resource: ['arn:aws:s3:::mlspace-*', `arn:aws:ecr:*:${ACCOUNT}:repository/*`] }),
      },
      policySets: [mlspace],
      errors: [{ messageId: 'blockedWildcard', path: ['Statement', 0, 'NotAction'], line: 7, column: 7, endColumn: 18, message: /allows every action except ecr:\*, but none of the \d+ actions it grants/ }],
    },
    {
      name: 'boundary NotResource excludes the granted resource',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mlspace-secrets/keys/*' }),
        'boundary.json': policy({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::mlspace-secrets/*' }),
      },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^Statement 0 allows s3:GetObject, but/ }],
    },
    {
      name: 'identity NotResource whose remainder the boundary does not reach',
      files: {
        'app.json': policy({ Effect: 'Allow', Action: 'ecr:PutImage', NotResource: REPO }),
        'boundary.json': policy({ Effect: 'Allow', Action: 'ecr:*', Resource: REPO }),
      },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^Statement 0 allows ecr:PutImage, but/ }],
    },
    {
      name: 'ecr:GetAuthorizationToken allowed by the boundary only on a repository ARN (needs the literal "*")',
      files: {
        'app.json': policy({ Sid: 'Token', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        'boundary.json': policy({ Effect: 'Allow', Action: 'ecr:*', Resource: `arn:aws:ecr:*:${ACCOUNT}:repository/*` }),
      },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /allows ecr:GetAuthorizationToken, but/ }],
    },
    {
      name: 'mixed causes: not allowed and denied, Deny named as second related location',
      files: {
        'app.json': policy({ Sid: 'Images', Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:BatchGetImage'], Resource: REPO }),
        'boundary.json': policy(
          { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetAuthorizationToken'], Resource: '*' },
          { Sid: 'NoProdPulls', Effect: 'Deny', Action: 'ecr:BatchGetImage', Resource: 'arn:aws:ecr:*:*:repository/mlspace/*' },
        ),
      },
      policySets: [mlspace],
      errors: [
        {
          messageId: 'blocked',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          message: 'Statement "Images" allows ecr:PutImage, ecr:BatchGetImage, but the permissions boundary boundary.json does not allow ecr:PutImage and Statement "NoProdPulls" in boundary.json denies ecr:BatchGetImage; the grant never takes effect.',
          related: [RELATED_BOUNDARY, { file: 'boundary.json', line: 15, column: 17, message: 'Denied by Statement "NoProdPulls" in boundary.json' }],
        },
      ],
    },
    {
      name: 'boundary written as a bare statement: related location is the whole document',
      files: { 'app.json': pushApp, 'boundary.json': JSON.stringify({ Effect: 'Allow', Action: PULL, Resource: '*' }, null, 2) },
      policySets: [mlspace],
      errors: [{ messageId: 'blocked', path: ['Statement', 1, 'Action', 1], line: 15, column: 9, related: [{ file: 'boundary.json', line: 1, column: 1 }] }],
    },
  ],
});
