import rule from '../../src/rules/json-syntax.js';
import { policy, ruleTester } from '../rule-tester.js';

/** A minimal `terraform show -json` plan whose policy depends on a value known only after apply. */
const COMPUTED_PLAN = JSON.stringify(
  {
    format_version: '1.2',
    planned_values: {
      root_module: { resources: [{ address: 'aws_iam_policy.app', mode: 'managed', type: 'aws_iam_policy', name: 'app', values: { name: 'app' } }] },
    },
    resource_changes: [
      {
        address: 'aws_iam_policy.app',
        mode: 'managed',
        type: 'aws_iam_policy',
        name: 'app',
        change: { actions: ['create'], after: { name: 'app' }, after_unknown: { arn: true, policy: true } },
      },
    ],
  },
  null,
  2,
);

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
    {
      name: 'broken YAML template says YAML',
      files: { 'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Role: [\n    Type: x\n' },
      errors: [{ messageId: 'parseError', file: 'template.yaml', line: 5, column: 1, message: /^Not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/ }],
    },
    { name: 'unreadable file', readError: 'EACCES: permission denied', errors: [{ messageId: 'unreadable', line: 1, column: 1, message: 'The file could not be read: EACCES: permission denied.' }] },
    {
      name: 'Terraform plan: policy computed at apply time',
      files: { 'plan.json': COMPUTED_PLAN },
      errors: [
        {
          messageId: 'uncheckable',
          file: 'plan.json',
          line: 33,
          column: 11,
          message: 'The policy could not be checked: aws_iam_policy.app policy is computed at apply time (known after apply).',
        },
      ],
    },
    { name: 'line break inside a string', code: '{"Version": "2012-\n10-17"}', errors: [{ messageId: 'parseError', line: 1, column: 19 }] },
  ],
});
