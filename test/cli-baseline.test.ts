/** End-to-end: --update-baseline / --baseline on real files in temporary projects. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';

const policy = (...statements: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
const READ = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' };
const WILDCARD = { Sid: 'Everything', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::app-bucket' };
const PASSROLE = { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' };

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; line: number }[];
}
const ruleIds = (stdout: string) => (JSON.parse(stdout) as JsonFile[]).flatMap((f) => f.messages.map((m) => `${f.filePath} ${m.ruleId}`));

describe('iamlint --baseline', () => {
  it('accepts the current findings, then reports only a new mistake', async () => {
    const dir = project({ 'policies/app.json': policy(READ, WILDCARD), 'policies/ci.json': policy(PASSROLE) });
    const before = await run(['--format', 'json', '.'], dir);
    expect(before.code).toBe(1);
    const count = ruleIds(before.stdout).length;

    const update = await run(['--update-baseline', '.'], dir);
    expect(update).toEqual({ code: 0, stdout: 'No problems found in 2 files.\n', stderr: `iamlint: wrote ${count} findings to .iamlint-baseline.json\n` });
    const baseline = JSON.parse(readFileSync(join(dir, '.iamlint-baseline.json'), 'utf8')) as { version: number; findings: { fingerprint: string; ruleId: string; file: string }[] };
    expect(baseline.version).toBe(1);
    expect(baseline.findings).toHaveLength(count);
    expect(baseline.findings.map((f) => f.file)).toEqual([...baseline.findings.map((f) => f.file)].sort());
    expect(baseline.findings.every((f) => /^[0-9a-f]{32}(:\d+)?$/.test(f.fingerprint))).toBe(true);
    expect(JSON.stringify(baseline)).not.toMatch(/"line"/);

    expect(await run(['--baseline', '.iamlint-baseline.json', '.'], dir)).toEqual({ code: 0, stdout: 'No problems found in 2 files.\n', stderr: '' });

    // A new mistake in a new statement: only it is reported, and it fails the run.
    writeFileSync(join(dir, 'policies/app.json'), policy(READ, WILDCARD, { Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' }));
    const after = await run(['--format', 'json', '--baseline', '.iamlint-baseline.json', '.'], dir);
    expect(after.code).toBe(1);
    const reported = ruleIds(after.stdout);
    expect(reported.length).toBeGreaterThan(0);
    expect(reported).toContain('policies/app.json ecr-push-incomplete');
    expect(after.stderr).toBe('');
    expect(reported.every((r) => r.startsWith('policies/app.json'))).toBe(true);
    expect((JSON.parse(after.stdout) as JsonFile[]).flatMap((f) => f.messages).every((m) => m.line >= 17)).toBe(true);
  });

  it('counts fixed findings as gone in the text summary (and on stderr for JSON)', async () => {
    const dir = project({ 'app.json': policy(READ, WILDCARD), 'ci.json': policy(PASSROLE, WILDCARD) });
    await run(['--update-baseline', '.'], dir);
    const gone = (JSON.parse(readFileSync(join(dir, '.iamlint-baseline.json'), 'utf8')) as { findings: { file: string }[] }).findings.filter((f) => f.file === 'ci.json').length;
    expect(gone).toBeGreaterThan(1);
    writeFileSync(join(dir, 'ci.json'), policy(READ));
    const text = await run(['--baseline', '.iamlint-baseline.json', '.'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`No problems found in 2 files.\n${gone} findings from the baseline no longer occur (run with --update-baseline to drop them).\n`);
    const json = await run(['--format', 'json', '--baseline', '.iamlint-baseline.json', '.'], dir);
    expect(json.stderr).toBe(`iamlint: ${gone} findings from the baseline no longer occur\n`);
    expect(JSON.parse(json.stdout)).toEqual([
      { filePath: 'app.json', messages: [], errorCount: 0, warningCount: 0 },
      { filePath: 'ci.json', messages: [], errorCount: 0, warningCount: 0 },
    ]);
    // A run on one file neither matches nor counts the entries of the others.
    const one = await run(['--baseline', '.iamlint-baseline.json', 'app.json'], dir);
    expect(one).toEqual({ code: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
  });

  it('keeps fingerprints when lines move, and numbers identical findings as a multiset', async () => {
    const dir = project({ 'app.json': policy(PASSROLE) });
    await run(['--update-baseline', 'app.json'], dir);
    const first = readFileSync(join(dir, '.iamlint-baseline.json'), 'utf8');
    // Same policy, reformatted: every line and column changes.
    writeFileSync(join(dir, 'app.json'), `\n\n\n${JSON.stringify({ Version: '2012-10-17', Statement: [PASSROLE] }, null, 6)}`);
    expect(await run(['--baseline', '.iamlint-baseline.json', 'app.json'], dir)).toEqual({ code: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
    await run(['--update-baseline', 'app.json'], dir);
    expect(readFileSync(join(dir, '.iamlint-baseline.json'), 'utf8')).toBe(first);

    // A Markdown file with the same mistake twice in one fence list: two identical findings.
    const fence = '```json\n' + policy(PASSROLE) + '```\n';
    const md = project({ 'README.md': `# Policies\n\n${fence}` });
    await run(['--update-baseline', 'README.md'], md);
    const one = (JSON.parse(readFileSync(join(md, '.iamlint-baseline.json'), 'utf8')) as { findings: unknown[] }).findings.length;
    writeFileSync(join(md, 'README.md'), `# Policies\n\n${fence}\nAgain:\n\n${fence}`);
    const twice = await run(['--format', 'json', '--baseline', '.iamlint-baseline.json', 'README.md'], md);
    expect(ruleIds(twice.stdout)).toHaveLength(one);
  });

  it('writes the path given with --baseline, deterministically', async () => {
    const dir = project({ 'app.json': policy(READ, WILDCARD), 'ci.json': policy(PASSROLE) });
    const unwritable = await run(['--baseline', 'ci/iam-baseline.json', '--update-baseline', '.'], dir); // ci/ does not exist
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^iamlint: Cannot write baseline .*iam-baseline\.json: ENOENT\n$/);
    const a = project({ 'app.json': policy(READ, WILDCARD), 'ci.json': policy(PASSROLE), 'base/.keep': '' });
    expect((await run(['--baseline', 'base/iam.json', '--update-baseline', '.'], a)).code).toBe(0);
    const text = readFileSync(join(a, 'base/iam.json'), 'utf8');
    expect(text).toMatch(/^\{\n {2}"version": 1,\n {2}"findings": \[\n/);
    expect(text).toContain('"file": "../app.json"');
    await run(['--baseline', 'base/iam.json', '--update-baseline', 'ci.json', 'app.json'], a);
    expect(readFileSync(join(a, 'base/iam.json'), 'utf8')).toBe(text);
  });

  it('exits 2 on a missing or invalid baseline file', async () => {
    const dir = project({ 'app.json': policy(READ), 'bad.json.txt': '{"version": 1, "findings": [{"ruleId": "x"}]}', 'broken.txt': '{' });
    const missing = await run(['--baseline', 'nope.json', 'app.json'], dir);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'iamlint: Baseline file not found: nope.json (create it with --update-baseline)\n' });
    const invalid = await run(['--baseline', 'bad.json.txt', 'app.json'], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('Invalid baseline bad.json.txt: findings[0] needs string "fingerprint", "ruleId" and "file"');
    const broken = await run(['--baseline', 'broken.txt', 'app.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('Baseline broken.txt is not valid JSON');
  });
});
