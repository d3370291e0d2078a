import rule from '../../src/rules/trust-service-mismatch.js';
import { policy, ruleTester } from '../rule-tester.js';

const SAGEMAKER = 'sagemaker.amazonaws.com';
const app = policy({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*' });
const notebookRole = { name: 'mlspace-notebook', identity: ['app.json'], trust: 'trust.json', trustedService: SAGEMAKER };
const trustCase = (trust: string) => ({ files: { 'app.json': app, 'trust.json': trust }, policySets: [notebookRole] });

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
        { messageId: 'serviceNotTrusted', file: 'notebook-trust.json', path: ['Statement', 0, 'Principal'], line: 6, column: 20, message: /which policy set notebook requires \(it trusts ec2.amazonaws.com\)/ },
        { messageId: 'notAssumable', file: 'build-trust.json', path: ['Statement', 0, 'Action'], line: 9, column: 17, message: /^Statement 0 trusts codebuild.amazonaws.com but allows sts:AssumeRoleWithSAML, not sts:AssumeRole/ },
      ],
    },
  ],
});
