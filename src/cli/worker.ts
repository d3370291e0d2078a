/**
 * A lint worker thread (see parallel.ts): builds the config it is given (already validated by the
 * main thread) and lints each batch it receives with the built-in rules, until told to close.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ResolvedConfig } from '../engine/config.js';
import { lint } from '../engine/linter.js';
import { builtinRules } from '../rules/index.js';
import type { FromWorker, LintWorkerData, ToWorker } from './parallel.js';

export function isLintWorker(): boolean {
  return parentPort !== null && (workerData as Partial<LintWorkerData> | undefined)?.iamlintLintWorker === true;
}

export function runLintWorker(): void {
  const data = workerData as LintWorkerData;
  const port = parentPort!;
  const config = new ResolvedConfig(data.config.raw, data.config.baseDir, data.config.filePath, builtinRules);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      port.close();
      return;
    }
    let files = 0;
    const result = lint({
      sources: message.sources,
      config,
      rules: builtinRules,
      cwd: data.cwd,
      today: data.today,
      reportUnusedSuppressions: data.reportUnusedSuppressions,
      deferConfigSuppressions: true,
      onFileDone: () => {
        // Progress in steps of 16 files: enough for a progress line, few messages.
        if (++files % 16 === 0) port.postMessage({ type: 'progress', files: 16 } satisfies FromWorker);
      },
    });
    if (files % 16 !== 0) port.postMessage({ type: 'progress', files: files % 16 } satisfies FromWorker);
    port.postMessage({ type: 'result', id: message.id, files: result.files, usage: result.suppressionUsage! } satisfies FromWorker);
  });
}
