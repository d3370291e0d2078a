import rule from '../../src/rules/passrole-condition-ifexists.js';
import { policy, ruleTester } from '../rule-tester.js';

const ROLE = 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole';
const passRole = (Condition: object, extra: object = {}) => ({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE, Condition, ...extra });

ruleTester.run(rule, {
  valid: [
    { name: 'StringEquals', code: policy(passRole({ StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } })) },
    { name: 'StringLike with a list', code: policy(passRole({ StringLike: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'] } })) },
    {
      name: 'IfExists next to a strict test on the same key',
      code: policy(passRole({ StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' }, StringLikeIfExists: { 'iam:PassedToService': '*.amazonaws.com' } })),
    },
    { name: 'IfExists on another key', code: policy(passRole({ StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' }, StringEqualsIfExists: { 'aws:RequestTag/team': 'ml' } })) },
    {
      name: 'Deny with StringNotEquals is the right way to exclude',
      code: policy({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEqualsIfExists: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }),
    },
    { name: 'IfExists in a statement without PassRole', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEqualsIfExists: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }) },
    { name: 'boundary is not judged', kind: 'boundary', code: policy(passRole({ StringEqualsIfExists: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } })) },
    { name: 'no condition at all is passrole-without-passed-to-service\'s finding', code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE }) },
  ],
  invalid: [
    {
      name: 'StringEqualsIfExists',
      code: policy(passRole({ StringEqualsIfExists: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } }, { Sid: 'PassRole' })),
      errors: [
        {
          messageId: 'ifExistsOperator',
          path: ['Statement', 0, 'Condition', 'StringEqualsIfExists'],
          line: 9,
          column: 9,
          message:
            'StringEqualsIfExists on iam:PassedToService in statement "PassRole" is also true when the key is absent, so it does not require the role to be passed to "sagemaker.amazonaws.com". Use StringEquals instead.',
        },
      ],
    },
    {
      name: 'ForAnyValue:StringLikeIfExists with a list, condition key in another case, PassRole through iam:*',
      code: policy({ Effect: 'Allow', Action: ['iam:*'], Resource: ROLE, Condition: { 'ForAnyValue:StringLikeIfExists': { 'IAM:PassedToService': ['lambda.amazonaws.com', 'states.amazonaws.com'] } } }),
      errors: [{ messageId: 'ifExistsOperator', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringLikeIfExists'], line: 11, column: 9, message: /passed to "lambda\.amazonaws\.com", "states\.amazonaws\.com"\. Use ForAnyValue:StringLike instead\./ }],
    },
    {
      name: 'StringNotEquals in an Allow',
      code: policy(passRole({ StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } })),
      errors: [
        {
          messageId: 'negatedOperator',
          path: ['Statement', 0, 'Condition', 'StringNotEquals'],
          line: 9,
          column: 9,
          message:
            'StringNotEquals on iam:PassedToService in an Allow (statement 0) lets the role be passed to every service except "ec2.amazonaws.com". Allow with StringEquals on the intended service, or move the exclusion to a Deny statement.',
        },
      ],
    },
    {
      name: 'StringLikeIfExists and StringNotLike together, NotAction (two findings)',
      code: policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*', Condition: { StringLikeIfExists: { 'iam:PassedToService': 'sagemaker.*' }, StringNotLike: { 'iam:PassedToService': 'ec2.*' } } }),
      errors: [
        { messageId: 'ifExistsOperator', path: ['Statement', 0, 'Condition', 'StringLikeIfExists'], line: 9, column: 9 },
        { messageId: 'negatedOperator', path: ['Statement', 0, 'Condition', 'StringNotLike'], line: 12, column: 9 },
      ],
    },
    {
      name: 'ForAllValues does not count as a strict test',
      code: policy(passRole({ 'ForAllValues:StringEquals': { 'iam:PassedToService': 'sagemaker.amazonaws.com' }, StringEqualsIfExists: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } })),
      errors: [{ messageId: 'ifExistsOperator', path: ['Statement', 0, 'Condition', 'StringEqualsIfExists'], line: 12, column: 9 }],
    },
  ],
});
