import rule from '../../src/rules/redundant-condition.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const tagging = (Condition: object, extra: object = {}) => ({ Sid: 'TagInstances', Effect: 'Allow', Action: ['ec2:CreateTags'], Resource: 'arn:aws:ec2:*:111122223333:instance/*', Condition, ...extra });

ruleTester.run(rule, {
  valid: [
    {
      name: 'patterns with literal text, Null tests, single numeric bounds',
      code: policy({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [BUCKET, `${BUCKET}/*`],
        Condition: {
          StringLike: { 's3:prefix': ['home/*', ''] },
          ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' },
          Null: { 's3:prefix': 'false' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
        },
      }),
    },
    {
      name: '* under operators that compare literally, and numeric equality with several values',
      code: policy({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': '*' }, NumericEquals: { 's3:max-keys': ['10', '100'] } } }),
    },
    {
      name: 'set-qualified numeric bounds and ignoreKeys',
      code: policy(tagging({ 'ForAnyValue:NumericLessThan': { 'aws:MultiFactorAuthAge': ['60', '3600'] }, StringLike: { 'aws:RequestTag/team': '*' } })),
      options: { ignoreKeys: ['aws:RequestTag/*'] },
    },
  ],
  invalid: [
    {
      name: 'StringLike "*" (and ForAnyValue:StringLike) amount to Null false',
      code: policy(tagging({ StringLike: { 'aws:RequestTag/team': '*' }, 'ForAnyValue:StringLike': { 'aws:TagKeys': ['team', '*'] } })),
      errors: [
        { messageId: 'equivalentToNullFalse', path: ['Statement', 0, 'Condition', 'StringLike', 'aws:RequestTag/team'], line: 13, column: 11, message: "StringLike \"*\" on aws:RequestTag/team in statement \"TagInstances\" only tests that the key is present: replace it with \"Null\": {\"aws:RequestTag/team\": \"false\"}." },
        { messageId: 'equivalentToNullFalse', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringLike', 'aws:TagKeys'], line: 16, column: 11 },
      ],
    },
    {
      name: 'StringNotLike "*" and ArnNotLikeIfExists "*" amount to Null true',
      code: policy({ Sid: 'DenyTagged', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/*`, Condition: { StringNotLike: { 'aws:ResourceTag/retention': '*' }, ArnNotLikeIfExists: { 'aws:SourceArn': '**' } } }),
      errors: [
        { messageId: 'equivalentToNullTrue', path: ['Statement', 0, 'Condition', 'StringNotLike', 'aws:ResourceTag/retention'], line: 11, column: 11, message: "StringNotLike \"*\" on aws:ResourceTag/retention in statement \"DenyTagged\" only tests that the key is absent: replace it with \"Null\": {\"aws:ResourceTag/retention\": \"true\"}." },
        { messageId: 'equivalentToNullTrue', path: ['Statement', 0, 'Condition', 'ArnNotLikeIfExists', 'aws:SourceArn'], line: 14, column: 11 },
      ],
    },
    {
      name: 'StringLikeIfExists "*" and ForAllValues:StringLike "*" are always true',
      code: policy(tagging({ StringLikeIfExists: { 'aws:RequestTag/team': '*' }, 'ForAllValues:StringLike': { 'aws:TagKeys': '*' } })),
      errors: [
        { messageId: 'alwaysMatches', path: ['Statement', 0, 'Condition', 'StringLikeIfExists', 'aws:RequestTag/team'], line: 13, column: 11, message: "The key aws:RequestTag/team under StringLikeIfExists in statement \"TagInstances\" is always matched (\"*\" matches every value, and the operator is also true without the key): the entry restricts nothing. Remove it." },
        { messageId: 'alwaysMatches', path: ['Statement', 0, 'Condition', 'ForAllValues:StringLike', 'aws:TagKeys'], line: 16, column: 11 },
      ],
    },
    {
      name: 'ForAnyValue:StringNotLike "*" never matches, in a trust policy',
      code: policy({
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP' },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { 'ForAnyValue:StringNotLike': { 'aws:TagKeys': '*' } },
      }),
      kind: 'trust',
      errors: [
        { messageId: 'neverMatches', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringNotLike', 'aws:TagKeys'], line: 15, column: 11, message: "The key aws:TagKeys under ForAnyValue:StringNotLike in statement 0 does not match any request (\"*\" matches every value, so no value is outside it): the condition is never true and the statement never applies." },
      ],
    },
    {
      name: 'several bounds under NumericLessThan and NumericGreaterThanEquals (the Access Analyzer example)',
      code: policy(
        { Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } } },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { NumericGreaterThanEquals: { 's3:max-keys': [10, 5, 20] } } },
      ),
      errors: [
        { messageId: 'redundantNumericValues', path: ['Statement', 0, 'Condition', 'NumericLessThan', 'aws:MultiFactorAuthAge'], line: 10, column: 37, message: "Multiple values in NumericLessThan on aws:MultiFactorAuthAge in statement 0 are redundant: the values are ORed, so the greatest one (3600) decides alone. Keep only 3600." },
        { messageId: 'redundantNumericValues', path: ['Statement', 1, 'Condition', 'NumericGreaterThanEquals', 's3:max-keys'], line: 23, column: 26 },
      ],
    },
  ],
});
