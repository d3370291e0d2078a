import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/linter.js';
import {
  buildSarif,
  FINGERPRINT_KEY,
  formatSarif,
  GITHUB_SARIF_LIMITS,
  pascalCase,
  toRelativeUri,
  type SarifLog,
  type SarifResult,
} from '../../src/formatters/sarif.js';
import { cleanResult, ctx, finding, result, resultOf, rules } from './fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/sarif-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// The vendored official schema declares draft 2020-12, hence Ajv2020.
const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const sarif = (r = result, c = ctx): SarifLog => JSON.parse(formatSarif(r, c)) as SarifLog;
const fingerprint = (r: SarifResult) => r.partialFingerprints[FINGERPRINT_KEY];

/** Every string value in a JSON tree, with the key holding it. */
function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
  return [];
}

describe('sarif formatter', () => {
  const log = sarif();
  const run = log.runs[0];

  it('declares the draft the validator uses', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('is valid against the official SARIF 2.1.0 schema', () => {
    expectValid(log);
    expectValid(sarif(cleanResult));
    expectValid(sarif({ files: [] }));
  });

  it('uses a validator that rejects what the schema forbids', () => {
    const bad = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    bad.runs[0].results[0].level = 'fatal';
    expect(validate(bad)).toBe(false);
    const noUri = structuredClone(log) as unknown as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    noUri.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(noUri)).toBe(false);
  });

  it('has the log header, one run, column kind and automation id', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.automationDetails).toEqual({ id: 'iamlint/' });
    expect(run).not.toHaveProperty('originalUriBaseIds');
  });

  it('describes the tool and its AWS data', () => {
    const { driver, extensions } = run.tool;
    expect(driver.name).toBe('iamlint');
    expect(driver.informationUri).toBe('https://github.com/iamlint/iamlint');
    expect(driver.version).toBe('0.1.0');
    expect(driver.semanticVersion).toBe('0.1.0');
    expect(extensions?.[0].name).toBe('aws-iam-service-data');
    expect(extensions?.[0].version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists every rule of the run, sorted by id, with docs, level, tags and security-severity', () => {
    const driverRules = run.tool.driver.rules ?? [];
    expect(driverRules.map((r) => r.id)).toEqual([...rules.map((r) => r.meta.id)].sort());
    const write = driverRules.find((r) => r.id === 'unscoped-write');
    expect(write).toEqual({
      id: 'unscoped-write',
      name: 'UnscopedWrite',
      shortDescription: { text: 'Describe unscoped-write' },
      fullDescription: { text: 'Describe unscoped-write. Why unscoped-write matters.' },
      help: {
        text:
          'Describe unscoped-write.\n\nWhy: Why unscoped-write matters.\n\nFix: Fix unscoped-write.\n\n' +
          'References:\n- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
        markdown:
          '# unscoped-write\n\n> Describe unscoped-write.\n\n- Default severity: **warning** (security-severity 5.5)\n' +
          '- In `iamlint:recommended`: yes\n\n## Why\n\nWhy unscoped-write matters.\n\n## How to fix\n\nFix unscoped-write.\n\n' +
          '## Messages\n\n- `m`: message\n\n## Options\n\nThis rule has no options.\n\n' +
          '## References\n\n- <https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html>\n\n' +
          '[Rule documentation with examples](https://github.com/iamlint/iamlint/blob/main/docs/rules/unscoped-write.md)\n',
      },
      helpUri: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/unscoped-write.md',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['security', 'least-privilege'], precision: 'high', 'security-severity': '5.5' },
    });
    const bySeverity = Object.fromEntries(driverRules.map((r) => [r.id, [r.defaultConfiguration.level, r.properties['security-severity']]]));
    expect(bySeverity).toEqual({
      'boundary-missing-grant': ['error', '7.0'],
      'duplicate-sid': ['error', '7.0'],
      'passrole-without-passed-to-service': ['error', '8.1'],
      'policy-version': ['warning', '4.0'],
      'service-wildcard-action': ['note', '1.0'],
      'unscoped-write': ['warning', '5.5'],
    });
    expect(driverRules.find((r) => r.id === 'passrole-without-passed-to-service')?.properties.tags).toEqual(['security', 'iam']);
  });

  it('names rules in PascalCase', () => {
    expect(pascalCase('passrole-without-passed-to-service')).toBe('PassroleWithoutPassedToService');
    expect(pascalCase('json-syntax')).toBe('JsonSyntax');
  });

  it('reports each finding with rule index, level, message, full region and related locations', () => {
    expect(run.results).toHaveLength(5);
    const driverRules = run.tool.driver.rules ?? [];
    for (const r of run.results) expect(driverRules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.results.map((r) => r.level)).toEqual(['error', 'warning', 'note', 'error', 'warning']);
    const { partialFingerprints, ...boundary } = run.results[3];
    expect(boundary).toEqual({
      ruleId: 'boundary-missing-grant',
      ruleIndex: 0,
      level: 'error',
      // GitHub code scanning shows related locations only through links in the message.
      message: { text: 'sagemaker:CreateTrainingJob is granted but the permissions boundary does not allow it. See [policies/boundary.json:4](1).' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'policies/app.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 120, startColumn: 9, endLine: 122, endColumn: 4 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'policies/boundary.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 7, endLine: 4, endColumn: 30 },
          },
          message: { text: 'The boundary allows only these actions' },
        },
      ],
    });
    expect(Object.keys(partialFingerprints)).toEqual([FINGERPRINT_KEY]);
    expect(fingerprint(run.results[3])).toMatch(/^[0-9a-f]{32}$/);
    expect(run.results[0]).not.toHaveProperty('relatedLocations');
  });

  it('escapes square brackets in a message that links related locations (SARIF embedded links)', () => {
    const related = [{ filePath: 'a[1].json', line: 3, column: 1, endLine: 3, endColumn: 2, message: 'here' }];
    const out = buildSarif(resultOf(finding({ ruleId: 'duplicate-sid', line: 1, column: 1, message: 'x [template.yaml › Resource Role]', related })), ctx);
    expect(out.runs[0].results[0].message.text).toBe('x \\[template.yaml › Resource Role\\] See [a\\[1\\].json:3](1).');
  });

  it('has every field GitHub code scanning requires', () => {
    expect(run.tool.driver.name).toBeTruthy();
    for (const r of run.results) {
      expect(r.ruleId).toBeTruthy();
      expect(r.message.text).toBeTruthy();
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBeTruthy();
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  it('uses only relative, forward-slash, percent-encoded URIs and no absolute paths', () => {
    expect(run.results[4].locations[0].physicalLocation.artifactLocation.uri).toBe('policies/legacy/old%20policy.json');
    const uris = strings(log).filter(([k]) => k === 'uri').map(([, v]) => v);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) {
      expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/|\\/i);
      expect(() => new URL(uri, 'file:///root/')).not.toThrow();
    }
    const text = formatSarif(result, ctx);
    expect(text).not.toContain('file://');
    expect(text).not.toContain(ctx.cwd);
  });

  it('makes absolute and Windows-style paths relative', () => {
    expect(toRelativeUri('/home/dev/project/policies/a b.json', '/home/dev/project')).toBe('policies/a%20b.json');
    expect(toRelativeUri('./policies/x.json', '/repo')).toBe('policies/x.json');
    expect(toRelativeUri('policies\\win\\x#1.json', '/repo')).toBe('policies/win/x%231.json');
    const abs = finding({ ruleId: 'duplicate-sid', line: 1, column: 1, filePath: '/home/dev/project/p.json' });
    const out = sarif(resultOf(abs));
    expect(out.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('p.json');
  });

  it('keeps fingerprints when the same finding moves to another line', () => {
    const at = (line: number) => finding({ ruleId: 'unscoped-write', line, column: 9, path: ['Statement', 1, 'Resource'] });
    const before = sarif(resultOf(at(12))).runs[0].results[0];
    const after = sarif(resultOf(at(40))).runs[0].results[0];
    expect(after.locations[0].physicalLocation.region.startLine).toBe(40);
    expect(fingerprint(after)).toBe(fingerprint(before));
  });

  it('gives different fingerprints to different JSON paths, files, rules and messages', () => {
    const base = finding({ ruleId: 'unscoped-write', line: 5, column: 9, path: ['Statement', 1, 'Resource'] });
    const variants: Finding[] = [
      base,
      { ...base, path: ['Statement', 1, 'NotResource'] },
      { ...base, filePath: 'policies/other.json' },
      { ...base, ruleId: 'duplicate-sid' },
      { ...base, message: 'Another message.' },
    ];
    const prints = variants.map((f) => fingerprint(sarif(resultOf(f)).runs[0].results[0]));
    expect(new Set(prints).size).toBe(variants.length);
  });

  it('ignores array indexes, so removing an earlier entry does not re-key a finding', () => {
    const at = (index: number) => finding({ ruleId: 'unscoped-write', line: 5, column: 9, path: ['Statement', 0, 'Action', index] });
    expect(fingerprint(sarif(resultOf(at(2))).runs[0].results[0])).toBe(fingerprint(sarif(resultOf(at(1))).runs[0].results[0]));
  });

  it('numbers colliding fingerprints :2, :3 in report order', () => {
    const same = (line: number) => finding({ ruleId: 'unscoped-write', line, column: 9 });
    const prints = sarif(resultOf(same(1), same(2), same(3))).runs[0].results.map(fingerprint);
    expect(prints[1]).toBe(`${prints[0]}:2`);
    expect(prints[2]).toBe(`${prints[0]}:3`);
  });

  it('adds a driver rule for internal-error only when it occurs', () => {
    expect(run.tool.driver.rules?.some((r) => r.id === 'internal-error')).toBe(false);
    const crash = finding({ ruleId: 'internal-error', messageId: 'ruleFailed', line: 1, column: 1, endColumn: 1, path: [], message: 'Rule x failed on this input: boom' });
    const out = sarif({ files: [...result.files, { filePath: 'z.json', findings: [crash], documentCount: 1 }] });
    expectValid(out);
    const driverRules = out.runs[0].tool.driver.rules ?? [];
    const internal = out.runs[0].results.find((r) => r.ruleId === 'internal-error')!;
    expect(internal.ruleId).toBe('internal-error');
    expect(driverRules[internal.ruleIndex]).toMatchObject({ id: 'internal-error', name: 'InternalError', defaultConfiguration: { level: 'error' } });
    expect(driverRules.map((r) => r.id)).toEqual([...driverRules.map((r) => r.id)].sort());
    expect(internal.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });

  it('describes a reported rule missing from the context so ruleIndex stays valid', () => {
    const out = sarif(resultOf(finding({ ruleId: 'org-custom-rule', line: 2, column: 2 })));
    expectValid(out);
    const r = out.runs[0].results[0];
    expect(out.runs[0].tool.driver.rules?.[r.ruleIndex].id).toBe('org-custom-rule');
  });

  it('is deterministic and carries no timestamps', () => {
    expect(formatSarif(result, ctx)).toBe(formatSarif(result, { ...ctx }));
    expect(formatSarif(result, ctx).endsWith('}\n')).toBe(true);
    expect(formatSarif(result, ctx)).toMatch(/^\{\n {2}"\$schema"/);
    expect(keys(log).filter((k) => /time/i.test(k))).toEqual([]);
  });

  describe("within GitHub's documented limits", () => {
    it('stays within rule, result, location and tag limits on normal output', () => {
      expect(run.tool.driver.rules!.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.rulesPerRun);
      expect(run.results.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.resultsPerRun);
      for (const r of run.results) {
        expect(r.locations.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.locationsPerResult);
        expect((r.relatedLocations ?? []).length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.locationsPerResult);
      }
      for (const rule of run.tool.driver.rules!) expect(rule.properties.tags.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.tagsPerRule);
    });

    it('keeps the most severe 25,000 results and says how many were left out', () => {
      const many: Finding[] = [];
      for (let i = 1; i <= 25_002; i++) many.push(finding({ ruleId: 'unscoped-write', severity: i <= 2 ? 'info' : i === 25_002 ? 'error' : 'warning', line: i, column: 1 }));
      const out = buildSarif(resultOf(...many), ctx).runs[0];
      expect(out.results).toHaveLength(25_000);
      expect(out.results.some((r) => r.level === 'note')).toBe(false);
      expect(out.results.at(-1)?.level).toBe('error');
      expect(out.results[0].locations[0].physicalLocation.region.startLine).toBe(3);
      expect(out.invocations?.[0].toolExecutionNotifications[0].message.text).toMatch(/^2 lower-severity results were omitted/);
      expect(out.invocations?.[0].executionSuccessful).toBe(true);
    });

    it('caps related locations at 1,000 and tags at 20 per rule', () => {
      const related = Array.from({ length: 1_500 }, (_, i) => ({ filePath: 'b.json', line: i + 1, column: 1, endLine: i + 1, endColumn: 2, message: `r${i}` }));
      const manyTags = rules.map((r) => (r.meta.id === 'duplicate-sid' ? { ...r, meta: { ...r.meta, tags: Array.from({ length: 30 }, (_, i) => `t${i}`) } } : r));
      const out = buildSarif(resultOf(finding({ ruleId: 'duplicate-sid', line: 1, column: 1, related })), { ...ctx, rules: manyTags });
      expectValid(out);
      expect(out.runs[0].results[0].relatedLocations).toHaveLength(1_000);
      expect(out.runs[0].tool.driver.rules?.find((r) => r.id === 'duplicate-sid')?.properties.tags).toHaveLength(20);
    });
  });
});
