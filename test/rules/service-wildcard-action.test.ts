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
    { name: 'Deny *:* in an SCP (every action, spelled out)', code: policy({ Effect: 'Deny', Action: '*:*', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'false' } } }), kind: 'scp' },
    { name: 'ARN with every service (*) in the service field', code: policy({ Effect: 'Deny', Action: 's3:PutObject', NotResource: 'arn:aws:*:*:111122223333:*' }) },
    { name: 'wildcards in the Region, account and resource of an ARN', code: policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:*:*:log-group:/aws/codebuild/*' }) },
    { name: 'a policy variable is not a wildcard', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }) },
  ],
  invalid: [
    {
      name: 'wildcard in an action service prefix (brief example), Deny and NotAction too',
      code: policy(
        { Sid: 'Read', Effect: 'Allow', Action: ['s*:GetObject', 'S3:GetObject'], Resource: '*' },
        { Effect: 'Deny', NotAction: ['ec?:Describe*', '*:Get*'], Resource: '*' },
      ),
      errors: [
        {
          messageId: 'wildcardInActionService',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          endColumn: 23,
          message: /^"s\*:GetObject" in statement "Read" has a wildcard in its service prefix "s\*": IAM rejects the policy \("Action vendors … must not contain wildcards"\), and the pattern would match \d+ services \(s3, s3-object-lambda, .*, …\)\. Name each service\.$/,
        },
        { messageId: 'wildcardInActionService', path: ['Statement', 1, 'NotAction', 0], line: 16, column: 9, message: /^"ec\?:Describe\*" in statement 1 has a wildcard in its service prefix "ec\?": .* would match 3 services \(ec2, ecr, ecs\)\./ },
        { messageId: 'wildcardInActionService', path: ['Statement', 1, 'NotAction', 1], line: 17, column: 9, message: /has a wildcard in its service prefix "\*": .* would match every service \(\d+\)\./ },
      ],
    },
    {
      name: 'wildcard in the service of a resource ARN (Access Analyzer example), in an identity policy',
      code: policy({ Sid: 'CodeTools', Effect: 'Allow', Action: ['codebuild:StartBuild', 'codecommit:GitPull'], Resource: ['arn:aws:*code*:us-east-1:111122223333:*', 'arn:aws:codebuild:us-east-1:111122223333:project/app'] }),
      errors: [
        {
          messageId: 'wildcardInArnService',
          path: ['Statement', 0, 'Resource', 0],
          line: 12,
          column: 9,
          message:
            '"arn:aws:*code*:us-east-1:111122223333:*" in statement "CodeTools" has a wildcard in its service name "*code*", so it matches resources of 18 services (codeartifact, codebuild, codecatalyst, codecommit, codeconnections, …), and of any service AWS adds later whose name fits. Name each service.',
        },
      ],
    },
    {
      name: 'ARN service pattern in NotResource of a bucket policy that matches no known service',
      code: policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', NotResource: ['arn:aws:s3?:::reports/*'] }),
      errors: [{ messageId: 'wildcardInArnService', path: ['Statement', 0, 'NotResource', 0], line: 9, column: 9, message: /has a wildcard in its service name "s3\?", so it matches resources of no known service, and/ }],
    },
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
