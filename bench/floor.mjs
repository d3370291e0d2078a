// The floor for benchmark (a): a node process that only finds, reads and JSON.parses the same
// files iamlint lints, and nothing else. iamlint cannot be faster than this.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let files = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.json')) {
      JSON.parse(readFileSync(path, 'utf8'));
      files++;
    }
  }
}
walk(process.argv[2]);
if (files === 0) process.exit(3);
