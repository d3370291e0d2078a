import { describe, expect, it } from 'vitest';
import { variablesToWildcards } from '../../src/iam/placeholders.js';
import { actionAppliesToResource, isJudgeableResource, resourceCanMatchStar } from '../../src/iam/resource-match.js';
import { lookupAction } from '../../src/iam/service-data.js';
import rule from '../../src/rules/resource-mismatch.js';
import { policy, ruleTester } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/my-model';
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

ruleTester.run(rule, {
  valid: [
    { name: 's3:GetObject on the objects of a bucket', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }) },
    {
      name: 'bucket and object actions with both ARNs in one statement',
      code: policy({ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:GetBucketLocation'], Resource: [BUCKET, `${BUCKET}/*`] }),
    },
    {
      name: 's3:PutObject needs only one of its resource types (Parliament demands every required type)',
      code: policy({ Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: `${BUCKET}/uploads/*` }),
    },
    { name: 'iam:GetUser with a policy variable', code: policy({ Effect: 'Allow', Action: ['iam:GetUser', 'iam:ChangePassword'], Resource: 'arn:aws:iam::*:user/${aws:username}' }) },
    { name: 'ecr:BatchGetImage on a repository ARN', code: policy({ Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ECR:getdownloadurlforlayer'], Resource: REPO }) },
    { name: 's3:* on a bucket ARN still reaches the bucket actions', code: policy({ Effect: 'Allow', Action: ['s3:*', 's3:Put*'], Resource: BUCKET }) },
    { name: 'wildcards inside the ARN', code: policy({ Effect: 'Allow', Action: ['s3:ListBucket', 'ecr:PutImage'], Resource: ['arn:aws:s3:::amzn-*', 'arn:aws:ecr:*:*:repository/team-*'] }) },
    {
      name: 'a * ending an ARN field spans colons, as IAM documents (AWS managed Glue and OpsWorks policies)',
      code: policy({
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'secretsmanager:GetSecretValue'],
        Resource: ['arn:aws:logs:*:*:/aws-glue/*', 'arn:aws:secretsmanager:*:*:opsworks-cm!aws-opsworks-cm-secrets-*'],
      }),
    },
    { name: 'a * resource matches everything', code: policy({ Effect: 'Allow', Action: ['s3:ListBucket', 'sagemaker:CreateTrainingJob'], Resource: [BUCKET, '*'] }) },
    { name: 'NotResource is not judged', code: policy({ Effect: 'Deny', Action: 's3:ListBucket', NotResource: `${BUCKET}/*` }) },
    { name: 'NotAction is not judged', code: policy({ Effect: 'Allow', NotAction: 's3:ListBucket', Resource: `${BUCKET}/*` }) },
    { name: 'actions that take only * are left to action-requires-star', code: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 's3:ListAllMyBuckets'], Resource: REPO }) },
    { name: 'unknown actions are left to unknown-action', code: policy({ Effect: 'Allow', Action: ['s3:ListBuckets', 'nosuch:Thing'], Resource: `${BUCKET}/*` }) },
    { name: 'trust policy has no Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }), kind: 'trust' },
    {
      name: 'documentation placeholders are unresolved-placeholder\'s',
      code: policy({
        Effect: 'Allow',
        Action: ['ecr:BatchGetImage', 's3:ListBucket'],
        Resource: ['arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/app', 'arn:aws:ecr:<REGION>:<ACCOUNT-ID>:repository/app', 'arn:aws:s3:::{BUCKET_NAME}'],
      }),
    },
    {
      name: 'missing region/account fields and non-ARN text are malformed-arn\'s',
      code: policy(
        { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'iam:PassRole'], Resource: ['arn:aws:ecr:::repository/app', 'arn:aws:iam:::role/app'] },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'amzn-s3-demo-bucket' },
      ),
    },
    {
      name: 'conditions (IfExists or not) do not matter',
      code: policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLikeIfExists: { 's3:prefix': ['home/${aws:username}/*'] } } }),
    },
    { name: 'ignoreActions', code: policy({ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: `${BUCKET}/*` }), options: { ignoreActions: ['s3:List*'] } },
  ],
  invalid: [
    {
      name: 'DESIGN example: s3:ListBucket takes a bucket, not an object (compact JSON)',
      code: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"${BUCKET}/*"}]}`,
      errors: [
        {
          messageId: 'actionMismatch',
          path: ['Statement', 0, 'Action'],
          line: 1,
          column: 65,
          endColumn: 80,
          message:
            's3:ListBucket applies to none of the resources of statement 0 ("arn:aws:s3:::amzn-s3-demo-bucket/*"), so the statement never matches it: it takes accesspoint (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}) or bucket (arn:${Partition}:s3:::${BucketName}).',
        },
      ],
    },
    {
      name: 'DESIGN example: sagemaker:CreateTrainingJob on a bucket, next to fitting actions',
      code: policy({ Sid: 'Training', Effect: 'Allow', Action: ['s3:GetObject', 'sagemaker:CreateTrainingJob', 's3:ListBucket', 'ECR:putimage'], Resource: [BUCKET, `${BUCKET}/*`] }),
      errors: [
        {
          messageId: 'actionMismatch',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          endColumn: 38,
          message: /^sagemaker:CreateTrainingJob applies to none of the resources of statement "Training" \("arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket\/\*"\), so the statement never matches it: it takes training-job \(arn:\$\{Partition\}:sagemaker:\$\{Region\}:\$\{Account\}:training-job\/\$\{TrainingJobName\}\)/,
        },
        { messageId: 'actionMismatch', path: ['Statement', 0, 'Action', 3], line: 11, column: 9, message: /^ecr:PutImage applies to none of the resources .* it takes repository \(arn:\$\{Partition\}:ecr:\$\{Region\}:\$\{Account\}:repository\/\$\{RepositoryName\}\)\.$/ },
      ],
    },
    {
      name: 'a wildcard none of whose actions fits',
      code: policy({ Effect: 'Allow', Action: ['s3:PutObj*', 's3:*'], Resource: BUCKET }),
      errors: [
        {
          messageId: 'patternMismatch',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          message:
            /^"s3:PutObj\*" matches \d+ actions \(s3:PutObject, s3:PutObjectAcl, s3:PutObjectAnnotation, …\), none of which applies to the resources of statement 0 \("arn:aws:s3:::amzn-s3-demo-bucket"\), so the statement never matches them: they take accesspointobject \(.*\) or object \(arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}\)\.$/,
        },
      ],
    },
    {
      name: 'a wildcard matching one action',
      code: policy({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJo?', Resource: REPO }),
      errors: [{ messageId: 'patternMismatch', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^"sagemaker:CreateTrainingJo\?" matches 1 action \(sagemaker:CreateTrainingJob\), none of which/ }],
    },
    {
      name: 'listing with a bucket wildcard that can only be an object (AWS managed CodeDeploy policy)',
      code: policy({ Effect: 'Deny', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::*/CodeDeploy/*' }),
      errors: [{ messageId: 'actionMismatch', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: /^s3:ListBucket applies to none of the resources of statement 0 \("arn:aws:s3:::\*\/CodeDeploy\/\*"\)/ }],
    },
    {
      name: 'resources of several other services, shortened in the message',
      code: policy({ Effect: 'Allow', Action: 'ec2:StopInstances', Resource: ['arn:aws:license-manager:*:*:license-configuration:*', BUCKET, REPO, 'arn:aws:iam::111122223333:role/app'] }),
      errors: [{ messageId: 'actionMismatch', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /\("arn:aws:license-manager:\*:\*:license-configuration:\*", "arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:ecr:[^"]*" and 1 more\)/ }],
    },
    {
      name: 'action with many resource types lists three',
      code: policy({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: BUCKET }),
      errors: [{ messageId: 'actionMismatch', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /it takes .* or \d+ other resource types\.$/ }],
    },
    {
      name: 'SCP deny scoped to the wrong resource type',
      code: policy({ Sid: 'ProtectRole', Effect: 'Deny', Action: ['iam:DeleteRole', 'iam:DeleteUser'], Resource: 'arn:aws:iam::111122223333:role/admin' }),
      kind: 'scp',
      errors: [{ messageId: 'actionMismatch', path: ['Statement', 0, 'Action', 1], line: 9, column: 9, message: /^iam:DeleteUser applies to none of the resources of statement "ProtectRole" .* it takes user \(arn:\$\{Partition\}:iam::\$\{Account\}:user\/\$\{UserNameWithPath\}\)\.$/ }],
    },
  ],
});

describe('resource-match helpers', () => {
  const action = (name: string) => {
    const a = lookupAction(name);
    if (!a) throw new Error(name);
    return a;
  };
  it('applies an action when any resource type fits', () => {
    expect(actionAppliesToResource(action('s3:ListBucket'), 'arn:aws:s3:::bucket/*')).toBe(false);
    expect(actionAppliesToResource(action('s3:GetObject'), 'arn:aws:s3:::bucket/*')).toBe(true);
    expect(actionAppliesToResource(action('iam:GetUser'), 'arn:aws:iam::*:user/${aws:username}')).toBe(true);
    expect(actionAppliesToResource(action('ecr:BatchGetImage'), 'arn:aws:ecr:us-east-1:111122223333:repository/x')).toBe(true);
    expect(actionAppliesToResource(action('sagemaker:CreateTrainingJob'), 'arn:aws:s3:::bucket')).toBe(false);
    expect(actionAppliesToResource(action('s3:ListBucket'), 'arn:aws:s3:us-east-1:111122223333:accesspoint/ap')).toBe(true);
    expect(actionAppliesToResource(action('ecr:GetAuthorizationToken'), '*')).toBe(false);
  });
  it('reads placeholders and missing region/account fields leniently, S3 ARNs as written', () => {
    expect(variablesToWildcards('arn:${AWS::Partition}:ecr:<REGION>:{ACCOUNT_ID}:repository/${aws:username}')).toBe('arn:*:ecr:*:*:repository/*');
    expect(actionAppliesToResource(action('ecr:BatchGetImage'), 'arn:aws:ecr:::repository/x')).toBe(true);
    expect(actionAppliesToResource(action('s3:ListBucket'), 'arn:aws:s3:::*/x/*')).toBe(false);
  });
  it('tells which resources can be judged and which match *', () => {
    for (const r of ['arn:aws:s3:::b', 'arn:*', '*', 'arn:aws:ecr:<REGION>:1:repository/x']) expect(isJudgeableResource(r), r).toBe(true);
    for (const r of ['my-bucket', 'arn:aws:s3', '']) expect(isJudgeableResource(r), r).toBe(false);
    for (const r of ['*', '**', '${aws:username}']) expect(resourceCanMatchStar(r), r).toBe(true);
    for (const r of ['arn:*', 'arn:aws:*:*:*:*', 'arn:aws:s3:::*']) expect(resourceCanMatchStar(r), r).toBe(false);
  });
});
