import rule from '../../src/rules/condition-set-operator-misuse.js';
import { policy, ruleTester } from '../rule-tester.js';

const INSTANCES = 'arn:aws:ec2:*:111122223333:instance/*';
/** ABAC tagging statement: which tag keys may be set on instances. */
const tagging = (Condition: object, extra: object = {}) => ({ Sid: 'TagInstances', Effect: 'Allow', Action: ['ec2:CreateTags', 'ec2:DeleteTags'], Resource: INSTANCES, Condition, ...extra });
const githubTrust = (Condition: object) =>
  policy({
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition,
  });

ruleTester.run(rule, {
  valid: [
    { name: 'ForAllValues in an Allow with a Null guard', code: policy(tagging({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'Owner'] }, Null: { 'aws:TagKeys': 'false' } })) },
    {
      name: 'ForAllValues guarded by a required aws:RequestTag (ABAC create with tags)',
      code: policy({
        Effect: 'Allow',
        Action: 'ec2:RunInstances',
        Resource: 'arn:aws:ec2:*:111122223333:volume/*',
        Condition: { StringEquals: { 'aws:RequestTag/Project': '${aws:PrincipalTag/Project}' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'Name'] } },
      }),
    },
    { name: 'ForAllValues guarded by a positive ForAnyValue test', code: policy(tagging({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['team-*'] }, 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team-name' } })) },
    { name: 'ForAllValues in a Deny needs no guard', code: policy({ Effect: 'Deny', NotAction: 'iam:Get*', Resource: '*', Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'approved-*' } } }) },
    { name: 'ForAnyValue:StringNotEquals in a Deny ("deny if any tag key is not listed")', code: policy({ Effect: 'Deny', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['Project', 'Owner'] } } }) },
    { name: 'ForAnyValue on a multivalued key (organization paths)', code: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] } } }), kind: 'resource' },
    { name: 'plain operators on single-valued keys', code: policy(tagging({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceTag/Project': '${aws:PrincipalTag/Project}' } })) },
    { name: 'undocumented key', code: policy(tagging({ 'ForAnyValue:StringEquals': { 'example:Team': 'blue' } })) },
    { name: 'ignoreKeys', code: policy(tagging({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })), options: { ignoreKeys: ['AWS:PrincipalOrg*'] } },
    { name: 'GitHub OIDC trust with plain operators', code: githubTrust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' } }), kind: 'trust' },
    {
      name: 's3:prefix in an Allow with StringLike and in a Deny with StringNotLike (the documented patterns)',
      code: policy(
        { Sid: 'ListHome', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/*'] } } },
        { Sid: 'DenyOutsideHome', Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringNotLikeIfExists: { 's3:prefix': 'home/${aws:username}/*' } } },
      ),
    },
    { name: 'Null without a qualifier', code: policy(tagging({ Null: { 'aws:TagKeys': 'false' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project'] } })) },
  ],
  invalid: [
    {
      name: 'ForAnyValue on aws:PrincipalOrgID',
      code: policy({ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } } }),
      errors: [
        {
          messageId: 'singleValuedKey',
          path: ['Statement', 0, 'Condition', 'ForAnyValue:StringEquals'],
          line: 9,
          column: 9,
          message:
            'ForAnyValue:StringEquals on aws:PrincipalOrgID in statement 0: aws:PrincipalOrgID is single-valued (String) and set qualifiers are for multivalued keys. ForAnyValue compares the one value like the plain operator would, but reads as if the key could hold several. Use StringEquals instead.',
        },
      ],
    },
    {
      name: 'ForAllValues on the OIDC sub claim of a GitHub trust policy',
      kind: 'trust',
      code: githubTrust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, 'ForAllValues:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }),
      errors: [
        {
          messageId: 'singleValuedKey',
          path: ['Statement', 0, 'Condition', 'ForAllValues:StringLike'],
          line: 14,
          column: 9,
          message:
            'ForAllValues:StringLike on token.actions.githubusercontent.com:sub in statement 0: token.actions.githubusercontent.com:sub is single-valued (String) and set qualifiers are for multivalued keys. ForAllValues is also true when the key is absent from the request, so the condition passes for requests without it. Use StringLike instead.',
        },
      ],
    },
    {
      name: 'ForAllValues on a resource tag (Parliament SINGLE_VALUE_CONDITION_TOO_PERMISSIVE)',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::secretbucket/*', Condition: { 'ForAllValues:StringEquals': { 'aws:ResourceTag/Tag': ['Value'] } } }),
      errors: [{ messageId: 'singleValuedKey', path: ['Statement', 0, 'Condition', 'ForAllValues:StringEquals'], line: 11, column: 9, message: /aws:ResourceTag\/Tag is single-valued \(String\)/ }],
    },
    {
      name: 'ForAnyValue with IfExists on a single-valued key in a Deny',
      code: policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringNotEqualsIfExists': { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }),
      errors: [{ messageId: 'singleValuedKey', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringNotEqualsIfExists'], line: 9, column: 9, message: /aws:RequestedRegion is single-valued .* Use StringNotEqualsIfExists instead\.$/ }],
    },
    {
      name: 'ForAllValues in an Allow without a Null guard (ABAC tag keys)',
      code: policy(tagging({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'Owner'] } })),
      errors: [
        {
          messageId: 'forAllValuesWithoutNullGuard',
          path: ['Statement', 0, 'Condition', 'ForAllValues:StringEquals'],
          line: 13,
          column: 9,
          message:
            'ForAllValues:StringEquals on aws:TagKeys in Allow statement "TagInstances" is also true when the request has no aws:TagKeys values, so the statement also allows requests without them. Add "Null": {"aws:TagKeys": "false"} to the statement.',
        },
      ],
    },
    {
      name: 'Null "true", an IfExists ForAnyValue and a tag test with IfExists are no guards',
      code: policy(
        tagging({
          'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': 'team-*' },
          Null: { 'aws:TagKeys': 'true' },
          'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team-name' },
          StringEqualsIfExists: { 'aws:RequestTag/team-name': 'blue' },
        }),
      ),
      errors: [{ messageId: 'forAllValuesWithoutNullGuard', path: ['Statement', 0, 'Condition', 'ForAllValues:StringLikeIfExists'], line: 13, column: 9 }],
    },
    {
      name: 'ForAnyValue with a negated operator in an Allow',
      code: policy(tagging({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['Owner', 'CostCenter'] } })),
      errors: [
        {
          messageId: 'forAnyValueNegated',
          path: ['Statement', 0, 'Condition', 'ForAnyValue:StringNotEquals'],
          line: 13,
          column: 9,
          message:
            'ForAnyValue:StringNotEquals on aws:TagKeys in Allow statement "TagInstances" is true as soon as one request value is not one of "Owner", "CostCenter", so a request that includes a listed value still matches when it carries any other value. Use ForAllValues:StringNotEquals (with a Null guard) to allow only requests without the listed values.',
        },
      ],
    },
    {
      name: 'NotAction statement with two findings',
      code: policy({
        Effect: 'Allow',
        NotAction: 'iam:*',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, 'ForAllValues:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } },
      }),
      errors: [
        { messageId: 'singleValuedKey', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringEquals'], line: 9, column: 9 },
        { messageId: 'forAllValuesWithoutNullGuard', path: ['Statement', 0, 'Condition', 'ForAllValues:StringEquals'], line: 12, column: 9 },
      ],
    },
    {
      name: 'ForAllValues:Null and ForAnyValue:Null, also on a key the data does not document',
      code: policy(tagging({ 'ForAllValues:Null': { 'aws:TagKeys': 'false' }, 'ForAnyValue:Null': { 'example:Labels': 'true' } })),
      errors: [
        { messageId: 'nullWithQualifier', path: ['Statement', 0, 'Condition', 'ForAllValues:Null'], line: 13, column: 9, message: "ForAllValues:Null on aws:TagKeys in statement \"TagInstances\": Null takes no set qualifier; ForAllValues:Null is always true, whatever the request holds. Use Null to test whether the key is present." },
        { messageId: 'nullWithQualifier', path: ['Statement', 0, 'Condition', 'ForAnyValue:Null'], line: 16, column: 9 },
      ],
    },
    {
      name: 's3:prefix in a Deny with StringEquals and in an Allow with StringNotLike',
      code: policy(
        { Sid: 'DenyPrivate', Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringEquals: { 's3:prefix': 'private/' } } },
        { Effect: 'Allow', Action: ['S3:listbucket'], Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringNotLike: { 's3:prefix': ['private/*', 'secret/*'] } } },
      ),
      errors: [
        { messageId: 's3PrefixNegativeContext', path: ['Statement', 0, 'Condition', 'StringEquals', 's3:prefix'], line: 11, column: 11, message: "StringEquals on s3:prefix in Deny statement \"DenyPrivate\" does not stop listing the objects under \"private/\": a request that names a shorter prefix does not match the condition and still lists them. Deny with StringNotLike listing the prefixes to allow instead, so that every other prefix (and none) is denied." },
        { messageId: 's3PrefixNegativeContext', path: ['Statement', 1, 'Condition', 'StringNotLike', 's3:prefix'], line: 23, column: 11 },
      ],
    },
  ],
});
