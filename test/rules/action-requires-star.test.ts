import { describe, expect, it } from 'vitest';
import { starOnlyActionCanMatchResource } from '../../src/iam/resource-match.js';
import { lookupAction } from '../../src/iam/service-data.js';
import rule from '../../src/rules/action-requires-star.js';
import { policy, ruleTester } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/my-model';
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

ruleTester.run(rule, {
  valid: [
    {
      name: 'SageMaker custom image pull: token on *, pull actions on the repository',
      code: policy(
        { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: REPO },
        { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      ),
    },
    { name: 'a * among the ARNs matches the request resource *', code: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: [REPO, '*'] }) },
    {
      name: 'cloudwatch:PutMetricData lists an optional dataset type, so an ARN is legitimate',
      code: policy({ Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: 'arn:aws:cloudwatch:us-east-1:111122223333:dataset/otel-metrics' }),
    },
    { name: 'a wildcard matching some ARN-scoped actions is left alone', code: policy({ Effect: 'Allow', Action: ['ecr:Get*', 's3:List*', 'ecr:*', '*'], Resource: [REPO, BUCKET] }) },
    { name: 'NotResource is not judged', code: policy({ Effect: 'Deny', Action: 's3:ListAllMyBuckets', NotResource: BUCKET }) },
    { name: 'NotAction is not judged', code: policy({ Effect: 'Allow', NotAction: 'ecr:GetAuthorizationToken', Resource: REPO }) },
    { name: 'trust policy has no Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }), kind: 'trust' },
    { name: 'unknown actions are left to unknown-action', code: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationTokens', 'nosuch:Thing'], Resource: REPO }) },
    {
      name: 'star-only action on * with an IfExists condition',
      code: policy({ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } } }),
    },
    { name: 'ignoreActions', code: policy({ Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:*' }), options: { ignoreActions: ['logs:Describe*'] } },
    {
      name: 'S3 service-level action on arn:aws:s3:::* (matches the service ARN arn:aws:s3:::), as in AWS documentation examples',
      code: policy(
        { Sid: 'ListBuckets', Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'S3:getaccountpublicaccessblock'], Resource: 'arn:aws:s3:::*' },
        { Effect: 'Allow', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] },
      ),
    },
    {
      name: 'S3 service-level actions on other patterns reaching the service ARN: any partition, wildcard pattern, Deny, next to bucket ARNs',
      code: policy(
        { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:*:s3:::*' },
        { Effect: 'Allow', Action: 's3:ListAllMyBuck*', Resource: 'arn:aws-cn:s3:::*' },
        { Effect: 'Deny', Action: ['s3:PutAccountPublicAccessBlock', 's3:ListJobs'], Resource: [BUCKET, 'arn:aws:s3:*:*:*'] },
      ),
    },
  ],
  invalid: [
    {
      name: 'compact JSON: token scoped to the repository',
      code: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ECR:getauthorizationtoken","Resource":"${REPO}"}]}`,
      errors: [
        {
          messageId: 'starOnlyAction',
          path: ['Statement', 0, 'Action'],
          line: 1,
          column: 65,
          endColumn: 92,
          message: `ecr:GetAuthorizationToken supports no resource-level permissions, so statement 0 (Allow) never matches it on "${REPO}": put it in a separate statement with "Resource": "*".`,
        },
      ],
    },
    {
      name: 'documented ECR pull statement with the token inside: two star-only actions',
      code: policy({
        Sid: 'EcrPull',
        Effect: 'Allow',
        Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 's3:ListAllMyBuckets'],
        Resource: [REPO, BUCKET],
      }),
      errors: [
        { messageId: 'starOnlyAction', path: ['Statement', 0, 'Action', 0], line: 8, column: 9, endColumn: 36, message: /^ecr:GetAuthorizationToken supports no resource-level permissions, so statement "EcrPull" \(Allow\) never matches it on "arn:aws:ecr:.*", "arn:aws:s3:::amzn-s3-demo-bucket"/ },
        { messageId: 'starOnlyAction', path: ['Statement', 0, 'Action', 4], line: 12, column: 9, message: /^s3:ListAllMyBuckets supports no resource-level permissions/ },
      ],
    },
    {
      name: 'a wildcard whose every action takes only *',
      code: policy({ Effect: 'Allow', Action: ['ecr:GetAuth*'], Resource: 'arn:aws:ecr:*:111122223333:repository/*' }),
      errors: [
        {
          messageId: 'starOnlyPattern',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          message:
            '"ecr:GetAuth*" matches only actions that support no resource-level permissions (ecr:GetAuthorizationToken), so statement 0 (Allow) never matches them on "arn:aws:ecr:*:111122223333:repository/*": put them in a separate statement with "Resource": "*".',
        },
      ],
    },
    {
      name: 'Deny scoped to an ARN pattern never applies',
      code: policy({ Sid: 'NoBucketListing', Effect: 'Deny', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::amzn-s3-demo-*' }),
      errors: [{ messageId: 'starOnlyAction', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /statement "NoBucketListing" \(Deny\) never matches it on "arn:aws:s3:::amzn-s3-demo-\*"/ }],
    },
    {
      name: 'S3 service-level action on patterns that cannot match the service ARN arn:aws:s3::: (objects, named buckets)',
      code: policy({ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetObject'], Resource: ['arn:aws:s3:::*/*', 'arn:aws:s3:::*-logs'] }),
      errors: [{ messageId: 'starOnlyAction', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: /^s3:ListAllMyBuckets supports no resource-level permissions, so statement 0 \(Allow\) never matches it on "arn:aws:s3:::\*\/\*", "arn:aws:s3:::\*-logs"/ }],
    },
    {
      name: 'only S3 is authorized against its service ARN: other star-only actions on arn:aws:s3:::* are still reported',
      code: policy({ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'sts:GetCallerIdentity', 'ecr:GetAuth*'], Resource: 'arn:aws:s3:::*' }),
      errors: [
        { messageId: 'starOnlyAction', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /^sts:GetCallerIdentity supports no resource-level permissions/ },
        { messageId: 'starOnlyPattern', path: ['Statement', 0, 'Action', 2], line: 9, column: 9, message: /^"ecr:GetAuth\*" matches only actions that support no resource-level permissions \(ecr:GetAuthorizationToken\)/ },
      ],
    },
    {
      name: 'an ARN made only of wildcards still does not match *',
      code: policy({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: 'arn:aws:*:*:*:*' }),
      errors: [{ messageId: 'starOnlyAction', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'conditions do not change the resource match',
      code: policy({ Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }),
      errors: [{ messageId: 'starOnlyAction', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^logs:DescribeLogGroups supports no resource-level permissions/ }],
    },
    {
      name: 'permissions boundary scoped to ARNs caps the action to nothing',
      code: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: REPO }),
      kind: 'boundary',
      errors: [{ messageId: 'starOnlyAction', path: ['Statement', 0, 'Action', 0], line: 7, column: 9 }],
    },
  ],
});

describe('starOnlyActionCanMatchResource', () => {
  const action = (name: string) => {
    const a = lookupAction(name);
    if (!a) throw new Error(name);
    return a;
  };
  it('accepts * for every action', () => {
    for (const r of ['*', '**', '${aws:username}']) expect(starOnlyActionCanMatchResource(action('sts:GetCallerIdentity'), r), r).toBe(true);
  });
  it('accepts patterns matching the service ARN arn:<partition>:s3::: for S3 actions only', () => {
    for (const r of ['arn:aws:s3:::*', 'arn:*:s3:::*', 'arn:aws-us-gov:s3:::*', 'arn:aws:s3:*:*:*', 'arn:aws:s3:::']) {
      expect(starOnlyActionCanMatchResource(action('s3:ListAllMyBuckets'), r), r).toBe(true);
      expect(starOnlyActionCanMatchResource(action('ecr:GetAuthorizationToken'), r), r).toBe(false);
    }
    for (const r of ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::*/*', 'arn:aws:s3:::?*', 'arn:aws:s3express:::*', 'arn:aws:s3:::*-logs']) {
      expect(starOnlyActionCanMatchResource(action('s3:ListAllMyBuckets'), r), r).toBe(false);
    }
  });
});
