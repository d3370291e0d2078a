/**
 * Several threads give byte-identical output to one: the same files, policy sets across files,
 * config suppressions used by files of different threads and an unused one, read errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THREADS, lintInParallel, threadCount } from '../src/cli/parallel.js';
import { loadConfig } from '../src/engine/config.js';
import { lint } from '../src/engine/linter.js';
import { builtinRules } from '../src/rules/index.js';
import { loadManagedPolicies } from '../scripts/corpus.js';
import { project, run } from './cli-helpers.js';
import { ROOT } from './fixture-helpers.js';

const WORKER = join(ROOT, 'test/parallel-worker.mjs');

function runThreads(args: string[], cwd: string) {
  return run(args, cwd, '', { today: '2026-11-23' }, { workerScript: WORKER });
}

describe('linting on several threads', () => {
  const corpus = loadManagedPolicies().slice(0, 60);
  const files: Record<string, string> = Object.fromEntries(corpus.map((p) => [p.filePath, p.text]));
  files['sets/app.json'] = readFileSync(join(ROOT, 'examples/mlspace/app-policy.json'), 'utf8');
  files['sets/boundary.json'] = readFileSync(join(ROOT, 'examples/mlspace/permission-boundary.json'), 'utf8');
  files['broken/truncated.json'] = '{"Version": "2012-10-17", "Statement": [';
  files['.iamlintrc.json'] = JSON.stringify({
    extends: ['iamlint:all'],
    policySets: [{ name: 'app', identity: ['sets/app.json'], boundary: 'sets/boundary.json' }],
    ignore: [
      { rule: 'unscoped-write', files: ['managed-policies/A*.json'], reason: 'accepted for the test' },
      { rule: 'full-admin', files: ['managed-policies/*.json'], reason: 'never used' },
    ],
  });
  const dir = project(files);

  it('gives byte-identical JSON and SARIF on 1 and 3 threads', async () => {
    for (const format of ['json', 'sarif']) {
      const one = await runThreads(['--format', format, '--threads', '1', '.'], dir);
      const three = await runThreads(['--format', format, '--threads', '3', '.'], dir);
      expect(three).toEqual(one);
      expect(one.code).toBe(1);
    }
    const json = JSON.parse((await runThreads(['--format', 'json', '--threads', '3', '.'], dir)).stdout) as { filePath: string; messages: { ruleId: string; messageId: string }[] }[];
    expect(json).toHaveLength(60 + 3 + 1); // + the config file, holding the unused suppression
    const rulesIn = (file: string) => json.find((f) => f.filePath === file)!.messages.map((m) => `${m.ruleId}/${m.messageId}`);
    expect(rulesIn('.iamlintrc.json')).toEqual(['stale-suppression/unused']);
    expect(rulesIn('broken/truncated.json')).toEqual(['json-syntax/parseError']);
    expect(rulesIn('sets/app.json')).toContain('boundary-missing-grant/blocked');
  }, 120_000);

  it('lintInParallel: worker threads take batches, and the result equals lint() on one thread', async () => {
    const sources = Object.entries(files).filter(([name]) => name.endsWith('.json') && !name.startsWith('.')).map(([filePath, text]) => ({ filePath, text }));
    const config = loadConfig({ cwd: dir, rules: builtinRules });
    const request = { sources, config, rules: builtinRules, cwd: dir, today: '2026-11-23', reportUnusedSuppressions: true };
    const stats = { main: 0, workers: 0 };
    const parallel = await lintInParallel(request, { threads: 2, workerScript: WORKER, stats });
    expect(parallel).toEqual(lint(request));
    expect(stats.workers).toBeGreaterThan(0);
    expect(stats.main + stats.workers).toBe(1 + Math.ceil(61 / 8)); // the policy-set batch and 8 batches of the rest
  }, 120_000);

  it('rejects a bad --threads value as a usage error', async () => {
    const r = await runThreads(['--threads', '0', '.'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'iamlint: --threads needs a whole number from 1 to 64, got "0".\nRun "iamlint --help" for usage.\n']);
  });

  it('uses one thread unless asked', () => {
    expect(threadCount(undefined)).toBe(DEFAULT_THREADS);
    expect(DEFAULT_THREADS).toBe(1);
    expect(threadCount(3)).toBe(3);
  });
});
