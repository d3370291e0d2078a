import { describe, expect, it } from 'vitest';
import { compactSize } from '../../src/iam/policy-size.js';
import { parseJson } from '../../src/parsers/json.js';
import rule from '../../src/rules/policy-size.js';
import { ruleTester } from '../rule-tester.js';

interface Statement {
  Sid?: string;
  [key: string]: unknown;
}

/**
 * A policy whose compact JSON (no white space outside strings) is exactly `size` characters:
 * the first statement's Sid is padded. Pretty-printed unless `compact`.
 */
function policyOfSize(size: number, statements: readonly Statement[], options: { compact?: boolean; version?: boolean } = {}): string {
  const build = (pad: number) => ({
    ...(options.version === false ? {} : { Version: '2012-10-17' }),
    Statement: statements.map((s, i) => (i === 0 ? { Sid: `Padding${'X'.repeat(pad)}`, ...s } : s)),
  });
  const pad = size - JSON.stringify(build(0)).length;
  if (pad < 0) throw new Error(`statements alone are ${size - pad} characters, more than ${size}`);
  const doc = build(pad);
  if (JSON.stringify(doc).length !== size) throw new Error('size mismatch');
  return options.compact ? JSON.stringify(doc) : JSON.stringify(doc, null, 2);
}

const buckets = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::mlspace-project-${String(i).padStart(3, '0')}-111122223333/*`);
const readBuckets = (n: number): Statement => ({ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: buckets(n) });
const accounts = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(100000000000 + i * 7919)}:root`);
const SERVICES = ['iam', 'sts', 'organizations', 'support', 'budgets', 'cloudfront', 'route53', 'waf', 'health', 'trustedadvisor', 'ce', 'cur', 'globalaccelerator', 'shield', 'aws-portal'];
const regionDeny = (extra: number): Statement => ({
  Effect: 'Deny',
  NotAction: [...SERVICES.map((s) => `${s}:*`), ...Array.from({ length: extra }, (_, i) => `ec2:Describe${'Thing'.repeat(3)}${i}`)],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, ArnNotLike: { 'aws:PrincipalARN': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' } },
});

ruleTester.run(rule, {
  valid: [
    { name: 'identity policy exactly at 6,144 characters, pretty-printed far beyond (white space is not counted)', code: policyOfSize(6144, [readBuckets(60)]) },
    { name: 'inline role policy within a raised identityLimit', options: { identityLimit: 10240 }, code: policyOfSize(10240, [readBuckets(100)]) },
    { name: 'trust policy within a raised trust quota', options: { trustLimit: 4096 }, code: policyOfSize(4096, [{ Effect: 'Allow', Principal: { AWS: accounts(40) }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'mlspace' } } }]) },
    {
      name: 'KMS key policy over resourceLimit but under the 32 KB key policy quota',
      code: policyOfSize(30000, [{ Effect: 'Allow', Principal: { AWS: accounts(300) }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }]),
    },
    { name: 'pretty-printed SCP within 10,240 characters as written', kind: 'scp', code: JSON.stringify({ Version: '2012-10-17', Statement: [regionDeny(150)] }, null, 2) },
    { name: 'SCP over the quota only through its white space, measured minified on request', kind: 'scp', options: { ignoreOrganizationsWhitespace: true }, code: policyOfSize(10240, [regionDeny(150)]) },
    { name: 'a statement list from the docs is not measured', code: JSON.stringify(Array.from({ length: 80 }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: buckets(1).map((b) => `${b}${i}`) })), null, 2) },
  ],
  invalid: [
    {
      name: 'identity policy one character over, compact JSON',
      code: policyOfSize(6145, [readBuckets(60)], { compact: true }),
      errors: [
        {
          messageId: 'tooLarge',
          path: [],
          line: 1,
          column: 1,
          message: 'The policy is 6,145 characters (not counting white space outside strings), over the 6,144 characters AWS allows for an IAM identity policy; AWS rejects it.',
        },
      ],
    },
    {
      name: 'repeated keys count too (AWS receives both)',
      code: (() => {
        const text = policyOfSize(6100, [readBuckets(60)], { compact: true });
        return `${text.slice(0, -1)},"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`;
      })(),
      errors: [{ messageId: 'tooLarge', line: 1, column: 1, message: /^The policy is 6,163 characters/ }],
    },
    {
      name: 'permissions boundary over the managed-policy quota',
      kind: 'boundary',
      code: policyOfSize(7000, [readBuckets(60), { Effect: 'Deny', Action: 'iam:*', Resource: '*' }]),
      errors: [{ messageId: 'tooLarge', path: [], line: 1, column: 1, message: /^The policy is 7,000 characters \(not counting white space outside strings\), over the 6,144 characters AWS allows for a permissions boundary \(a managed policy\)/ }],
    },
    {
      name: 'cross-account trust policy over the default 2,048 characters',
      code: policyOfSize(2100, [{ Effect: 'Allow', Principal: { AWS: accounts(40) }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'mlspace' } } }]),
      errors: [{ messageId: 'tooLarge', line: 1, column: 1, message: 'The policy is 2,100 characters (not counting white space outside strings), over the 2,048 characters AWS allows for a role trust policy; AWS rejects it.' }],
    },
    {
      name: 'pretty-printed SCP that fits only when minified',
      kind: 'scp',
      code: policyOfSize(10240, [regionDeny(150)]),
      errors: [
        {
          messageId: 'tooLargeWithWhitespace',
          path: [],
          line: 1,
          column: 1,
          message: /^The policy is 1\d,\d{3} characters as written, over the 10,240 characters AWS Organizations allows for a service control policy: .* Without white space outside strings it is 10,240 characters\.$/,
        },
      ],
    },
    {
      name: 'RCP over 5,120 characters even minified',
      kind: 'rcp',
      code: policyOfSize(5200, [{ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' }, Bool: { 'aws:PrincipalIsAWSService': 'false' } } }]),
      errors: [{ messageId: 'tooLarge', line: 1, column: 1, message: /^The policy is 5,\d{3} characters \(as written, white space included\), over the 5,120 characters AWS allows for a resource control policy/ }],
    },
    {
      name: 'S3 bucket policy of 20,420 characters is 20,481 bytes (Latin-1 letters take 2 bytes): over 20 KB',
      code: policyOfSize(20420, [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: buckets(100), Condition: { StringEquals: { 's3:ExistingObjectTag/équipe': 'données-partagées-é'.repeat(20) } } },
      ]),
      errors: [{ messageId: 'tooLarge', line: 1, column: 1, message: 'The policy is 20,481 bytes (not counting white space outside strings), over the 20,480 bytes AWS allows for an S3 bucket policy (every action is s3:…); AWS rejects it.' }],
    },
    {
      name: 'SQS queue policy over 8,192 bytes',
      code: policyOfSize(8193, [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'SQS:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders', Condition: { ArnEquals: { 'aws:SourceArn': accounts(10).map((a) => a.replace(':iam::', ':sns:eu-west-1:').replace(':root', ':orders')) } } }]),
      errors: [{ messageId: 'tooLarge', line: 1, column: 1, message: 'The policy is 8,193 bytes (not counting white space outside strings), over the 8,192 bytes AWS allows for an SQS queue policy (every action is sqs:…); AWS rejects it.' }],
    },
    {
      name: 'resource policy of mixed services over resourceLimit, and an identity policy over its limit (two files)',
      files: {
        'app.json': policyOfSize(6200, [readBuckets(60)]),
        'bucket.json': policyOfSize(25000, [{ Effect: 'Allow', Principal: { AWS: accounts(200) }, Action: ['s3:GetObject', 'kms:Decrypt'], Resource: '*' }]),
      },
      errors: [
        { messageId: 'tooLarge', file: 'app.json', line: 1, column: 1, message: /^The policy is 6,200 characters/ },
        { messageId: 'tooLarge', file: 'bucket.json', line: 1, column: 1, message: /^The policy is 25,000 characters \(not counting white space outside strings\), over the 20,480 characters AWS allows for a resource policy \(option resourceLimit\)/ },
      ],
    },
  ],
});

describe('compactSize', () => {
  const texts = [
    '{ "Version" : "2012-10-17",\n  "Statement" : [ ] }',
    '{"a": [1, 2.50, -3e2, true, false, null], "b": {"c": "tab\\t quote\\" é"}}',
    '{"k": 1, "k": 2}',
    '[]',
  ];
  for (const text of texts) {
    it(`measures ${JSON.stringify(text)} as its text without white space outside strings`, () => {
      const parsed = parseJson(text);
      if (!parsed.ok) throw new Error('fixture does not parse');
      const withoutWhitespace = text.replace(/("(?:[^"\\]|\\.)*")|\s+/g, (m, str: string | undefined) => str ?? '');
      expect(compactSize(parsed.root, 'characters')).toBe(withoutWhitespace.length);
      expect(compactSize(parsed.root, 'bytes')).toBe(Buffer.byteLength(withoutWhitespace, 'utf8'));
    });
  }
});
