/**
 * `linting N/M files…` on stderr for long runs in a terminal: one line rewritten in place
 * (carriage return), at most every 100 ms, erased when linting ends. Silent when stderr is not
 * a TTY (CI logs, pipes) or for runs of up to 50 files, so reports on stdout are never mixed
 * with it.
 */

export interface ProgressStream {
  readonly isTTY: boolean;
  write(text: string): void;
}

export interface Progress {
  /** Called by the linter after each file. */
  readonly update: (done: number, total: number) => void;
  /** Erases the line (if one was drawn). */
  readonly end: () => void;
}

export const PROGRESS_MIN_FILES = 50;
const INTERVAL_MS = 100;

export function createProgress(stream: ProgressStream, now: () => number = Date.now): Progress {
  let last = -Infinity;
  let width = 0;
  return {
    update(done, total) {
      if (!stream.isTTY || total <= PROGRESS_MIN_FILES) return;
      const t = now();
      if (t - last < INTERVAL_MS && done < total) return;
      last = t;
      const line = `linting ${done}/${total} files…`;
      stream.write(`\r${line.padEnd(width)}`);
      width = line.length;
    },
    end() {
      if (width === 0) return;
      stream.write(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}
