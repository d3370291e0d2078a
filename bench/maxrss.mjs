// Preloaded with `node --import` by the benchmark: when the process exits, append its peak
// resident set size (kilobytes, all threads) to the file named by IAMLINT_BENCH_RSS_FILE.
import { appendFileSync } from 'node:fs';

const file = process.env.IAMLINT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
