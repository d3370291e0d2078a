import rule from '../../src/rules/trust-wildcard-principal.js';
import { policy, ruleTester } from '../rule-tester.js';

const anyone = (Condition?: object, extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}), ...extra });
const anyAws = (Condition?: object, extra: object = {}) => ({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}), ...extra });
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

ruleTester.run(rule, {
  valid: [
    { name: 'one account trusted', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }) },
    { name: 'organization condition', code: policy(anyone({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })) },
    { name: 'organization path with ForAnyValue:StringLike', code: policy(anyAws({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } })) },
    { name: 'ForAllValues with a Null guard', code: policy(anyAws({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' }, Null: { 'aws:PrincipalOrgPaths': 'false' } })) },
    { name: 'aws:PrincipalAccount list', code: policy(anyone({ StringEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } })) },
    { name: 'aws:PrincipalArn pinned to an account, key in another case', code: policy(anyone({ ArnLike: { 'AWS:PrincipalARN': 'arn:aws:iam::111122223333:role/ci-*' } })) },
    {
      name: 'IfExists next to a strict identity test (conditions are ANDed)',
      code: policy(anyone({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })),
    },
    { name: 'a service acting for your account (aws:SourceAccount)', code: policy(anyone({ StringEquals: { 'aws:SourceAccount': '111122223333' } })) },
    {
      name: 'web identity with a subject condition',
      code: policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } } }),
    },
    { name: 'Deny statement', code: policy({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) },
    { name: 'NotPrincipal is allow-not-principal\'s finding', code: policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }) },
    { name: 'wildcard in an account ARN is invalid-principal\'s finding', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 'sts:AssumeRole' }) },
    { name: 'bucket policy with Principal "*" (not a trust policy)', code: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }) },
    { name: 'identity policy that assumes roles', code: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) },
    { name: 'trust statement for another action only', code: policy({ Effect: 'Allow', Principal: '*', Action: 'sts:SetSourceIdentity' }) },
    {
      name: 'allow broadly, deny outsiders of the organization',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
        { Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ),
    },
  ],
  invalid: [
    {
      name: 'Principal "*" without a condition',
      code: policy(anyone()),
      errors: [
        {
          messageId: 'wildcardPrincipal',
          path: ['Statement', 0, 'Principal'],
          line: 6,
          column: 20,
          endColumn: 23,
          message: 'Statement 0 allows sts:AssumeRole to any principal ("Principal": "*") with no condition on who: anyone who knows the role ARN can assume the role.',
        },
      ],
    },
    {
      name: '{"AWS": "*"} with Sid, TagSession and case-insensitive actions',
      code: policy({ Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['STS:assumerole', 'sts:tagsession'] }),
      errors: [
        {
          messageId: 'wildcardPrincipal',
          path: ['Statement', 0, 'Principal', 'AWS'],
          line: 8,
          column: 16,
          message: 'Statement "Open" allows sts:AssumeRole and sts:TagSession to any principal ({"AWS": "*"}) with no condition on who: anyone who knows the role ARN can assume the role.',
        },
      ],
    },
    {
      name: 'StringEqualsIfExists on aws:PrincipalOrgID, wildcard in a principal list',
      code: policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      errors: [
        {
          messageId: 'ineffectiveCondition',
          path: ['Statement', 0, 'Principal', 'AWS', 1],
          line: 9,
          column: 11,
          message:
            'Statement 0 allows sts:AssumeRole to any principal ({"AWS": "*"}), and its condition does not limit who: StringEqualsIfExists is also true when aws:PrincipalOrgID is absent from the request. Anyone who knows the role ARN can assume the role.',
        },
      ],
    },
    {
      name: 'ForAllValues:StringLike on aws:PrincipalOrgPaths without a Null guard',
      code: policy(anyone({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } })),
      errors: [{ messageId: 'ineffectiveCondition', path: ['Statement', 0, 'Principal'], line: 6, column: 20, message: /ForAllValues:StringLike is also true when aws:PrincipalOrgPaths is absent or empty/ }],
    },
    {
      name: 'StringNotEquals aws:PrincipalOrgID admits everyone outside the organization',
      code: policy(anyone({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 6, column: 20, message: /StringNotEquals on aws:PrincipalOrgID matches every value except "o-a1b2c3d4e5"/ }],
    },
    {
      name: 'StringLike with a bare "*" and a principal ARN in any account',
      code: policy(anyone({ StringLike: { 'aws:PrincipalOrgID': '*' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 6, column: 20, message: /StringLike "\*" on aws:PrincipalOrgID matches every value\. / }],
    },
    {
      name: 'ArnLike aws:PrincipalArn with a wildcard account',
      code: policy(anyAws({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 7, column: 16, message: /ArnLike "arn:aws:iam::\*:role\/deployer" on aws:PrincipalArn matches that name in every account/ }],
    },
    {
      name: 'external id and source IP narrow the request, not the requester',
      code: policy(anyone({ StringEquals: { 'sts:ExternalId': 'Unique ID Assigned by Example Corp' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })),
      errors: [
        {
          messageId: 'notIdentifying',
          path: ['Statement', 0, 'Principal'],
          line: 6,
          column: 20,
          message:
            'Statement 0 allows sts:AssumeRole to any principal ("Principal": "*"); its conditions on sts:ExternalId, aws:SourceIp narrow the request but not who makes it. Add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn.',
        },
      ],
    },
    {
      name: 'aws:ResourceAccount describes the role, not the caller',
      code: policy(anyAws({ StringEquals: { 'aws:ResourceAccount': '111122223333' } })),
      errors: [{ messageId: 'notIdentifying', line: 7, column: 16, message: /its conditions on aws:ResourceAccount narrow the request/ }],
    },
    {
      name: 'web identity for any provider with only an audience condition (sts:*)',
      code: policy({ Effect: 'Allow', Principal: '*', Action: 'sts:*', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }),
      errors: [
        {
          messageId: 'notIdentifying',
          line: 6,
          column: 20,
          message: /^Statement 0 allows sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML and sts:TagSession to any principal/,
        },
      ],
    },
    {
      name: 'NotAction in a trust policy without Resource',
      code: policy({ Effect: 'Allow', Principal: '*', NotAction: 'sts:TagSession' }),
      errors: [{ messageId: 'wildcardPrincipal', line: 6, column: 20, message: /^Statement 0 allows sts:AssumeRole, sts:AssumeRoleWithWebIdentity and sts:AssumeRoleWithSAML to any principal/ }],
    },
    {
      name: 'two open statements next to a safe one (two findings)',
      code: policy(
        { Sid: 'GitHub', Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity' },
        anyone(undefined, { Sid: 'Anyone' }),
        anyAws({ StringEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' } }, { Sid: 'AnyAccount' }),
      ),
      errors: [
        { messageId: 'wildcardPrincipal', path: ['Statement', 1, 'Principal'], line: 14, column: 20, message: /^Statement "Anyone" allows/ },
        { messageId: 'ineffectiveCondition', path: ['Statement', 2, 'Principal', 'AWS'], line: 21, column: 16, message: /^Statement "AnyAccount" allows .*StringEqualsIfExists is also true when aws:PrincipalAccount is absent/ },
      ],
    },
    {
      name: 'a Deny of outsiders that other conditions narrow, or that misses an allowed action',
      code: policy(
        anyone(undefined, { Action: ['sts:AssumeRole', 'sts:TagSession'] }),
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, Bool: { 'aws:SecureTransport': 'false' } } },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ),
      errors: [{ messageId: 'wildcardPrincipal', line: 6, column: 20, message: /allows sts:AssumeRole and sts:TagSession to any principal/ }],
    },
    {
      name: 'kind forced to trust',
      kind: 'trust',
      code: policy(anyone(undefined, { Action: 'sts:AssumeRoleWithSAML' })),
      errors: [{ messageId: 'wildcardPrincipal', line: 6, column: 20, message: /allows sts:AssumeRoleWithSAML to any principal/ }],
    },
  ],
});
