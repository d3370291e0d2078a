import rule from '../../src/rules/duplicate-key.js';
import { policy, ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'distinct keys', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
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
  ],
});
