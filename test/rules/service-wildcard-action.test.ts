import rule from '../../src/rules/service-wildcard-action.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

ruleTester.run(rule, {
  valid: [
    { name: 'named actions', code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` }) },
    { name: 'prefix pattern is not a service wildcard', code: policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }) },
    { name: 'Deny with * and service:*', code: policy({ Effect: 'Deny', Action: ['*', 'iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } }) },
    { name: 'NotAction is left to allow-not-action', code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }) },
    { name: 'allowServices accepts a service, case-insensitively', code: policy({ Effect: 'Allow', Action: ['Logs:*'], Resource: '*' }), options: { allowServices: ['LOGS'] } },
    { name: 'unknown service is left to unknown-service', code: policy({ Effect: 'Allow', Action: 'nosuchservice:*', Resource: '*' }) },
    { name: 'permissions boundary only caps permissions', code: policy({ Effect: 'Allow', Action: ['s3:*', 'sagemaker:*'], Resource: '*' }), kind: 'boundary' },
    { name: 'SCP FullAWSAccess', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }), kind: 'scp' },
  ],
  invalid: [
    {
      name: 'scalar * in compact JSON',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      errors: [{ messageId: 'allActions', path: ['Statement', 0, 'Action'], line: 1, column: 65, endColumn: 68, message: '"*" in statement 0 allows every action of every AWS service.' }],
    },
    {
      name: 'two service wildcards in a list, any case',
      code: policy({ Sid: 'Broad', Effect: 'Allow', Action: ['S3:*', 's3:GetObject', 'ecr:*'], Resource: '*' }),
      errors: [
        { messageId: 'serviceWildcard', path: ['Statement', 0, 'Action', 0], line: 8, column: 9, endColumn: 15, message: /^"S3:\*" in statement "Broad" allows all \d+ actions of Amazon S3 \(s3\), including/ },
        { messageId: 'serviceWildcard', path: ['Statement', 0, 'Action', 2], line: 10, column: 9, message: /"ecr:\*" in statement "Broad" allows all \d+ actions of Amazon Elastic Container Registry \(ecr\)/ },
      ],
    },
    {
      name: '*:* counts as every action',
      code: policy({ Effect: 'Allow', Action: ['*:*'], Resource: '*' }),
      errors: [{ messageId: 'allActions', path: ['Statement', 0, 'Action', 0], line: 7, column: 9 }],
    },
    {
      name: 'allowServices leaves other services reported',
      code: policy({ Effect: 'Allow', Action: ['logs:*', 'cloudwatch:*'], Resource: '*' }),
      options: { allowServices: ['logs'] },
      errors: [{ messageId: 'serviceWildcard', path: ['Statement', 0, 'Action', 1], line: 8, column: 9 }],
    },
    {
      name: 'conditions do not narrow the action set',
      code: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } } }),
      errors: [{ messageId: 'serviceWildcard', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'bucket policy granting s3:* to another account',
      code: policy({ Sid: 'CrossAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] }),
      errors: [{ messageId: 'serviceWildcard', path: ['Statement', 0, 'Action'], line: 10, column: 17 }],
    },
    {
      name: 'trust policy with sts:*',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:*' }),
      errors: [{ messageId: 'serviceWildcard', path: ['Statement', 0, 'Action'], line: 9, column: 17, message: /AWS Security Token Service \(sts\)/ }],
    },
  ],
});
