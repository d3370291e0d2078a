/** Declarative organisation rules (config `customRules`), end to end through the CLI. */
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; messageId: string; message: string; line: number; column: number; severity: number; path: (string | number)[] }[];
}

const KMS_RULE = {
  id: 'acme/s3-put-requires-kms',
  message: 's3:PutObject must require SSE-KMS',
  match: { actions: ['s3:PutObject'] },
  requireCondition: { 's3:x-amz-server-side-encryption': ['aws:kms'] },
};
const IAM_RULE = { id: 'acme/no-iam-outside-deploy', message: 'Only deploy roles may hold IAM access', severity: 'warning', deny: ['iam:*'], allowOnlyIn: ['roles/deploy-*.json'] };

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

/** Findings of the custom rules only, as [ruleId, messageId, line, column, path]. */
async function customFindings(files: Record<string, string>, config: object, args: string[] = ['.']) {
  const dir = project({ ...files, '.iamlintrc.json': JSON.stringify({ rules: { 'passrole-without-passed-to-service': 'off', 'passrole-resource-star': 'off' }, ...config }) });
  const r = await run(['--format', 'json', ...args], dir);
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as JsonFile[];
  return { code: r.code, findings: out.flatMap((f) => f.messages.filter((m) => m.ruleId.startsWith('acme/')).map((m) => [f.filePath, m.ruleId, m.messageId, m.line, m.column, m.path.join('.'), m.message])) };
}

