/** End-to-end: config `ignore` entries and CloudFormation Metadata suppressions on real files. */
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';

const policy = (...statements: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
const BOOTSTRAP = { Sid: 'Bootstrap', Effect: 'Allow', Action: ['ecr:CreateRepository', 'ecr:DeleteRepository'], Resource: '*' };
const TODAY = '2026-05-01';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; messageId: string; message: string; line: number; column: number; path: (string | number)[] }[];
}
const findings = (stdout: string) => (JSON.parse(stdout) as JsonFile[]).flatMap((f) => f.messages.map((m) => ({ file: f.filePath, ...m })));
const config = (ignore: object[]) => `${JSON.stringify({ ignore }, null, 2)}\n`;

async function lint(files: Record<string, string>, args: string[] = ['.']) {
  const dir = project(files);
  const r = await run(['--format', 'json', ...args], dir, '', { today: TODAY });
  return { ...r, findings: r.code === 2 ? [] : findings(r.stdout) };
}

describe('suppressions in config (ignore)', () => {
  it('suppresses by rule, file, Sid and action, with a reason', async () => {
    const plain = await lint({ 'policies/ci.json': policy(BOOTSTRAP) });
    expect(plain.findings.filter((f) => f.ruleId === 'unscoped-write').map((f) => f.path)).toEqual([
      ['Statement', 0, 'Action', 0],
      ['Statement', 0, 'Action', 1],
    ]);
    const r = await lint({
      'policies/ci.json': policy(BOOTSTRAP),
      '.iamlintrc.json': config([{ rule: 'unscoped-write', files: ['policies/ci.json'], sid: 'Bootstrap', actions: ['ECR:create*'], reason: 'bootstrap role creates its own repositories', expires: '2026-05-01' }]),
    });
    expect(r.findings.filter((f) => f.ruleId === 'unscoped-write').map((f) => f.path)).toEqual([['Statement', 0, 'Action', 1]]);
    expect(r.findings.filter((f) => f.ruleId === 'stale-suppression')).toEqual([]);
  });

  it('does not suppress when one criterion differs (file, Sid, resource)', async () => {
    for (const entry of [
      { rule: 'unscoped-write', files: ['other/**'], reason: 'r' },
      { rule: 'unscoped-write', sid: 'Other', reason: 'r' },
      { rule: 'unscoped-write', resources: ['arn:aws:ecr:*'], reason: 'r' },
    ]) {
      const r = await lint({ 'policies/ci.json': policy(BOOTSTRAP), '.iamlintrc.json': config([entry]) }, ['policies/ci.json']);
      expect(r.findings.filter((f) => f.ruleId === 'unscoped-write')).toHaveLength(2);
    }
    const star = await lint({ 'policies/ci.json': policy(BOOTSTRAP), '.iamlintrc.json': config([{ rule: 'unscoped-write', resources: ['*'], reason: 'r' }]) });
    expect(star.findings.filter((f) => f.ruleId === 'unscoped-write')).toHaveLength(0);
  });

  it('reports an expired suppression at its entry and stops applying it', async () => {
    const r = await lint({
      'policies/ci.json': policy(BOOTSTRAP),
      '.iamlintrc.json': config([{ rule: 'unscoped-write', files: ['policies/ci.json'], reason: 'until the repositories exist', expires: '2026-04-30' }]),
    });
    expect(r.code).toBe(0);
    expect(r.findings.filter((f) => f.ruleId === 'unscoped-write')).toHaveLength(2);
    expect(r.findings.filter((f) => f.ruleId === 'stale-suppression')).toEqual([
      {
        file: '.iamlintrc.json',
        ruleId: 'stale-suppression',
        messageId: 'expired',
        severity: 1,
        message: 'Suppression of unscoped-write in policies/ci.json expired on 2026-04-30 and no longer applies (reason given: until the repositories exist). Fix what it covered or renew it.',
        line: 3,
        column: 5,
        endLine: 10,
        endColumn: 6,
        path: ['ignore', 0],
      },
    ]);
    // Also on a run on named files, e.g. a pre-commit hook.
    const named = await lint({ 'policies/ci.json': policy(BOOTSTRAP), '.iamlintrc.json': config([{ rule: 'unscoped-write', reason: 'r', expires: '2020-01-01' }]) }, ['policies/ci.json']);
    expect(named.findings.filter((f) => f.ruleId === 'stale-suppression').map((f) => f.messageId)).toEqual(['expired']);
  });

  it('reports unused suppressions when linting a tree, not when linting named files', async () => {
    const files = {
      'policies/ci.json': policy(BOOTSTRAP),
      '.iamlintrc.json': config([
        { rule: 'unscoped-write', reason: 'used' },
        { rule: 'full-admin', files: ['policies/**'], reason: 'no such finding' },
        { rule: 'full-admin', files: ['legacy/**'], reason: 'no file of the run is in scope' },
      ]),
    };
    const tree = await lint(files);
    expect(tree.findings.filter((f) => f.ruleId === 'stale-suppression').map((f) => [f.messageId, f.line, f.message])).toEqual([
      ['unused', 7, 'Suppression of full-admin in policies/** matches no finding (reason given: no such finding): remove it.'],
    ]);
    const named = await lint(files, ['policies/ci.json']);
    expect(named.findings.filter((f) => f.ruleId === 'stale-suppression')).toEqual([]);
  });

  it('rejects an entry without a reason or with a bad date, and turns the rule off like any other', async () => {
    const noReason = await lint({ 'a.json': policy(BOOTSTRAP), '.iamlintrc.json': config([{ rule: 'unscoped-write' }]) });
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("ignore.0: must have required property 'reason'");
    const badDate = await lint({ 'a.json': policy(BOOTSTRAP), '.iamlintrc.json': config([{ rule: 'unscoped-write', reason: 'r', expires: '2026-02-30' }]) });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('ignore.0.expires: "2026-02-30" is not a date (YYYY-MM-DD)');
    const off = await lint({ 'a.json': policy(BOOTSTRAP), '.iamlintrc.json': JSON.stringify({ rules: { 'stale-suppression': 'off' }, ignore: [{ rule: 'full-admin', reason: 'r', expires: '2020-01-01' }] }) });
    expect(off.findings.filter((f) => f.ruleId === 'stale-suppression')).toEqual([]);
  });
});

