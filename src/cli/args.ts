/** Command-line arguments (node:util parseArgs) → a typed request; usage errors exit 2. */
import { parseArgs } from 'node:util';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface CliOptions {
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly output: string | undefined;
  readonly config: string | undefined;
  readonly maxWarnings: number | undefined;
  readonly quiet: boolean;
  readonly color: boolean | undefined;
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  readonly listRules: boolean;
  readonly printConfig: string | undefined;
  readonly version: boolean;
  readonly help: boolean;
  readonly debug: boolean;
  /** Report only findings not in this baseline file. */
  readonly baseline: string | undefined;
  /** Write the baseline (`--baseline` path or .iamlint-baseline.json) from this run's findings. */
  readonly updateBaseline: boolean;
  /** Named files holding no policy are left out, as in a directory walk (pre-commit, lint-staged). */
  readonly skipNonPolicyFiles: boolean;
  /** Fix mechanical findings in place (`--fix`) or print the fixes as a diff (`--fix-dry-run`). */
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  /** Write a starter .iamlintrc.json in the working directory. */
  readonly init: boolean;
  /** Threads linting files in parallel (undefined: automatic, by file count and CPU count). */
  readonly threads: number | undefined;
  /** no-new-access: compare with the files at this git revision (`--reference-ref`). */
  readonly referenceRef: string | undefined;
  /** no-new-access: compare with the files at the same relative paths in this directory (`--reference`). */
  readonly referenceDir: string | undefined;
  /** access-not-granted: actions no policy may allow (`--access-not-granted`, comma-separated, repeatable). */
  readonly accessNotGranted: readonly string[];
  /** Remember findings per file between runs (`--cache`). */
  readonly cache: boolean;
  /** Where (`--cache-location`, default .iamlintcache in the working directory). */
  readonly cacheLocation: string | undefined;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const HELP = `Usage: iamlint [options] [paths...]

Lint AWS IAM policies offline. Paths may be files, directories (walked for policy files) or globs;
the default is the current directory.

Options:
  -f, --format <text|json|sarif|github>
                                  Output format (default: text); github prints workflow
                                  commands that annotate the pull request
  -o, --output <file>             Write the report to a file instead of stdout
  -c, --config <file>             Use this config file instead of looking for .iamlintrc.json
      --max-warnings <n>          Fail (exit 1) when there are more than n warnings
      --quiet                     Report errors only
      --color / --no-color        Force colors on or off (default: on for a TTY, honours NO_COLOR)
      --stdin                     Lint text from standard input
      --stdin-filename <name>     File name to use for --stdin (for config overrides, the input
                                  format, e.g. a .md name reads Markdown, and output)
      --list-rules                List all rules with their default severity and exit
      --print-config <file>       Print the rules and options that apply to <file> and exit
      --fix                       Fix mechanical findings in place (duplicate actions, resources
                                  and statements, missing Version), then report what remains
      --fix-dry-run               Print the fixes as a unified diff; change nothing
      --init                      Write a starter .iamlintrc.json here and exit
      --threads <n>               Lint files on n threads (default 1; output is the same)
      --debug                     Show stack traces for internal errors
      --baseline <file>           Report only findings not in this baseline file; the summary
                                  counts baselined findings that no longer occur
      --update-baseline           Write the baseline (--baseline <file>, default
                                  .iamlint-baseline.json) from this run's findings
      --skip-non-policy-files     Leave out named files that hold no policy, as a directory walk
                                  does (for pre-commit and lint-staged, which pass every file)
      --reference-ref <rev>       no-new-access: report access the files' versions at this git
                                  revision (e.g. origin/main) did not allow
      --reference <dir|file>      no-new-access: the same, against the files at the same relative
                                  paths in <dir>, or against <file> (iamlint new.json
                                  --reference old.json)
      --cache                     Remember each file's findings (in .iamlintcache) and lint only
                                  files that changed since; any change of config, rules, plugins,
                                  iamlint or the date starts over
      --cache-location <path>     Where --cache keeps them (implies --cache)
      --access-not-granted <actions>
                                  access-not-granted: report every grant of these actions (IAM
                                  patterns, comma-separated, e.g. iam:*,s3:DeleteBucket), added to
                                  the config's list
  -v, --version                   Print the iamlint and IAM data versions
  -h, --help                      Show this help

Exit codes: 0 no failing findings, 1 errors (or too many warnings), 2 usage, config or internal error.`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'list-rules': { type: 'boolean' },
        'print-config': { type: 'string' },
        debug: { type: 'boolean' },
        threads: { type: 'string' },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean' },
        'skip-non-policy-files': { type: 'boolean' },
        'reference-ref': { type: 'string' },
        reference: { type: 'string' },
        'access-not-granted': { type: 'string', multiple: true },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        init: { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const v = parsed.values;
  const format = (v.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${v.format}": use one of ${FORMATS.join(', ')}.`);
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number >= 0, got "${v['max-warnings']}".`);
  }
  let threads: number | undefined;
  if (v.threads !== undefined) {
    threads = Number(v.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`--threads needs a whole number from 1 to 64, got "${v.threads}".`);
  }
  if (v['stdin-filename'] !== undefined && !v.stdin) throw new UsageError('--stdin-filename needs --stdin.');
  if (v.stdin && parsed.positionals.length > 0) throw new UsageError('--stdin cannot be combined with paths.');
  if (v.fix && v['fix-dry-run']) throw new UsageError('Use either --fix or --fix-dry-run, not both.');
  if (v.fix && v.stdin) throw new UsageError('--fix cannot write to standard input: use --fix-dry-run to see the fixes.');
  if (v['reference-ref'] !== undefined && v.reference !== undefined) throw new UsageError('Use either --reference-ref or --reference, not both.');
  const accessNotGranted = (v['access-not-granted'] ?? []).flatMap((list) => list.split(',')).map((a) => a.trim());
  if (v['access-not-granted'] !== undefined && (accessNotGranted.length === 0 || accessNotGranted.some((a) => a === '')))
    throw new UsageError(`--access-not-granted needs IAM action patterns separated by commas, e.g. iam:*,s3:DeleteBucket; got "${v['access-not-granted'].join(',')}".`);
  if (v['fix-dry-run'] && format !== 'text') throw new UsageError(`--fix-dry-run prints a diff; it cannot be combined with --format ${format}.`);
  return {
    paths: parsed.positionals,
    format,
    output: v.output,
    config: v.config,
    maxWarnings,
    quiet: v.quiet ?? false,
    color: v['no-color'] ? false : v.color,
    stdin: v.stdin ?? false,
    stdinFilename: v['stdin-filename'],
    listRules: v['list-rules'] ?? false,
    printConfig: v['print-config'],
    version: v.version ?? false,
    help: v.help ?? false,
    debug: v.debug ?? false,
    baseline: v.baseline,
    updateBaseline: v['update-baseline'] ?? false,
    skipNonPolicyFiles: v['skip-non-policy-files'] ?? false,
    fix: v.fix ?? false,
    fixDryRun: v['fix-dry-run'] ?? false,
    init: v.init ?? false,
    threads,
    referenceRef: v['reference-ref'],
    referenceDir: v.reference,
    accessNotGranted,
    cache: (v.cache ?? false) || v['cache-location'] !== undefined,
    cacheLocation: v['cache-location'],
  };
}
