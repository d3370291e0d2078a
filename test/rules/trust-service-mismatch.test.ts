import rule from '../../src/rules/trust-service-mismatch.js';
import { policy, ruleTester } from '../rule-tester.js';

const SAGEMAKER = 'sagemaker.amazonaws.com';
const app = policy({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*' });
const notebookRole = { name: 'mlspace-notebook', identity: ['app.json'], trust: 'trust.json', trustedService: SAGEMAKER };
const trustCase = (trust: string) => ({ files: { 'app.json': app, 'trust.json': trust }, policySets: [notebookRole] });
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const SAML = 'arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider';
const ROLES_ANYWHERE = 'rolesanywhere.amazonaws.com';
const anywhereCondition = { ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' } };

ruleTester.run(rule, {
  valid: [
    {
      name: 'SageMaker execution role trust (AWS documentation)',
      ...trustCase(policy({ Effect: 'Allow', Principal: { Service: SAGEMAKER }, Action: 'sts:AssumeRole' })),
    },
    {
      name: 'service listed among others, different case, with confused-deputy conditions and TagSession',
      ...trustCase(
        policy({
          Effect: 'Allow',
          Principal: { Service: ['codebuild.amazonaws.com', 'SageMaker.amazonaws.com'] },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        }),
      ),
    },
    {
      name: 'sts:* and a second statement for a web identity',
      ...trustCase(
        policy(
          { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
          { Effect: 'Allow', Principal: { Service: SAGEMAKER }, Action: 'sts:*' },
        ),
      ),
    },
    {
      name: 'wildcard principal (another rule reports it)',
      ...trustCase(policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })),
    },
    {
      name: 'conditioned Deny (...IfExists) does not certainly block',
      ...trustCase(
        policy(
          { Effect: 'Allow', Principal: { Service: SAGEMAKER }, Action: 'sts:AssumeRole' },
          { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEqualsIfExists: { 'aws:SourceAccount': '111122223333' } } },
        ),
      ),
    },
    {
      name: 'Deny aimed at other principals (NotPrincipal names the service)',
      ...trustCase(
        policy(
          { Effect: 'Allow', Principal: { Service: SAGEMAKER }, Action: 'sts:AssumeRole' },
          { Effect: 'Deny', NotPrincipal: { Service: SAGEMAKER }, Action: 'sts:AssumeRole' },
        ),
      ),
    },
    {
      name: 'set without trustedService',
      files: { 'app.json': app, 'trust.json': policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
      policySets: [{ name: 'ec2', identity: ['app.json'], trust: 'trust.json' }],
    },
    {
      name: 'each principal with its own call (SAML, OIDC, account, service)',
      code: policy(
        { Effect: 'Allow', Principal: { Federated: SAML }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } },
        { Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'STS:assumerolewithwebidentity' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/Deployer', Service: 'lambda.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] },
      ),
    },
    { name: 'Cognito identity pool (bare provider name)', code: policy({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }) },
    { name: 'mixed principals, each finds its call among the actions', code: policy({ Effect: 'Allow', Principal: { AWS: '444455556666', Federated: GITHUB }, Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'] }) },
    { name: 'action wildcards fit every caller', code: policy({ Effect: 'Allow', Principal: { Federated: SAML }, Action: ['sts:AssumeRole*'] }) },
    { name: 'a separate statement that only allows session tags', code: policy({ Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:TagSession' }) },
    { name: 'Federated value of unknown kind is not judged', code: policy({ Effect: 'Allow', Principal: { Federated: 'example.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'identity policy allowing sts:AssumeRoleWithSAML (no Principal)', code: policy({ Effect: 'Allow', Action: 'sts:AssumeRoleWithSAML', Resource: '*' }) },
    {
      name: 'Roles Anywhere trust (AWS documentation)',
      code: policy({ Effect: 'Allow', Principal: { Service: ROLES_ANYWHERE }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Condition: anywhereCondition }),
    },
    {
      name: 'Roles Anywhere actions split over two statements, sts:* in one',
      code: policy(
        { Effect: 'Allow', Principal: { Service: 'RolesAnywhere.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Service: ROLES_ANYWHERE }, Action: 'sts:*', Condition: anywhereCondition },
      ),
    },
    {
      name: 'set without a trust document',
      files: { 'app.json': app },
      policySets: [{ name: 'mlspace', identity: ['app.json'], trustedService: SAGEMAKER }],
    },
  ],
  invalid: [
    {
      name: 'trusts another service (list)',
      ...trustCase(policy({ Sid: 'CodeBuild', Effect: 'Allow', Principal: { Service: ['codebuild.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' })),
      errors: [
        {
          messageId: 'serviceNotTrusted',
          file: 'trust.json',
          path: ['Statement', 0, 'Principal'],
          line: 7,
          column: 20,
          endLine: 12,
          endColumn: 8,
          message: 'Trust policy trust.json does not trust sagemaker.amazonaws.com, which policy set mlspace-notebook requires (it trusts codebuild.amazonaws.com, ec2.amazonaws.com); the service cannot assume the role.',
        },
      ],
    },
    {
      name: 'trusts an account, not a service (scalar)',
      ...trustCase(policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' })),
      errors: [{ messageId: 'serviceNotTrusted', path: ['Statement', 0, 'Principal'], line: 6, column: 20, message: /\(it trusts no service principal\)/ }],
    },
    {
      name: 'only a Deny statement: reported at the statement',
      ...trustCase(policy({ Effect: 'Deny', Principal: { Service: SAGEMAKER }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })),
      errors: [{ messageId: 'serviceNotTrusted', path: ['Statement', 0], line: 4, column: 5 }],
    },
    {
      name: 'trusted, but only for web identity',
      ...trustCase(policy({ Sid: 'Web', Effect: 'Allow', Principal: { Service: SAGEMAKER }, Action: 'sts:AssumeRoleWithWebIdentity' })),
      errors: [
        {
          messageId: 'notAssumable',
          path: ['Statement', 0, 'Action'],
          line: 10,
          column: 17,
          endColumn: 48,
          message: 'Statement "Web" trusts sagemaker.amazonaws.com but allows sts:AssumeRoleWithWebIdentity, not sts:AssumeRole; the service cannot assume the role.',
        },
      ],
    },
    {
      name: 'NotAction that excludes sts:AssumeRole (case-insensitive)',
      ...trustCase(policy({ Effect: 'Allow', Principal: { Service: SAGEMAKER }, NotAction: ['STS:assumerole'] })),
      errors: [{ messageId: 'notAssumable', path: ['Statement', 0, 'NotAction'], line: 9, column: 7, message: /allows every action except STS:assumerole, not sts:AssumeRole/ }],
    },
    {
      name: 'explicitly denied, with the trusting principal as related location',
      ...trustCase(
        policy(
          { Sid: 'Trust', Effect: 'Allow', Principal: { Service: SAGEMAKER }, Action: 'sts:AssumeRole' },
          { Sid: 'Lockdown', Effect: 'Deny', Principal: '*', Action: ['sts:TagSession', 'sts:AssumeRole'] },
        ),
      ),
      errors: [
        {
          messageId: 'assumeDenied',
          path: ['Statement', 1, 'Action', 1],
          line: 18,
          column: 9,
          message: 'Statement "Lockdown" denies sts:AssumeRole to sagemaker.amazonaws.com, which policy set mlspace-notebook requires; an explicit Deny always wins, so the service cannot assume the role.',
          related: [{ file: 'trust.json', line: 8, column: 20, message: 'Statement "Trust" trusts sagemaker.amazonaws.com here' }],
        },
      ],
    },
    {
      name: 'two roles, two trust policies, two findings',
      files: {
        'app.json': app,
        'notebook-trust.json': policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        'build-trust.json': policy({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRoleWithSAML' }),
      },
      policySets: [
        { name: 'notebook', identity: ['app.json'], trust: 'notebook-trust.json', trustedService: SAGEMAKER },
        { name: 'build', identity: ['app.json'], trust: 'build-trust.json', trustedService: 'codebuild.amazonaws.com' },
      ],
      errors: [
        // Results come in file path order: build-trust.json before notebook-trust.json.
        { messageId: 'notAssumable', file: 'build-trust.json', path: ['Statement', 0, 'Action'], line: 9, column: 17, message: /^Statement 0 trusts codebuild.amazonaws.com but allows sts:AssumeRoleWithSAML, not sts:AssumeRole/ },
        { messageId: 'serviceNotTrusted', file: 'notebook-trust.json', path: ['Statement', 0, 'Principal'], line: 6, column: 20, message: /which policy set notebook requires \(it trusts ec2.amazonaws.com\)/ },
      ],
    },
    {
      name: 'OIDC provider with sts:AssumeRole',
      code: policy({ Sid: 'GitHub', Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRole' }),
      errors: [
        {
          messageId: 'mismatchedAction',
          path: ['Statement', 0, 'Action'],
          line: 10,
          column: 17,
          message:
            '"sts:AssumeRole" in statement "GitHub" fits none of its principals (the OIDC provider "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"): only AWS principals (accounts, users, roles) and service principals can call sts:AssumeRole, so this entry never matches a request.',
        },
      ],
    },
    {
      name: 'account with sts:AssumeRoleWithWebIdentity and SAML (two findings, case kept)',
      code: policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root', '777788889999'] }, Action: ['sts:assumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession'] }),
      errors: [
        { messageId: 'mismatchedAction', path: ['Statement', 0, 'Action', 0], line: 13, column: 9, message: /^"sts:assumeRoleWithWebIdentity" in statement 0 fits none of its principals \(2 AWS principals\): only a Federated OIDC provider/ },
        { messageId: 'mismatchedAction', path: ['Statement', 0, 'Action', 1], line: 14, column: 9, message: /^"sts:AssumeRoleWithSAML" in statement 0 fits none of its principals \(2 AWS principals\): only a Federated SAML provider \(arn:aws:iam::<account>:saml-provider\/<name>\) can call/ },
      ],
    },
    {
      name: 'Deny written with the wrong call denies nothing',
      kind: 'trust',
      code: policy(
        { Effect: 'Allow', Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithSAML' },
        { Effect: 'Deny', Principal: { Federated: SAML }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'SAML:sub_type': 'persistent' } } },
      ),
      errors: [{ messageId: 'mismatchedAction', path: ['Statement', 1, 'Action'], line: 16, column: 17, message: /^"sts:AssumeRole" in statement 1 fits none of its principals \(the SAML provider/ }],
    },
    {
      name: 'mixed principals: the OIDC provider finds no call',
      code: policy({ Sid: 'Mixed', Effect: 'Allow', Principal: { AWS: '444455556666', Service: 'ecs-tasks.amazonaws.com', Federated: GITHUB }, Action: 'sts:AssumeRole' }),
      errors: [
        {
          messageId: 'principalCannotAssume',
          path: ['Statement', 0, 'Principal', 'Federated'],
          line: 10,
          column: 22,
          message:
            'OIDC provider "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" in statement "Mixed" assumes a role with sts:AssumeRoleWithWebIdentity, which the statement does not allow (it allows sts:AssumeRole); this principal cannot assume the role through it.',
        },
      ],
    },
    {
      name: 'NotAction excluding the SAML call, resource-detected statement without Resource',
      code: policy({ Effect: 'Allow', Principal: { Federated: SAML }, NotAction: 'sts:AssumeRoleWithSAML' }),
      errors: [{ messageId: 'principalCannotAssume', path: ['Statement', 0, 'Principal', 'Federated'], line: 7, column: 22, message: /^SAML provider ".*" in statement 0 assumes a role with sts:AssumeRoleWithSAML, which the statement does not allow \(it allows sts:AssumeRole and sts:AssumeRoleWithWebIdentity\)/ }],
    },
    {
      name: 'Roles Anywhere without session tags and source identity',
      code: policy({ Sid: 'RolesAnywhere', Effect: 'Allow', Principal: { Service: ROLES_ANYWHERE }, Action: 'sts:AssumeRole', Condition: anywhereCondition }),
      errors: [
        {
          messageId: 'rolesAnywhereActions',
          path: ['Statement', 0, 'Principal', 'Service'],
          line: 8,
          column: 20,
          message:
            'Statement "RolesAnywhere" trusts rolesanywhere.amazonaws.com without sts:SetSourceIdentity and sts:TagSession: IAM Roles Anywhere assumes the role with sts:AssumeRole and always sets the source identity and session tags, so it needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession, and creating sessions fails.',
        },
      ],
    },
    {
      name: 'Roles Anywhere listed with another service, TagSession only missing',
      code: policy({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', ROLES_ANYWHERE] }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }),
      errors: [{ messageId: 'rolesAnywhereActions', path: ['Statement', 0, 'Principal', 'Service', 1], line: 9, column: 11, message: /^Statement 0 trusts rolesanywhere.amazonaws.com without sts:TagSession:/ }],
    },
  ],
});
