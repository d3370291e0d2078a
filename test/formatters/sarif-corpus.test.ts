/**
 * SARIF on real files: every fixture (each rule's valid and invalid fixtures, project directories
 * with their own config, and the CloudFormation, Terraform, Markdown and account-dump samples),
 * linted with every rule into one log, must validate against the vendored official schema and stay
 * within GitHub's documented upload limits. Also: fingerprints survive lines inserted above a
 * finding, the output does not depend on input order, and each rule's help is its documentation.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { configFromObject, loadConfig, ResolvedConfig } from '../../src/engine/config.js';
import { discoverFiles } from '../../src/engine/discover.js';
import { lint, policySetFiles, type LintResult, type SourceFile } from '../../src/engine/linter.js';
import { renderRuleMarkdown } from '../../src/engine/rule-doc.js';
import { buildSarif, FINGERPRINT_KEY, formatSarif, GITHUB_SARIF_LIMITS } from '../../src/formatters/sarif.js';
import type { FormatContext } from '../../src/formatters/types.js';
import { builtinRules } from '../../src/rules/index.js';
import { createReferenceProvider } from '../../src/cli/reference.js';
import { listFixtures, ROOT } from '../fixture-helpers.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
const ctx: FormatContext = { cwd: ROOT, rules: builtinRules, color: false, toolVersion: '0.1.0' };
const allRules = configFromObject({ extends: ['iamlint:all'] }, builtinRules, ROOT);

/** A source read from the repository; `edit` rewrites its text (to move lines). */
type Edit = (text: string, filePath: string) => string;
const read = (rel: string, edit?: Edit, walked?: boolean): SourceFile => {
  const text = readFileSync(join(ROOT, rel), 'utf8');
  return { filePath: rel, text: edit ? edit(text, rel) : text, ...(walked ? { walked } : {}) };
};

const ruleDirs = readdirSync(join(ROOT, 'fixtures')).filter((n) => n !== 'formats' && statSync(join(ROOT, 'fixtures', n)).isDirectory()).sort();

/** Every fixture, every rule enabled, as one lint result. */
function lintCorpus(edit?: Edit): LintResult {
  const results: LintResult[] = [];
  for (const ruleId of ruleDirs) {
    for (const fixture of [...listFixtures(ruleId, 'valid'), ...listFixtures(ruleId, 'invalid')]) {
      if (!fixture.isDirectory) {
        results.push(lint({ sources: [read(fixture.path, edit)], config: allRules, rules: builtinRules, cwd: ROOT }));
        continue;
      }
      const dir = join(ROOT, fixture.path);
      const own = loadConfig({ cwd: dir, rules: builtinRules });
      const config = new ResolvedConfig({ ...own.raw, extends: [...(own.raw.extends ?? []), 'iamlint:all'] }, own.baseDir, own.filePath, builtinRules);
      const sources = readdirSync(dir)
        .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
        .sort()
        .map((n) => read(join(fixture.path, n), edit));
      const context = policySetFiles(config).map((abs) => read(relative(ROOT, abs), edit));
      results.push(lint({ sources, contextSources: context, config, rules: builtinRules, cwd: ROOT, reference: createReferenceProvider(config, ROOT, {}) }));
    }
  }
  const formats = discoverFiles(['fixtures/formats'], { cwd: ROOT, ignorePatterns: [], configDir: ROOT });
  results.push(lint({ sources: formats.map((f) => read(f.filePath, edit, f.walked)), config: allRules, rules: builtinRules, cwd: ROOT }));
  return { files: results.flatMap((r) => r.files) };
}

/** Lines that every input format ignores, to insert above everything (config files are read as they are). */
const edited = new Set<string>();
function insertLinesAbove(text: string, filePath: string): string {
  edited.add(filePath);
  if (filePath.endsWith('.md')) return `# Moved\n\nThree lines were added above.\n\n${text}`;
  if (/\.ya?ml$/.test(filePath)) return `# moved\n# three lines\n# added above\n${text}`;
  return `\n\n\n${text}`;
}
const inserted = (filePath: string) => (!edited.has(filePath) ? 0 : filePath.endsWith('.md') ? 4 : 3);

const corpus = lintCorpus();
const log = buildSarif(corpus, ctx);
const run = log.runs[0];

