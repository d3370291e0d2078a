import rule from '../../src/rules/public-access.js';
import { policy, ruleTester } from '../rule-tester.js';

const WEBSITE = 'arn:aws:s3:::example-website/*';
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:orders';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';
const anyone = (Action: string | string[], Resource: string | string[] | undefined, Condition?: object, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: '*',
  Action,
  ...(Resource ? { Resource } : {}),
  ...(Condition ? { Condition } : {}),
  ...extra,
});

ruleTester.run(rule, {
  valid: [
    { name: 'named account', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }) },
    { name: 'service principal', code: policy({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `${BUCKET}/AWSLogs/*` }) },
    { name: 'bucket restricted to a VPC endpoint', code: policy(anyone(['s3:GetObject', 's3:PutObject'], `${BUCKET}/*`, { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })) },
    { name: 'organization condition', code: policy(anyone('s3:GetObject', `${BUCKET}/*`, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })) },
    { name: 'corporate address range', code: policy(anyone('s3:GetObject', `${BUCKET}/*`, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })) },
    {
      name: 'SNS topic for S3 events with aws:SourceOwner and aws:SourceArn',
      code: policy(anyone('SNS:Publish', TOPIC, { StringEquals: { 'aws:SourceOwner': '111122223333' }, ArnLike: { 'aws:SourceArn': BUCKET } })),
    },
    { name: 'SQS queue for an SNS topic, {"AWS": "*"} with ArnLike aws:SourceArn', code: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { ArnLike: { 'aws:SourceArn': TOPIC } } }) },
    {
      name: 'KMS key policy with kms:CallerAccount and kms:ViaService',
      code: policy({
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } },
      }),
    },
    { name: 'bucket that delegates access control to access points', code: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringEquals: { 's3:DataAccessPointAccount': '111122223333' } } }) },
    { name: 'Deny insecure transport to everyone', code: policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    {
      name: 'allow everyone, deny everyone outside the VPC endpoint',
      code: policy(
        anyone('s3:GetObject', `${BUCKET}/*`),
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } },
      ),
    },
    { name: 'role trust policy (trust-wildcard-principal\'s finding)', code: policy(anyone('sts:AssumeRole', undefined)), kind: 'trust' },
    { name: 'trust statement in a resource-kind document', code: policy(anyone('sts:AssumeRole', undefined), { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }) },
    { name: 'identity policy', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: WEBSITE }) },
    { name: 'ignoreResources accepts a deliberate public website', code: policy(anyone('s3:GetObject', WEBSITE)), options: { ignoreResources: ['arn:aws:s3:::example-website/*'] } },
  ],
  invalid: [
    {
      name: 'public-read website bucket, compact JSON',
      code: `{"Version":"2012-10-17","Statement":[{"Sid":"PublicReadGetObject","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"${WEBSITE}"}]}`,
      errors: [
        {
          messageId: 'publicAccess',
          path: ['Statement', 0, 'Principal'],
          line: 1,
          column: 96,
          endColumn: 99,
          message: 'Statement "PublicReadGetObject" is public (Amazon S3): it allows s3:GetObject on arn:aws:s3:::example-website/* to anyone ("Principal": "*"), with no condition on who.',
        },
      ],
    },
    {
      name: 'ECR repository policy: public pull, no Resource, mixed-case actions',
      code: policy({ Sid: 'AllowPull', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['ECR:batchgetimage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] }),
      errors: [
        {
          messageId: 'publicAccess',
          path: ['Statement', 0, 'Principal', 'AWS'],
          line: 8,
          column: 16,
          message:
            'Statement "AllowPull" is public (Amazon Elastic Container Registry): it allows ECR:batchgetimage, ecr:GetDownloadUrlForLayer and ecr:BatchCheckLayerAvailability on the policy\'s own resource to anyone ({"AWS": "*"}), with no condition on who.',
        },
      ],
    },
    {
      name: 'Lambda function resource policy with "Principal": "*"',
      code: JSON.stringify(
        { Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 'public-invoke', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:my-function' }] },
        null,
        2,
      ),
      errors: [{ messageId: 'publicAccess', path: ['Statement', 0, 'Principal'], line: 8, column: 20, message: /is public \(AWS Lambda\): it allows lambda:InvokeFunction on arn:aws:lambda:us-east-1:111122223333:function:my-function to anyone/ }],
    },
    {
      name: 'StringLikeIfExists on aws:SourceVpce',
      code: policy(anyone('s3:GetObject', `${BUCKET}/*`, { StringLikeIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })),
      errors: [
        {
          messageId: 'weakCondition',
          path: ['Statement', 0, 'Principal'],
          line: 6,
          column: 20,
          message:
            'Statement 0 is public (Amazon S3): it allows s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket/* to anyone ("Principal": "*"), and its condition does not limit who: StringLikeIfExists is also true when aws:SourceVpce is absent from the request.',
        },
      ],
    },
    {
      name: 'Secrets Manager secret with a negated organization test',
      code: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      errors: [{ messageId: 'weakCondition', path: ['Statement', 0, 'Principal', 'AWS'], line: 7, column: 16, message: /is public \(AWS Secrets Manager\): .* matches every value except "o-a1b2c3d4e5"\.$/ }],
    },
    {
      name: 'SNS topic with a source ARN in every account',
      code: policy(anyone('sns:Publish', TOPIC, { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } })),
      errors: [{ messageId: 'weakCondition', path: ['Statement', 0, 'Principal'], line: 6, column: 20, message: /ArnLike "arn:aws:s3:::\*" on aws:SourceArn matches every resource of that service\.$/ }],
    },
    {
      name: 'aws:SecureTransport alone does not limit who',
      code: policy(anyone(['sqs:SendMessage', 'sqs:ReceiveMessage'], QUEUE, { Bool: { 'aws:SecureTransport': 'true' } })),
      errors: [
        {
          messageId: 'notLimitingWho',
          path: ['Statement', 0, 'Principal'],
          line: 6,
          column: 20,
          message:
            'Statement 0 is public (Amazon SQS): it allows sqs:SendMessage and sqs:ReceiveMessage on arn:aws:sqs:us-east-1:111122223333:orders to anyone ("Principal": "*"); its conditions on aws:SecureTransport narrow the request but not who sends it.',
        },
      ],
    },
    {
      name: 'kms:ViaService without kms:CallerAccount',
      code: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
      errors: [{ messageId: 'notLimitingWho', path: ['Statement', 0, 'Principal', 'AWS'], line: 7, column: 16, message: /is public \(AWS Key Management Service\): .* on every resource \(\*\) .*conditions on kms:ViaService narrow the request/ }],
    },
    {
      name: 'Allow with NotPrincipal',
      code: policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/blocked' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
      errors: [
        {
          messageId: 'notPrincipal',
          path: ['Statement', 0, 'NotPrincipal'],
          line: 6,
          column: 7,
          message:
            'Statement 0 is public (Amazon S3): it allows s3:GetObject on arn:aws:s3:::amzn-s3-demo-bucket/* to every principal except arn:aws:iam::111122223333:user/blocked (NotPrincipal), with no condition on who.',
        },
      ],
    },
    {
      name: 'two statements; the Deny covers only one of them',
      code: policy(
        anyone('s3:GetObject', `${BUCKET}/*`),
        anyone('s3:PutObject', `${BUCKET}/uploads/*`, { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }),
        { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } },
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 's3:ListBucket', Resource: BUCKET },
      ),
      errors: [
        { messageId: 'weakCondition', path: ['Statement', 1, 'Principal'], line: 12, column: 20, message: /IpAddress "0\.0\.0\.0\/0" on aws:SourceIp matches every IP address\.$/ },
        { messageId: 'publicAccess', path: ['Statement', 3, 'Principal', 'AWS', 1], line: 37, column: 11, message: /allows s3:ListBucket on arn:aws:s3:::amzn-s3-demo-bucket to anyone \(\{"AWS": "\*"\}\)/ },
      ],
    },
    {
      name: 'a Deny with an extra condition lets outsiders escape',
      code: policy(
        anyone('s3:GetObject', `${BUCKET}/*`),
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, Bool: { 'aws:SecureTransport': 'true' } } },
      ),
      errors: [{ messageId: 'publicAccess', path: ['Statement', 0, 'Principal'], line: 6, column: 20 }],
    },
    {
      name: 'every action, and aws:PrincipalArn with a wildcard account',
      code: policy(anyone('*', [BUCKET, `${BUCKET}/*`], { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' } })),
      errors: [
        {
          messageId: 'weakCondition',
          path: ['Statement', 0, 'Principal'],
          line: 6,
          column: 20,
          message:
            'Statement 0 is public (every AWS service): it allows every action (*) on arn:aws:s3:::amzn-s3-demo-bucket and arn:aws:s3:::amzn-s3-demo-bucket/* to anyone ("Principal": "*"), and its condition does not limit who: ArnLike "arn:aws:iam::*:role/deployer" on aws:PrincipalArn matches that name in every account.',
        },
      ],
    },
    {
      name: 'ignoreResources leaves other resources reported',
      code: policy(anyone('s3:GetObject', [WEBSITE, `${BUCKET}/*`])),
      options: { ignoreResources: [WEBSITE] },
      errors: [{ messageId: 'publicAccess', path: ['Statement', 0, 'Principal'], line: 6, column: 20, message: /on arn:aws:s3:::example-website\/\* and arn:aws:s3:::amzn-s3-demo-bucket\/\* to anyone/ }],
    },
  ],
});
