/**
 * A directory walk over a repository that keeps policies in every format: policy files, a
 * CloudFormation YAML template, a Terraform plan and Markdown documentation are linted at the
 * lines of their own files; package.json, tsconfig.json, docker-compose.yml and a README without
 * policy fences are skipped silently.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../src/engine/config.js';
import { discoverFiles } from '../../src/engine/discover.js';
import { lint } from '../../src/engine/linter.js';
import { builtinRules } from '../../src/rules/index.js';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::app-data/*"
    }
  ]
}
`;

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Description: Worker role
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: queue-access
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sqs:*
                Resource: !GetAtt WorkQueue.Arn
  WorkQueue:
    Type: AWS::SQS::Queue
`;

const PLAN_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }] });
const PLAN = JSON.stringify(
  {
    format_version: '1.2',
    terraform_version: '1.6.0',
    planned_values: {
      root_module: {
        resources: [{ address: 'aws_iam_policy.orders', mode: 'managed', type: 'aws_iam_policy', name: 'orders', values: { name: 'orders', policy: PLAN_POLICY } }],
      },
    },
    resource_changes: [{ address: 'aws_iam_policy.orders', mode: 'managed', type: 'aws_iam_policy', name: 'orders', change: { actions: ['create'], after: { name: 'orders', policy: PLAN_POLICY }, after_unknown: { arn: true, id: true } } }],
  },
  null,
  2,
);

const DOC = `# Permissions

## Reader

\`\`\`json
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "kinesis:*", "Resource": "*" }
  ]
}
\`\`\`

## Writer

Add this statement:

\`\`\`json
{ "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*" }
\`\`\`

Install the client:

\`\`\`json
{ "dependencies": { "@aws-sdk/client-kinesis": "^3.0.0" } }
\`\`\`
`;

const FILES: Record<string, string> = {
  'policies/app.json': POLICY,
  'infra/worker.yaml': TEMPLATE,
  'plans/orders.tfplan.json': PLAN,
  'docs/permissions.md': DOC,
  'package.json': JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'vitest' } }, null, 2),
  'tsconfig.json': '{\n  // TypeScript accepts comments here; JSON does not\n  "compilerOptions": { "strict": true },\n}\n',
  'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.25\n    ports:\n      - "8080:80"\n',
  'README.md': '# App\n\nSee [the permissions](docs/permissions.md). Each Statement has an Effect.\n\n```sh\nnpm test\n```\n',
};

describe('a directory walk over a mixed repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-mixed-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const config = configFromObject({ extends: ['iamlint:all'] }, builtinRules, dir);
  const discovered = discoverFiles(['.'], { cwd: dir, ignorePatterns: [], configDir: dir });
  const result = lint({
    sources: discovered.map((f) => ({ filePath: f.filePath, text: readFileSync(join(dir, f.filePath), 'utf8'), walked: f.walked })),
    config,
    rules: builtinRules,
    cwd: dir,
  });

  it('walks every format', () => {
    expect(discovered.map((f) => f.filePath)).toEqual(['README.md', 'docker-compose.yml', 'docs/permissions.md', 'infra/worker.yaml', 'package.json', 'plans/orders.tfplan.json', 'policies/app.json', 'tsconfig.json']);
  });

  it('lints the policies of every format and skips the files without policies silently', () => {
    expect(result.files.map((f) => [f.filePath, f.documentCount])).toEqual([
      ['docs/permissions.md', 2],
      ['infra/worker.yaml', 2],
      ['plans/orders.tfplan.json', 1],
      ['policies/app.json', 1],
    ]);
  });

  it('reports at the lines of each original file', () => {
    expect(result.files.flatMap((f) => f.findings.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId}`))).toEqual([
      'docs/permissions.md:9:36 service-wildcard-action',
      'docs/permissions.md:9:36 unscoped-write',
      'docs/permissions.md:19:1 policy-structure',
      'docs/permissions.md:19:32 unscoped-write',
      'infra/worker.yaml:12:24 trust-confused-deputy',
      'infra/worker.yaml:20:25 service-wildcard-action',
      'plans/orders.tfplan.json:14:100 service-wildcard-action',
      'policies/app.json:6:17 service-wildcard-action',
    ]);
    const names = result.files.flatMap((f) => f.findings.map((m) => m.message.match(/.* \[(.+)\]$/)?.[1]));
    expect(names).toEqual([
      '## Reader › fence at line 5',
      '## Reader › fence at line 5',
      '## Writer › fence at line 18',
      '## Writer › fence at line 18',
      'WorkerRole (AWS::IAM::Role) › AssumeRolePolicyDocument',
      'WorkerRole (AWS::IAM::Role) › Policies[0] "queue-access"',
      expect.stringContaining('aws_iam_policy.orders'),
      undefined,
    ]);
  });
});
