/** Lints the fixtures of a rule the way a user would (files and project directories). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { configFromObject, loadConfig } from '../src/engine/config.js';
import { lint, policySetFiles, type LintResult, type SourceFile } from '../src/engine/linter.js';
import type { AnyRule } from '../src/engine/rule.js';
import { builtinRules } from '../src/rules/index.js';
import { createReferenceProvider } from '../src/cli/reference.js';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

export interface Fixture {
  readonly name: string;
  /** Repository-relative path of the fixture file or directory. */
  readonly path: string;
  readonly isDirectory: boolean;
}

export function listFixtures(ruleId: string, kind: 'valid' | 'invalid'): Fixture[] {
  const dir = join(ROOT, 'fixtures', ruleId, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && !n.endsWith('.snap'))
    .sort()
    .map((name) => {
      const abs = join(dir, name);
      return { name, path: relative(ROOT, abs), isDirectory: statSync(abs).isDirectory() };
    });
}

function read(rel: string): SourceFile {
  return { filePath: rel, text: readFileSync(join(ROOT, rel), 'utf8') };
}

/** Lints one fixture with only `rule` running (a directory fixture uses its own .iamlintrc.json). */
export function lintFixture(rule: AnyRule, fixture: Fixture): LintResult {
  if (!fixture.isDirectory) {
    const config = configFromObject({ rules: { [rule.meta.id]: rule.meta.defaultSeverity } }, [rule], ROOT);
    return lint({ sources: [read(fixture.path)], config, rules: [rule] });
  }
  const dir = join(ROOT, fixture.path);
  const config = loadConfig({ cwd: dir, rules: builtinRules });
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .sort()
    .map((n) => read(join(fixture.path, n)));
  const context = policySetFiles(config).map((abs) => read(relative(ROOT, abs)));
  // A `reference/` directory named by no-new-access's referenceDir option holds the earlier versions.
  return lint({ sources: files, contextSources: context, config, rules: [rule], reference: createReferenceProvider(config, ROOT, {}) });
}
