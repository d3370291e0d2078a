import rule from '../../src/rules/ecr-push-incomplete.js';
import { policy, ruleTester } from '../rule-tester.js';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/build-images';
const PUSH = ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];
const token = { Sid: 'AuthToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' };
const set = (identity: string[], extra: object = {}) => [{ name: 'codebuild-publisher', identity, ...extra }];

ruleTester.run(rule, {
  valid: [
    { name: 'CodeBuild push policy: all five push actions plus the token', code: policy({ Sid: 'PushImage', Effect: 'Allow', Action: PUSH, Resource: REPO }, token) },
    { name: 'pull only', code: policy({ Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: REPO }, token) },
    { name: 'ecr:* on a repository', code: policy({ Effect: 'Allow', Action: 'ecr:*', Resource: REPO }) },
    { name: 'push actions through wildcards and another case', code: policy({ Effect: 'Allow', Action: ['ecr:*LayerUpload', 'ECR:uploadlayerpart', 'ecr:PutImage', 'ecr:BatchCheck*'], Resource: REPO }) },
    { name: 'push actions split over statements', code: policy({ Effect: 'Allow', Action: PUSH.slice(1), Resource: REPO }, { Effect: 'Allow', Action: 'ecr:BatchCheckLayerAvailability', Resource: '*' }) },
    { name: 'conditioned Deny does not remove a push action', code: policy({ Effect: 'Allow', Action: PUSH, Resource: REPO }, { Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'ml' } } }) },
    { name: 'NotAction covering every push action', code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'ecr:DeleteRepository'], Resource: REPO }) },
    { name: 'repository policy with Principal is not judged', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/ci' }, Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload'] }) },
    { name: 'boundary is not judged', kind: 'boundary', code: policy({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }) },
    {
      name: 'policy set: push actions completed by another identity policy',
      files: { 'app.json': policy({ Effect: 'Allow', Action: PUSH.slice(1), Resource: REPO }), 'shared.json': policy({ Effect: 'Allow', Action: 'ecr:BatchCheckLayerAvailability', Resource: REPO }, token) },
      policySets: set(['app.json', 'shared.json']),
    },
  ],
  invalid: [
    {
      name: 'PutImage missing',
      code: policy({ Sid: 'PushImage', Effect: 'Allow', Action: PUSH.slice(0, 4), Resource: REPO }, token),
      errors: [
        {
          messageId: 'incompletePush',
          path: ['Statement', 0, 'Action', 1],
          line: 9,
          column: 9,
          message:
            'This policy allows ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:BatchCheckLayerAvailability (first in statement "PushImage") but not ecr:PutImage: an image push needs all of ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage, ecr:BatchCheckLayerAvailability. Add the missing actions on the same repositories.',
        },
      ],
    },
    {
      name: 'only PutImage, in another case, scalar',
      code: policy({ Effect: 'Allow', Action: 'ECR:putimage', Resource: REPO }),
      errors: [{ messageId: 'incompletePush', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^This policy allows ecr:PutImage \(first in statement 0\) but not ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:BatchCheckLayerAvailability:/ }],
    },
    {
      name: 'wildcard covering only the layer-upload start and end',
      code: policy({ Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:*LayerUpload'], Resource: REPO }),
      errors: [{ messageId: 'incompletePush', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /allows ecr:InitiateLayerUpload, ecr:CompleteLayerUpload .* but not ecr:UploadLayerPart, ecr:PutImage, ecr:BatchCheckLayerAvailability:/ }],
    },
    {
      name: 'unconditioned Deny removes PutImage everywhere',
      code: policy({ Effect: 'Allow', Action: PUSH, Resource: REPO }, { Sid: 'Immutable', Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' }),
      errors: [{ messageId: 'incompletePush', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /but not ecr:PutImage:/ }],
    },
    {
      name: 'NotAction excluding PutImage',
      code: policy({ Effect: 'Allow', NotAction: ['ecr:PutImage', 'ecr:Delete*'], Resource: REPO }),
      errors: [{ messageId: 'incompletePush', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: /but not ecr:PutImage:/ }],
    },
    {
      name: 'two documents, one finding each',
      files: {
        'a.json': policy({ Effect: 'Allow', Action: 'ecr:InitiateLayerUpload', Resource: REPO }),
        'b.json': policy({ Effect: 'Allow', Action: 'ecr:Get*', Resource: '*' }, { Effect: 'Allow', Action: ['ecr:CompleteLayerUpload', 'ecr:PutImage'], Resource: REPO }),
      },
      errors: [
        { messageId: 'incompletePush', file: 'a.json', path: ['Statement', 0, 'Action'], line: 6, column: 17 },
        { messageId: 'incompletePush', file: 'b.json', path: ['Statement', 1, 'Action', 0], line: 12, column: 9 },
      ],
    },
    {
      name: 'policy set: still incomplete across identity policies; boundary does not complete it',
      files: {
        'shared.json': policy(token),
        'app.json': policy({ Effect: 'Allow', Action: ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], Resource: REPO }),
        'boundary.json': policy({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }),
      },
      policySets: set(['shared.json', 'app.json'], { boundary: 'boundary.json' }),
      errors: [{ messageId: 'incompletePush', file: 'app.json', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: /^Policy set "codebuild-publisher" allows .* but not ecr:PutImage, ecr:BatchCheckLayerAvailability:/ }],
    },
  ],
});
