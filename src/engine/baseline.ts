/**
 * Baselines: accept today's findings, report only new ones. The file holds one entry per finding
 * with the finding's SARIF partialFingerprint (rule, message id, file, JSON path, message; never a
 * line number, so moving lines changes nothing), computed with file paths relative to the
 * baseline's own directory so a run from another directory matches the same entries.
 *
 * Matching is a multiset: identical findings are numbered (`hash`, `hash:2`, …), so two identical
 * findings against one baselined entry leave one reported. Entries for linted files that matched
 * nothing are counted as gone (the mistake was fixed); entries for files this run did not lint are
 * neither matched nor counted, and an update keeps them while their file exists.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { findingFingerprints, sortFindings } from '../formatters/sarif.js';
import { ConfigError } from './config.js';
import type { Finding, LintResult } from './linter.js';

export const DEFAULT_BASELINE_FILE = '.iamlint-baseline.json';
export const BASELINE_VERSION = 1;

export class BaselineError extends ConfigError {}

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** Relative to the baseline file's directory, forward slashes. */
  readonly file: string;
  /** For people reviewing the baseline; not used for matching. */
  readonly message?: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

/** Each finding of the result as a baseline entry (paths relative to `baseDir`). */
function entriesOf(result: LintResult, cwd: string, baseDir: string): { finding: Finding; entry: BaselineEntry }[] {
  const toBase = (filePath: string) => relative(baseDir, resolve(cwd, filePath)).split('\\').join('/');
  const rebased = new Map<Finding, Finding>();
  for (const f of result.files.flatMap((file) => file.findings)) rebased.set({ ...f, filePath: toBase(f.filePath) }, f);
  const sorted = sortFindings([...rebased.keys()], baseDir);
  const prints = findingFingerprints(sorted, baseDir);
  return sorted.map((f, i) => ({ finding: rebased.get(f)!, entry: { fingerprint: prints[i], ruleId: f.ruleId, file: f.filePath, message: f.message } }));
}

function lintedFiles(result: LintResult, cwd: string, baseDir: string): Set<string> {
  return new Set(result.files.map((f) => relative(baseDir, resolve(cwd, f.filePath)).split('\\').join('/')));
}

export function readBaseline(path: string, shown = path): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `Baseline file not found: ${shown} (create it with --update-baseline)` : `Cannot read baseline ${shown}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`Baseline ${shown} is not valid JSON: ${(e as Error).message}`);
  }
  const problem = baselineProblem(data);
  if (problem) throw new BaselineError(`Invalid baseline ${shown}: ${problem} (regenerate it with --update-baseline)`);
  return data as Baseline;
}

function baselineProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected an object with "version" and "findings"';
  const { version, findings } = data as Record<string, unknown>;
  if (version !== BASELINE_VERSION) return `unsupported version ${JSON.stringify(version)} (expected ${BASELINE_VERSION})`;
  if (!Array.isArray(findings)) return '"findings" must be an array';
  const bad = findings.findIndex((e) => typeof e !== 'object' || e === null || ['fingerprint', 'ruleId', 'file'].some((k) => typeof (e as Record<string, unknown>)[k] !== 'string'));
  return bad >= 0 ? `findings[${bad}] needs string "fingerprint", "ruleId" and "file"` : undefined;
}

/** Sorted, pretty JSON: the same findings always give the same bytes. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  const baseline: Baseline = { version: BASELINE_VERSION, findings: sorted.map((e) => ({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file, ...(e.message !== undefined ? { message: e.message } : {}) })) };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/**
 * Writes the baseline at `path` from the result: every finding of the linted files, plus the
 * previous entries of files this run did not lint that still exist. Returns the entry count.
 */
export function writeBaseline(path: string, result: LintResult, cwd: string): number {
  const baseDir = dirname(path);
  const linted = lintedFiles(result, cwd, baseDir);
  let kept: BaselineEntry[] = [];
  if (existsSync(path)) {
    try {
      kept = readBaseline(path).findings.filter((e) => !linted.has(e.file) && existsSync(resolve(baseDir, e.file)));
    } catch {
      // an unreadable old baseline is simply replaced
    }
  }
  const entries = [...kept, ...entriesOf(result, cwd, baseDir).map((x) => x.entry)];
  try {
    writeFileSync(path, serializeBaseline(entries));
  } catch (e) {
    throw new BaselineError(`Cannot write baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return entries.length;
}

/** The result without the findings the baseline holds, with the counts for the summary. */
export function applyBaseline(result: LintResult, baseline: Baseline, baselinePath: string, cwd: string): LintResult {
  const baseDir = dirname(baselinePath);
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) remaining.set(e.fingerprint, (remaining.get(e.fingerprint) ?? 0) + 1);
  const hidden = new Set<Finding>();
  for (const { finding, entry } of entriesOf(result, cwd, baseDir)) {
    const n = remaining.get(entry.fingerprint) ?? 0;
    if (n === 0) continue;
    remaining.set(entry.fingerprint, n - 1);
    hidden.add(finding);
  }
  const linted = lintedFiles(result, cwd, baseDir);
  const left = new Map(remaining);
  let gone = 0;
  for (const e of baseline.findings) {
    const n = left.get(e.fingerprint) ?? 0;
    if (n === 0) continue;
    left.set(e.fingerprint, n - 1);
    if (linted.has(e.file)) gone++;
  }
  return {
    ...result,
    files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => !hidden.has(x)) })),
    baseline: { matched: hidden.size, gone },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
