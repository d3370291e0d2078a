/**
 * CloudFormation end to end: every rule on the policies of YAML (short tags), JSON, SAM and CDK
 * templates, pinned to the lines of the template; a role's boundary in the same template forms
 * a policy set with its policies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../src/engine/config.js';
import { lint, type Finding, type LintResult } from '../../src/engine/linter.js';
import { builtinRules } from '../../src/rules/index.js';
import { ROOT } from '../fixture-helpers.js';

const ALL = configFromObject({ extends: ['iamlint:all'] }, builtinRules);
const DIR = 'fixtures/formats/cloudformation';

function lintText(filePath: string, text: string): LintResult {
  return lint({ sources: [{ filePath, text }], config: ALL, rules: builtinRules, cwd: ROOT });
}
function lintFixture(name: string): LintResult {
  const file = `${DIR}/${name}`;
  return lintText(file, readFileSync(join(ROOT, file), 'utf8'));
}
const findings = (r: LintResult): Finding[] => r.files.flatMap((f) => f.findings);
const located = (r: LintResult) => r.files.flatMap((f) => f.findings.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId}`));

describe('YAML template with short tags: an ML execution role capped by a boundary in the same template', () => {
  const file = `${DIR}/ml-training-role.yaml`;
  const result = lintFixture('ml-training-role.yaml');

  it('pins every finding to the template line, the boundary-blocked ecr:PutImage included', () => {
    expect(located(result)).toEqual([
      `${file}:61:21 missing-ecr-auth-token`,
      `${file}:67:25 boundary-missing-grant`,
      `${file}:67:25 ecr-push-incomplete`,
    ]);
    // trust policy, inline policy, boundary (a managed policy)
    expect(result.files[0].documentCount).toBe(3);
  });

  it('names the logical id and gives the boundary as related location', () => {
    const [token, blocked] = findings(result);
    expect(token.message).toMatch(/ \[TrainingRole \(AWS::IAM::Role\) › Policies\[0\] "training-image"\]$/);
    expect(blocked.message).toBe(
      'Statement "PublishModelImage" allows ecr:PutImage, but the permissions boundary TrainingBoundary (AWS::IAM::ManagedPolicy) › PolicyDocument does not allow it; the grant never takes effect. [TrainingRole (AWS::IAM::Role) › Policies[0] "training-image"]',
    );
    expect(blocked.related).toEqual([
      { filePath: file, line: 16, column: 9, endLine: 16, endColumn: 18, message: 'Permissions boundary TrainingBoundary (AWS::IAM::ManagedPolicy) › PolicyDocument' },
    ]);
  });

  it('reads !Sub, !GetAtt and !Join values as template expressions: no ARN or placeholder findings', () => {
    const ids = findings(result).map((f) => f.ruleId);
    for (const id of ['malformed-arn', 'resource-mismatch', 'unresolved-placeholder', 'condition-type-mismatch', 'trust-confused-deputy']) expect(ids).not.toContain(id);
  });
});

describe('JSON template: a public bucket policy', () => {
  it('reports Principal "*" at its line, naming the bucket policy', () => {
    const file = `${DIR}/shared-assets-bucket.json`;
    const result = lintFixture('shared-assets-bucket.json');
    expect(located(result)).toEqual([`${file}:21:28 public-access`]);
    expect(findings(result)[0].message).toBe(
      'Statement "PublicRead" is public (Amazon S3): it allows s3:GetObject on ${AssetsBucket.Arn}/* to anyone ("Principal": "*"), with no condition on who. [AssetsBucketPolicy (AWS::S3::BucketPolicy) › PolicyDocument]',
    );
  });
});

describe('SAM template', () => {
  it('lints inline policy documents, skips policy templates and managed policy names, and takes the first Fn::If branch', () => {
    const file = `${DIR}/sam-ingest-function.yaml`;
    const result = lintFixture('sam-ingest-function.yaml');
    expect(located(result)).toEqual([
      `${file}:50:15 duplicate-statement`,
      `${file}:58:25 resource-exposure`,
      `${file}:58:25 service-wildcard-action`,
      `${file}:58:25 unscoped-write`,
    ]);
    expect(result.files[0].documentCount).toBe(1);
    for (const f of findings(result)) expect(f.message).toMatch(/ \[IngestFunction \(AWS::Serverless::Function\) › Policies\[2\]\]$/);
  });
});

describe('CDK cdk.out template (plain JSON, found by content)', () => {
  it('reads Fn::Join with Ref AWS::Partition and attaches the default policy to its role', () => {
    const file = `${DIR}/cdk.out/PipelineStack.template.json`;
    const result = lintFixture('cdk.out/PipelineStack.template.json');
    expect(located(result)).toEqual([
      `${file}:20:20 trust-confused-deputy`,
      `${file}:96:18 passrole-without-passed-to-service`,
      `${file}:96:18 unscoped-write`,
      `${file}:98:20 passrole-resource-star`,
    ]);
    const [trust, passRole] = findings(result);
    expect(trust.message).toMatch(/ \[BuildRoleD8B5A1A4 \(AWS::IAM::Role\) › AssumeRolePolicyDocument\]$/);
    expect(passRole.message).toMatch(/ \[BuildRoleDefaultPolicy0BBC5D9B \(AWS::IAM::Policy\) › PolicyDocument\]$/);
  });
});

describe('template expressions in rules', () => {
  const template = (statements: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}
`;

  it('gives no finding for pseudo parameters, references and imports used as ARNs', () => {
    const text = template(`          - Effect: Allow
            Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
            Resource: !Sub arn:\${AWS::Partition}:ecr:\${AWS::Region}:\${AWS::AccountId}:repository/\${Repo}
          - Effect: Allow
            Action: ecr:GetAuthorizationToken
            Resource: "*"
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Ref Bucket
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Join ["", [!GetAtt Bucket.Arn, "/*"]]
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: !ImportValue shared-queue-arn
          - Effect: Allow
            Action: s3:ListBucket
            Resource: !Sub
              - arn:aws:s3:::\${Name}
              - Name: !FindInMap [Buckets, !Ref AWS::Region, Name]
            Condition:
              StringLike:
                s3:prefix: !Sub "home/\${!aws:username}/*"`);
    expect(located(lintText('app.yaml', text))).toEqual([]);
  });

  it('still reports documentation placeholders and real ARN mistakes in a template', () => {
    const text = template(`          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: !Sub arn:aws:dynamodb:{AWS_REGION}:\${AWS::AccountId}:table/orders
          - Effect: Allow
            Action: s3:ListBucket
            Resource: !Sub arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:jobs
          - Effect: Allow
            Action: ecr:BatchGetImage
            Resource: !Sub arn:\${AWS::Partition}:ecr:::repository/\${Repo}`);
    const result = lintText('app.yaml', text);
    expect(located(result)).toEqual(['app.yaml:11:23 unresolved-placeholder', 'app.yaml:13:21 resource-mismatch', 'app.yaml:17:23 malformed-arn']);
    const [placeholder, mismatch, malformed] = findings(result).map((f) => f.message);
    expect(placeholder).toMatch(/^Unresolved placeholder \{AWS_REGION\} in "arn:aws:dynamodb:\{AWS_REGION\}:\$\{AWS::AccountId\}:table\/orders"/);
    expect(mismatch).toMatch(/^s3:ListBucket applies to none of the resources of statement 1 \("arn:\$\{AWS::Partition\}:sqs:/);
    expect(malformed).toMatch(/has an empty region field.* \[AppPolicy \(AWS::IAM::ManagedPolicy\) › PolicyDocument\]$/);
  });

  it('reports a duplicate key and a YAML syntax error at their template positions', () => {
    const dup = template(`          - Effect: Allow
            Action: s3:GetObject
            Action: s3:PutObject
            Resource: "*"`);
    expect(located(lintText('dup.yaml', dup))).toContain('dup.yaml:11:13 duplicate-key');
    const broken = lintText('broken.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n   Properties: [\n');
    expect(located(broken)).toEqual(['broken.yaml:5:1 json-syntax']);
    expect(findings(broken)[0].message).toMatch(/YAML: All mapping items must start at the same column/);
  });
});

describe('YAML files that are not templates', () => {
  const files: Record<string, string> = {
    'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n',
    '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
  };
  it('hold no policies and are skipped in a directory walk', () => {
    const sources = Object.entries(files).map(([filePath, text]) => ({ filePath, text, walked: true }));
    const result = lint({ sources, config: ALL, rules: builtinRules, cwd: ROOT });
    expect(result.files).toEqual([]);
  });
  it('give no findings when named explicitly', () => {
    const sources = Object.entries(files).map(([filePath, text]) => ({ filePath, text }));
    const result = lint({ sources, config: ALL, rules: builtinRules, cwd: ROOT });
    expect(result.files.flatMap((f) => f.findings)).toEqual([]);
    expect(result.files.map((f) => f.documentCount)).toEqual([0, 0, 0]);
  });
});
