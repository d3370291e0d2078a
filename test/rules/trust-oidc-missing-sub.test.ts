import rule from '../../src/rules/trust-oidc-missing-sub.js';
import { policy, ruleTester } from '../rule-tester.js';

const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const EKS_ID = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const EKS = `arn:aws:iam::111122223333:oidc-provider/${EKS_ID}`;
const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';
const webIdentity = (Federated: string | string[], Condition?: object, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: { Federated },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(Condition ? { Condition } : {}),
  ...extra,
});
const github = (sub: object) => webIdentity(GITHUB, { StringEquals: { [AUD]: 'sts.amazonaws.com' }, ...sub });

ruleTester.run(rule, {
  valid: [
    {
      name: 'GitHub documentation (StringLike repo:org/repo:*), branch wildcards accepted by option',
      options: { ignoreBranchWildcards: true },
      code: policy(github({ StringLike: { [SUB]: 'repo:octo-org/octo-repo:*' } })),
    },
    { name: 'GitHub, one branch (StringLike without a wildcard)', code: policy(github({ StringLike: { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/main' } })) },
    { name: 'GitHub, StringEquals takes "*" literally', code: policy(webIdentity(GITHUB, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org/octo-repo:*' } })) },
    {
      name: 'GitHub, a repository wildcard ANDed with a pinned environment',
      code: policy(webIdentity(GITHUB, { StringLike: { [SUB]: 'repo:octo-org/*' }, StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org/octo-repo:environment:prod' } })),
    },
    {
      name: 'IAM documentation (StringEquals on aud and sub)',
      code: policy(webIdentity(GITHUB, { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:GitHubOrg/GitHubRepo:ref:refs/heads/GitHubBranch' } })),
    },
    { name: 'GitHub, a list of subjects', code: policy(github({ StringLike: { [SUB]: ['repo:octo-org/app:environment:prod', 'repo:octo-org/infra:ref:refs/heads/main'] } })) },
    {
      name: 'a broad pattern ANDed with a strict one',
      code: policy(github({ StringLike: { [SUB]: 'repo:*' }, 'ForAnyValue:StringEquals': { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/main' } })),
    },
    { name: 'IfExists next to a strict test', code: policy(github({ StringLikeIfExists: { [SUB]: '*' }, StringLike: { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/main' } })) },
    {
      name: 'EKS IRSA (AWS documentation)',
      code: policy(webIdentity(EKS, { StringEquals: { [`${EKS_ID}:sub`]: 'system:serviceaccount:default:my-service-account', [`${EKS_ID}:aud`]: 'sts.amazonaws.com' } })),
    },
    { name: 'EKS, every service account of one namespace', code: policy(webIdentity(EKS, { StringLike: { [`${EKS_ID}:sub`]: 'system:serviceaccount:payments:*' } })) },
    {
      name: 'Cognito identity pool, authenticated identities (Cognito documentation)',
      code: policy(
        webIdentity('cognito-identity.amazonaws.com', {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456790ab' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }, { Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }),
      ),
    },
    { name: 'Google with the client id', code: policy(webIdentity('accounts.google.com', { StringEquals: { 'accounts.google.com:aud': '123456789012-abcdefg.apps.googleusercontent.com' } })) },
    {
      name: 'GitLab project',
      code: policy(webIdentity('arn:aws:iam::111122223333:oidc-provider/gitlab.com', { StringLike: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' } })),
    },
    { name: 'SAML provider (not web identity)', code: policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider' }, Action: 'sts:AssumeRoleWithSAML' }) },
    { name: 'OIDC provider trusted for sts:AssumeRole only', code: policy(webIdentity(GITHUB, undefined, { Action: 'sts:AssumeRole' })) },
    { name: 'Deny statement', code: policy({ Effect: 'Deny', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity' }) },
  ],
  invalid: [
    {
      name: 'GitHub without conditions (two findings at the provider)',
      code: policy(webIdentity(GITHUB)),
      errors: [
        {
          messageId: 'missingAud',
          path: ['Statement', 0, 'Principal', 'Federated'],
          line: 7,
          column: 22,
          message:
            'Statement 0 allows sts:AssumeRoleWithWebIdentity to GitHub Actions tokens without a condition on token.actions.githubusercontent.com:aud: a token minted for any audience can assume the role. Require token.actions.githubusercontent.com:aud = "sts.amazonaws.com".',
        },
        {
          messageId: 'missingSub',
          path: ['Statement', 0, 'Principal', 'Federated'],
          line: 7,
          column: 22,
          message:
            'Statement 0 allows sts:AssumeRoleWithWebIdentity to GitHub Actions tokens without a condition on token.actions.githubusercontent.com:sub: a workflow in any GitHub repository can assume the role. Require token.actions.githubusercontent.com:sub = "repo:<owner>/<repo>:…".',
        },
      ],
    },
    {
      name: 'StringLike with a bare "*" subject',
      code: policy(github({ StringLike: { [SUB]: '*' } })),
      errors: [
        {
          messageId: 'ineffectiveSub',
          line: 7,
          column: 22,
          message:
            'Statement 0 allows sts:AssumeRoleWithWebIdentity to GitHub Actions tokens, but its condition on token.actions.githubusercontent.com:sub does not restrict the subject (StringLike "*" on token.actions.githubusercontent.com:sub matches every value): a workflow in any GitHub repository can assume the role.',
        },
      ],
    },
    {
      name: 'StringLikeIfExists subject',
      code: policy(github({ StringLikeIfExists: { [SUB]: 'repo:octo-org/octo-repo:*' } })),
      errors: [{ messageId: 'ineffectiveSub', line: 7, column: 22, message: /\(StringLikeIfExists is also true when token.actions.githubusercontent.com:sub is absent from the request\)/ }],
    },
    {
      name: 'ForAllValues:StringLike subject',
      code: policy(github({ 'ForAllValues:StringLike': { [SUB]: 'repo:octo-org/octo-repo:*' } })),
      errors: [{ messageId: 'ineffectiveSub', line: 7, column: 22, message: /ForAllValues:StringLike is also true when token.actions.githubusercontent.com:sub is absent or empty/ }],
    },
    {
      name: 'StringNotLike subject',
      code: policy(github({ StringNotLike: { [SUB]: 'repo:octo-org/untrusted:*' } })),
      errors: [{ messageId: 'ineffectiveSub', line: 7, column: 22, message: /StringNotLike on token.actions.githubusercontent.com:sub matches every value except "repo:octo-org\/untrusted:\*"/ }],
    },
    {
      name: 'repo:* admits every repository owner',
      code: policy(github({ StringLike: { [SUB]: 'repo:*' } })),
      errors: [
        {
          messageId: 'broadSub',
          line: 7,
          column: 22,
          message:
            'Statement 0 allows sts:AssumeRoleWithWebIdentity to GitHub Actions tokens whose subject matches StringLike "repo:*", which admits workflows of repositories of any owner. Name the repository owner (repo:<owner>/<repo>:…) in token.actions.githubusercontent.com:sub.',
        },
      ],
    },
    {
      name: 'an owner prefix (repo:octo-org*) also matches other owners',
      code: policy(github({ StringLike: { [SUB]: ['repo:octo-org/app:*', 'repo:octo-org*'] } })),
      errors: [{ messageId: 'broadSub', line: 7, column: 22, message: /matches StringLike "repo:octo-org\*", which admits workflows of repositories of any owner/ }],
    },
    {
      name: 'audience with IfExists',
      code: policy(webIdentity(GITHUB, { StringEqualsIfExists: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:octo-org/octo-repo:environment:prod' } })),
      errors: [
        {
          messageId: 'missingAud',
          line: 7,
          column: 22,
          message:
            'Statement 0 allows sts:AssumeRoleWithWebIdentity to GitHub Actions tokens with a condition on token.actions.githubusercontent.com:aud that does not restrict it (StringEqualsIfExists is also true when token.actions.githubusercontent.com:aud is absent from the request): a token minted for any audience can assume the role. Require token.actions.githubusercontent.com:aud = "sts.amazonaws.com".',
        },
      ],
    },
    {
      name: 'GitHub documentation pattern repo:org/repo:* leaves the branch open',
      code: policy(github({ StringLike: { [SUB]: 'repo:octo-org/octo-repo:*' } })),
      errors: [
        {
          messageId: 'wildcardSub',
          path: ['Statement', 0, 'Principal', 'Federated'],
          line: 7,
          column: 22,
          message:
            'Statement 0 allows sts:AssumeRoleWithWebIdentity to GitHub Actions tokens whose subject matches StringLike "repo:octo-org/octo-repo:*": the wildcard admits workflows of octo-org/octo-repo on every branch, tag, environment or pull request that the pattern matches. Name the repository and branch (or environment) in token.actions.githubusercontent.com:sub, for example "repo:octo-org/octo-repo:ref:refs/heads/main".',
        },
      ],
    },
    {
      name: 'every repository of one owner, keys in another case, reported even with ignoreBranchWildcards',
      options: { ignoreBranchWildcards: true },
      code: policy(webIdentity(GITHUB, { StringLike: { 'Token.Actions.GitHubUserContent.com:SUB': 'repo:octo-org/*', 'token.actions.githubusercontent.com:AUD': 'sts.amazonaws.com' } })),
      errors: [
        {
          messageId: 'wildcardSub',
          line: 7,
          column: 22,
          message: /matches StringLike "repo:octo-org\/\*": the wildcard admits workflows of every repository of octo-org that the pattern matches\. .* for example "repo:octo-org\/<repo>:ref:refs\/heads\/main"\.$/,
        },
      ],
    },
    {
      name: 'the most open value of a list decides (values are ORed), branch pattern with ?',
      code: policy(github({ StringLike: { [SUB]: ['repo:octo-org/app:environment:prod', 'repo:octo-org/infra:ref:refs/heads/release-?', 'repo:octo-org/app-*:ref:refs/heads/main'] } })),
      errors: [{ messageId: 'wildcardSub', line: 7, column: 22, message: /matches StringLike "repo:octo-org\/app-\*:ref:refs\/heads\/main": the wildcard admits workflows of every repository of octo-org/ }],
    },
    {
      name: 'an owner-wide pattern ANDed with a branch wildcard (the narrower entry is named)',
      code: policy(github({ StringLike: { [SUB]: 'repo:*' }, 'ForAnyValue:StringLike': { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/*' } })),
      errors: [{ messageId: 'wildcardSub', line: 7, column: 22, message: /matches ForAnyValue:StringLike "repo:octo-org\/octo-repo:ref:refs\/heads\/\*": the wildcard admits workflows of octo-org\/octo-repo on every branch/ }],
    },
    {
      name: 'customized subject claim with a wildcard',
      code: policy(github({ StringLike: { [SUB]: 'repository_owner_id:123456:repository_id:*' } })),
      errors: [{ messageId: 'wildcardSub', line: 7, column: 22, message: /the wildcard admits every subject that the pattern matches\. .* for example "repo:<owner>\/<repo>:ref:refs\/heads\/main"\.$/ }],
    },
    {
      name: 'EKS with the audience only',
      code: policy(webIdentity(EKS, { StringEquals: { [`${EKS_ID}:aud`]: 'sts.amazonaws.com' } })),
      errors: [{ messageId: 'missingSub', line: 7, column: 22, message: /to the EKS cluster OIDC provider tokens without a condition on oidc.eks.us-west-2.amazonaws.com\/id\/EXAMPLED539D4633E53DE1B71EXAMPLE:sub: any service account of the cluster/ }],
    },
    {
      name: 'EKS, every namespace',
      code: policy(webIdentity(EKS, { StringLike: { [`${EKS_ID}:sub`]: 'system:serviceaccount:*' } })),
      errors: [{ messageId: 'broadSub', line: 7, column: 22, message: /which admits service accounts of any namespace of the cluster\. Name the namespace/ }],
    },
    {
      name: 'Cognito without amr',
      code: policy(webIdentity('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456790ab' } })),
      errors: [
        {
          messageId: 'missingAmr',
          line: 7,
          column: 22,
          endColumn: 54,
          message:
            'Statement 0 allows sts:AssumeRoleWithWebIdentity to Amazon Cognito identities without a condition on cognito-identity.amazonaws.com:amr: unauthenticated (guest) identities of the pool can assume the role. Require cognito-identity.amazonaws.com:amr = "authenticated" (ForAnyValue:StringLike).',
        },
      ],
    },
    {
      name: 'Cognito without any condition, sts:* (two findings)',
      code: policy(webIdentity('cognito-identity.amazonaws.com', undefined, { Action: 'sts:*' })),
      errors: [
        { messageId: 'missingAmr', line: 7, column: 22 },
        { messageId: 'missingAud', line: 7, column: 22, message: /without a condition on cognito-identity.amazonaws.com:aud: an identity of any Cognito identity pool in any account can assume the role/ },
      ],
    },
    {
      name: 'Google without the client id, case-insensitive action',
      code: policy(webIdentity('accounts.google.com', undefined, { Action: 'STS:assumerolewithwebidentity' })),
      errors: [{ messageId: 'missingAud', line: 7, column: 22, message: /to Google tokens without a condition on accounts.google.com:aud: a Google user signed in to any application/ }],
    },
    {
      name: 'two providers in one principal list (two findings)',
      code: policy(webIdentity([GITHUB, 'arn:aws:iam::111122223333:oidc-provider/oidc.example.com'], { StringEquals: { [AUD]: 'sts.amazonaws.com' } }, { Sid: 'Ci' })),
      errors: [
        { messageId: 'missingSub', path: ['Statement', 0, 'Principal', 'Federated', 0], line: 8, column: 11, message: /^Statement "Ci" allows .* GitHub Actions tokens/ },
        {
          messageId: 'missingSub',
          path: ['Statement', 0, 'Principal', 'Federated', 1],
          line: 9,
          column: 11,
          message: /to the OIDC provider oidc.example.com tokens without a condition on oidc.example.com:sub: any identity the OIDC provider oidc.example.com issues tokens for can assume the role/,
        },
      ],
    },
    {
      name: 'NotAction in a trust policy without Resource, kind forced to trust',
      kind: 'trust',
      code: policy({ Effect: 'Allow', Principal: { Federated: GITHUB }, NotAction: 'sts:AssumeRole', Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' } } }),
      errors: [{ messageId: 'missingSub', line: 7, column: 22 }],
    },
  ],
});
