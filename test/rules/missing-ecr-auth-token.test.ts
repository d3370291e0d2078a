import rule from '../../src/rules/missing-ecr-auth-token.js';
import { policy, ruleTester } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/my-model';
const PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
const pull = { Sid: 'PullImage', Effect: 'Allow', Action: PULL, Resource: REPO };
const token = { Sid: 'AuthToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' };
const set = (identity: string[], extra: object = {}) => [{ name: 'mlspace-notebook', identity, ...extra }];

ruleTester.run(rule, {
  valid: [
    // ecr:BatchGetImage and ecr:PutImage are also plain SigV4 API calls (manifest read/write) that need no token.
    { name: 'manifest API actions alone need no registry token', code: policy({ Effect: 'Allow', Action: ['ecr:Batch*', 'ecr:PutImage'], Resource: REPO }) },
    { name: 'SageMaker execution role: pull on the repository, token on "*"', code: policy(pull, token) },
    { name: 'managed-policy style: token and pull actions together on "*"', code: policy({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', ...PULL], Resource: '*' }) },
    { name: 'ecr:* on "*"', code: policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }) },
    { name: 'token through a wildcard pattern on "*"', code: policy(pull, { Effect: 'Allow', Action: 'ecr:Get*', Resource: '*' }) },
    { name: 'token action in another case', code: policy(pull, { Effect: 'Allow', Action: 'ECR:getauthorizationtoken', Resource: '*' }) },
    { name: 'token through NotAction on "*"', code: policy(pull, { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }) },
    { name: 'token through NotResource that does not exclude "*"', code: policy(pull, { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', NotResource: 'arn:aws:s3:::secret-bucket' }) },
    { name: '"*" as the second Resource entry', code: policy(pull, { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: [REPO, '*'] }) },
    { name: 'token Allow with a condition still counts', code: policy(pull, { ...token, Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }) },
    { name: 'conditioned Deny does not remove the token', code: policy(pull, token, { Effect: 'Deny', Action: 'ecr:GetAuthorizationToken', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'false' } } }) },
    { name: 'Deny scoped to an ARN never matches the token', code: policy(pull, token, { Effect: 'Deny', Action: 'ecr:*', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/prod-*' }) },
    { name: 'no image actions', code: policy({ Effect: 'Allow', Action: ['ecr:DescribeRepositories', 'ecr:ListImages'], Resource: REPO }) },
    { name: 'pull actions denied everywhere are not allowed', code: policy(pull, { Effect: 'Deny', Action: 'ecr:*', Resource: '*' }) },
    { name: 'statement without Resource grants nothing', code: policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage' }) },
    {
      name: 'ECR repository policy (resource policy with Principal) is not judged',
      code: policy({ Sid: 'CodeBuildPull', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: PULL }),
    },
    { name: 'trust policy is not judged', kind: 'trust', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'permissions boundary is a cap, not a grant', kind: 'boundary', code: policy(pull) },
    {
      name: 'policy set: token in notebook.json satisfies pulls in app.json',
      files: { 'app.json': policy(pull), 'notebook.json': policy(token) },
      policySets: set(['app.json', 'notebook.json']),
    },
    {
      name: 'policy set: token listed first, pulls in a later identity policy',
      files: { 'notebook.json': policy(token), 'app.json': policy(pull) },
      policySets: set(['notebook.json', 'app.json']),
    },
  ],
  invalid: [
    {
      name: 'pull actions on the repository without the token',
      code: policy(pull),
      errors: [
        {
          messageId: 'tokenMissing',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          message:
            'ECR pull actions (ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage) are allowed in this policy (first by statement "PullImage"), but ecr:GetAuthorizationToken is not allowed on "*": every image pull fails at run time. Add ecr:GetAuthorizationToken with Resource "*".',
        },
      ],
    },
    {
      name: 'wildcard pull pattern, scalar Action, no Sid',
      code: policy({ Effect: 'Allow', Action: 'ecr:*Layer*', Resource: REPO }),
      errors: [{ messageId: 'tokenMissing', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /\(ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload\) are allowed in this policy \(first by statement 0\)/ }],
    },
    {
      name: 'push action in another case',
      code: policy({ Effect: 'Allow', Action: ['ecr:DescribeImages', 'ECR:initiatelayerupload'], Resource: REPO }),
      errors: [{ messageId: 'tokenMissing', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /^ECR push actions \(ecr:InitiateLayerUpload\) .* every image push fails/ }],
    },
    {
      name: 'ecr:* scoped to a repository covers the token only on an ARN',
      code: policy({ Effect: 'Allow', Action: 'ecr:*', Resource: REPO }),
      errors: [{ messageId: 'tokenMissing', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^ECR pull and push actions/ }],
    },
    {
      name: 'NotAction that excludes only the token',
      code: policy({ Effect: 'Allow', NotAction: 'ecr:GetAuthorizationToken', Resource: REPO }),
      errors: [{ messageId: 'tokenMissing', path: ['Statement', 0, 'NotAction'], line: 6, column: 7 }],
    },
    {
      name: 'pull grant after unrelated statements and a conditioned Deny of the token',
      code: policy(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::models/*' },
        { Effect: 'Allow', Action: ['logs:PutLogEvents', 'ecr:GetDownloadUrlForLayer'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
        { Effect: 'Deny', NotAction: 'ecr:GetAuthorizationToken', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ),
      errors: [{ messageId: 'tokenMissing', path: ['Statement', 1, 'Action', 1], line: 13, column: 9 }],
    },
    {
      name: 'token named in the same statement as the pulls, scoped to the repository',
      code: policy({ Sid: 'Ecr', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', ...PULL], Resource: REPO }),
      errors: [
        {
          messageId: 'tokenOnlyOnArns',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          message:
            'ecr:GetAuthorizationToken is allowed in statement "Ecr" only on "arn:aws:ecr:us-east-1:111122223333:repository/my-model"; it supports no resource ARN, so this grant never matches and the ECR pull actions allowed in this policy (ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage) fail. Move it to a statement with Resource "*".',
          related: [{ line: 9, column: 9, message: 'ECR pull allowed here' }],
        },
      ],
    },
    {
      name: 'two statements grant the token only on ARNs (two findings)',
      code: policy(
        pull,
        { Sid: 'TokenA', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: REPO },
        { Sid: 'TokenB', Effect: 'Allow', Action: ['ecr:getAuthorizationToken'], Resource: ['arn:aws:ecr:*:111122223333:repository/*'] },
      ),
      errors: [
        { messageId: 'tokenOnlyOnArns', path: ['Statement', 1, 'Action'], line: 17, column: 17, message: /statement "TokenA" only on "arn:aws:ecr:us-east-1:111122223333:repository\/my-model"/ },
        { messageId: 'tokenOnlyOnArns', path: ['Statement', 2, 'Action', 0], line: 24, column: 9, message: /statement "TokenB"/ },
      ],
    },
    {
      name: 'token allowed on "*" but denied by an unconditioned Deny',
      code: policy(pull, token, { Sid: 'NoRegistry', Effect: 'Deny', Action: ['ecr:GetAuthorizationToken'], Resource: '*' }),
      errors: [
        {
          messageId: 'tokenDenied',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          message:
            'ECR pull actions (ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage) are allowed in this policy (first by statement "PullImage"), but statement "NoRegistry" of this policy denies ecr:GetAuthorizationToken on "*": every image pull fails.',
          related: [{ line: 24, column: 9, message: 'ecr:GetAuthorizationToken denied here' }],
        },
      ],
    },
    {
      name: 'policy set: no identity policy grants the token',
      files: { 'notebook.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::notebooks/*' }), 'app.json': policy(pull) },
      policySets: set(['notebook.json', 'app.json']),
      errors: [{ messageId: 'tokenMissing', file: 'app.json', path: ['Statement', 0, 'Action', 0], line: 8, column: 9, message: /allowed in policy set "mlspace-notebook" \(first by statement "PullImage"\)/ }],
    },
    {
      name: 'policy set: a boundary granting the token does not count',
      files: { 'app.json': policy(pull), 'boundary.json': policy(token) },
      policySets: set(['app.json'], { boundary: 'boundary.json' }),
      errors: [{ messageId: 'tokenMissing', file: 'app.json', line: 8, column: 9 }],
    },
    {
      name: 'policy set: token scoped to an ARN in another identity policy',
      files: { 'app.json': policy(pull), 'notebook.json': policy({ Sid: 'Token', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/*' }) },
      policySets: set(['app.json', 'notebook.json']),
      errors: [
        { messageId: 'tokenOnlyOnArns', file: 'notebook.json', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /allowed in policy set "mlspace-notebook"/, related: [{ file: 'app.json', line: 8, column: 9 }] },
      ],
    },
    {
      name: 'policy set: unconditioned Deny of the token in another identity policy',
      files: { 'app.json': policy(pull, token), 'guardrail.json': policy({ Sid: 'DenyEcr', Effect: 'Deny', Action: 'ecr:GetAuthorizationToken', NotResource: 'arn:aws:s3:::x' }) },
      policySets: set(['app.json', 'guardrail.json']),
      errors: [{ messageId: 'tokenDenied', file: 'app.json', line: 8, column: 9, message: /statement "DenyEcr" of guardrail\.json denies/, related: [{ file: 'guardrail.json', line: 7, column: 17 }] }],
    },
    {
      name: 'a document outside any policy set is judged alone',
      files: { 'app.json': policy(pull), 'notebook.json': policy(token), 'ci.json': policy({ Effect: 'Allow', Action: ['ecr:InitiateLayerUpload'], Resource: REPO }) },
      policySets: set(['app.json', 'notebook.json']),
      errors: [{ messageId: 'tokenMissing', file: 'ci.json', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: /allowed in this policy/ }],
    },
  ],
});
