import rule from '../../src/rules/unknown-condition-operator.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/app';
const GITHUB_OIDC = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

ruleTester.run(rule, {
  valid: [
    {
      name: 'every operator family, with IfExists and set qualifiers',
      code: policy({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `${BUCKET}/*`,
        Condition: {
          StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
          StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'contractors' },
          StringLikeIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/*' },
          'ForAnyValue:StringEquals': { 'aws:TagKeys': ['project'] },
          'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['project', 'cost-*'] },
          NumericLessThanEquals: { 's3:signatureAge': '600000' },
          DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
          Bool: { 'aws:SecureTransport': 'true' },
          BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' },
          BinaryEquals: { 'aws:SourceIdentity': 'QmluYXJ5VmFsdWU=' },
          IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
          NotIpAddressIfExists: { 'aws:VpcSourceIp': '10.0.0.0/8' },
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' },
          Null: { 'aws:TokenIssueTime': 'false' },
        },
      }),
    },
    {
      name: 'ForAllValues:Null is accepted by IAM (Access Analyzer only suggests avoiding it)',
      code: policy({ Effect: 'Deny', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:Null': { 'aws:TagKeys': 'true' } } }),
    },
    {
      name: 'Deny with NotAction and a negated IfExists operator',
      code: policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }),
    },
    {
      name: 'trust policy (no Resource) with StringLike and StringEquals',
      code: policy({
        Effect: 'Allow',
        Principal: { Federated: GITHUB_OIDC },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' }, StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      }),
    },
    { name: 'a statement without Condition', code: policy({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'compact JSON, wrong case, exact position',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket","Condition":{"stringEquals":{"s3:prefix":"home/"}}}]}',
      errors: [
        {
          messageId: 'wrongCase',
          path: ['Statement', 0, 'Condition', 'stringEquals'],
          line: 1,
          column: 140,
          message: '"stringEquals" in statement 0 is written in the wrong case: condition operators are case-sensitive, so IAM rejects it. Write "StringEquals".',
        },
      ],
    },
    {
      name: 'Parliament test_condition_operator::2: operator "bad", Statement as an object',
      code: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:listbucket",
        "Resource": "arn:aws:s3:::bucket-name",
        "Condition": {"bad": {"s3:prefix":["home/\${aws:username}/*"]}} }}`,
      errors: [{ messageId: 'unknownOperator', path: ['Statement', 'Condition', 'bad'], line: 7, column: 23, message: '"bad" in statement 0 is not an IAM condition operator.' }],
    },
    {
      name: 'typo with a suggestion, list value',
      code: policy({ Sid: 'ListHome', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringEqual: { 's3:prefix': ['home/', 'home/${aws:username}/'] } } }),
      errors: [
        {
          messageId: 'unknownOperator',
          path: ['Statement', 0, 'Condition', 'StringEqual'],
          line: 10,
          column: 9,
          message: '"StringEqual" in statement "ListHome" is not an IAM condition operator (did you mean "StringEquals"?).',
        },
      ],
    },
    {
      name: 'misspelled set qualifier',
      code: policy({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders',
        Condition: { 'ForAllValue:StringEquals': { 'dynamodb:Attributes': ['OrderId', 'Status'] } },
      }),
      errors: [
        {
          messageId: 'unknownQualifier',
          path: ['Statement', 0, 'Condition', 'ForAllValue:StringEquals'],
          line: 12,
          column: 9,
          message:
            '"ForAllValue:" in "ForAllValue:StringEquals" (statement 0) is not a set operator: only ForAllValues: and ForAnyValue: can qualify a condition operator (did you mean "ForAllValues:StringEquals"?).',
        },
      ],
    },
    {
      name: 'NullIfExists in a Deny',
      code: policy({ Sid: 'DenyUnencrypted', Effect: 'Deny', Action: 's3:PutObject', Resource: `${BUCKET}/*`, Condition: { NullIfExists: { 's3:x-amz-server-side-encryption': 'true' } } }),
      errors: [
        {
          messageId: 'nullIfExists',
          path: ['Statement', 0, 'Condition', 'NullIfExists'],
          line: 10,
          column: 9,
          message: '"NullIfExists" in statement "DenyUnencrypted": the Null operator takes no IfExists suffix (Null itself tests whether the key is present). Use "Null".',
        },
      ],
    },
    {
      name: 'ForAnyValue:NullIfExists with NotAction keeps the qualifier in the suggestion',
      code: policy({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { 'ForAnyValue:NullIfExists': { 'aws:TagKeys': 'false' } } }),
      errors: [{ messageId: 'nullIfExists', path: ['Statement', 0, 'Condition', 'ForAnyValue:NullIfExists'], line: 9, column: 9, message: /Use "ForAnyValue:Null"\.$/ }],
    },
    {
      name: 'one finding per operator however many keys it holds; case-insensitive action',
      code: policy({ Effect: 'Allow', Action: 'ECR:putimage', Resource: REPO, Condition: { DateAfter: { 'aws:CurrentTime': '2026-01-01T00:00:00Z', 'aws:EpochTime': '1767225600' } } }),
      errors: [{ messageId: 'unknownOperator', path: ['Statement', 0, 'Condition', 'DateAfter'], line: 9, column: 9, message: '"DateAfter" in statement 0 is not an IAM condition operator.' }],
    },
    {
      name: 'two operators in the wrong case (two findings)',
      code: policy({ Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*', Condition: { 'forallvalues:stringequals': { 'aws:TagKeys': ['team'] }, IPAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
      errors: [
        { messageId: 'wrongCase', path: ['Statement', 0, 'Condition', 'forallvalues:stringequals'], line: 9, column: 9, message: /Write "ForAllValues:StringEquals"\.$/ },
        { messageId: 'wrongCase', path: ['Statement', 0, 'Condition', 'IPAddress'], line: 14, column: 9, message: /Write "IpAddress"\.$/ },
      ],
    },
    {
      name: 'trust policy without Resource',
      code: policy({
        Effect: 'Allow',
        Principal: { Federated: GITHUB_OIDC },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { Stringlike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' }, StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      }),
      errors: [{ messageId: 'wrongCase', path: ['Statement', 0, 'Condition', 'Stringlike'], line: 11, column: 9, message: /Write "StringLike"\.$/ }],
    },
  ],
});
