import rule from '../../src/rules/duplicate-principal.js';
import { policy, ruleTester } from '../rule-tester.js';

const ROLE = 'arn:aws:iam::111122223333:role/Deployer';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/Deployer/ci-run';

ruleTester.run(rule, {
  valid: [
    { name: 'distinct principals of each type', code: policy({ Effect: 'Allow', Principal: { AWS: ['111122223333', ROLE], Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'the same value under two type keys', code: policy({ Effect: 'Allow', Principal: { AWS: '111122223333', Federated: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
    { name: 'a session of another role', code: policy({ Effect: 'Allow', Principal: { AWS: [ROLE, 'arn:aws:sts::111122223333:assumed-role/Reader/ci-run'] }, Action: 'sts:AssumeRole' }) },
    { name: 'a session of the same role name in another account', code: policy({ Effect: 'Allow', Principal: { AWS: [ROLE, 'arn:aws:sts::444455556666:assumed-role/Deployer/ci-run'] }, Action: 'sts:AssumeRole' }) },
    {
      name: 'NotPrincipal must list the session with its role (AWS documentation)',
      code: policy({ Effect: 'Deny', NotPrincipal: { AWS: [ROLE, SESSION, 'arn:aws:iam::111122223333:root'] }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }),
    },
    { name: 'the same principal in two statements', code: policy({ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'sts:TagSession' }) },
    { name: 'Principal "*"', code: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
  ],
  invalid: [
    {
      name: 'assumed-role session listed with its role (Access Analyzer example)',
      code: policy({ Sid: 'Deploy', Effect: 'Allow', Principal: { AWS: [ROLE, SESSION] }, Action: 'sts:AssumeRole' }),
      errors: [
        {
          messageId: 'sessionOfListedRole',
          path: ['Statement', 0, 'Principal', 'AWS', 1],
          line: 10,
          column: 11,
          message:
            'Assumed-role session "arn:aws:sts::111122223333:assumed-role/Deployer/ci-run" in statement "Deploy" is already covered by its role "arn:aws:iam::111122223333:role/Deployer", listed in the same element: naming a role covers every session of it. Remove the session.',
          related: [{ line: 9, column: 11, message: 'Role "arn:aws:iam::111122223333:role/Deployer" here' }],
        },
      ],
    },
    {
      name: 'session listed before its role (with a path), and a repeated role (two findings)',
      code: policy({ Effect: 'Allow', Principal: { AWS: [SESSION, 'arn:aws:iam::111122223333:role/ci/Deployer', 'arn:aws:iam::111122223333:role/ci/Deployer'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
      errors: [
        { messageId: 'sessionOfListedRole', path: ['Statement', 0, 'Principal', 'AWS', 0], line: 8, column: 11 },
        { messageId: 'duplicate', path: ['Statement', 0, 'Principal', 'AWS', 2], line: 10, column: 11, message: 'AWS principal "arn:aws:iam::111122223333:role/ci/Deployer" repeats "arn:aws:iam::111122223333:role/ci/Deployer" in statement 0; remove it.' },
      ],
    },
    {
      name: 'account id and its root ARN in a bucket policy',
      code: policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root', '444455556666'] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
      errors: [
        {
          messageId: 'duplicate',
          path: ['Statement', 0, 'Principal', 'AWS', 1],
          line: 9,
          column: 11,
          message: 'AWS principal "444455556666" repeats "arn:aws:iam::444455556666:root" in statement 0 (an account id and its root ARN name the same account); remove it.',
        },
      ],
    },
    {
      name: 'service principal in another case, scalar list in NotPrincipal',
      code: policy({ Effect: 'Deny', NotPrincipal: { Service: ['cloudtrail.amazonaws.com', 'CloudTrail.amazonaws.com'] }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail/*' }),
      errors: [{ messageId: 'duplicate', path: ['Statement', 0, 'NotPrincipal', 'Service', 1], line: 9, column: 11, message: /\(service principal names ignore case\); remove it\.$/ }],
    },
    {
      name: 'everything next to "AWS": "*"',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333","*"]},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:q","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:t"}}}]}',
      errors: [
        {
          messageId: 'coveredByWildcard',
          path: ['Statement', 0, 'Principal', 'AWS', 0],
          line: 1,
          column: 76,
          message: 'AWS principal "111122223333" in statement 0 is already covered by "*" (every AWS principal) in the same element; remove it, or replace "*" with the principals you mean.',
        },
      ],
    },
  ],
});
