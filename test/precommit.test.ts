/**
 * The pre-commit hook for real: Debian's `pre-commit` installs this repository as a `language: node`
 * hook (npm install, which runs the prepare build, then npm pack and a global install of the tarball)
 * and runs it on the files given, in a temporary git repository. .ci/run installs pre-commit.
 * Also the --skip-non-policy-files flag the hook passes, in-process.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';
import { ROOT } from './fixture-helpers.js';

const BAD_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObjekt",
      "Resource": "arn:aws:s3:::example-bucket/*"
    }
  ]
}
`;
const GOOD_POLICY = BAD_POLICY.replace('GetObjekt', 'GetObject');
const PACKAGE_JSON = '{\n  "name": "app",\n  "version": "1.0.0"\n}\n';
const README = '# App\n\nNo policies here.\n';

const GIT_IDENTITY = ['-c', 'user.name=iamlint test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false'];

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, stdio: 'pipe' });
}

function preCommitVersion(): string | undefined {
  try {
    return execFileSync('pre-commit', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** The working tree (what is under test, committed or not) as a one-commit git repository. */
function hookRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-hook-repo-'));
  const skipped = new Set(['node_modules', 'dist', '.git', 'coverage', '.bench', '.helpers']);
  cpSync(ROOT, dir, { recursive: true, filter: (src) => !skipped.has(basename(src)) });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'iamlint under test');
  return dir;
}

/** A user's repository with `files` staged. */
function userRepository(files: Record<string, string>): string {
  const dir = project(files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  return dir;
}

interface HookRun {
  code: number;
  output: string;
}

/** The environment of a git commit, not of `npm test`: npm's npm_config_* variables (local_prefix…) would redirect the hook's npm. */
function commitEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

async function tryRepo(hookRepo: string, userRepo: string, files: string[]): Promise<HookRun> {
  const args = ['try-repo', hookRepo, 'iamlint', '--color', 'never', '--files', ...files];
  try {
    const { stdout, stderr } = await promisify(execFile)('pre-commit', args, { cwd: userRepo, env: commitEnv(), encoding: 'utf8', maxBuffer: 16 << 20 });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('pre-commit hook (real pre-commit try-repo)', () => {
  const version = preCommitVersion();
  let hookRepo = '';
  const runs: { bad?: HookRun; good?: HookRun } = {};

  beforeAll(async () => {
    if (!version) return;
    hookRepo = hookRepository();
    const bad = userRepository({ 'policies/bad.json': BAD_POLICY });
    const good = userRepository({ 'policies/good.json': GOOD_POLICY, 'package.json': PACKAGE_JSON, 'README.md': README });
    // Each try-repo installs the hook into its own throwaway store; run both at once.
    [runs.bad, runs.good] = await Promise.all([
      tryRepo(hookRepo, bad, ['policies/bad.json']),
      tryRepo(hookRepo, good, ['policies/good.json', 'package.json', 'README.md']),
    ]);
  }, 600_000);

  afterAll(() => {
    if (hookRepo) rmSync(hookRepo, { recursive: true, force: true });
  });

  it('has pre-commit installed (.ci/run installs Debian\'s pre-commit)', () => {
    expect(version, 'the `pre-commit` command is missing: run `apt-get install -y pre-commit` (or `pipx install pre-commit`); .ci/run does this in CI').toBeDefined();
  });

  it('fails on a bad policy and shows the located finding', () => {
    expect(runs.bad, 'pre-commit is missing').toBeDefined();
    const { code, output } = runs.bad!;
    expect(code, output).toBe(1);
    expect(output).toMatch(/iamlint \(AWS IAM policies\)\.+Failed/);
    expect(output).toContain('policies/bad.json');
    expect(output).toMatch(/6:17 +error +"s3:GetObjekt" in statement 0: .*Did you mean "s3:GetObject"\? +unknown-action/);
  });

  it('passes on a good policy, leaving out staged files that hold no policy', () => {
    expect(runs.good, 'pre-commit is missing').toBeDefined();
    const { code, output } = runs.good!;
    expect(code, output).toBe(0);
    expect(output).toMatch(/iamlint \(AWS IAM policies\)\.+Passed/);
  });
});

describe('--skip-non-policy-files', () => {
  const dir = project({
    'package.json': PACKAGE_JSON,
    'README.md': README,
    'bad.json': BAD_POLICY,
    'broken.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n',
  });

  it('lints a named file as a policy without the flag', async () => {
    const r = await run(['package.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('policy-structure');
  });

  it('leaves out named files that hold no policy, keeps policies and broken policies', async () => {
    const r = await run(['--skip-non-policy-files', '--format', 'json', 'package.json', 'README.md', 'bad.json', 'broken.json'], dir);
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as { filePath: string; messages?: unknown[] }[]).map((f) => f.filePath);
    expect(files).toEqual(['bad.json', 'broken.json']);
  });

  it('exits 0 when every named file is left out', async () => {
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": {} }\n');
    const r = await run(['--skip-non-policy-files', 'package.json', 'README.md', 'tsconfig.json'], dir);
    expect(r.code).toBe(0);
  });
});
