import rule from '../../src/rules/duplicate-key.js';
import { policy, ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'distinct keys', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
    {
      name: 'same condition key, different case, in two operator blocks',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' }, StringLike: { 'aws:principaltag/Team': 'data-*' } } }),
    },
    { name: 'distinct condition keys that share a prefix', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1', 'aws:SourceVpce': 'vpce-1' } } }) },
    { name: 'same key in sibling objects', code: '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"B","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}' },
  ],
  invalid: [
    {
      name: 'repeated Statement key drops the first statement',
      code: '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}],\n  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]\n}',
      errors: [{ messageId: 'duplicateKey', path: ['Statement'], line: 4, column: 3, endColumn: 14, related: [{ line: 3, column: 3, message: 'First "Statement" here' }] }],
    },
    {
      name: 'two duplicates in a condition block, compact JSON',
      code: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1","aws:SourceVpce":"vpce-2"},"StringEquals":{}}}}',
      errors: [
        { messageId: 'duplicateKey', path: ['Statement', 'Condition', 'StringEquals', 'aws:SourceVpce'], line: 1, column: 149, message: 'Key "aws:SourceVpce" is repeated (first at line 1); only the last value is kept, the earlier one is silently lost.' },
        { messageId: 'duplicateKey', path: ['Statement', 'Condition', 'StringEquals'], line: 1, column: 176 },
      ],
    },
    {
      name: 'condition key repeated with different case in one block',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:sourcevpce': 'vpce-5e6f7a8b' } } }),
      errors: [
        {
          messageId: 'conditionKeyCase',
          path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:sourcevpce'],
          line: 11,
          column: 11,
          endColumn: 27,
          message:
            'Condition key "aws:sourcevpce" repeats "aws:SourceVpce" (line 10) with different capitalization in the StringEquals block of statement 0; condition key names are case-insensitive, so this is the same key twice. Merge the values under one key.',
          related: [{ line: 10, column: 11, message: 'First "aws:SourceVpce" here' }],
        },
      ],
    },
    {
      name: 'tag keys compare case-insensitively too; an exact repeat stays a JSON duplicate (two findings)',
      code: '{"Version":"2012-10-17","Statement":[{"Sid":"Tags","Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"ForAnyValue:StringEqualsIfExists":{"aws:ResourceTag/Owner":"a","aws:ResourceTag/owner":"b","aws:ResourceTag/Owner":"c"}}}]}',
      errors: [
        { messageId: 'conditionKeyCase', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringEqualsIfExists', 'aws:ResourceTag/owner'], line: 1, column: 180, message: /in the ForAnyValue:StringEqualsIfExists block of statement "Tags"/ },
        { messageId: 'duplicateKey', path: ['Statement', 0, 'Condition', 'ForAnyValue:StringEqualsIfExists', 'aws:ResourceTag/Owner'], line: 1, column: 208 },
      ],
    },
  ],
});
