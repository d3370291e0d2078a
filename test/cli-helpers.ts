/** Shared helpers for the end-to-end CLI tests: run `main()` in-process on a temporary project. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main, type CliIo, type RunOptions } from '../src/cli/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with `args` in `cwd`; `io` overrides parts of the fake terminal (e.g. TTY flags),
 * `options` are main()'s run options (e.g. a worker script for threads).
 */
export async function run(args: string[], cwd: string, stdin = '', io: Partial<CliIo> = {}, options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const fake: CliIo = {
    cwd,
    env: {},
    stdoutIsTTY: false,
    write: (t) => void (stdout += t),
    writeError: (t) => void (stderr += t),
    readStdin: async () => stdin,
    ...io,
  };
  const code = await main(args, fake, undefined, options);
  return { code, stdout, stderr };
}

/** A temporary directory holding `files` (names may contain subdirectories). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
