/** `--fix` and `--fix-dry-run` end to end on real files: exact fixed text, exact diffs, exit codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';

const PRETTY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:ListBucket",
        "s3:GetObject"
      ],
      "Resource": [
        "arn:aws:s3:::reports",
        "arn:aws:s3:::reports/*",
        "arn:aws:s3:::reports/*"
      ]
    }
  ]
}
`;
const PRETTY_FIXED = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:ListBucket"
      ],
      "Resource": [
        "arn:aws:s3:::reports",
        "arn:aws:s3:::reports/*"
      ]
    }
  ]
}
`;

const COMPACT = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject", "S3:getobject","s3:PutObject"],"Resource":"arn:aws:s3:::reports/*"}]}';
const COMPACT_FIXED = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::reports/*"}]}';

const NO_VERSION = `{
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::reports/\${aws:username}/*"
        }
    ]
}
`;

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('iamlint --fix', () => {
  it('removes repeated actions and resources from a pretty-printed policy, keeping everything else byte-identical', async () => {
    const dir = project({ 'policy.json': PRETTY });
    const r = await run(['--fix', 'policy.json'], dir);
    expect(read(dir, 'policy.json')).toBe(PRETTY_FIXED);
    expect(r).toEqual({ code: 0, stdout: 'No problems found in 1 file.\n', stderr: 'iamlint: fixed 2 problems in 1 file.\n' });
  });

  it('removes a repeated action from compact JSON with its comma (case-insensitive duplicate)', async () => {
    const dir = project({ 'compact.json': COMPACT });
    const r = await run(['--fix', 'compact.json'], dir);
    expect(read(dir, 'compact.json')).toBe(COMPACT_FIXED);
    expect(r.code).toBe(0);
  });

  it('inserts a missing Version as the first member with the file’s indentation', async () => {
    const dir = project({ 'policy.json': NO_VERSION });
    const r = await run(['--fix', 'policy.json'], dir);
    expect(read(dir, 'policy.json')).toBe(NO_VERSION.replace('{\n', '{\n    "Version": "2012-10-17",\n'));
    expect(r).toEqual({ code: 0, stdout: 'No problems found in 1 file.\n', stderr: 'iamlint: fixed 1 problem in 1 file.\n' });
  });

  it('inserts Version in compact and single-line styles', async () => {
    const dir = project({
      'a.json': '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}',
      'b.json': '{ "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }] }\n',
    });
    await run(['--fix', '.'], dir);
    expect(read(dir, 'a.json')).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}');
    expect(read(dir, 'b.json')).toBe('{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }] }\n');
  });

  it('removes a statement that repeats an earlier one word for word, and keeps CRLF line ends', async () => {
    const stmt = '    {\r\n      "Effect": "Allow",\r\n      "Action": "s3:GetObject",\r\n      "Resource": "arn:aws:s3:::reports/*"\r\n    }';
    const text = `{\r\n  "Version": "2012-10-17",\r\n  "Statement": [\r\n${stmt},\r\n${stmt}\r\n  ]\r\n}\r\n`;
    const dir = project({ 'policy.json': text });
    await run(['--fix', 'policy.json'], dir);
    expect(read(dir, 'policy.json')).toBe(`{\r\n  "Version": "2012-10-17",\r\n  "Statement": [\r\n${stmt}\r\n  ]\r\n}\r\n`);
  });

  it('leaves a statement that repeats another under a different Sid (the author decides which to keep)', async () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::r/*' }, { Sid: 'B', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::r/*' }] }, null, 2);
    const dir = project({ 'policy.json': text });
    const r = await run(['--fix', '--format', 'json', 'policy.json'], dir);
    expect(read(dir, 'policy.json')).toBe(text);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[];
    expect(out[0].messages.map((m) => m.ruleId)).toEqual(['duplicate-statement']);
  });

  it('does not remove an entry that a wildcard covers (the wildcard may be the mistake)', async () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:GetObject"],"Resource":"arn:aws:s3:::r/*"}]}';
    const dir = project({ 'policy.json': text });
    await run(['--fix', 'policy.json'], dir);
    expect(read(dir, 'policy.json')).toBe(text);
  });

  it('fixes a CloudFormation YAML template: `- item` lines, flow lists, and Version at the mapping’s indentation', async () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReportsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action:
              - s3:GetObject
              # listing is needed by the sync job
              - s3:ListBucket
              - s3:GetObject
            Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*', 'arn:aws:s3:::reports']
`;
    const dir = project({ 'template.yaml': template });
    const r = await run(['--fix', 'template.yaml'], dir);
    expect(read(dir, 'template.yaml')).toBe(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReportsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - s3:GetObject
              # listing is needed by the sync job
              - s3:ListBucket
            Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*']
`);
    expect(r.stderr).toBe('iamlint: fixed 3 problems in 1 file.\n');
  });

  it('fixes a policy in a Markdown fence and leaves the prose alone', async () => {
    const doc = '# Reader\n\nGrant read access:\n\n```json\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObject"], "Resource": "arn:aws:s3:::reports/*" }\n  ]\n}\n```\n\nThat is all.\n';
    const dir = project({ 'README.md': doc });
    await run(['--fix', 'README.md'], dir);
    expect(read(dir, 'README.md')).toBe(doc.replace('["s3:GetObject", "s3:GetObject"]', '["s3:GetObject"]'));
  });

  it('never edits generated files (a Terraform plan)', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject'], Resource: 'arn:aws:s3:::reports/*' }] });
    const plan = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_iam_policy.r', mode: 'managed', type: 'aws_iam_policy', name: 'r', values: { name: 'r', policy } }] } } }, null, 2);
    const dir = project({ 'plan.json': plan });
    const r = await run(['--fix', '--format', 'json', 'plan.json'], dir);
    expect(read(dir, 'plan.json')).toBe(plan);
    const out = JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[];
    expect(out[0].messages.map((m) => m.ruleId)).toContain('duplicate-action');
  });

  it('reports what remains after fixing and takes the exit code from it', async () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObject"]}]}\n';
    const dir = project({ 'policy.json': text });
    const r = await run(['--fix', '--format', 'json', 'policy.json'], dir);
    expect(read(dir, 'policy.json')).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"]}]}\n');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { messages: { ruleId: string; messageId: string }[] }[];
    expect(out[0].messages.map((m) => `${m.ruleId}/${m.messageId}`)).toEqual(['policy-structure/missingResource']);
  });
});

describe('iamlint --fix-dry-run', () => {
  it('prints a unified diff of every fix and changes nothing', async () => {
    const dir = project({ 'policy.json': PRETTY, 'other/no-version.json': NO_VERSION, 'clean.json': PRETTY_FIXED });
    const r = await run(['--fix-dry-run', '.'], dir);
    expect(read(dir, 'policy.json')).toBe(PRETTY);
    expect(read(dir, 'other/no-version.json')).toBe(NO_VERSION);
    expect(r.stdout).toBe(`--- a/other/no-version.json
+++ b/other/no-version.json
@@ -1,4 +1,5 @@
 {
+    "Version": "2012-10-17",
     "Statement": [
         {
             "Effect": "Allow",
--- a/policy.json
+++ b/policy.json
@@ -6,12 +6,10 @@
       "Effect": "Allow",
       "Action": [
         "s3:GetObject",
-        "s3:ListBucket",
-        "s3:GetObject"
+        "s3:ListBucket"
       ],
       "Resource": [
         "arn:aws:s3:::reports",
-        "arn:aws:s3:::reports/*",
         "arn:aws:s3:::reports/*"
       ]
     }
`);
    expect(r.stderr).toBe('iamlint: --fix would fix 3 problems in 2 files; nothing was changed.\n');
    expect(r.code).toBe(0);
  });

  it('marks a last line without a newline and exits 1 when errors would remain', async () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObject"]}]}';
    const dir = project({ 'policy.json': text });
    const r = await run(['--fix-dry-run', 'policy.json'], dir);
    expect(read(dir, 'policy.json')).toBe(text);
    expect(r.stdout).toBe(`--- a/policy.json
+++ b/policy.json
@@ -1 +1 @@
-${text}
\\ No newline at end of file
+{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"]}]}
\\ No newline at end of file
`);
    expect(r.code).toBe(1);
  });

  it('says so when there is nothing to fix', async () => {
    const dir = project({ 'policy.json': PRETTY_FIXED });
    expect(await run(['--fix-dry-run', 'policy.json'], dir)).toEqual({ code: 0, stdout: '', stderr: 'iamlint: nothing to fix.\n' });
  });

  it('shows the fixes for standard input', async () => {
    const dir = project({});
    const r = await run(['--fix-dry-run', '--stdin', '--stdin-filename', 'policy.json'], dir, COMPACT);
    expect(r.stdout).toBe(`--- a/policy.json\n+++ b/policy.json\n@@ -1 +1 @@\n-${COMPACT}\n\\ No newline at end of file\n+${COMPACT_FIXED}\n\\ No newline at end of file\n`);
  });

  it('refuses combinations that cannot work', async () => {
    const dir = project({ 'policy.json': PRETTY });
    for (const [args, message] of [
      [['--fix', '--fix-dry-run'], 'Use either --fix or --fix-dry-run, not both.'],
      [['--fix', '--stdin'], '--fix cannot write to standard input: use --fix-dry-run to see the fixes.'],
      [['--fix-dry-run', '--format', 'sarif'], '--fix-dry-run prints a diff; it cannot be combined with --format sarif.'],
    ] as const) {
      const r = await run([...args], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`iamlint: ${message}\nRun "iamlint --help" for usage.\n`);
    }
    expect(read(dir, 'policy.json')).toBe(PRETTY);
  });
});
