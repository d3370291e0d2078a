import rule from '../../src/rules/policy-structure.js';
import { policy, ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'complete identity policy', code: policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }) },
    { name: 'trust policy without Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'NotAction with NotResource', code: policy({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:iam::111122223333:role/x' }) },
    { name: 'missing Resource allowed by option', code: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets' }), options: { requireResourceInIdentity: false } },
    { name: 'condition values of every scalar type', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 10 } } }) },
  ],
  invalid: [
    { name: 'array at top level that is not statements', code: '[1, 2]', errors: [{ messageId: 'notObject', line: 1, column: 1, message: 'A policy must be a JSON object, found an array.' }] },
    { name: 'no Statement', code: '{"Version": "2012-10-17"}', errors: [{ messageId: 'missingStatement', line: 1, column: 1 }] },
    { name: 'Statement is a string', code: '{"Version": "2012-10-17", "Statement": "Allow"}', errors: [{ messageId: 'statementType', path: ['Statement'], column: 40 }] },
    { name: 'statement entry is not an object', code: '{"Version": "2012-10-17", "Statement": [42]}', errors: [{ messageId: 'statementNotObject', path: ['Statement', 0], column: 41 }] },
    { name: 'lower-case element names', code: '{"version": "2012-10-17", "Statement": [{"Effect": "Allow", "action": "s3:GetObject", "Action": "s3:GetObject", "Resource": "*"}]}', errors: [{ messageId: 'unknownElement', path: ['version'], column: 2 }, { messageId: 'unknownStatementElement', path: ['Statement', 0, 'action'], column: 61 }] },
    { name: 'Version is a number', code: '{"Version": 2012, "Statement": []}', errors: [{ messageId: 'wrongType', path: ['Version'], column: 13, message: 'Version must be a string, found a number.' }, { messageId: 'emptyElement', path: ['Statement'], column: 32 }] },
    {
      name: 'missing Effect and Action, wrong Effect casing elsewhere',
      code: policy({ Resource: '*' }, { Effect: 'allow', Action: 's3:GetObject', Resource: '*' }),
      errors: [
        { messageId: 'missingElement', path: ['Statement', 0], line: 4, column: 5, message: 'Statement 0 has no Action or NotAction element.' },
        { messageId: 'missingElement', path: ['Statement', 0], line: 4, column: 5, message: 'Statement 0 has no Effect element.' },
        { messageId: 'invalidEffect', path: ['Statement', 1, 'Effect'], line: 8, column: 17 },
      ],
    },
    { name: 'Action and NotAction together', code: policy({ Effect: 'Allow', Action: 's3:*', NotAction: 's3:DeleteBucket', Resource: '*' }), errors: [{ messageId: 'bothElements', path: ['Statement', 0, 'NotAction'], line: 7, column: 7 }] },
    { name: 'number inside Action list', code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 7], Resource: '*' }), errors: [{ messageId: 'wrongType', path: ['Statement', 0, 'Action', 1], line: 8, column: 9 }] },
    { name: 'bare statement fragment', code: '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}', errors: [{ messageId: 'fragment', line: 1, column: 1, message: 'This is a single statement, not a policy: it lacks the Version and Statement elements around it.' }] },
    { name: 'identity statement without Resource', code: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets' }), errors: [{ messageId: 'missingResource', path: ['Statement', 0], line: 4, column: 5 }] },
  ],
});
