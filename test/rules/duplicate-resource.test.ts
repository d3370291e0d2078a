import { describe, expect, it } from 'vitest';
import { resourceEntryCovers } from '../../src/iam/resource-pattern.js';
import rule from '../../src/rules/duplicate-resource.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::mlspace-data-111122223333';
const HOME = 'arn:aws:s3:::home-bucket-111122223333/home';

ruleTester.run(rule, {
  valid: [
    { name: 'a bucket and its objects', code: policy({ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: [BUCKET, `${BUCKET}/*`] }) },
    { name: 'scalar Resource', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }) },
    { name: 'ARNs are case-sensitive', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::Reports/*', 'arn:aws:s3:::reports/*'] }) },
    {
      name: 'a variable entry does not cover a named folder, nor the other way round',
      code: policy({ Effect: 'Allow', Action: 's3:*', Resource: [`${HOME}/\${aws:username}/*`, `${HOME}/alice/*`, `${HOME}/shared/*`] }),
    },
    {
      name: 'entries under different variables',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`${HOME}/\${aws:username}/*`, `${HOME}/\${aws:PrincipalTag/team}/*`] }),
    },
    { name: 'the ${*} escape is a literal asterisk, not a wildcard', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`${BUCKET}/\${*}`, `${BUCKET}/report.csv`] }) },
    {
      name: 'the same ARN in another, conditioned statement',
      code: policy(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: [`${BUCKET}/private/*`, BUCKET], Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ),
    },
    { name: 'trust policy: no Resource', code: policy({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      name: 'an ARN listed twice',
      code: policy({ Sid: 'PullImages', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: ['arn:aws:ecr:eu-west-1:111122223333:repository/mlspace/app', 'arn:aws:ecr:eu-west-1:111122223333:repository/mlspace/app'] }),
      errors: [
        {
          messageId: 'duplicate',
          path: ['Statement', 0, 'Resource', 1],
          line: 13,
          column: 9,
          message: 'Resource entry "arn:aws:ecr:eu-west-1:111122223333:repository/mlspace/app" is listed twice in statement "PullImages"; remove it.',
          related: [{ line: 12, column: 9, message: 'First "arn:aws:ecr:eu-west-1:111122223333:repository/mlspace/app" here' }],
        },
      ],
    },
    {
      name: 'an object under the bucket wildcard',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`${BUCKET}/reports/q1.csv`, `${BUCKET}/*`] }),
      errors: [
        {
          messageId: 'coveredByWildcard',
          path: ['Statement', 0, 'Resource', 0],
          line: 8,
          column: 9,
          message: `Resource entry "${BUCKET}/reports/q1.csv" in statement 0 is already covered by "${BUCKET}/*"; remove it (or narrow the wildcard).`,
          related: [{ line: 9, column: 9, message: `"${BUCKET}/*" covers it` }],
        },
      ],
    },
    {
      name: 'everything next to "*" (two findings)',
      code: policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: ['arn:aws:logs:eu-west-1:111122223333:log-group:/aws/sagemaker/*', '*', 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/codebuild/*'] }),
      errors: [
        { messageId: 'coveredByWildcard', path: ['Statement', 0, 'Resource', 0], line: 8, column: 9, related: [{ line: 9, column: 9, message: '"*" covers it' }] },
        { messageId: 'coveredByWildcard', path: ['Statement', 0, 'Resource', 2], line: 10, column: 9, related: [{ line: 9, column: 9 }] },
      ],
    },
    {
      name: 'a per-user folder is inside the whole home prefix',
      code: policy({ Effect: 'Allow', Action: 's3:*', Resource: [`${HOME}/*`, `${HOME}/\${aws:username}/*`] }),
      errors: [{ messageId: 'coveredByWildcard', path: ['Statement', 0, 'Resource', 1], line: 9, column: 9, related: [{ line: 8, column: 9 }], message: /"arn:aws:s3:::home-bucket-111122223333\/home\/\$\{aws:username\}\/\*" in statement 0 is already covered by "arn:aws:s3:::home-bucket-111122223333\/home\/\*"/ }],
    },
    {
      name: 'a file in the user\'s own folder is covered by the same variable',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`${HOME}/\${aws:username}/*`, `${HOME}/\${aws:username}/notes.txt`] }),
      errors: [{ messageId: 'coveredByWildcard', path: ['Statement', 0, 'Resource', 1], line: 9, column: 9, related: [{ line: 8, column: 9 }] }],
    },
    {
      name: 'NotResource in a Deny, listed twice',
      code: policy({ Effect: 'Deny', Action: 's3:*', NotResource: [BUCKET, `${BUCKET}/*`, BUCKET] }),
      errors: [{ messageId: 'duplicate', path: ['Statement', 0, 'NotResource', 2], line: 10, column: 9, message: /^NotResource entry "arn:aws:s3:::mlspace-data-111122223333" is listed twice in statement 0/, related: [{ line: 8, column: 9 }] }],
    },
    {
      name: 'compact JSON, exact columns',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":["arn:aws:sqs:*:111122223333:orders-*","arn:aws:sqs:eu-west-1:111122223333:orders-eu"]}]}',
      errors: [{ messageId: 'coveredByWildcard', path: ['Statement', 0, 'Resource', 1], line: 1, column: 133, endColumn: 179, related: [{ line: 1, column: 95 }] }],
    },
  ],
});

describe('resourceEntryCovers (policy variables are values, not wildcards)', () => {
  const cases: [general: string, specific: string, covers: boolean][] = [
    ['*', 'arn:aws:s3:::b/${aws:username}', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/${aws:username}/x', true],
    ['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:username}/x', true],
    ['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/alice/x', false],
    ['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:userid}/x', false],
    ['arn:aws:s3:::b/a*', 'arn:aws:s3:::b/${aws:username}', false],
    ['arn:aws:s3:::b/?????', 'arn:aws:s3:::b/${aws:username}', false],
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/x', false],
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/${*}', true],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/${*}', true],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/*', false],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    ['arn:aws:s3:::B/*', 'arn:aws:s3:::b/x', false],
    ['arn:aws:sqs:*:111122223333:*', 'arn:aws:sqs:eu-west-1:111122223333:q?', true],
    ['arn:aws:s3:::${BucketName}/*', 'arn:aws:s3:::${BucketName}/x', true],
  ];
  for (const [general, specific, expected] of cases) {
    it(`${general} ${expected ? 'covers' : 'does not cover'} ${specific}`, () => expect(resourceEntryCovers(general, specific)).toBe(expected));
  }
});
