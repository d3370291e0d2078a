/**
 * The formatter contract: a pure function from a lint result to the text written to stdout or
 * `--output`. Formatters never read files, the clock or the environment, so output is
 * deterministic and testable with hand-built results.
 */
import type { LintResult } from '../engine/linter.js';
import type { AnyRule } from '../engine/rule.js';

export interface FormatContext {
  /** Working directory the result's relative file paths are resolved against. */
  readonly cwd: string;
  /** Every rule known to this run (built-in and plugin), enabled or not. */
  readonly rules: readonly AnyRule[];
  /** Emit ANSI colors (text formatter only). */
  readonly color: boolean;
  /** iamlint's own version, e.g. `0.1.0`. */
  readonly toolVersion: string;
}

export type Formatter = (result: LintResult, ctx: FormatContext) => string;
