import rule from '../../src/rules/duplicate-action.js';
import { policy, ruleTester } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:eu-west-1:111122223333:repository/mlspace/*';
const BUCKET_OBJECTS = 'arn:aws:s3:::mlspace-data-111122223333/*';

ruleTester.run(rule, {
  valid: [
    { name: 'distinct actions', code: policy({ Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: REPO }) },
    { name: 'overlapping wildcards where neither covers the other', code: policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:*Object', 's3:Put*'], Resource: BUCKET_OBJECTS }) },
    {
      name: 'the same action in another, conditioned statement is not redundant',
      code: policy(
        { Effect: 'Allow', Action: 's3:Get*', Resource: BUCKET_OBJECTS },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*', Condition: { StringEqualsIfExists: { 's3:ExistingObjectTag/team': 'ml' } } },
      ),
    },
    { name: 'scalar Action', code: policy({ Effect: 'Allow', Action: 's3:*', Resource: BUCKET_OBJECTS }) },
    { name: 'trust policy assuming and tagging', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }) },
    { name: 'NotAction of distinct services', code: policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }) },
  ],
  invalid: [
    {
      name: 'the same action in another case',
      code: policy({ Sid: 'PushImages', Effect: 'Allow', Action: ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ECR:putimage'], Resource: REPO }),
      errors: [
        {
          messageId: 'duplicate',
          path: ['Statement', 0, 'Action', 4],
          line: 12,
          column: 9,
          endColumn: 23,
          message: 'Action entry "ECR:putimage" repeats "ecr:PutImage" in statement "PushImages" (action names ignore case); remove it.',
          related: [{ line: 11, column: 9, message: 'First "ecr:PutImage" here' }],
        },
      ],
    },
    {
      name: 'a trust policy listing sts:AssumeRole twice',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:AssumeRole'] }),
      errors: [{ messageId: 'duplicate', path: ['Statement', 0, 'Action', 2], line: 12, column: 9, message: 'Action entry "sts:AssumeRole" repeats "sts:AssumeRole" in statement 0; remove it.', related: [{ line: 10, column: 9 }] }],
    },
    {
      name: 'an action under a service wildcard under a broader one (two findings)',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*', 's3:*'], Resource: BUCKET_OBJECTS }),
      errors: [
        {
          messageId: 'coveredByWildcard',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          message: 'Action entry "s3:GetObject" in statement 0 is already covered by "s3:Get*"; remove it (or narrow the wildcard).',
          related: [{ line: 8, column: 9, message: '"s3:Get*" covers it' }],
        },
        { messageId: 'coveredByWildcard', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /"s3:Get\*" in statement 0 is already covered by "s3:\*"/, related: [{ line: 9, column: 9 }] },
      ],
    },
    {
      name: 'NotAction in a Deny: iam:PassRole is already excluded by iam:*',
      code: policy({ Sid: 'DenyOutsideIam', Effect: 'Deny', NotAction: ['iam:*', 'iam:PassRole'], Resource: '*' }),
      errors: [
        {
          messageId: 'coveredByWildcard',
          path: ['Statement', 0, 'NotAction', 1],
          line: 9,
          column: 9,
          message: 'NotAction entry "iam:PassRole" in statement "DenyOutsideIam" is already covered by "iam:*"; remove it (or narrow the wildcard).',
          related: [{ line: 8, column: 9 }],
        },
      ],
    },
    {
      name: 'anything next to "*", wildcard listed first',
      code: policy({ Effect: 'Allow', Action: ['*', 'cloudwatch:PutMetricData'], Resource: '*' }),
      errors: [{ messageId: 'coveredByWildcard', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, related: [{ line: 7, column: 9, message: '"*" covers it' }] }],
    },
    {
      name: 'single-character wildcard, mixed case',
      code: policy({ Effect: 'Allow', Action: ['s3:?etObject', 'S3:GETOBJECT'], Resource: BUCKET_OBJECTS }),
      errors: [{ messageId: 'coveredByWildcard', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /"S3:GETOBJECT" in statement 0 is already covered by "s3:\?etObject"/ }],
    },
    {
      name: 'two wildcards that cover each other: only the later is reported',
      code: policy({ Effect: 'Allow', Action: ['s3:*', 's3:**'], Resource: '*' }),
      errors: [{ messageId: 'coveredByWildcard', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, related: [{ line: 7, column: 9 }] }],
    },
    {
      name: 'compact JSON, exact columns',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:PutLogEvents","logs:Put*"],"Resource":"*"}]}',
      errors: [{ messageId: 'coveredByWildcard', path: ['Statement', 0, 'Action', 0], line: 1, column: 66, endColumn: 85, related: [{ line: 1, column: 86 }] }],
    },
  ],
});
