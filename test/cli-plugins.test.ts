/** Rule plugins (config `plugins`): loading, validation, errors, output. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigAsync } from '../src/engine/config.js';
import { builtinRules } from '../src/rules/index.js';
import { project, run } from './cli-helpers.js';
import { ROOT } from './fixture-helpers.js';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; messageId: string; message: string; line: number; column: number; severity: number }[];
}

/** A plugin module's text: one rule reporting every Allow statement without a Sid (no import of iamlint: a plain object works too). */
const pluginSource = (id: string, exportStyle: 'named' | 'default-array' | 'default-object' = 'named', extraMeta = '') => `
const rule = {
  meta: {
    id: ${JSON.stringify(id)},
    docs: { description: 'Statements have a Sid', why: 'Reviews name statements by Sid.', fix: 'Add a Sid.', recommended: true, url: 'https://example.com/rules/sid' ${extraMeta} },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: { effects: { type: 'array', items: { enum: ['Allow', 'Deny'] } } } },
    defaultOptions: { effects: ['Allow'] },
    messages: { missing: 'Statement {{index}} has no Sid.' },
  },
  create(context) {
    return {
      statement(stmt) {
        if (!stmt.sid && context.options.effects.includes(stmt.effect?.value)) context.report({ node: stmt.effect, messageId: 'missing', data: { index: stmt.index } });
      },
    };
  },
};
${exportStyle === 'named' ? 'export const rules = [rule];' : exportStyle === 'default-array' ? 'export default [rule];' : 'export default { rules: [rule] };'}
`;

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-b/*' }, { Sid: 'Named', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-b' }] }, null, 2);

async function lintWith(files: Record<string, string>, args: string[] = ['--format', 'json', 'p.json']) {
  const dir = project({ 'p.json': POLICY, ...files });
  return run(args, dir);
}

describe('plugins', () => {
  it('loads rules from a file relative to the config, in each export style, and runs them like built-in rules', async () => {
    for (const style of ['named', 'default-array', 'default-object'] as const) {
      const r = await lintWith({ 'rules/sid.mjs': pluginSource('acme/sid', style), '.iamlintrc.json': JSON.stringify({ plugins: ['./rules/sid.mjs'] }) });
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as JsonFile[];
      expect(out[0].messages.filter((m) => m.ruleId === 'acme/sid').map((m) => [m.messageId, m.line, m.column, m.severity, m.message])).toEqual([['missing', 5, 17, 1, 'Statement 0 has no Sid.']]);
    }
  });

  it('resolves a package name from the config directory, validates its options, and lets rules/overrides configure it', async () => {
    const files = {
      'node_modules/@acme/iamlint-plugin/package.json': JSON.stringify({ name: '@acme/iamlint-plugin', version: '1.0.0', type: 'module', main: 'index.js' }),
      'node_modules/@acme/iamlint-plugin/index.js': pluginSource('acme/sid'),
    };
    const ok = await lintWith({ ...files, '.iamlintrc.json': JSON.stringify({ plugins: ['@acme/iamlint-plugin'], rules: { 'acme/sid': ['error', { effects: ['Allow', 'Deny'] }] } }) });
    expect((JSON.parse(ok.stdout) as JsonFile[])[0].messages.filter((m) => m.ruleId === 'acme/sid').map((m) => m.severity)).toEqual([2]);
    const bad = await lintWith({ ...files, '.iamlintrc.json': JSON.stringify({ plugins: ['@acme/iamlint-plugin'], rules: { 'acme/sid': ['error', { effect: 'Allow' }] } }) });
    expect([bad.code, bad.stderr]).toEqual([2, 'iamlint: Invalid config .iamlintrc.json:\n  - rules.acme/sid.1.effect: unknown key\n']);
    const off = await lintWith({ ...files, '.iamlintrc.json': JSON.stringify({ plugins: ['@acme/iamlint-plugin'], overrides: [{ files: ['p.json'], rules: { 'acme/sid': 'off' } }] }) });
    expect((JSON.parse(off.stdout) as JsonFile[])[0].messages.filter((m) => m.ruleId === 'acme/sid')).toEqual([]);
  });

  it('puts plugin rules in SARIF with their own documentation link', async () => {
    const r = await lintWith({ 'sid.mjs': pluginSource('acme/sid'), '.iamlintrc.json': JSON.stringify({ plugins: ['./sid.mjs'] }) }, ['--format', 'sarif', 'p.json']);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; shortDescription: { text: string } }[] } } }[] };
    expect(sarif.runs[0].tool.driver.rules.find((x) => x.id === 'acme/sid')).toMatchObject({ helpUri: 'https://example.com/rules/sid', shortDescription: { text: 'Statements have a Sid' } });
  });

  it('makes every plugin that cannot be used a config error naming the plugin (exit 2, nothing linted)', async () => {
    const cases: [Record<string, string>, string[], string][] = [
      [{}, ['./missing.mjs'], `plugin "./missing.mjs": `],
      [{}, ['@acme/not-installed'], 'plugin "@acme/not-installed": cannot find the package from '],
      [{ 'throws.mjs': "throw new Error('boom');" }, ['./throws.mjs'], 'plugin "./throws.mjs": it failed to load: boom'],
      [{ 'empty.mjs': 'export const x = 1;' }, ['./empty.mjs'], 'plugin "./empty.mjs": exports no rules (export `rules`, an array of rules made with defineRule)'],
      [{ 'bad.mjs': 'export const rules = [{ meta: { id: "Bad Id" }, create() {} }];' }, ['./bad.mjs'], 'plugin "./bad.mjs": rule 0 has an invalid meta.id "Bad Id"'],
      [{ 'nodocs.mjs': pluginSource('acme/sid').replace("why: 'Reviews name statements by Sid.', ", '') }, ['./nodocs.mjs'], 'plugin "./nodocs.mjs": rule 0 "acme/sid" has no meta.docs.why'],
      [{ 'taken.mjs': pluginSource('unknown-action') }, ['./taken.mjs'], 'plugin "./taken.mjs": rule id "unknown-action" is taken by a built-in or custom rule'],
      [{ 'a.mjs': pluginSource('acme/sid'), 'b.mjs': pluginSource('acme/sid') }, ['./a.mjs', './b.mjs'], 'plugin "./b.mjs": rule id "acme/sid" is also defined by plugin "./a.mjs"'],
    ];
    for (const [files, plugins, message] of cases) {
      const r = await lintWith({ ...files, '.iamlintrc.json': JSON.stringify({ plugins }) });
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(`iamlint: Invalid config .iamlintrc.json:\n  - ${message}`);
    }
  });

  it('loads plugins only asynchronously: loadConfig says so instead of ignoring them', async () => {
    const dir = project({ 'sid.mjs': pluginSource('acme/sid'), '.iamlintrc.json': JSON.stringify({ plugins: ['./sid.mjs'] }) });
    expect(() => loadConfig({ cwd: dir, rules: builtinRules })).toThrow('Config .iamlintrc.json names plugins, which load asynchronously: use loadConfigAsync');
    const config = await loadConfigAsync({ cwd: dir, rules: builtinRules });
    expect(config.rules.length).toBe(builtinRules.length + 1);
    expect(config.rules.at(-1)?.meta.id).toBe('acme/sid');
  });

  it('the bundled example plugin works through the built command (bin/iamlint.js; npm ci builds it)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/iamlint.js'), '--format', 'json', '.'], { cwd: join(ROOT, 'examples/plugin'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as JsonFile[];
    expect(out.flatMap((f) => f.messages.map((m) => [f.filePath, m.ruleId, m.messageId, m.line, m.column, m.message]))).toEqual([
      ['policies/reports-reader.json', 'acme/require-sid', 'missing', 10, 5, 'Statement 1 has no Sid.'],
      ['policies/reports-reader.json', 'acme/bucket-prefix', 'foreign', 13, 19, 'Statement 1 names bucket "reports", which does not start with "acme-" or "acme.".'],
    ]);
  });
});
