/**
 * `--fix` and `--fix-dry-run`: apply the engine's mechanical fixes (src/engine/fix.ts) to the
 * linted files, or show them as a unified diff without touching anything.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixSources, type FileFix } from '../engine/fix.js';
import type { LintResult, SourceFile } from '../engine/linter.js';
import type { InputFormat } from '../parsers/index.js';
import { unifiedDiff } from './diff.js';

export interface FixCommand {
  readonly sources: readonly SourceFile[];
  /** The lint result of `sources` as they are. */
  readonly first: LintResult;
  readonly lint: (sources: readonly SourceFile[]) => LintResult;
  readonly formatFor: (filePath: string) => InputFormat | undefined;
  readonly dryRun: boolean;
  readonly cwd: string;
  write(text: string): void;
  writeError(text: string): void;
}

/** Fixes (or, in a dry run, diffs) and returns the findings that remain after fixing. */
export function runFix(command: FixCommand): LintResult {
  const outcome = fixSources(command.sources, command.lint, command.formatFor, command.first);
  const fixes = outcome.files.reduce((n, f) => n + total(f), 0);
  const files = `${outcome.files.length} file${outcome.files.length === 1 ? '' : 's'}`;
  const problems = `${fixes} problem${fixes === 1 ? '' : 's'}`;
  if (command.dryRun) {
    command.write(outcome.files.map((f) => unifiedDiff(f.original, f.fixed, f.filePath)).join(''));
    command.writeError(fixes === 0 ? 'iamlint: nothing to fix.\n' : `iamlint: --fix would fix ${problems} in ${files}; nothing was changed.\n`);
  } else {
    for (const f of outcome.files) writeFileSync(resolve(command.cwd, f.filePath), f.fixed);
    if (fixes > 0) command.writeError(`iamlint: fixed ${problems} in ${files}.\n`);
  }
  return outcome.result;
}

function total(f: FileFix): number {
  return Object.values(f.counts).reduce((a, b) => a + b, 0);
}
