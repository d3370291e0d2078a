/**
 * Wildcard matching stays linear on patterns built for catastrophic backtracking.
 *
 *   npx tsx bench/linear-matching.ts
 *
 * Times wildcardMatch / wildcardCovers / wildcardIntersects with hostile patterns
 * (`a*a*…*c*b`, `A?*A?*…`) against ARNs and actions of growing length (1k … 1M characters)
 * that almost match (a backtracking matcher would take exponential time on them), and prints
 * each time with its ratio to the previous length: a ratio near 10 per 10× longer input is
 * linear. No assertions; this is a demonstration, not a timed test.
 */
import { wildcardCovers, wildcardIntersects, wildcardMatch } from '../src/iam/wildcard.js';

const LENGTHS = [1_000, 10_000, 100_000, 1_000_000];
/** Stars in the pattern: a fixed, hostile count (more stars only means more segments to place). */
const STARS = 30;

interface Case {
  readonly name: string;
  /** Builds the (pattern, subject) pair for a subject of about `n` characters. */
  readonly make: (n: number) => [string, string];
  readonly run: (pattern: string, subject: string) => boolean;
}

// `a*a*…*a*c*b`: against `aaaa…ab` every `a` segment fits at once and the `c` segment has to
// scan the whole subject before failing. A backtracking matcher (or a RegExp /^a.*a.*…c.*b$/)
// would retry every split of the subject between the stars: about n^STARS steps.
const hostile = `${'a*'.repeat(STARS)}c*b`;
const hostileArn = `arn:aws:s3:::${hostile}`;
const hostileQ = `arn:aws:s3:::${'A?*'.repeat(STARS)}C?*b`;
const almostAction = (n: number) => `s3:${'a'.repeat(n)}b`;
const almostArn = (n: number) => `arn:aws:s3:::${'a'.repeat(n)}b`;

const cases: Case[] = [
  { name: 'match  a*…c*b vs action', make: (n) => [`s3:${hostile}`, almostAction(n)], run: (p, s) => wildcardMatch(p, s) },
  { name: 'match  a*…c*b vs ARN', make: (n) => [hostileArn, almostArn(n)], run: (p, s) => wildcardMatch(p, s) },
  { name: 'match  A?*…C?*b vs ARN (ci)', make: (n) => [hostileQ, almostArn(n)], run: (p, s) => wildcardMatch(p, s, true) },
  { name: 'match  a*…*b vs ARN (true)', make: (n) => [`arn:aws:s3:::${'a*'.repeat(STARS)}b`, almostArn(n)], run: (p, s) => wildcardMatch(p, s) },
  // covers: the specific side is a long pattern of literals and `?`.
  { name: 'covers a*…c*b ⊇ a…a?b', make: (n) => [hostile, `${'a'.repeat(n)}?b`], run: (p, s) => wildcardCovers(p, s) },
  // intersects with one concrete side: the same greedy matcher.
  { name: 'intersects a*…c*b ∩ ARN', make: (n) => [hostileArn, almostArn(n)], run: (p, s) => wildcardIntersects(p, s) },
  // intersects of two patterns: product automaton, O(|pattern|·|subject|), linear for a fixed pattern.
  { name: 'intersects a*…c*b ∩ a…a*d', make: (n) => [hostile, `${'a'.repeat(n)}*d`], run: (p, s) => wildcardIntersects(p, s) },
];

function time(run: () => boolean): number {
  // Best of a few repetitions, enough iterations to rise above timer noise.
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    let iterations = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      run();
      iterations++;
      elapsed = performance.now() - start;
    } while (elapsed < 20);
    best = Math.min(best, elapsed / iterations);
  }
  return best;
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

const header = ['case', ...LENGTHS.map((n) => `n=${n.toLocaleString('en')}`), 'ratios (×10 n)'];
const rows: string[][] = [];
for (const c of cases) {
  const times: number[] = [];
  for (const n of LENGTHS) {
    const [pattern, subject] = c.make(n);
    c.run(pattern, subject); // warm-up
    times.push(time(() => c.run(pattern, subject)));
  }
  const ratios = times.slice(1).map((t, i) => (t / times[i]).toFixed(1));
  rows.push([c.name, ...times.map(fmt), ratios.join(' / ')]);
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(`Wildcard matching, hostile patterns with ${STARS} stars, subject of n characters (best of 5).`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('A ratio near 10 for 10× longer input is linear; near 100 would be quadratic.');
