import rule from '../../src/rules/trust-cross-account-no-condition.js';
import { policy, ruleTester } from '../rule-tester.js';

const VENDOR = 'arn:aws:iam::444455556666:root';
const trust = (AWS: string | string[], Condition?: object, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: { AWS },
  Action: 'sts:AssumeRole',
  ...(Condition ? { Condition } : {}),
  ...extra,
});

ruleTester.run(rule, {
  valid: [
    {
      name: 'third party with an external id (AWS documentation, Statement as an object)',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '444455556666' }, Condition: { StringEquals: { 'sts:ExternalId': 'Unique ID Assigned by Example Corp' } } },
        },
        null,
        2,
      ),
    },
    { name: 'account in knownAccounts', knownAccounts: ['444455556666'], code: policy(trust([VENDOR, '444455556666'])) },
    { name: 'account in trustedAccounts', options: { trustedAccounts: ['444455556666'] }, code: policy(trust(VENDOR)) },
    { name: 'organization condition', code: policy(trust(VENDOR, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })) },
    { name: 'organization path (ForAnyValue:StringLike)', code: policy(trust(VENDOR, { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } })) },
    { name: 'aws:PrincipalArn names the roles', code: policy(trust(VENDOR, { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/deployer' } })) },
    { name: 'source identity set by the other account\'s identity provider', code: policy(trust(VENDOR, { StringLike: { 'sts:SourceIdentity': 'alice@example.com' } }, { Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] })) },
    {
      name: 'IfExists next to a strict external id test',
      code: policy(trust(VENDOR, { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, StringEquals: { 'STS:EXTERNALID': '2f4e8a' } })),
    },
    { name: '{"AWS": "*"} is trust-wildcard-principal\'s finding', code: policy(trust('*')) },
    {
      name: 'Deny of principals outside the organization',
      code: policy(trust(VENDOR), { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
    },
    { name: 'account not a literal id (CloudFormation pseudo parameter, unique id)', code: policy(trust(['arn:aws:iam::${AWS::AccountId}:root', 'AROAEXAMPLEID1234567'])) },
    { name: 'service and web identity principals', code: policy({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'Deny statement', code: policy({ Effect: 'Deny', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' }) },
    { name: 'bucket policy granting another account (not a trust policy)', code: policy({ Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }) },
  ],
  invalid: [
    {
      name: 'another account root without a condition',
      code: policy(trust(VENDOR)),
      errors: [
        {
          messageId: 'crossAccount',
          path: ['Statement', 0, 'Principal', 'AWS'],
          line: 7,
          column: 16,
          endColumn: 48,
          message:
            'Statement 0 allows sts:AssumeRole to account 444455556666 without an sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition; account 444455556666 is not a known account, so it decides who can assume the role.',
        },
      ],
    },
    {
      name: 'bare account id and a role ARN next to a known account (two findings)',
      knownAccounts: ['111122223333'],
      code: policy(trust(['arn:aws:iam::111122223333:role/admin', '777788889999', 'arn:aws:iam::444455556666:role/deployer'], undefined, { Sid: 'Partners' })),
      errors: [
        { messageId: 'crossAccount', path: ['Statement', 0, 'Principal', 'AWS', 1], line: 9, column: 11, message: /^Statement "Partners" allows sts:AssumeRole to account 777788889999 without/ },
        {
          messageId: 'crossAccount',
          path: ['Statement', 0, 'Principal', 'AWS', 2],
          line: 10,
          column: 11,
          message: /^Statement "Partners" allows sts:AssumeRole to arn:aws:iam::444455556666:role\/deployer \(account 444455556666\) without .* account 444455556666 is not a known account/,
        },
      ],
    },
    {
      name: 'StringEqualsIfExists on sts:ExternalId',
      code: policy(trust(VENDOR, { StringEqualsIfExists: { 'sts:ExternalId': 'Unique ID Assigned by Example Corp' } })),
      errors: [
        {
          messageId: 'ineffectiveCondition',
          path: ['Statement', 0, 'Principal', 'AWS'],
          line: 7,
          column: 16,
          message:
            'Statement 0 allows sts:AssumeRole to account 444455556666, and its condition does not limit the trust (StringEqualsIfExists is also true when sts:ExternalId is absent from the request); account 444455556666 is not a known account, so it decides who can assume the role.',
        },
      ],
    },
    {
      name: 'StringLike "*" on sts:ExternalId',
      code: policy(trust(VENDOR, { StringLike: { 'sts:ExternalId': '*' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 7, column: 16, message: /\(StringLike "\*" on sts:ExternalId matches every value\)/ }],
    },
    {
      name: 'StringNotEquals on aws:PrincipalOrgID',
      code: policy(trust(VENDOR, { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 7, column: 16, message: /StringNotEquals on aws:PrincipalOrgID matches every value except "o-a1b2c3d4e5"/ }],
    },
    {
      name: 'ForAllValues on aws:PrincipalOrgPaths without a Null guard',
      code: policy(trust(VENDOR, { 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 7, column: 16, message: /ForAllValues:StringLike is also true when aws:PrincipalOrgPaths is absent or empty/ }],
    },
    {
      name: 'aws:PrincipalAccount, MFA and aws:ResourceOrgID do not limit a foreign account',
      code: policy(
        trust(VENDOR, {
          StringEquals: { 'aws:PrincipalAccount': '444455556666', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        }),
      ),
      errors: [{ messageId: 'crossAccount', line: 7, column: 16 }],
    },
    {
      name: 'a Deny outside an account (aws:PrincipalAccount) does not limit that account',
      code: policy(trust(VENDOR), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } } }),
      errors: [{ messageId: 'crossAccount', line: 7, column: 16 }],
    },
    {
      name: 'assumed-role session principal, TagSession and case-insensitive actions',
      code: policy(trust('arn:aws:sts::444455556666:assumed-role/ci/session', undefined, { Action: ['STS:TagSession', 'sts:assumerole'] })),
      errors: [
        {
          messageId: 'crossAccount',
          line: 7,
          column: 16,
          message: /^Statement 0 allows sts:AssumeRole and sts:TagSession to arn:aws:sts::444455556666:assumed-role\/ci\/session \(account 444455556666\) without/,
        },
      ],
    },
    {
      name: 'NotAction in a trust policy without Resource',
      code: policy({ Effect: 'Allow', Principal: { AWS: VENDOR }, NotAction: 'sts:AssumeRoleWithSAML' }),
      errors: [{ messageId: 'crossAccount', line: 7, column: 16, message: /allows sts:AssumeRole, sts:AssumeRoleWithWebIdentity and sts:TagSession to account 444455556666/ }],
    },
    {
      name: 'kind forced to trust, the statement trusting an OIDC provider too',
      kind: 'trust',
      code: policy({
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', AWS: VENDOR },
        Action: 'sts:AssumeRole',
      }),
      errors: [{ messageId: 'crossAccount', path: ['Statement', 0, 'Principal', 'AWS'], line: 8, column: 16 }],
    },
  ],
});
