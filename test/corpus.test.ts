/**
 * Corpus test: every AWS managed policy, all rules. No crash, no internal error, and the number of
 * findings per rule matches the committed, hand-reviewed snapshot (test/corpus-counts.json).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../src/formatters/json.js';
import { configFromObject } from '../src/engine/config.js';
import { lint, type LintResult } from '../src/engine/linter.js';
import { builtinRules } from '../src/rules/index.js';
import { loadManagedPolicies } from '../scripts/corpus.js';

/**
 * The whole JSON output on the corpus (every rule on), gzipped: performance work must keep it
 * byte-identical. Regenerate after a reviewed behaviour change with `npx vitest run test/corpus.test.ts -u`.
 */
const OUTPUT_SNAPSHOT = new URL('corpus-output.json.gz', import.meta.url);

function updatingSnapshots(): boolean {
  const state = expect.getState().snapshotState as unknown as { _updateSnapshot?: string };
  return state._updateSnapshot === 'all';
}

/** The first line where two texts differ, with its neighbours, for a readable failure. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  const i = at < 0 ? Math.min(a.length, b.length) : at;
  return `line ${i + 1}:\n  expected: ${a.slice(Math.max(0, i - 3), i + 3).join('\n            ')}\n  actual:   ${b.slice(Math.max(0, i - 3), i + 3).join('\n            ')}`;
}

describe('AWS managed-policy corpus', () => {
  const sources = loadManagedPolicies();
  let result: LintResult;

  it('loads the whole corpus', () => {
    expect(sources.length).toBeGreaterThan(1500);
    result = lint({ sources, config: configFromObject({ extends: ['iamlint:all'] }, builtinRules), rules: builtinRules });
    expect(result.files).toHaveLength(sources.length);
  });

  it('lints every policy without an internal error or a parse failure', () => {
    const broken = result.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'internal-error' || f.ruleId === 'json-syntax');
    expect(broken.map((f) => `${f.filePath}: ${f.message}`)).toEqual([]);
  });

  it('reports admin-like managed policies and leaves read-only ones alone', () => {
    const rulesOf = (name: string) => new Set(result.files.find((f) => f.filePath === `managed-policies/${name}.json`)!.findings.map((f) => f.ruleId));
    expect(rulesOf('AdministratorAccess')).toEqual(new Set(['full-admin', 'privilege-escalation', 'passrole-resource-star', 'passrole-without-passed-to-service', 'service-wildcard-action']));
    expect(rulesOf('IAMFullAccess').has('privilege-escalation')).toBe(true);
    // ReadOnlyAccess does allow token-issuing reads (codeartifact:GetAuthorizationToken, connect:GetFederationToken…):
    // credentials-exposure reports those, rightly; no read-only policy escalates privileges.
    for (const readOnly of ['ReadOnlyAccess', 'ViewOnlyAccess', 'SecurityAudit']) {
      expect([...rulesOf(readOnly)].filter((r) => r === 'privilege-escalation' || r === 'full-admin'), readOnly).toEqual([]);
    }
    expect(rulesOf('ReadOnlyAccess').has('credentials-exposure')).toBe(true);
  });

  it('prints byte-identical JSON output to the committed snapshot', () => {
    const output = formatJson(result, { cwd: process.cwd(), rules: builtinRules, color: false, toolVersion: '0.0.0' });
    if (updatingSnapshots()) writeFileSync(OUTPUT_SNAPSHOT, gzipSync(output, { level: 9 }));
    if (!existsSync(OUTPUT_SNAPSHOT)) expect.fail('test/corpus-output.json.gz is missing: create it with npx vitest run test/corpus.test.ts -u');
    const expected = gunzipSync(readFileSync(OUTPUT_SNAPSHOT)).toString('utf8');
    if (output !== expected) expect.fail(`corpus JSON output differs from test/corpus-output.json.gz at ${firstDifference(expected, output)}`);
    expect(output.length).toBe(expected.length);
  });

  it('finds the reviewed number of findings per rule', async () => {
    const counts: Record<string, number> = Object.fromEntries(builtinRules.map((r) => [r.meta.id, 0]));
    for (const f of result.files) for (const x of f.findings) counts[x.ruleId] = (counts[x.ruleId] ?? 0) + 1;
    await expect(`${JSON.stringify({ policies: sources.length, findingsPerRule: counts }, null, 2)}\n`).toMatchFileSnapshot('corpus-counts.json');
  });
});
