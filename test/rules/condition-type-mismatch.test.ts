import rule from '../../src/rules/condition-type-mismatch.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const s3 = (Condition: object, extra: object = {}) => ({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition, ...extra });
const deny = (Condition: object) => ({ Sid: 'DenyOutsideNetwork', Effect: 'Deny', NotAction: ['iam:ChangePassword', 'sts:GetSessionToken'], Resource: '*', Condition });
const trust = (Condition: object) =>
  policy({
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition,
  });

ruleTester.run(rule, {
  valid: [
    {
      name: 'IP-restricted deny with IPv4 and IPv6 ranges',
      code: policy(deny({ NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.7', '2001:DB8:1234:5678::/64', '::1'] }, Bool: { 'aws:ViaAWSService': 'false' } })),
    },
    {
      name: 'time window with ISO 8601 dates, offsets, milliseconds and epoch seconds',
      code: policy(
        s3({
          DateGreaterThan: { 'aws:CurrentTime': ['2026-01-01', '2026-01-01T12:00Z', '2026-01-01T12:00:00Z', '2026-06-30T23:59:59.999+02:00'] },
          DateLessThanIfExists: { 'aws:TokenIssueTime': '1767225600' },
        }),
      ),
    },
    { name: 'numbers as strings and as JSON numbers', code: policy(s3({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600', 's3:max-keys': 10 }, NumericGreaterThanEquals: { 's3:signatureage': '0.5' } })) },
    { name: 'Bool values in any case and as JSON booleans', code: policy(s3({ Bool: { 'aws:SecureTransport': true, 'aws:MultiFactorAuthPresent': 'True' } })) },
    {
      name: 'String operator on an ARN key (IAM compares the ARN as text; Parliament says MISMATCHED_TYPE_BUT_USABLE)',
      code: policy({ Effect: 'Allow', Action: ['ec2:TerminateInstances'], Resource: '*', Condition: { StringEquals: { 'ec2:InstanceProfile': 'arn:aws:iam::123456789012:instance-profile/my_role' } } }),
    },
    {
      name: 'ARN operator on a String key that holds an ARN, with wildcards and a policy variable',
      code: policy({
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:us-east-1:111122223333:key/*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::amzn-s3-demo-bucket/*', 'aws:SourceArn': ['arn:aws:iam::${aws:PrincipalAccount}:role/*', '*'] } },
      }),
    },
    {
      name: 'multivalued keys with set qualifiers, Null without one',
      code: policy({
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: 'arn:aws:ec2:*:*:instance/*',
        Condition: { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': ['Project', 'Owner'] }, 'ForAnyValue:StringLike': { 'aws:CalledVia': 'cloudformation.*' }, Null: { 'aws:TagKeys': false } },
      }),
    },
    { name: 'aws:EpochTime takes numeric and date operators', code: policy(s3({ NumericLessThan: { 'aws:EpochTime': '1767225600' }, DateGreaterThan: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } })) },
    { name: 'glacier:ArchiveAgeInDays compared as a number (vault lock example)', code: policy({ Effect: 'Deny', Principal: '*', Action: 'glacier:DeleteArchive', Resource: 'arn:aws:glacier:us-west-2:111122223333:vaults/examplevault', Condition: { NumericLessThan: { 'glacier:ArchiveAgeInDays': '365' } } }), kind: 'resource' },
    { name: 'undocumented key and invalid operators are other rules\' findings', code: policy(s3({ DateGreaterThan: { 'example:LaunchDate': 'soon' }, stringequals: { 's3:signatureage': 'bad' }, NullIfExists: { 'aws:TagKeys': 'maybe' } })) },
    { name: 'documentation placeholders are unresolved-placeholder\'s finding', code: policy(deny({ NotIpAddress: { 'aws:SourceIp': ['<CORPORATE-CIDR>', '{OFFICE_IP}'] } })) },
    { name: 'ignoreKeys skips a key', code: policy(s3({ StringEquals: { 's3:signatureage': 'bad' } })), options: { ignoreKeys: ['s3:Signature*'] } },
    {
      name: 'GitHub OIDC trust policy',
      code: trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } }),
      kind: 'trust',
    },
  ],
  invalid: [
    {
      name: 'String operator on a Numeric key (Parliament test_condition_action_specific_bad_type)',
      code: policy(s3({ StringEquals: { 's3:signatureage': 'bad' } })),
      errors: [
        {
          messageId: 'operatorMismatch',
          path: ['Statement', 0, 'Condition', 'StringEquals'],
          line: 9,
          column: 9,
          message: 'StringEquals compares string values, but s3:signatureage in statement 0 has type Numeric: use a numeric operator.',
        },
      ],
    },
    {
      name: 'bad date next to a good condition (Parliament test_condition_multiple)',
      code: policy(s3({ DateGreaterThan: { 'aws:CurrentTime': 'bad' }, StringEquals: { 's3:prefix': ['home/${aws:username}/*'] } }, { Sid: 'HomeDir' })),
      errors: [
        {
          messageId: 'invalidDate',
          path: ['Statement', 0, 'Condition', 'DateGreaterThan', 'aws:CurrentTime'],
          line: 10,
          column: 30,
          message: '"bad" is not a date: DateGreaterThan on aws:CurrentTime (Date) in statement "HomeDir" needs ISO 8601 (2026-01-01, 2026-01-01T12:00:00Z) or epoch seconds.',
        },
      ],
    },
    {
      name: 'Numeric operator on a String key (Parliament test_condition_operator)',
      code: policy(s3({ NumericEquals: { 's3:prefix': ['home/${aws:username}/*'] } })),
      errors: [{ messageId: 'operatorMismatch', path: ['Statement', 0, 'Condition', 'NumericEquals'], line: 9, column: 9, message: /has type String: use a string or an ARN operator\.$/ }],
    },
    {
      name: 'StringLike on an IP key, in a Deny with NotAction',
      code: policy(deny({ StringLike: { 'aws:SourceIp': '10.0.*' } })),
      errors: [{ messageId: 'operatorMismatch', path: ['Statement', 0, 'Condition', 'StringLike'], line: 13, column: 9, message: /^StringLike compares string values, but aws:SourceIp in statement "DenyOutsideNetwork" has type IPAddress: use an IP address operator\.$/ }],
    },
    {
      name: 'String operator on a Bool key, IfExists date operator on a Numeric key (two findings)',
      code: policy(s3({ StringEquals: { 'aws:SecureTransport': 'true' }, DateLessThanIfExists: { 'aws:MultiFactorAuthAge': '2026-01-01' } })),
      errors: [
        { messageId: 'operatorMismatch', path: ['Statement', 0, 'Condition', 'StringEquals'], line: 9, column: 9, message: /has type Bool: use a Boolean operator\./ },
        { messageId: 'operatorMismatch', path: ['Statement', 0, 'Condition', 'DateLessThanIfExists'], line: 12, column: 9, message: /^DateLessThanIfExists compares date values, .* has type Numeric: use a numeric operator\./ },
      ],
    },
    {
      name: 'set qualifier keeps the base family; BinaryEquals fits no documented key',
      code: policy(s3({ 'ForAnyValue:NumericEquals': { 'aws:TagKeys': '1' }, BinaryEquals: { 'aws:username': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } })),
      errors: [
        { messageId: 'operatorMismatch', path: ['Statement', 0, 'Condition', 'ForAnyValue:NumericEquals'], line: 9, column: 9, message: /has type ArrayOfString: use a string or an ARN operator\./ },
        { messageId: 'operatorMismatch', path: ['Statement', 0, 'Condition', 'BinaryEquals'], line: 12, column: 9, message: /^BinaryEquals compares binary values/ },
      ],
    },
    {
      name: 'multivalued keys without ForAllValues:/ForAnyValue: (scalar and IfExists)',
      code: policy({ Effect: 'Allow', Action: ['EC2:createtags'], Resource: '*', Condition: { StringEquals: { 'aws:TagKeys': 'Project' }, StringLikeIfExists: { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } } }),
      errors: [
        {
          messageId: 'missingSetOperator',
          path: ['Statement', 0, 'Condition', 'StringEquals'],
          line: 11,
          column: 9,
          message:
            'aws:TagKeys in statement 0 is multivalued (ArrayOfString), but StringEquals has no set qualifier: use ForAnyValue:StringEquals (some request value matches) or ForAllValues:StringEquals (every request value matches).',
        },
        { messageId: 'missingSetOperator', path: ['Statement', 0, 'Condition', 'StringLikeIfExists'], line: 14, column: 9, message: /ForAnyValue:StringLikeIfExists .* or ForAllValues:StringLikeIfExists/ },
      ],
    },
    {
      name: 'bad IP addresses and CIDR prefixes, a policy variable, a key in another case',
      code: policy(deny({ NotIpAddress: { 'AWS:SourceIP': ['10.0.0.0/33', '192.168.1.256', '2001:db8::/129', '203.0.113.0/24', '${aws:SourceIp}'] } })),
      errors: [
        {
          messageId: 'invalidIpAddress',
          path: ['Statement', 0, 'Condition', 'NotIpAddress', 'AWS:SourceIP', 0],
          line: 15,
          column: 13,
          message:
            '"10.0.0.0/33" is not an IP address or CIDR range: NotIpAddress on AWS:SourceIP (IPAddress) in statement "DenyOutsideNetwork" needs IPv4/IPv6 such as 203.0.113.0/24 or 2001:db8::/32 (octets up to 255, prefix up to /32 or /128).',
        },
        { messageId: 'invalidIpAddress', path: ['Statement', 0, 'Condition', 'NotIpAddress', 'AWS:SourceIP', 1], line: 16, column: 13 },
        { messageId: 'invalidIpAddress', path: ['Statement', 0, 'Condition', 'NotIpAddress', 'AWS:SourceIP', 2], line: 17, column: 13 },
        {
          messageId: 'invalidIpAddress',
          path: ['Statement', 0, 'Condition', 'NotIpAddress', 'AWS:SourceIP', 4],
          line: 19,
          column: 13,
          message: /IAM does not substitute policy variables in IpAddress operators\.$/,
        },
      ],
    },
    {
      name: 'bad Bool value in a list',
      code: policy(s3({ Bool: { 'aws:SecureTransport': ['true', 'yes'] } })),
      errors: [{ messageId: 'invalidBool', path: ['Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport', 1], line: 12, column: 13, message: '"yes" is not a boolean: Bool on aws:SecureTransport (Bool) in statement 0 needs true or false.' }],
    },
    {
      name: 'number with a unit in a trust policy',
      code: trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '1h' } }),
      kind: 'trust',
      errors: [{ messageId: 'invalidNumber', path: ['Statement', 0, 'Condition', 'NumericLessThan', 'aws:MultiFactorAuthAge'], line: 15, column: 37, message: '"1h" is not a number: NumericLessThan on aws:MultiFactorAuthAge (Numeric) in statement 0 needs an integer or decimal.' }],
    },
    {
      name: 'impossible and non-ISO dates',
      code: policy(s3({ DateLessThan: { 'aws:CurrentTime': ['2026-02-30T00:00:00Z', '2026/01/01', '2026-01-01T24:00:00Z'] } })),
      errors: [
        { messageId: 'invalidDate', path: ['Statement', 0, 'Condition', 'DateLessThan', 'aws:CurrentTime', 0], line: 11, column: 13 },
        { messageId: 'invalidDate', path: ['Statement', 0, 'Condition', 'DateLessThan', 'aws:CurrentTime', 1], line: 12, column: 13 },
        { messageId: 'invalidDate', path: ['Statement', 0, 'Condition', 'DateLessThan', 'aws:CurrentTime', 2], line: 13, column: 13 },
      ],
    },
    {
      name: 'ARN operators with values that are not ARNs (ARN key and String key)',
      code: policy({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:us-east-1:111122223333:queue1',
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333' }, ArnEquals: { 'aws:SourceAccount': '111122223333' } },
      }),
      kind: 'resource',
      errors: [
        {
          messageId: 'invalidArn',
          path: ['Statement', 0, 'Condition', 'ArnLike', 'aws:SourceArn'],
          line: 13,
          column: 28,
          message:
            '"arn:aws:sns:us-east-1:111122223333" is not an ARN: ArnLike on aws:SourceArn (ARN) in statement 0 compares the six ARN fields one by one, so write arn:partition:service:region:account:resource (wildcards allowed in each field).',
        },
        { messageId: 'invalidArn', path: ['Statement', 0, 'Condition', 'ArnEquals', 'aws:SourceAccount'], line: 16, column: 32, message: /^"111122223333" is not an ARN: ArnEquals on aws:SourceAccount \(String\)/ },
      ],
    },
    {
      name: 'Null with a value other than true/false (Parliament MISMATCHED_TYPE_OPERATION_TO_NULL)',
      code: policy({ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: 'arn:aws:ec2:*:*:volume/*', Condition: { Null: { 'aws:TagKeys': 'yes' } } }),
      errors: [
        {
          messageId: 'invalidNullValue',
          path: ['Statement', 0, 'Condition', 'Null', 'aws:TagKeys'],
          line: 10,
          column: 26,
          message: '"yes" is not true or false: Null on aws:TagKeys (ArrayOfString) in statement 0 takes true (the key is absent) or false (the key is present).',
        },
      ],
    },
    {
      name: 'compact JSON, exact range',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.1.1"}}}]}',
      errors: [{ messageId: 'invalidIpAddress', path: ['Statement', 0, 'Condition', 'IpAddress', 'aws:SourceIp'], line: 1, column: 136, endLine: 1, endColumn: 144 }],
    },
  ],
});
