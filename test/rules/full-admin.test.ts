import rule from '../../src/rules/full-admin.js';
import { policy, ruleTester } from '../rule-tester.js';

const admin = (Condition?: object, extra: object = {}) => ({ Effect: 'Allow', Action: '*', Resource: '*', ...(Condition ? { Condition } : {}), ...extra });

ruleTester.run(rule, {
  valid: [
    { name: 'ReadOnly-style actions on *', code: policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'ec2:Describe*'], Resource: '*' }) },
    { name: 'every action on one bucket', code: policy({ Effect: 'Allow', Action: '*', Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'] }) },
    { name: 'a service wildcard on * (service-wildcard-action\'s finding), any case', code: policy({ Effect: 'Allow', Action: ['IAM:*', 's3:*'], Resource: '*' }) },
    { name: 'Deny * on *', code: policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }) },
    { name: 'permissions boundary that caps nothing', code: policy(admin()), kind: 'boundary' },
    { name: 'SCP FullAWSAccess', code: policy(admin()), kind: 'scp' },
    { name: 'RCPFullAWSAccess', code: policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }), kind: 'rcp' },
    { name: 'resource policy granting * on * (public-access\'s finding)', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' }) },
    { name: 'NotAction is allow-not-action\'s finding (PowerUserAccess)', code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }) },
    { name: 'NotResource is allow-not-resource\'s finding', code: policy({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:iam::111122223333:role/break-glass' }) },
    { name: 'limited to a corporate network', code: policy(admin({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } })) },
    { name: 'limited to a VPC endpoint', code: policy(admin({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })) },
    { name: 'break-glass time window', code: policy(admin({ DateGreaterThan: { 'aws:CurrentTime': '2026-07-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2026-07-01T12:00:00Z' } })) },
    {
      name: 'MFA plus a strict network test (conditions are ANDed)',
      code: policy(admin({ Bool: { 'aws:MultiFactorAuthPresent': 'true' }, StringEquals: { 'aws:SourceVpc': 'vpc-111bbb22' } })),
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess, compact JSON',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      errors: [
        {
          messageId: 'fullAdmin',
          path: ['Statement', 0, 'Action'],
          line: 1,
          column: 65,
          endColumn: 68,
          message: 'Statement 0 allows every action (*) on every resource (*): full administrator access.',
        },
      ],
    },
    {
      name: 'two statements: *:* in a list with a Sid, and an ARN pattern of only wildcards',
      code: policy(
        { Sid: 'Admin', Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['*'] },
        { Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:*:*:*' },
      ),
      errors: [
        {
          messageId: 'fullAdmin',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          message: 'Statement "Admin" allows every action (*:*) on every resource (*): full administrator access.',
        },
        {
          messageId: 'fullAdmin',
          path: ['Statement', 1, 'Action'],
          line: 17,
          column: 17,
          message: 'Statement 1 allows every action (*) on every resource (arn:aws:*:*:*:*): full administrator access.',
        },
      ],
    },
    {
      name: 'a bare statement (fragment)',
      code: '{\n  "Effect": "Allow",\n  "Action": "*",\n  "Resource": "*"\n}',
      errors: [{ messageId: 'fullAdmin', path: ['Action'], line: 3, column: 13 }],
    },
    {
      name: 'MFA alone does not limit an administrator',
      code: policy(admin({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { Sid: 'AdminWithMFA' })),
      errors: [
        {
          messageId: 'weakCondition',
          path: ['Statement', 0, 'Action'],
          line: 6,
          column: 17,
          message:
            'Statement "AdminWithMFA" allows every action (*) on every resource (*), and its condition does not limit it: Bool on aws:MultiFactorAuthPresent only requires that the caller signed in with MFA, which the principal can do. This is full administrator access.',
        },
      ],
    },
    {
      name: 'StringEqualsIfExists on aws:SourceVpce',
      code: policy(admin({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })),
      errors: [
        {
          messageId: 'weakCondition',
          path: ['Statement', 0, 'Action'],
          line: 6,
          column: 17,
          message:
            'Statement 0 allows every action (*) on every resource (*), and its condition does not limit it: StringEqualsIfExists is also true when aws:SourceVpce is absent from the request. This is full administrator access.',
        },
      ],
    },
    {
      name: 'IpAddress 0.0.0.0/0',
      code: policy(admin({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })),
      errors: [{ messageId: 'weakCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /IpAddress "0\.0\.0\.0\/0" on aws:SourceIp matches every IP address/ }],
    },
    {
      name: 'ForAllValues without a Null guard',
      code: policy(admin({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } })),
      errors: [{ messageId: 'weakCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /absent or empty/ }],
    },
    {
      name: 'AWSMcpServiceActionsFullAccess: a route through the AWS MCP Server',
      code: policy(admin({ Bool: { 'aws:IsMcpServiceAction': 'true' } }, { Sid: 'AllowAllMCPServiceActions' })),
      errors: [
        {
          messageId: 'weakCondition',
          path: ['Statement', 0, 'Action'],
          line: 6,
          column: 17,
          message:
            'Statement "AllowAllMCPServiceActions" allows every action (*) on every resource (*), and its condition does not limit it: Bool on aws:IsMcpServiceAction only requires that the request comes through another AWS service or the AWS MCP Server, a route the principal can take itself. This is full administrator access.',
        },
      ],
    },
    {
      name: 'aws:CalledVia CloudFormation',
      code: policy(admin({ 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } })),
      errors: [{ messageId: 'weakCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /ForAnyValue:StringEquals on aws:CalledVia only requires that the request comes through another AWS service/ }],
    },
    {
      name: 'aws:SecureTransport alone',
      code: policy(admin({ Bool: { 'aws:SecureTransport': 'true' } })),
      errors: [{ messageId: 'weakCondition', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /only requires that the request is sent over TLS/ }],
    },
  ],
});