describe('customRules: requireCondition', () => {
  it('reports an Allow of the matched action without the required condition value, at the Action entry', async () => {
    const { code, findings } = await customFindings(
      {
        'app.json': policy(
          { Sid: 'Upload', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-uploads/*' },
          { Sid: 'Logs', Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::acme-logs/*', Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
          { Sid: 'Aes', Effect: 'Allow', Action: 'S3:PUTOBJECT', Resource: 'arn:aws:s3:::acme-aes/*', Condition: { StringEquals: { 's3:x-amz-server-side-encryption': ['AES256', 'aws:kms'] } } },
          { Sid: 'Not', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-not/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } },
          { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        ),
      },
      { customRules: [KMS_RULE] },
    );
    expect(code).toBe(1);
    expect(findings).toEqual([
      ['app.json', 'acme/s3-put-requires-kms', 'missingCondition', 9, 9, 'Statement.0.Action.1', 's3:PutObject must require SSE-KMS: Statement "Upload" allows s3:PutObject without a condition limiting s3:x-amz-server-side-encryption to "aws:kms".'],
      ['app.json', 'acme/s3-put-requires-kms', 'missingCondition', 27, 17, 'Statement.2.Action', 's3:PutObject must require SSE-KMS: Statement "Aes" allows S3:PUTOBJECT without a condition limiting s3:x-amz-server-side-encryption to "aws:kms".'],
      ['app.json', 'acme/s3-put-requires-kms', 'missingCondition', 41, 17, 'Statement.3.Action', 's3:PutObject must require SSE-KMS: Statement "Not" allows s3:PutObject without a condition limiting s3:x-amz-server-side-encryption to "aws:kms".'],
    ]);
  });

  it('with no values, any positive test of the key (Null false included) satisfies it; NotAction that leaves the action in is matched', async () => {
    const rule = { id: 'acme/tagged', message: 'Writes must be tag-scoped', match: { actions: ['ec2:TerminateInstances'] }, requireCondition: { 'aws:ResourceTag/team': [] } };
    const { findings } = await customFindings(
      {
        'p.json': policy(
          { Sid: 'A', Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'web' } } },
          { Sid: 'B', Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { Null: { 'aws:ResourceTag/team': 'false' } } },
          { Sid: 'C', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
          { Sid: 'D', Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' },
        ),
      },
      { customRules: [rule] },
    );
    expect(findings.map((f) => [f[2], f[3], f[4], f[5]])).toEqual([['missingCondition', 29, 7, 'Statement.2.NotAction']]);
  });
});

describe('customRules: deny and allowOnlyIn', () => {
  it('reports IAM grants (wildcards on both sides) outside the allowed files, and none in them', async () => {
    const iamStatements = policy(
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' },
      { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'S3', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'DenyIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
    );
    const { findings } = await customFindings({ 'roles/app.json': iamStatements, 'roles/deploy-main.json': iamStatements }, { customRules: [IAM_RULE] });
    expect(findings.map((f) => f.slice(0, 6))).toEqual([
      ['roles/app.json', 'acme/no-iam-outside-deploy', 'deniedAction', 7, 17, 'Statement.0.Action'],
      ['roles/app.json', 'acme/no-iam-outside-deploy', 'deniedAction', 13, 17, 'Statement.1.Action'],
    ]);
    expect(findings[0][6]).toBe('Only deploy roles may hold IAM access: Statement "Pass" allows iam:PassRole.');
  });

  it('match.resources and match.kinds narrow the statements; forbidCondition reports the condition key', async () => {
    const rule = {
      id: 'acme/no-secure-transport-false',
      message: 'Do not allow plain HTTP on the data bucket',
      match: { resources: ['arn:aws:s3:::acme-data*'], kinds: ['identity'] },
      forbidCondition: { 'aws:SecureTransport': ['false'] },
    };
    const { findings } = await customFindings(
      {
        'p.json': policy(
          { Sid: 'Data', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'Other', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'Tls', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
        ),
      },
      { customRules: [rule] },
    );
    expect(findings.map((f) => f.slice(2, 7))).toEqual([
      ['forbiddenCondition', 11, 11, 'Statement.0.Condition.Bool.aws:SecureTransport', 'Do not allow plain HTTP on the data bucket: Statement "Data" tests a condition limiting aws:SecureTransport to "false".'],
    ]);
  });
});

describe('customRules: effect, kinds and ignoreActions', () => {
  it('checks Deny statements when match.effect is Deny, only in the kinds named, and accepts ignoreActions', async () => {
    const rule = { id: 'acme/deny-needs-tls', message: 'Deny statements must test aws:SecureTransport', match: { effect: 'Deny', kinds: ['resource'] }, requireCondition: { 'aws:SecureTransport': [] } };
    const bucketPolicy = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Tls', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'NoDelete', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::acme-b/*' },
          { Sid: 'Read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-b/*' },
        ],
      },
      null,
      2,
    );
    const identity = policy({ Sid: 'DenyAll', Effect: 'Deny', Action: 's3:*', Resource: '*' });
    const { findings } = await customFindings({ 'bucket.json': bucketPolicy, 'identity.json': identity }, { customRules: [rule] });
    expect(findings.map((f) => f.slice(0, 6))).toEqual([['bucket.json', 'acme/deny-needs-tls', 'missingCondition', 20, 17, 'Statement.1.Action']]);
    expect(findings[0][6]).toBe('Deny statements must test aws:SecureTransport: Statement "NoDelete" denies s3:DeleteObject without a condition on aws:SecureTransport.');
    const accepted = await customFindings({ 'bucket.json': bucketPolicy }, { customRules: [rule], rules: { 'acme/deny-needs-tls': ['error', { ignoreActions: ['s3:Delete*'] }] } });
    expect(accepted.findings).toEqual([]);
  });
});

describe('customRules in the config', () => {
  it('are configured like built-in rules: severity in rules, off in overrides, suppressed by ignore', async () => {
    const grant = policy({ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' });
    const { findings } = await customFindings(
      { 'a.json': grant, 'legacy/b.json': grant, 'c.json': grant },
      {
        customRules: [{ ...IAM_RULE, allowOnlyIn: undefined }],
        rules: { 'acme/no-iam-outside-deploy': 'error', 'passrole-without-passed-to-service': 'off' },
        overrides: [{ files: ['legacy/**'], rules: { 'acme/no-iam-outside-deploy': 'off' } }],
        ignore: [{ rule: 'acme/no-iam-outside-deploy', files: ['c.json'], reason: 'CI bootstrap role' }],
      },
    );
    expect(findings.map((f) => [f[0], f[1]])).toEqual([['a.json', 'acme/no-iam-outside-deploy']]);
  });

  it('appear in SARIF with the config message and no documentation link', async () => {
    const dir = project({ 'a.json': policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }), '.iamlintrc.json': JSON.stringify({ customRules: [IAM_RULE] }) });
    const r = await run(['--format', 'sarif', '.'], dir);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string }[] }[] };
    const rule = sarif.runs[0].tool.driver.rules.find((x) => x.id === 'acme/no-iam-outside-deploy');
    expect(rule).toMatchObject({ shortDescription: { text: 'Only deploy roles may hold IAM access' }, defaultConfiguration: { level: 'warning' } });
    expect(rule?.helpUri).toBeUndefined();
    expect(sarif.runs[0].results.filter((x) => x.ruleId === 'acme/no-iam-outside-deploy')).toHaveLength(1);
  });

  it('are validated: a taken id, a bad id, a rule without a requirement and an unknown key are config errors (exit 2)', async () => {
    const cases: [object, string][] = [
      [{ customRules: [{ id: 'unknown-action', message: 'x', deny: ['iam:*'] }] }, 'customRules: "unknown-action" is the id of a built-in or plugin rule; choose another (e.g. "acme/unknown-action")'],
      [{ customRules: [{ ...IAM_RULE }, { ...IAM_RULE }] }, 'customRules: the id "acme/no-iam-outside-deploy" is used twice'],
      [{ customRules: [{ id: 'Acme Rule', message: 'x', deny: ['iam:*'] }] }, 'customRules.0.id: must match pattern'],
      [{ customRules: [{ id: 'acme/x', message: 'x' }] }, "customRules.0: must have required property 'deny'"],
      [{ customRules: [{ id: 'acme/x', message: 'x', deny: ['iam:*'], matches: {} }] }, 'customRules.0.matches: unknown key'],
      [{ rules: { 'acme/undeclared': 'error' } }, 'rules.acme/undeclared: unknown rule id'],
    ];
    for (const [config, message] of cases) {
      const dir = project({ 'a.json': policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), '.iamlintrc.json': JSON.stringify(config) });
      const r = await run(['.'], dir);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(message);
    }
  });
});
