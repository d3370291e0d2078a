import rule from '../../src/rules/unknown-action.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/my-model';

ruleTester.run(rule, {
  valid: [
    {
      name: 'known actions in any case',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 'ECR:putimage', 'iam:listusers', 'SageMaker:CreateTrainingJob'], Resource: '*' }),
    },
    { name: 'service wildcards and * are never unknown', code: policy({ Effect: 'Allow', Action: ['s3:*', 'ecr:**', '*', '*:*'], Resource: '*' }) },
    { name: 'wildcards that match actions', code: policy({ Effect: 'Allow', Action: ['s3:Get*', 'ecr:Batch?etImage', '*:GetObject', 's3*:List*'], Resource: '*' }) },
    { name: 'unknown services and malformed entries are left to unknown-service', code: policy({ Effect: 'Allow', Action: ['s4:GetObject', 's3GetObject', 'zz*:Foo'], Resource: '*' }) },
    {
      name: 'trust policy actions',
      code: policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }),
      kind: 'trust',
    },
    { name: 'Deny NotAction with known actions', code: policy({ Effect: 'Deny', NotAction: ['iam:ChangePassword', 'sts:GetCallerIdentity'], Resource: '*' }) },
    {
      name: 'ignoreActions accepts actions newer than the data',
      code: policy({ Effect: 'Allow', Action: ['bedrock:InvokeBrandNewThing', 'bedrock:NewFeature*'], Resource: '*' }),
      options: { ignoreActions: ['bedrock:InvokeBrandNew*', 'BEDROCK:newfeature*'] },
    },
  ],
  invalid: [
    {
      name: 'compact JSON: retired action without a close name',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:list","Resource":"*"}]}',
      errors: [
        {
          messageId: 'unknownAction',
          path: ['Statement', 0, 'Action'],
          line: 1,
          column: 65,
          endColumn: 75,
          message: '"iam:list" in statement 0: AWS Identity and Access Management (IAM) has no action "list", so the entry matches nothing.',
        },
      ],
    },
    {
      name: 'every unknown entry is reported, not only the first',
      code: policy({ Sid: 'Pull', Effect: 'Allow', Action: ['ecr:BatchGetImages', 'ecr:GetDownloadUrlForLayer', 'ECR:putimages'], Resource: REPO }),
      errors: [
        {
          messageId: 'unknownActionSuggestion',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          endColumn: 29,
          message:
            '"ecr:BatchGetImages" in statement "Pull": Amazon Elastic Container Registry (ecr) has no action "BatchGetImages", so the entry matches nothing. Did you mean "ecr:BatchGetImage"?',
        },
        { messageId: 'unknownActionSuggestion', path: ['Statement', 0, 'Action', 2], line: 10, column: 9, message: /has no action "putimages", .* Did you mean "ecr:PutImage"\?$/ },
      ],
    },
    {
      name: 'wildcards that match nothing',
      code: policy({ Effect: 'Allow', Action: ['s3:Get*Foo', 's3*:Foo*', '*:NoSuchThing'], Resource: '*' }),
      errors: [
        {
          messageId: 'unknownPattern',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          message: '"s3:Get*Foo" in statement 0 matches no action of Amazon S3 (s3), so the entry matches nothing.',
        },
        { messageId: 'unknownPattern', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /matches no action of any service matching "s3\*"/ },
        { messageId: 'unknownPattern', path: ['Statement', 0, 'Action', 2], line: 9, column: 9, message: /matches no action of any service, so/ },
      ],
    },
    {
      name: 'Deny NotAction with a typo excludes nothing',
      code: policy({ Effect: 'Deny', NotAction: ['iam:ChangePasword', 'sts:GetCallerIdentity'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
      errors: [{ messageId: 'unknownActionSuggestion', path: ['Statement', 0, 'NotAction', 0], line: 7, column: 9, message: /Did you mean "iam:ChangePassword"\?$/ }],
    },
    {
      name: 'trust policy with a misspelled sts action',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRol' }),
      kind: 'trust',
      errors: [{ messageId: 'unknownActionSuggestion', path: ['Statement', 0, 'Action'], line: 9, column: 17, message: /Did you mean "sts:AssumeRole"\?$/ }],
    },
    {
      name: 'bucket policy with a plural typo',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['s3:GetObjects'], Resource: `${BUCKET}/*` }),
      errors: [{ messageId: 'unknownActionSuggestion', path: ['Statement', 0, 'Action', 0], line: 10, column: 9, message: /^"s3:GetObjects" in statement 0: Amazon S3 \(s3\) has no action "GetObjects", .* Did you mean "s3:GetObject"\?$/ }],
    },
    {
      name: 'ignoreActions leaves other entries reported',
      code: policy({ Effect: 'Allow', Action: ['bedrock:InvokeBrandNewThing', 'sagemaker:CreateTrainingJobs'], Resource: '*' }),
      options: { ignoreActions: ['bedrock:*'] },
      errors: [{ messageId: 'unknownActionSuggestion', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: /Did you mean "sagemaker:CreateTrainingJob"\?$/ }],
    },
  ],
});
