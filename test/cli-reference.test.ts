/** End-to-end: no-new-access against a git revision (`--reference-ref`) and a directory (`--reference`). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonFileResult } from '../src/formatters/json.js';
import { createReferenceProvider } from '../src/cli/reference.js';
import { configFromObject } from '../src/engine/config.js';
import { builtinRules } from '../src/rules/index.js';
import { project, run } from './cli-helpers.js';

const B = 'arn:aws:s3:::b/*';
const doc = (...statements: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
const read = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: B };
const logs = { Sid: 'Logs', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:*:111122223333:log-group:app:*' };
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A git repository with `files` committed (one commit per entry of `history`), the last state left in the working tree. */
function repo(history: Record<string, string>[]): string {
  const dir = project({});
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  for (const [i, files] of history.entries()) {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `change ${i}`);
  }
  return dir;
}

/** A config setting the rule's options (the other rules' findings are filtered out by `findings`). */
function ruleConfig(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ rules: { 'no-new-access': ['error', extra] } });
}

function findings(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.includes('no-new-access')).map((l) => l.trim());
}

describe('--reference-ref', () => {
  it('reports a widened action against an earlier commit, and nothing against the same commit', async () => {
    const dir = repo([{ 'policy.json': doc(read) }, { 'policy.json': doc({ ...read, Action: 's3:*' }) }]);
    const before = await run(['--format', 'json', '--reference-ref', 'HEAD~1', 'policy.json'], dir);
    const files = JSON.parse(before.stdout) as JsonFileResult[];
    const all = files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'no-new-access');
    expect(before.code).toBe(1);
    expect(all.map((m) => [m.messageId, m.line, m.column])).toEqual([['newAccess', 7, 17]]);
    expect(all[0].message).toMatch(/^Statement "Read" allows s3:AbortMultipartUpload, .* on arn:aws:s3:::b\/\*, which the reference version \(HEAD~1\) did not allow\.$/);
    const same = await run(['--reference-ref', 'HEAD', 'policy.json'], dir);
    expect(findings(same.stdout)).toEqual([]);
  });

  it('compares the working tree: a refactoring is silent, a new statement is reported', async () => {
    const dir = repo([{ 'policy.json': doc(read, logs), '.iamlintrc.json': ruleConfig() }]);
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ ...logs, Sid: 'WriteLogs' }, read] }));
    const refactor = await run(['--reference-ref', 'HEAD', 'policy.json'], dir);
    expect(findings(refactor.stdout)).toEqual([]);
    writeFileSync(join(dir, 'policy.json'), doc(read, logs, { Effect: 'Allow', Action: 's3:DeleteObject', Resource: B }));
    const widened = await run(['--reference-ref', 'HEAD', 'policy.json'], dir);
    expect(widened.code).toBe(1);
    expect(findings(widened.stdout)).toEqual([expect.stringMatching(/^18:17 +error +Statement 2 allows s3:DeleteObject on arn:aws:s3:::b\/\*, which the reference version \(HEAD\) did not allow\. +no-new-access$/)]);
  });

  it('a file that did not exist at the revision: all of its access is new (files in subdirectories, cwd inside the repo)', async () => {
    const dir = repo([{ 'iam/app.json': doc(read) }]);
    writeFileSync(join(dir, 'iam', 'new.json'), doc(logs));
    const result = await run(['--reference-ref', 'HEAD', 'app.json', 'new.json'], join(dir, 'iam'));
    expect(result.stdout).not.toContain('app.json');
    expect(findings(result.stdout)).toEqual([expect.stringMatching(/Statement "Logs" allows logs:PutLogEvents on .*: the file is new at HEAD, so all of its access is new\./)]);
  });

  it('an unknown revision is a one-line error, exit 2', async () => {
    const dir = repo([{ 'policy.json': doc(read) }]);
    const result = await run(['--reference-ref', 'origin/main', 'policy.json'], dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'iamlint: --reference-ref origin/main: unknown git revision (is the branch fetched? in CI use fetch-depth: 0)\n' });
  });

  it('outside a git checkout is a one-line error, exit 2', async () => {
    const dir = project({ 'policy.json': doc(read) });
    const result = await run(['--reference-ref', 'HEAD', 'policy.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`iamlint: --reference-ref HEAD: ${dir} is not inside a git checkout\n`);
  });

  it('a flag enables the rule whatever the config says, unless it turns it off', async () => {
    const dir = repo([{ 'policy.json': doc(read) }]);
    writeFileSync(join(dir, 'policy.json'), doc({ ...read, Resource: '*' }));
    writeFileSync(join(dir, '.iamlintrc.json'), JSON.stringify({ rules: { 'service-wildcard-action': 'warning' } }));
    expect(findings((await run(['--reference-ref', 'HEAD', 'policy.json'], dir)).stdout)).toHaveLength(1);
    writeFileSync(join(dir, '.iamlintrc.json'), JSON.stringify({ rules: { 'no-new-access': 'off' } }));
    expect(findings((await run(['--reference-ref', 'HEAD', 'policy.json'], dir)).stdout)).toEqual([]);
  });

  it('the referenceRef option in the config', async () => {
    const dir = repo([{ 'policy.json': doc(read), '.iamlintrc.json': ruleConfig({ referenceRef: 'HEAD' }) }]);
    writeFileSync(join(dir, 'policy.json'), doc({ ...read, Resource: '*' }));
    expect(findings((await run(['policy.json'], dir)).stdout)).toEqual([expect.stringMatching(/allows s3:GetObject on \*, which the reference version \(HEAD\) did not allow\./)]);
    writeFileSync(join(dir, '.iamlintrc.json'), ruleConfig({ referenceRef: 'no-such-branch' }));
    const bad = await run(['policy.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('iamlint: no-new-access referenceRef (.iamlintrc.json) no-such-branch: unknown git revision (is the branch fetched? in CI use fetch-depth: 0)\n');
  });

  it('both flags at once is a usage error', async () => {
    const result = await run(['--reference-ref', 'HEAD', '--reference', 'x', 'policy.json'], project({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Use either --reference-ref or --reference, not both.');
  });
});

describe('--reference DIR', () => {
  it('compares with the file at the same relative path', async () => {
    const dir = project({ 'iam/policy.json': doc({ ...read, Action: ['s3:GetObject', 's3:PutObject'] }), 'base/iam/policy.json': doc(read), 'iam/new.json': doc(read) });
    const result = await run(['--reference', 'base', 'iam/policy.json', 'iam/new.json'], dir);
    expect(result.code).toBe(1);
    expect(findings(result.stdout)).toEqual([
      expect.stringMatching(/: the file is new at base\/, so all of its access is new\./),
      expect.stringMatching(/^9:9 +error +Statement "Read" allows s3:PutObject on arn:aws:s3:::b\/\*, which the reference version \(base\/iam\/policy\.json\) did not allow\./),
    ]);
  });

  it('a FILE: every linted file is compared with it', async () => {
    const dir = project({ 'new.json': doc({ ...read, Action: ['s3:GetObject', 's3:PutObject'] }), 'old.json': doc(read), 'same.json': doc(logs, read) });
    const result = await run(['--reference', 'old.json', 'new.json', 'same.json'], dir);
    expect(result.code).toBe(1);
    expect(findings(result.stdout)).toEqual([
      expect.stringMatching(/^9:9 +error +Statement "Read" allows s3:PutObject on arn:aws:s3:::b\/\*, which the reference version \(old\.json\) did not allow\./),
      expect.stringMatching(/^7:17 +error +Statement "Logs" allows logs:PutLogEvents on .*, which the reference version \(old\.json\) did not allow\./),
    ]);
  });

  it('a reference that does not parse is a finding, not a crash', async () => {
    const dir = project({ 'policy.json': doc(read), 'base/policy.json': '{"Statement": [' });
    const result = await run(['--reference', 'base', 'policy.json'], dir);
    expect(result.code).toBe(1);
    expect(findings(result.stdout)).toEqual([expect.stringMatching(/^1:1 +error +The reference version \(base\/policy\.json\) cannot be read as a policy \(.*\), so new access cannot be checked/)]);
  });

  it('a missing directory is a one-line error, exit 2', async () => {
    const result = await run(['--reference', 'nowhere', 'policy.json'], project({ 'policy.json': doc(read) }));
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'iamlint: --reference nowhere: no such directory nowhere\n' });
  });

  it('the referenceDir option, relative to the config file', async () => {
    const dir = project({ 'infra/.iamlintrc.json': ruleConfig({ referenceDir: 'reference' }), 'infra/policy.json': doc({ ...read, Resource: '*' }), 'infra/reference/policy.json': doc(read) });
    const result = await run(['policy.json'], join(dir, 'infra'));
    expect(findings(result.stdout)).toEqual([expect.stringMatching(/which the reference version \(reference\/policy\.json\) did not allow/)]);
  });
});

describe('reading a git revision in one batch (prefetch)', () => {
  it('gives what reading file by file gives: present, missing, subdirectories, odd names, a directory, outside the repository', () => {
    const dir = repo([{ 'a.json': doc(read), 'sub/b c.json': doc(logs), 'sub/ü.json': doc(read, logs), 'gone.json': doc(read), 'd/x.json': doc(read) }]);
    git(dir, 'rm', '-q', 'gone.json');
    git(dir, 'commit', '-q', '-m', 'remove');
    writeFileSync(join(dir, 'gone.json'), doc(read));
    const outside = project({ 'o.json': doc(read) });
    const paths = ['a.json', 'sub/b c.json', 'sub/ü.json', 'gone.json', 'new.json', 'd', join(outside, 'o.json')];
    const config = configFromObject({}, builtinRules, dir);
    const oneByOne = createReferenceProvider(config, dir, { ref: 'HEAD' })!;
    const batched = createReferenceProvider(config, dir, { ref: 'HEAD' })!;
    batched.prefetch!(paths);
    const expected = paths.map((p) => oneByOne(p));
    expect(paths.map((p) => batched(p))).toEqual(expected);
    expect(expected.map((r) => (r && 'text' in r ? 'text' : r && 'missing' in r ? 'missing' : 'error'))).toEqual(['text', 'text', 'text', 'missing', 'missing', 'error', 'error']);
    expect(expected[2]).toEqual({ label: 'HEAD', text: doc(read, logs) });
  });
});
