import rule from '../../src/rules/allow-not-principal.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'];

ruleTester.run(rule, {
  valid: [
    {
      name: 'Deny with NotPrincipal (Parliament test_notprincipal_allow 1)',
      code: policy({ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] }, Action: 's3:*', Resource: BUCKET }),
    },
    { name: 'named principal', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/Bob' }, Action: 's3:GetObject', Resource: BUCKET[1] }) },
    { name: 'Principal "*" is public-access\'s finding', code: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: BUCKET[1] }) },
    { name: 'identity policy', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET[1] }) },
    { name: 'NotPrincipal "*" excludes everyone and grants nothing', code: policy({ Effect: 'Allow', NotPrincipal: '*', Action: 's3:GetObject', Resource: BUCKET[1] }) },
  ],
  invalid: [
    {
      name: 'Allow with NotPrincipal (Parliament test_notprincipal_allow 2)',
      code: policy({ Effect: 'Allow', NotPrincipal: { AWS: ['arn:aws:iam::444455556666:user/Bob'] }, Action: 's3:*', Resource: BUCKET }),
      errors: [
        {
          messageId: 'allowNotPrincipal',
          path: ['Statement', 0, 'NotPrincipal'],
          line: 6,
          column: 7,
          endColumn: 21,
          message:
            'Statement 0 allows s3:* on arn:aws:s3:::BUCKETNAME and arn:aws:s3:::BUCKETNAME/* to every principal except arn:aws:iam::444455556666:user/Bob, anonymous requesters and every other AWS account included.',
        },
      ],
    },
    {
      name: 'scalar principal, compact JSON, mixed-case action',
      code: '{"Version":"2012-10-17","Statement":[{"Sid":"AllButOne","Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/blocked"},"Action":"SQS:sendmessage","Resource":"arn:aws:sqs:us-east-1:111122223333:orders"}]}',
      errors: [
        {
          messageId: 'allowNotPrincipal',
          path: ['Statement', 0, 'NotPrincipal'],
          line: 1,
          column: 74,
          message:
            'Statement "AllButOne" allows SQS:sendmessage on arn:aws:sqs:us-east-1:111122223333:orders to every principal except arn:aws:iam::111122223333:role/blocked, anonymous requesters and every other AWS account included.',
        },
      ],
    },
    {
      name: 'a condition on who is named, the finding stays',
      code: policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/intern' }, Action: 's3:GetObject', Resource: BUCKET[1], Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }),
      errors: [
        {
          messageId: 'allowNotPrincipalConditioned',
          path: ['Statement', 0, 'NotPrincipal'],
          line: 6,
          column: 7,
          message:
            'Statement 0 allows s3:GetObject on arn:aws:s3:::BUCKETNAME/* to every principal except arn:aws:iam::111122223333:user/intern that meets its conditions on aws:PrincipalAccount; name the principals in Principal instead.',
        },
      ],
    },
    {
      name: 'IfExists on aws:PrincipalOrgID and aws:SecureTransport do not limit who: plain message',
      code: policy({
        Effect: 'Allow',
        NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/intern' },
        Action: 's3:GetObject',
        Resource: BUCKET[1],
        Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, Bool: { 'aws:SecureTransport': 'true' } },
      }),
      errors: [{ messageId: 'allowNotPrincipal', path: ['Statement', 0, 'NotPrincipal'], line: 6, column: 7 }],
    },
    {
      name: 'two statements, a service list and a trust policy',
      code: policy(
        { Effect: 'Allow', NotPrincipal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
      ),
      kind: 'trust',
      errors: [
        {
          messageId: 'allowNotPrincipal',
          path: ['Statement', 0, 'NotPrincipal'],
          line: 6,
          column: 7,
          message: /^Statement 0 allows sts:AssumeRole on the policy's own resource to every principal except ec2\.amazonaws\.com and lambda\.amazonaws\.com, /,
        },
        { messageId: 'allowNotPrincipal', path: ['Statement', 1, 'NotPrincipal'], line: 16, column: 7 },
      ],
    },
  ],
});