const TEMPLATE = (ignore: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  BuildRole:
    Type: AWS::IAM::Role
    Metadata:
      iamlint:
        ignore:
${ignore}
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: codebuild.amazonaws.com
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                aws:SourceAccount: '111122223333'
      Policies:
        - PolicyName: repositories
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Sid: Bootstrap
                Effect: Allow
                Action: [ecr:CreateRepository, ecr:DeleteRepository]
                Resource: '*'
  OtherRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: codebuild.amazonaws.com
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                aws:SourceAccount: '111122223333'
      Policies:
        - PolicyName: repositories
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: ecr:CreateRepository
                Resource: '*'
`;

describe('suppressions in CloudFormation Metadata', () => {
  it("suppresses the rule in that resource's policies only", async () => {
    const r = await lint({ 'template.yaml': TEMPLATE('          - rule: unscoped-write\n            reason: the build creates its repositories\n            expires: 2026-12-31') });
    expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([['unscoped-write', 50]]);
    expect(r.findings[0].message).toContain('[OtherRole (AWS::IAM::Role)');
  });

  it('reports expired, unused and malformed entries at the entry', async () => {
    const r = await lint({
      'template.yaml': TEMPLATE(
        [
          '          - rule: unscoped-write',
          '            reason: the build creates its repositories',
          '            expires: 2026-01-31',
          '          - rule: full-admin',
          '            reason: never happens',
          '          - rule: data-exfiltration',
        ].join('\n'),
      ),
    });
    expect(r.findings.filter((f) => f.ruleId === 'stale-suppression').map((f) => [f.messageId, f.line, f.column])).toEqual([
      ['expired', 8, 13],
      ['unused', 11, 13],
      ['invalid', 13, 13],
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'stale-suppression').map((f) => f.message)).toEqual([
      'Suppression of unscoped-write for resource BuildRole expired on 2026-01-31 and no longer applies (reason given: the build creates its repositories). Fix what it covered or renew it.',
      'Suppression of full-admin for resource BuildRole matches no finding (reason given: never happens): remove it.',
      'Suppression of data-exfiltration for resource BuildRole in Metadata iamlint.ignore is ignored: it needs a "reason".',
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'unscoped-write')).toHaveLength(3);
  });
});
