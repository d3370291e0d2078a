/** `--baseline` / `--update-baseline` for the CLI: write, load and apply the baseline file. */
import { relative, resolve } from 'node:path';
import { applyBaseline, DEFAULT_BASELINE_FILE, readBaseline, writeBaseline } from '../engine/baseline.js';
import type { LintResult } from '../engine/linter.js';

export interface BaselineFlags {
  readonly baseline: string | undefined;
  readonly updateBaseline: boolean;
  readonly format: string;
}

/**
 * Applies the baseline flags to a full result (before `--quiet` filtering). `--update-baseline`
 * writes the file first, so the run then reports nothing it just accepted.
 */
export function withBaseline(result: LintResult, flags: BaselineFlags, cwd: string, note: (text: string) => void): LintResult {
  if (flags.baseline === undefined && !flags.updateBaseline) return result;
  const path = resolve(cwd, flags.baseline ?? DEFAULT_BASELINE_FILE);
  const shown = relative(cwd, path).split('\\').join('/') || path;
  if (flags.updateBaseline) {
    const n = writeBaseline(path, result, cwd);
    note(`iamlint: wrote ${n} ${n === 1 ? 'finding' : 'findings'} to ${shown}\n`);
  }
  const applied = applyBaseline(result, readBaseline(path, shown), path, cwd);
  const gone = applied.baseline?.gone ?? 0;
  // The text summary says it; JSON and SARIF keep their shape, so say it on stderr.
  if (gone > 0 && flags.format !== 'text') note(`iamlint: ${gone} ${gone === 1 ? 'finding' : 'findings'} from the baseline no longer ${gone === 1 ? 'occurs' : 'occur'}\n`);
  return applied;
}