describe('SARIF from the whole fixture corpus', () => {
  it('covers every rule and every input format', () => {
    const reported = new Set(run.results.map((r) => r.ruleId));
    expect(builtinRules.map((r) => r.meta.id).filter((id) => !reported.has(id))).toEqual([]);
    const extensions = new Set(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri.replace(/^.*\./, '')));
    expect([...extensions].sort()).toEqual(expect.arrayContaining(['json', 'md', 'yaml']));
  });

  it('validates against the official SARIF 2.1.0 schema', () => {
    const ok = validate(JSON.parse(formatSarif(corpus, ctx)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("stays within GitHub's upload limits", () => {
    expect(log.runs.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.runsPerFile);
    expect(run.results.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.resultsPerRun);
    expect(run.tool.driver.rules!.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.rulesPerRun);
    expect((run.tool.extensions ?? []).length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.extensionsPerRun);
    for (const r of run.results) {
      expect(r.locations.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.locationsPerResult);
      expect((r.relatedLocations ?? []).length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.locationsPerResult);
    }
    for (const rule of run.tool.driver.rules!) expect(rule.properties.tags.length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.tagsPerRule);
    expect(gzipSync(formatSarif(corpus, ctx)).length).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.gzippedBytes);
  });

  it('has the fields GitHub code scanning requires and uses', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('iamlint');
    expect(run.automationDetails.id).toMatch(/^[^/]+\/$/);
    const driverRules = run.tool.driver.rules!;
    for (const rule of driverRules) {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(rule.name).toMatch(/^[A-Za-z0-9]+$/);
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text, rule.help.markdown]) expect(text.trim()).not.toBe('');
      expect(rule.helpUri).toBe(`https://github.com/iamlint/iamlint/blob/main/docs/rules/${rule.id}.md`);
      expect(rule.properties['security-severity']).toMatch(/^(10|\d)\.\d$/);
      expect(rule.properties.tags).toContain('security');
    }
    const prints = new Set<string>();
    for (const r of run.results) {
      expect(driverRules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.message.text.trim()).not.toBe('');
      for (const loc of [...r.locations, ...(r.relatedLocations ?? [])]) {
        const { artifactLocation, region } = loc.physicalLocation;
        expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
        expect(artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:|\.\.|\\/i);
        expect(existsSync(join(ROOT, decodeURIComponent(artifactLocation.uri)))).toBe(true);
        expect(region.startLine).toBeGreaterThanOrEqual(1);
        expect(region.startColumn).toBeGreaterThanOrEqual(1);
        expect(region.endLine * 1e6 + region.endColumn).toBeGreaterThanOrEqual(region.startLine * 1e6 + region.startColumn);
      }
      const print = r.partialFingerprints[FINGERPRINT_KEY];
      expect(print).toMatch(/^[0-9a-f]{32}(:\d+)?$/);
      prints.add(print);
    }
    expect(prints.size).toBe(run.results.length);
    expect(run.results.some((r) => (r.relatedLocations ?? []).length > 0)).toBe(true);
  });

  it('is byte-identical whatever order the files, findings and rules come in', () => {
    const shuffled: LintResult = { files: [...corpus.files].reverse().map((f) => ({ ...f, findings: [...f.findings].reverse() })) };
    const rotated = corpus.files.slice(7).concat(corpus.files.slice(0, 7));
    const expected = formatSarif(corpus, ctx);
    expect(formatSarif(shuffled, { ...ctx, rules: [...builtinRules].reverse() })).toBe(expected);
    expect(formatSarif({ files: rotated }, ctx)).toBe(expected);
  });

  it('keeps every fingerprint when lines are inserted above the findings', () => {
    const moved = buildSarif(lintCorpus(insertLinesAbove), ctx).runs[0];
    expect(moved.results).toHaveLength(run.results.length);
    const where = (r: (typeof run.results)[number]) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      return { uri: artifactLocation.uri, line: region.startLine, column: region.startColumn, ruleId: r.ruleId };
    };
    const before = new Map(run.results.map((r) => [r.partialFingerprints[FINGERPRINT_KEY], where(r)]));
    const after = new Map(moved.results.map((r) => [r.partialFingerprints[FINGERPRINT_KEY], where(r)]));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [print, at] of before) expect(after.get(print)).toEqual({ ...at, line: at.line + inserted(decodeURIComponent(at.uri)) });
    // The messages that quote line numbers changed, yet their fingerprints did not.
    const quoting = moved.results.filter((r) => /\bline \d+/.test(r.message.text));
    expect(quoting.length).toBeGreaterThan(0);
    for (const r of quoting) expect(run.results.find((o) => o.partialFingerprints[FINGERPRINT_KEY] === r.partialFingerprints[FINGERPRINT_KEY])?.message.text).not.toBe(r.message.text);
  });

  it("embeds each rule's generated documentation as help.markdown", () => {
    for (const rule of builtinRules) {
      const help = run.tool.driver.rules!.find((r) => r.id === rule.meta.id)!.help.markdown;
      expect(help).toBe(`${renderRuleMarkdown(rule).trimEnd()}\n\n[Rule documentation with examples](${run.tool.driver.rules!.find((r) => r.id === rule.meta.id)!.helpUri})\n`);
      // docs/rules/<id>.md is the same text plus the executed fixture examples.
      const doc = readFileSync(join(ROOT, 'docs/rules', `${rule.meta.id}.md`), 'utf8')
        .replace(/^<!--.*-->\n/, '')
        .replace(/## Example: reported\n[\s\S]*?(?=## Example: not reported|## References|$)/, '')
        .replace(/## Example: not reported\n[\s\S]*?(?=## References|$)/, '');
      expect(help.slice(0, help.lastIndexOf('\n\n[Rule documentation'))).toBe(doc.trimEnd());
    }
  });
});
