import { describe, expect, it } from 'vitest';
import rule, { isAllResourcePattern, RESOURCE_SCOPING_CONDITION_KEYS } from '../../src/rules/unscoped-write.js';
import { policy, ruleTester } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/my-model';

ruleTester.run(rule, {
  valid: [
    // In a resource policy "*" is the resource the policy is attached to (a key policy's "*" is that key).
    { name: 'resource policy granting a write on * (its own resource)', code: policy({ Sid: 'Publish', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sns:Publish', Resource: '*' }) },
    { name: 'trail pattern limited to one account and region', code: policy({ Effect: 'Allow', Action: 'cloudtrail:PutEventSelectors', Resource: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/*' }) },
    {
      name: 'SageMaker custom image pull: token on *, pull actions on the repository',
      code: policy(
        { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: REPO },
        { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      ),
    },
    { name: 'cloudwatch:PutMetricData on * (no resource for ordinary metrics)', code: policy({ Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' }) },
    { name: 'ecr:GetAuthorizationToken on * (supports no ARN)', code: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' }) },
    { name: 'ec2:DescribeInstances and read wildcards on *', code: policy({ Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ecr:Describe*', 's3:Get*'], Resource: '*' }) },
    { name: 'push actions scoped to the repository', code: policy({ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], Resource: REPO }) },
    { name: 'repository wildcard within one account is scoped', code: policy({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/*' }) },
    { name: 'Deny on *', code: policy({ Effect: 'Deny', Action: ['ecr:DeleteRepository', 'ecr:BatchDeleteImage'], Resource: '*' }) },
    { name: 'NotAction is left to allow-not-action', code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) },
    { name: 'NotResource is left to allow-not-resource', code: policy({ Effect: 'Allow', Action: 'ecr:PutImage', NotResource: REPO }) },
    { name: 'full admin * on * is left to full-admin', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    {
      name: 'scoped by aws:ResourceTag',
      code: policy({ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:BatchDeleteImage'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml' } } }),
    },
    {
      name: 'scoped by a service ResourceTag key',
      code: policy({ Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { StringLike: { 'ec2:ResourceTag/Project': 'ml-*' } } }),
    },
    {
      name: 'scoped by aws:ResourceAccount and aws:ResourceOrgID',
      code: policy(
        { Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:resourceorgid': 'o-a1b2c3d4e5' } } },
      ),
    },
    { name: 'ignoreActions with a service pattern', code: policy({ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:PutLogEvents'], Resource: '*' }), options: { ignoreActions: ['logs:*'] } },
    { name: 'permissions boundary only caps permissions', code: policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }), kind: 'boundary' },
    { name: 'trust policy has no Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      name: 'ARN pattern reaching every trail in every account is effectively "*"',
      code: policy({ Sid: 'CloudtrailReadTrail', Effect: 'Allow', Action: ['cloudtrail:GetEventSelectors', 'cloudtrail:PutEventSelectors'], Resource: ['arn:*:cloudtrail:*:*:trail/*'] }),
      errors: [{ messageId: 'unscopedAction', path: ['Statement', 0, 'Action', 1], line: 9, column: 9, message: 'cloudtrail:PutEventSelectors (Write) is allowed on "arn:*:cloudtrail:*:*:trail/*" in statement "CloudtrailReadTrail", but it supports resource-level permissions (trail): scope it to the ARNs it needs.' }],
    },
    {
      name: 'documented SageMaker/ECR example: PutImage and DeleteRepository on *, token not',
      code: policy({ Sid: 'EcrOnStar', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:PutImage', 'ecr:DeleteRepository'], Resource: '*' }),
      errors: [
        {
          messageId: 'unscopedAction',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          endColumn: 23,
          message: 'ecr:PutImage (Write) is allowed on "*" in statement "EcrOnStar", but it supports resource-level permissions (repository): scope it to the ARNs it needs.',
        },
        { messageId: 'unscopedAction', path: ['Statement', 0, 'Action', 2], line: 10, column: 9, message: /^ecr:DeleteRepository \(Write\) is allowed on "\*"/ },
      ],
    },
    {
      name: 'compact JSON, lower-case action, arn:* resource',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ECR:putimage","Resource":"arn:*"}]}',
      errors: [{ messageId: 'unscopedAction', path: ['Statement', 0, 'Action'], line: 1, column: 65, endColumn: 79, message: /^ecr:PutImage \(Write\) is allowed on "arn:\*" in statement 0/ }],
    },
    {
      name: 'service wildcard on *: count and first names',
      code: policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }),
      errors: [
        {
          messageId: 'unscopedPattern',
          path: ['Statement', 0, 'Action'],
          line: 6,
          column: 17,
          message: /^"ecr:\*" allows \d+ write, permissions-management or tagging actions that support resource-level permissions \(ecr:BatchDeleteImage, ecr:BatchImportUpstreamImage, ecr:CompleteLayerUpload, …\) on "\*" in statement 0/,
        },
      ],
    },
    {
      name: 'permissions management and tagging on an all-wildcard ARN',
      code: policy({ Effect: 'Allow', Action: ['iam:PutRolePolicy', 'ecr:TagResource'], Resource: ['arn:aws:*:*:*:*'] }),
      errors: [
        { messageId: 'unscopedAction', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: /^iam:PutRolePolicy \(Permissions management\) is allowed on "arn:aws:\*:\*:\*:\*"/ },
        { messageId: 'unscopedAction', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /^ecr:TagResource \(Tagging\)/ },
      ],
    },
    {
      name: 'one * among scoped resources still covers everything',
      code: policy({ Effect: 'Allow', Action: 'ecr:BatchDeleteImage', Resource: [REPO, '*'] }),
      errors: [{ messageId: 'unscopedAction', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /is allowed on "\*"/ }],
    },
    {
      name: 'IfExists on aws:ResourceTag also passes untagged resources',
      code: policy({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'ml' } } }),
      errors: [{ messageId: 'unscopedAction', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'negated and unrelated conditions do not scope',
      code: policy({
        Effect: 'Allow',
        Action: 'ecr:PutImage',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:ResourceAccount': '444455556666' }, StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      }),
      errors: [{ messageId: 'unscopedAction', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'ignoreActions removes only the matching actions of a pattern',
      code: policy({ Effect: 'Allow', Action: 'ecr:Put*', Resource: '*' }),
      options: { ignoreActions: ['ecr:PutImage'] },
      errors: [{ messageId: 'unscopedPattern', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /\(ecr:PutImageScanningConfiguration, ecr:PutImageTagMutability, ecr:PutLifecyclePolicy\)/ }],
    },
  ],
});

describe('unscoped-write helpers', () => {
  it('recognises all-matching resource patterns', () => {
    for (const r of ['*', '**', 'arn:*', 'arn:*:*:*:*:*', 'arn:aws:*:*:*:*', 'arn:aws-cn:*', 'arn:*:*:*:*:*:*']) expect(isAllResourcePattern(r), r).toBe(true);
    for (const r of ['arn:aws:s3:::*', 'arn:aws:ecr:*:*:repository/*', 'arn:aws:*:*:*:*/*', 'arn:aws', 'arn:aws:', 'arn:*:s3:::*']) expect(isAllResourcePattern(r), r).toBe(false);
  });
  it('documents the resource-scoping condition keys', () => {
    expect(RESOURCE_SCOPING_CONDITION_KEYS).toContain('aws:ResourceOrgPaths');
    expect(Object.isFrozen(RESOURCE_SCOPING_CONDITION_KEYS)).toBe(true);
  });
});
