import rule from '../../src/rules/duplicate-statement.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const read = { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${BUCKET}/*` };

ruleTester.run(rule, {
  valid: [
    { name: 'different actions', code: policy(read, { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET }) },
    { name: 'same actions, Allow and Deny', code: policy(read, { ...read, Effect: 'Deny' }) },
    { name: 'same grant, different conditions', code: policy(read, { ...read, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) },
    {
      name: 'same grant, one with an ...IfExists condition (not the same condition)',
      code: policy({ ...read, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } } }, { ...read, Condition: { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'data' } } }),
    },
    { name: 'wildcard covers an action but the resources differ', code: policy({ Effect: 'Allow', Action: 's3:Get*', Resource: `${BUCKET}/public/*` }, { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }) },
    { name: 'NotAction statements are only compared for equality', code: policy({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }) },
    { name: 'policy variables are values, not wildcards', code: policy({ Effect: 'Allow', Action: 's3:*', Resource: `${BUCKET}/\${aws:username}/*` }, { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/alice/*` }) },
    {
      name: 'trust policy: two principals in two statements',
      code: policy(
        { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ),
    },
    { name: 'a single statement', code: policy(read) },
  ],
  invalid: [
    {
      name: 'copy-pasted statement with another Sid, entries reordered and in another case',
      code: policy(
        { Sid: 'ReadObjects', ...read },
        { Sid: 'ReadObjectsAgain', Effect: 'Allow', Action: ['S3:getobjectversion', 's3:GetObject', 's3:GetObject'], Resource: [`${BUCKET}/*`] },
      ),
      errors: [
        {
          messageId: 'duplicate',
          path: ['Statement', 1],
          line: 13,
          column: 5,
          message: 'Statement "ReadObjectsAgain" repeats statement "ReadObjects" (line 4): same effect, principals, actions, resources and conditions. Remove one of them.',
          related: [{ line: 4, column: 5, message: 'Statement "ReadObjects" here' }],
        },
      ],
    },
    {
      name: 'covered by a wildcard statement, Deny with the same condition (condition keys ignore case)',
      code: policy(
        { Sid: 'DenyDeletes', Effect: 'Deny', Action: 's3:Delete*', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 'aws:PrincipalTag/role': 'admin' } } },
        { Effect: 'Deny', Action: 's3:DeleteObjectVersion', Resource: `${BUCKET}/archive/*`, Condition: { StringNotEquals: { 'aws:principaltag/role': 'admin' } } },
      ),
      errors: [
        {
          messageId: 'covered',
          path: ['Statement', 1],
          line: 15,
          column: 5,
          message: 'Statement 1 adds nothing: statement "DenyDeletes" (line 4) has the same effect, principals and conditions and already covers its actions and resources. Remove it, or merge the two.',
        },
      ],
    },
    {
      name: 'covering statement comes later; a third statement repeats the covered one (two findings)',
      code: policy(
        { Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' },
        { Effect: 'Allow', Action: 'ecr:*', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/*' },
        { Effect: 'Allow', Action: 'ECR:BatchGetImage', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' },
      ),
      errors: [
        { messageId: 'covered', path: ['Statement', 0], line: 4, column: 5, message: /^Statement 0 adds nothing: statement 1 \(line 9\)/ },
        { messageId: 'duplicate', path: ['Statement', 2], line: 14, column: 5, message: /^Statement 2 repeats statement 0 \(line 4\)/ },
      ],
    },
    {
      name: 'trust policy statements naming the same account two ways',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'example' } } },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'example' } } },
      ),
      errors: [{ messageId: 'duplicate', path: ['Statement', 1], line: 16, column: 5 }],
    },
    {
      name: 'mutual cover: only the later statement is reported',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"s3:**","Resource":"*"}]}',
      errors: [{ messageId: 'covered', path: ['Statement', 1], line: 1, column: 88 }],
    },
    {
      name: 'identical NotAction/NotResource statements in an SCP',
      kind: 'scp',
      code: policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: 'arn:aws:s3:::logs/*' }, { Effect: 'Deny', NotAction: ['sts:*', 'iam:*'], NotResource: 'arn:aws:s3:::logs/*' }),
      errors: [{ messageId: 'duplicate', path: ['Statement', 1], line: 12, column: 5 }],
    },
  ],
});
