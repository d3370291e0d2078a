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
    { name: 'a well-shaped Region code AWS may open later', code: policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-7', 'ap-southeast-9'] } } }) },
    {
      name: 'IP-restricted deny with IPv4 and IPv6 ranges',
      code: policy(deny({ NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.7', '2001:DB8:1234:5678::/64', '::1'] }, Bool: { 'aws:ViaAWSService': 'false' } })),
    },
    {
      name: 'time window with ISO 8601 dates, offsets and milliseconds (epoch seconds on aws:EpochTime)',
      code: policy(
        s3({
          DateGreaterThan: { 'aws:CurrentTime': ['2026-01-01', '2026-01-01T12:00Z', '2026-01-01T12:00:00Z', '2026-06-30T23:59:59.999+02:00'] },
          DateLessThanIfExists: { 'aws:TokenIssueTime': '2026-12-31T23:59:59Z', 'aws:EpochTime': '1767225600' },
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
    {
      name: 'Region, VPC, VPC endpoint, KMS key and service principal values in their documented forms',
      code: policy(
        {
          Sid: 'DenyOutsidePerimeter',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*',
          Condition: {
            StringNotEqualsIgnoreCase: { 'aws:RequestedRegion': ['us-east-1', 'EU-WEST-1'] },
            StringNotLike: { 'aws:SourceVpce': ['vpce-1a2b3c4d', 'vpce-0a1b2c3d4e5f6a7b8', 'vpce-*'], 'aws:SourceVpc': 'vpc-1a2b3c4d' },
            ArnNotLikeIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:*:111122223333:key/*' },
          },
        },
        {
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'iam:PassRole'],
          Resource: '*',
          Condition: {
            StringLike: { 'kms:ViaService': ['secretsmanager.*.amazonaws.com', 'ec2.us-east-1.amazonaws.com'], 'ec2:Region': 'eu-*' },
            StringEquals: { 'iam:PassedToService': ['sagemaker.amazonaws.com', 'ec2.amazonaws.com.cn'], 'aws:RequestedRegion': '${aws:PrincipalTag/home-region}' },
          },
        },
      ),
    },
    {
      name: 'wildcards under Like and ARN operators, the ${*} escape under StringEquals',
      code: policy(
        s3({
          StringLike: { 's3:prefix': 'home/*' },
          ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' },
          StringEquals: { 's3:delimiter': '${*}', 'aws:PrincipalTag/team': '${aws:username}' },
        }),
      ),
    },
    {
      name: 'public aws:SourceIp ranges, private ranges under aws:VpcSourceIp, clean CIDR ranges',
      code: policy(deny({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8:1234::/48', '198.51.100.7'] }, IpAddressIfExists: { 'aws:VpcSourceIp': '10.0.0.0/16' } })),
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
      code: policy(s3({ DateGreaterThan: { 'aws:CurrentTime': 'bad' }, StringLike: { 's3:prefix': ['home/${aws:username}/*'] } }, { Sid: 'HomeDir' })),
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
          messageId: 'variableInOperator',
          path: ['Statement', 0, 'Condition', 'NotIpAddress', 'AWS:SourceIP', 4],
          line: 19,
          column: 13,
          message:
            '"${aws:SourceIp}" in NotIpAddress on AWS:SourceIP (statement "DenyOutsideNetwork") holds a policy variable, but IAM substitutes policy variables only in String and ARN operators: here it is compared as literal text. Use a literal value.',
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
    {
      name: 'policy variables in Numeric, Bool and Date operators',
      code: policy(s3({ NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:PrincipalTag/max-mfa-age}' }, Bool: { 'aws:SecureTransport': '${aws:SecureTransport}' }, DateGreaterThan: { 'aws:CurrentTime': '${aws:TokenIssueTime}' } })),
      errors: [
        { messageId: 'variableInOperator', path: ['Statement', 0, 'Condition', 'NumericLessThan', 'aws:MultiFactorAuthAge'], line: 10, column: 37, message: "\"${aws:PrincipalTag/max-mfa-age}\" in NumericLessThan on aws:MultiFactorAuthAge (statement 0) holds a policy variable, but IAM substitutes policy variables only in String and ARN operators: here it is compared as literal text. Use a literal value." },
        { messageId: 'variableInOperator', path: ['Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport'], line: 13, column: 34 },
        { messageId: 'variableInOperator', path: ['Statement', 0, 'Condition', 'DateGreaterThan', 'aws:CurrentTime'], line: 16, column: 30 },
      ],
    },
    {
      name: 'wildcards under StringEquals (GitHub OIDC sub) and StringNotEquals in a Deny',
      code: trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }),
      kind: 'trust',
      errors: [
        { messageId: 'wildcardWithoutLike', path: ['Statement', 0, 'Condition', 'StringEquals', 'token.actions.githubusercontent.com:sub'], line: 13, column: 54, message: "\"repo:octo-org/octo-repo:*\" under StringEquals on token.actions.githubusercontent.com:sub in statement 0 contains * or ?, which StringEquals compares literally, not as a wildcard. If you meant a pattern, use StringLike." },
      ],
    },
    {
      name: 'wildcard under StringNotEquals on aws:PrincipalArn, ? under StringEqualsIgnoreCase',
      code: policy({ Sid: 'DenyAllButAdmins', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/admin-*' }, StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'ops?' } } }),
      errors: [
        { messageId: 'wildcardWithoutLike', path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:PrincipalArn'], line: 11, column: 31, message: "\"arn:aws:iam::111122223333:role/admin-*\" under StringNotEquals on aws:PrincipalArn in statement \"DenyAllButAdmins\" contains * or ?, which StringNotEquals compares literally, not as a wildcard. If you meant a pattern, use StringNotLike." },
        { messageId: 'wildcardWithoutLike', path: ['Statement', 0, 'Condition', 'StringEqualsIgnoreCase', 'aws:PrincipalTag/team'], line: 14, column: 36 },
      ],
    },
    {
      name: 'malformed Region codes, a Region in the wrong case, a pattern that matches no Region (a well-shaped new code such as us-east-7 is accepted)',
      code: policy(
        deny({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east1', 'EU-WEST-2', 'global'] } }),
        { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringLike: { 'ec2:Region': 'ue-*' } } },
      ),
      errors: [
        { messageId: 'invalidRegion', path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:RequestedRegion', 1], line: 16, column: 13, message: /^"us-east1" is not an AWS Region code .*StringNotEquals on aws:RequestedRegion in statement "DenyOutsideNetwork" compares Region codes such as us-east-1, so this value never matches\.$/ },
        { messageId: 'invalidRegion', path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:RequestedRegion', 2], line: 17, column: 13 },
        { messageId: 'invalidRegion', path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:RequestedRegion', 3], line: 18, column: 13 },
        { messageId: 'invalidRegion', path: ['Statement', 1, 'Condition', 'StringLike', 'ec2:Region'], line: 29, column: 25 },
      ],
    },
    {
      name: 'VPC and VPC endpoint IDs of the wrong form in a bucket policy',
      code: policy({
        Sid: 'DenyOutsideVpce',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'],
        Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d', 'vpce-1a2b3c4'], 'aws:SourceVpc': 'vpc_1a2b3c4d' } },
      }),
      kind: 'resource',
      errors: [
        { messageId: 'invalidVpceId', path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:SourceVpce', 1], line: 17, column: 13, message: "\"vpce-1a2b3c4\" is not a VPC endpoint ID: aws:SourceVpce in statement \"DenyOutsideVpce\" holds the prefix 'vpce-' followed by 8 or 17 alphanumeric characters (vpce-1a2b3c4d), so StringNotEquals never matches it." },
        { messageId: 'invalidVpcId', path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:SourceVpc'], line: 19, column: 28 },
      ],
    },
    {
      name: 'KMS key alias and key id where S3 needs the key ARN',
      code: policy(
        { Sid: 'RequireBucketKey', Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': ['alias/my-key', '1234abcd-12ab-34cd-56ef-1234567890ab'] } } },
      ),
      errors: [
        { messageId: 'invalidKmsKeyArn', path: ['Statement', 0, 'Condition', 'StringNotEquals', 's3:x-amz-server-side-encryption-aws-kms-key-id', 0], line: 12, column: 13, message: "\"alias/my-key\" is not a KMS key ARN: s3:x-amz-server-side-encryption-aws-kms-key-id in statement \"RequireBucketKey\" holds a KMS key ARN (arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab), so StringNotEquals never matches it." },
        { messageId: 'invalidKmsKeyArn', path: ['Statement', 0, 'Condition', 'StringNotEquals', 's3:x-amz-server-side-encryption-aws-kms-key-id', 1], line: 13, column: 13 },
      ],
    },
    {
      name: 'service principals in the wrong case or form, kms:ViaService without the Region',
      code: policy({
        Effect: 'Allow',
        Action: ['iam:PassRole', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'iam:PassedToService': ['SageMaker.amazonaws.com', 'sagemaker'], 'kms:ViaService': 'ec2.amazonaws.com' } },
      }),
      errors: [
        { messageId: 'invalidServicePrincipal', path: ['Statement', 0, 'Condition', 'StringEquals', 'iam:PassedToService', 0], line: 14, column: 13, message: "\"SageMaker.amazonaws.com\" does not have the service principal format of iam:PassedToService in statement 0: it holds a service principal in lower case (service-name.amazonaws.com), so StringEquals never matches it." },
        { messageId: 'invalidServicePrincipal', path: ['Statement', 0, 'Condition', 'StringEquals', 'iam:PassedToService', 1], line: 15, column: 13 },
        { messageId: 'invalidServicePrincipal', path: ['Statement', 0, 'Condition', 'StringEquals', 'kms:ViaService'], line: 17, column: 29 },
      ],
    },
    {
      name: 'epoch seconds under Date operators (a bare year is ISO 8601)',
      code: policy(s3({ DateLessThan: { 'aws:CurrentTime': '1767225600' }, DateGreaterThan: { 'aws:TokenIssueTime': ['2026', 1735689600] } })),
      errors: [
        { messageId: 'epochDate', path: ['Statement', 0, 'Condition', 'DateLessThan', 'aws:CurrentTime'], line: 10, column: 30, message: "\"1767225600\" under DateLessThan on aws:CurrentTime in statement 0 is epoch time, which might not resolve to the time you expect: write the date in ISO 8601 (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)." },
        { messageId: 'epochDate', path: ['Statement', 0, 'Condition', 'DateGreaterThan', 'aws:TokenIssueTime', 1], line: 15, column: 13 },
      ],
    },
    {
      name: 'CIDR ranges with host bits set (IPv4 and IPv6)',
      code: policy(deny({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.7/24', '2001:db8:0:0:1::/48'] } })),
      errors: [
        { messageId: 'ipRangeHostBits', path: ['Statement', 0, 'Condition', 'NotIpAddress', 'aws:SourceIp', 0], line: 15, column: 13, message: "\"203.0.113.7/24\" under NotIpAddress on aws:SourceIp in statement \"DenyOutsideNetwork\" has bits set after the /24 mask, which IAM ignores: write 203.0.113.0/24." },
        { messageId: 'ipRangeHostBits', path: ['Statement', 0, 'Condition', 'NotIpAddress', 'aws:SourceIp', 1], line: 16, column: 13 },
      ],
    },
    {
      name: 'only private ranges under aws:SourceIp: IpAddress in an Allow, NotIpAddressIfExists in a Deny',
      code: policy(
        { Sid: 'AllowFromOffice', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } } },
        deny({ NotIpAddressIfExists: { 'aws:SourceIp': ['172.16.0.0/12', 'fd00:ec2::/32'] } }),
      ),
      errors: [
        { messageId: 'privateSourceIp', path: ['Statement', 0, 'Condition', 'IpAddress', 'aws:SourceIp'], line: 11, column: 11, message: "IpAddress on aws:SourceIp in statement \"AllowFromOffice\" lists only private ranges (10.0.0.0/8, 192.168.1.0/24), but aws:SourceIp holds only public addresses, so the condition is never true. For requests through VPC endpoints use aws:VpcSourceIp with aws:SourceVpc, or aws:SourceVpce." },
        { messageId: 'privateSourceIp', path: ['Statement', 1, 'Condition', 'NotIpAddressIfExists', 'aws:SourceIp'], line: 28, column: 11 },
      ],
    },
    {
      name: 'private ranges mixed with public ones under aws:SourceIp',
      code: policy(deny({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '172.16.0.0/12', '10.1.2.0/24'] } })),
      errors: [
        { messageId: 'privateSourceIpSubset', path: ['Statement', 0, 'Condition', 'NotIpAddress', 'aws:SourceIp', 1], line: 16, column: 13, message: "\"172.16.0.0/12\" under NotIpAddress on aws:SourceIp in statement \"DenyOutsideNetwork\" is a private range, which aws:SourceIp never holds: it has no effect. Use aws:VpcSourceIp for private addresses." },
        { messageId: 'privateSourceIpSubset', path: ['Statement', 0, 'Condition', 'NotIpAddress', 'aws:SourceIp', 2], line: 17, column: 13 },
      ],
    },
  ],
});
