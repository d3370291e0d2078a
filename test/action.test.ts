/**
 * action.yml, the composite GitHub Action: its inputs are declared with the documented defaults,
 * reach the run step only through environment variables (no `${{ }}` inside the script, so a
 * crafted path cannot inject shell), and the script really runs: with a stand-in `npx` on PATH
 * that runs this checkout's CLI, it writes SARIF, passes config and max-warnings, and turns
 * exit codes into step results. Offline: nothing is fetched from npm.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { project } from './cli-helpers.js';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Step {
  id?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = action.runs.steps.find((s) => s.run)!;

const BAD = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject"}]}\n';
const GOOD = `{
  "Version": "2012-10-17",
  "Statement": [{ "Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-data/*" }]
}
`;

/** Runs the action's script the way the runner does: inputs as env, GITHUB_ACTION_PATH, GITHUB_OUTPUT. */
function runAction(inputs: Record<string, string>, cwd: string) {
  const bin = join(cwd, '.fake-bin');
  mkdirSync(bin, { recursive: true });
  // Stand-in for `npx --yes iamlint@<version> …`: record the package spec, run this checkout.
  writeFileSync(
    join(bin, 'npx'),
    `#!/usr/bin/env bash\n[ "$1" = --yes ] || exit 97\necho "$2" > "${join(cwd, '.npx-package')}"\nshift 2\nexec node "${ROOT}/node_modules/tsx/dist/cli.mjs" "${ROOT}/src/cli/bin.ts" "$@"\n`,
  );
  chmodSync(join(bin, 'npx'), 0o755);
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = inputs[name] ?? spec.default ?? '';
    for (const [key, expr] of Object.entries(step.env ?? {})) if (expr === `\${{ inputs.${name} }}`) env[key] = value;
  }
  const outputFile = join(cwd, '.github-output');
  writeFileSync(outputFile, '');
  const proc = spawnSync('bash', ['-c', step.run!], {
    cwd,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME ?? cwd, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputFile, ...env },
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  ) as Record<string, string>;
  const packageSpec = existsSync(join(cwd, '.npx-package')) ? readFileSync(join(cwd, '.npx-package'), 'utf8').trim() : undefined;
  return { status: proc.status, stdout: proc.stdout, stderr: proc.stderr, outputs, packageSpec };
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs and defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBe('iamlint');
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));
    expect(defaults).toEqual({
      paths: '.',
      format: 'sarif',
      output: 'iamlint.sarif',
      config: '',
      'max-warnings': '',
      'fail-on-findings': 'true',
      version: '',
    });
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'report']);
  });

  it('wires every input into the run step through the environment only', () => {
    expect(step.shell).toBe('bash');
    expect(step.run).not.toContain('${{');
    for (const name of Object.keys(action.inputs)) {
      const entry = Object.entries(step.env ?? {}).find(([, expr]) => expr === `\${{ inputs.${name} }}`);
      expect(entry, `input ${name}`).toBeDefined();
      expect(step.run).toMatch(new RegExp(`\\$\\{?${entry![0]}\\b`));
    }
    expect(step.run).toMatch(/npx --yes "iamlint@\$version"/);
    for (const output of Object.values(action.outputs)) expect(output.value).toMatch(new RegExp(`^\\$\\{\\{ steps\\.${step.id}\\.outputs\\.[a-z-]+ \\}\\}$`));
  });

  it('writes SARIF to the output file and fails the step on errors by default', () => {
    const dir = project({ 'policies/bad.json': BAD, 'policies/good.json': GOOD });
    const r = runAction({ paths: 'policies' }, dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.packageSpec).toBe(`iamlint@${VERSION}`);
    expect(r.outputs).toEqual({ report: 'iamlint.sarif', 'exit-code': '1' });
    const sarif = JSON.parse(readFileSync(join(dir, 'iamlint.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(new Set(sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set(['policies/bad.json']));
  });

  it('passes with findings when fail-on-findings is false, and takes several paths and a version', () => {
    const dir = project({ 'a/bad.json': BAD, 'b/good.json': GOOD, 'c/ignored.json': BAD });
    const r = runAction({ paths: 'a\nb/good.json', 'fail-on-findings': 'false', format: 'json', output: 'report.json', version: '9.9.9' }, dir);
    expect(r.status).toBe(0);
    expect(r.packageSpec).toBe('iamlint@9.9.9');
    expect(r.outputs).toEqual({ report: 'report.json', 'exit-code': '1' });
    const report = readFileSync(join(dir, 'report.json'), 'utf8');
    expect(report).toContain('a/bad.json');
    expect(report).not.toContain('c/ignored.json');
  });

  it('prints annotations on the log for the github format, with config and max-warnings', () => {
    const dir = project({
      'p/good.json': GOOD,
      'lint.json': JSON.stringify({ rules: { 'policy-version': 'off' } }),
    });
    const r = runAction({ paths: 'p', format: 'github', config: 'lint.json', 'max-warnings': '0' }, dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('iamlint: no problems found in 1 file.\n');
    expect(r.outputs).toEqual({ report: '', 'exit-code': '0' });
    expect(existsSync(join(dir, 'iamlint.sarif'))).toBe(false);
    const missing = runAction({ paths: 'p', config: 'nope.json' }, dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.json');
  });

  it('fails on a usage error even when fail-on-findings is false', () => {
    const dir = project({ 'p/good.json': GOOD });
    const r = runAction({ paths: 'p', format: 'xml', 'fail-on-findings': 'false' }, dir);
    expect(r.status).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
  });
});
