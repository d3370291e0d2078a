/**
 * `iamlint --init`: a starter `.iamlintrc.json` in the working directory. It references the
 * config schema for editor completion (the locally installed copy when there is one) and never
 * overwrites an existing config.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../engine/config.js';

export const INIT_FILE = '.iamlintrc.json';
export const LOCAL_SCHEMA = './node_modules/iamlint/schema/iamlintrc.schema.json';
export const REMOTE_SCHEMA = 'https://raw.githubusercontent.com/iamlint/iamlint/main/schema/iamlintrc.schema.json';
const EXAMPLE_URL = 'https://github.com/iamlint/iamlint/blob/main/.iamlintrc.example.json';
const DOCS_URL = 'https://github.com/iamlint/iamlint#configuration';

/** The starter config for a project in `cwd`. */
export function starterConfig(cwd: string): Record<string, unknown> {
  return {
    $schema: existsSync(join(cwd, LOCAL_SCHEMA)) ? LOCAL_SCHEMA : REMOTE_SCHEMA,
    extends: ['iamlint:recommended'],
    rules: {},
  };
}

/** Writes the starter config; throws ConfigError when the directory already has a config. */
export function initConfig(cwd: string): string {
  const existing = existingConfig(cwd);
  if (existing) throw new ConfigError(`A config already exists here (${existing}); not overwriting it.`);
  writeFileSync(join(cwd, INIT_FILE), `${JSON.stringify(starterConfig(cwd), null, 2)}\n`);
  return `Wrote ${INIT_FILE} (recommended rules). Every setting, with comments, is shown in .iamlintrc.example.json: ${EXAMPLE_URL}\nSee also ${DOCS_URL}\n`;
}

function existingConfig(cwd: string): string | undefined {
  for (const name of ['.iamlintrc.json', '.iamlintrc.yaml', '.iamlintrc.yml']) if (existsSync(join(cwd, name))) return name;
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (pkg.iamlint !== undefined) return 'the "iamlint" key of package.json';
  } catch {
    // no package.json, or not ours to judge
  }
  return undefined;
}
