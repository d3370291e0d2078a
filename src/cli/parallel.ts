/**
 * Linting on several threads. Files are independent of each other except the members of the
 * configured policy sets, so the files are cut into batches that worker threads and the main
 * thread take from one queue; the policy-set members (and the files loaded only for the sets)
 * are linted together on the main thread. Every batch runs the same lint() as a single-threaded
 * run, and the results are merged and ordered by path: the output is byte-identical to one thread.
 *
 * Workers run the built command itself (bin/iamlint.js, with its code cache) and recognise their
 * role from `workerData`; running from source (tests, tsx) there is no worker script and
 * everything runs on the main thread. A worker that fails hands its batches back to the main thread.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawConfig, ResolvedConfig } from '../engine/config.js';
import { finishConfigSuppressions, lint, policySetFiles, type FileResult, type LintRequest, type LintResult, type SourceFile } from '../engine/linter.js';
import type { SuppressionUsage } from '../engine/suppressions.js';

/**
 * Threads are opt-in (`--threads N`): measured on 2 cores, 2 threads took 1.5× longer than one on
 * the managed-policy corpus (every worker loads the AWS data and warms up the JIT on its own, and
 * competes with the garbage collector's threads); see docs/performance.md.
 */
export const DEFAULT_THREADS = 1;

/** `workerData` of a lint worker thread. */
export interface LintWorkerData {
  readonly iamlintLintWorker: true;
  readonly config: { readonly raw: RawConfig; readonly baseDir: string; readonly filePath: string | undefined };
  readonly cwd: string;
  readonly today: string | undefined;
  readonly reportUnusedSuppressions: boolean | undefined;
}

export type ToWorker = { readonly type: 'batch'; readonly id: number; readonly sources: readonly SourceFile[] } | { readonly type: 'close' };
export type FromWorker =
  | { readonly type: 'result'; readonly id: number; readonly files: readonly FileResult[]; readonly usage: SuppressionUsage }
  | { readonly type: 'progress'; readonly files: number };

/** Threads for a run: as asked (`--threads`), else DEFAULT_THREADS. */
export function threadCount(requested: number | undefined): number {
  return requested ?? DEFAULT_THREADS;
}

export interface ParallelOptions {
  readonly threads: number;
  /** The script a worker runs (the command's own entry point). */
  readonly workerScript: string;
  /** Filled in with how many batches each side linted (for tests). */
  readonly stats?: { main: number; workers: number };
}

interface Batch {
  readonly id: number;
  readonly sources: readonly SourceFile[];
}

export async function lintInParallel(request: LintRequest & { readonly config: ResolvedConfig }, options: ParallelOptions): Promise<LintResult> {
  const cwd = request.cwd ?? process.cwd();
  const members = new Set(policySetFiles(request.config));
  const shared = request.sources.filter((s) => members.has(resolve(cwd, s.filePath)));
  const rest = request.sources.filter((s) => !members.has(resolve(cwd, s.filePath)));
  // Small batches keep the threads evenly busy; a batch costs one message each way.
  const size = Math.max(8, Math.ceil(rest.length / (options.threads * 8)));
  const queue: Batch[] = [];
  for (let i = 0; i < rest.length; i += size) queue.push({ id: queue.length, sources: rest.slice(i, i + size) });

  const files: FileResult[] = [];
  const usages: SuppressionUsage[] = [];
  let done = 0;
  const progress = (n: number) => {
    if (!request.onFileDone) return;
    for (let i = 0; i < n; i++) request.onFileDone(++done, request.sources.length);
  };
  const runHere = (sources: readonly SourceFile[], contextSources?: readonly SourceFile[]) => {
    if (options.stats) options.stats.main++;
    const result = lint({ ...request, sources, contextSources, deferConfigSuppressions: true, onFileDone: () => progress(1) });
    files.push(...result.files);
    if (result.suppressionUsage) usages.push(result.suppressionUsage);
  };

  const workerData: LintWorkerData = {
    iamlintLintWorker: true,
    config: { raw: request.config.raw, baseDir: request.config.baseDir, filePath: request.config.filePath },
    cwd,
    today: request.today,
    reportUnusedSuppressions: request.reportUnusedSuppressions,
  };
  const workers = Array.from({ length: Math.max(0, Math.min(options.threads - 1, queue.length - 1)) }, () => new Worker(options.workerScript, { workerData, argv: [], stdout: false, stderr: false }));
  const finished = workers.map(
    (worker) =>
      new Promise<void>((settle) => {
        const inFlight = new Map<number, Batch>();
        let closed = false;
        const feed = () => {
          // Two batches in flight: the worker never waits for the (busy) main thread to hand it the next one.
          while (inFlight.size < 2 && queue.length > 0) {
            const batch = queue.shift()!;
            inFlight.set(batch.id, batch);
            worker.postMessage({ type: 'batch', id: batch.id, sources: batch.sources } satisfies ToWorker);
          }
          if (inFlight.size === 0 && !closed) {
            closed = true;
            worker.postMessage({ type: 'close' } satisfies ToWorker);
          }
        };
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'progress') return progress(message.files);
          inFlight.delete(message.id);
          if (options.stats) options.stats.workers++;
          files.push(...message.files);
          usages.push(message.usage);
          feed();
        });
        const giveBack = () => {
          // A worker that died: its batches go back to the queue (the main thread lints them).
          queue.unshift(...inFlight.values());
          inFlight.clear();
          closed = true;
          settle();
        };
        worker.on('error', giveBack);
        worker.on('exit', () => (inFlight.size > 0 ? giveBack() : settle()));
        feed();
      }),
  );

  if (shared.length > 0 || (request.contextSources?.length ?? 0) > 0) runHere(shared, request.contextSources);
  for (;;) {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      runHere(batch.sources);
      // Let the workers' messages in: they get their next batches while this thread lints.
      await new Promise((next) => setImmediate(next));
    }
    // Queue empty: wait for the workers; one that died has given its batches back to the queue.
    await Promise.all(finished);
    if (queue.length === 0) break;
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return finishConfigSuppressions(request, files, usages);
}
