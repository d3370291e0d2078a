import rule from '../../src/rules/data-exfiltration.js';
import { policy, ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'objects of one bucket', code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::my-app-data/*' }) },
    { name: 'parameters under the application path', code: policy({ Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: 'arn:aws:ssm:us-east-1:111122223333:parameter/my-app/*' }) },
    { name: 'one table and its indexes', code: policy({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: ['arn:aws:dynamodb:us-east-1:111122223333:table/orders', 'arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*'] }) },
    {
      name: 'ViewOnlyAccess style: List and Describe only',
      code: policy({ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:ListBucket', 'dynamodb:Describe*', 'dynamodb:List*', 'ssm:DescribeParameters', 'secretsmanager:ListSecrets'], Resource: '*' }),
    },
    { name: 'kms:Decrypt is not checked by default', code: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }) },
    {
      name: 'object tag condition narrows s3:GetObject',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:ExistingObjectTag/classification': 'public' } } }),
    },
    {
      name: 'tag-key presence narrows secrets to the project',
      code: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:*', Condition: { StringLike: { 'aws:ResourceTag/Project': '*' } } }),
    },
    {
      name: 'VPC endpoint condition narrows the reads',
      code: policy({ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
    },
    { name: 'Deny statement', code: policy({ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }) },
    {
      name: 'unconditioned Deny takes every listed read back',
      code: policy({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject*', Resource: '*' }),
    },
    { name: 'ignoreActions', code: policy({ Effect: 'Allow', Action: ['dynamodb:Scan', 'dynamodb:Query'], Resource: '*' }), options: { ignoreActions: ['dynamodb:*'] } },
    { name: 'trust policy has no Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    {
      name: 'bucket policy: Resource is the bucket itself',
      code: policy({ Sid: 'CrossAccountRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/reader' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }),
      kind: 'resource',
    },
  ],
  invalid: [
    {
      name: 's3:GetObject on *',
      code: policy({ Sid: 'ReadArtifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
      errors: [
        {
          messageId: 'dataAction',
          path: ['Statement', 0, 'Action'],
          line: 7,
          column: 17,
          message: 'Statement "ReadArtifacts" allows s3:GetObject on "*": the principal can read the content of any S3 object.',
        },
      ],
    },
    {
      name: 'compact JSON, case-insensitive action on every object of every bucket',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"S3:getobject","Resource":"arn:aws:s3:::*/*"}]}',
      errors: [{ messageId: 'dataAction', path: ['Statement', 0, 'Action'], line: 1, column: 65, endColumn: 79, message: 'Statement 0 allows s3:GetObject on "arn:aws:s3:::*/*": the principal can read the content of any S3 object.' }],
    },
    {
      name: 'ReadOnlyAccess style wildcards: count and first names',
      code: policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'ssm:GetParameter*'], Resource: '*' }),
      errors: [
        {
          messageId: 'dataActions',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          message: 'Statement 0 allows 6 actions that read stored data on "*": s3:GetObject, s3:GetObjectVersion, ssm:GetParameter, ….',
        },
      ],
    },
    {
      name: 'every parameter in every account and region',
      code: policy({ Effect: 'Allow', Action: 'ssm:GetParametersByPath', Resource: ['arn:aws:ssm:us-east-1:111122223333:parameter/app/*', 'arn:aws:ssm:*:*:parameter/*'] }),
      errors: [{ messageId: 'dataAction', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /on "arn:aws:ssm:\*:\*:parameter\/\*": the principal can read any SSM parameter value, SecureString ones included\.$/ }],
    },
    {
      name: 'NotAction reads everything outside IAM',
      code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      errors: [{ messageId: 'dataActions', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: /^Statement 0 allows 11 actions that read stored data on "\*": dynamodb:BatchGetItem, dynamodb:GetItem, dynamodb:Query, …\.$/ }],
    },
    {
      name: 'NotResource excluding one bucket reads all the others',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::payroll', 'arn:aws:s3:::payroll/*'] }),
      errors: [{ messageId: 'dataAction', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^Statement 0 allows s3:GetObject on every resource outside its NotResource:/ }],
    },
    {
      name: 'IfExists on the object tag and ForAllValues without a Null guard do not narrow',
      code: policy(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqualsIfExists: { 's3:ExistingObjectTag/classification': 'public' } } },
        { Effect: 'Allow', Action: 'dynamodb:Scan', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['id', 'status'] } } },
      ),
      errors: [
        { messageId: 'dataAction', path: ['Statement', 0, 'Action'], line: 6, column: 17 },
        { messageId: 'dataAction', path: ['Statement', 1, 'Action'], line: 16, column: 17, message: 'Statement 1 allows dynamodb:Scan on "*": the principal can read every item of any DynamoDB table.' },
      ],
    },
    {
      name: 'a Deny of GetObject alone leaves GetObjectVersion',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject*', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }),
      errors: [{ messageId: 'dataAction', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /allows s3:GetObjectVersion on "\*"/ }],
    },
    {
      name: 'secretsmanager:GetSecretValue on every secret',
      code: policy({ Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: 'arn:aws:secretsmanager:*:*:secret:*' }),
      errors: [{ messageId: 'dataAction', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /allows secretsmanager:GetSecretValue on "arn:aws:secretsmanager:\*:\*:secret:\*": the principal can read any Secrets Manager secret value\.$/ }],
    },
    {
      name: 'additionalActions',
      code: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
      options: { additionalActions: ['kms:Decrypt'] },
      errors: [{ messageId: 'dataAction', line: 6, column: 17, message: 'Statement 0 allows kms:Decrypt on "*": the principal can read whatever kms:Decrypt returns, everywhere.' }],
    },
  ],
});
