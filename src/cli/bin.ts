#!/usr/bin/env node
import { heapGovernor, tuneHeap } from './heap.js';
import { main } from './main.js';
import { isLintWorker, runLintWorker } from './worker.js';

const io = {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  write: (text: string) => void process.stdout.write(text),
  writeError: (text: string) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

// The build's code-cache run (scripts/postbuild.mjs) keeps V8's default flags: a cache written
// under other flags is rejected by every later start.
const writingCodeCache = process.env.IAMLINT_WRITE_CODE_CACHE === '1';

function runCommand(): void {
  if (!writingCodeCache) tuneHeap();
  main(process.argv.slice(2), io, undefined, { workerScript: process.argv[1], tick: writingCodeCache ? undefined : heapGovernor() }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`iamlint: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

// Lint worker threads run this same script (see parallel.ts).
if (isLintWorker()) runLintWorker();
else runCommand();
