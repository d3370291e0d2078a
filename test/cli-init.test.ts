/** `iamlint --init` end to end: the starter config, its schema reference, and never overwriting. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/engine/config.js';
import { LOCAL_SCHEMA, REMOTE_SCHEMA } from '../src/cli/init.js';
import { builtinRules } from '../src/rules/index.js';
import { ROOT } from './fixture-helpers.js';
import { project, run } from './cli-helpers.js';

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] }, null, 2);

describe('iamlint --init', () => {
  it('writes a starter .iamlintrc.json that validates and is then used', async () => {
    const dir = project({ 'policy.json': POLICY });
    const r = await run(['--init'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Wrote .iamlintrc.json');
    expect(r.stdout).toContain('.iamlintrc.example.json');
    const text = readFileSync(join(dir, '.iamlintrc.json'), 'utf8');
    expect(text).toBe(`{\n  "$schema": "${REMOTE_SCHEMA}",\n  "extends": [\n    "iamlint:recommended"\n  ],\n  "rules": {}\n}\n`);
    // Valid against the published schema file, and loaded by iamlint itself.
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/iamlintrc.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(loadConfig({ cwd: dir, rules: builtinRules }).filePath).toBe(join(dir, '.iamlintrc.json'));
    expect(await run(['policy.json'], dir)).toEqual({ code: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
  });

  it('points $schema at the locally installed copy when iamlint is in node_modules', async () => {
    const dir = project({ 'node_modules/iamlint/schema/iamlintrc.schema.json': '{}' });
    await run(['--init'], dir);
    expect((JSON.parse(readFileSync(join(dir, '.iamlintrc.json'), 'utf8')) as { $schema: string }).$schema).toBe(LOCAL_SCHEMA);
  });

  it('refuses to overwrite an existing config (exit 2)', async () => {
    const existing = '{ "rules": { "unscoped-write": "off" } }\n';
    for (const [name, text, what] of [
      ['.iamlintrc.json', existing, '.iamlintrc.json'],
      ['.iamlintrc.yaml', 'rules: {}\n', '.iamlintrc.yaml'],
      ['package.json', '{ "name": "app", "iamlint": { "rules": {} } }', 'the "iamlint" key of package.json'],
    ] as const) {
      const dir = project({ [name]: text });
      const r = await run(['--init'], dir);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `iamlint: A config already exists here (${what}); not overwriting it.\n` });
      expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
    }
  });

  it('works even when a broken config sits in a parent directory', async () => {
    const dir = project({ '.iamlintrc.json': '{ broken', 'app/policy.json': POLICY });
    const r = await run(['--init'], join(dir, 'app'));
    expect(r.code).toBe(0);
    expect(await run(['policy.json'], join(dir, 'app'))).toEqual({ code: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
  });
});
