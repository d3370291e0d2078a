import rule from '../../src/rules/json-syntax.js';
import { policy, ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'valid policy', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
    { name: 'leading BOM is accepted', code: '\uFEFF{"Version":"2012-10-17","Statement":[]}' },
  ],
  invalid: [
    { name: 'truncated file', code: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow"', errors: [{ messageId: 'parseError', line: 4, column: 23, message: "Not valid JSON: Expected ',' or '}' but found end of input." }] },
    { name: 'trailing comma', code: '{"Version": "2012-10-17", "Statement": [],}', errors: [{ messageId: 'parseError', line: 1, column: 43, message: "Not valid JSON: Expected a property name after ',' but found '}'." }] },
    { name: 'empty file', code: '', errors: [{ messageId: 'parseError', line: 1, column: 1, message: 'Not valid JSON: Empty document: expected a JSON value.' }] },
    { name: 'single quotes', code: "{'Version': '2012-10-17'}", errors: [{ messageId: 'parseError', line: 1, column: 2 }] },
    { name: 'trailing garbage', code: '{}\n}', errors: [{ messageId: 'parseError', line: 2, column: 1, message: "Not valid JSON: Unexpected '}' after the end of the JSON value." }] },
    { name: 'unreadable file', readError: 'EACCES: permission denied', errors: [{ messageId: 'unreadable', line: 1, column: 1, message: 'The file could not be read: EACCES: permission denied.' }] },
    { name: 'line break inside a string', code: '{"Version": "2012-\n10-17"}', errors: [{ messageId: 'parseError', line: 1, column: 19 }] },
  ],
});
