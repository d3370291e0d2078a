/**
 * Paths and globs → files to lint. Named files are always linted; directory walks pick JSON files
 * (the linter then keeps only those whose content looks like a policy) and skip node_modules,
 * .git and the config's ignorePatterns.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';

export interface DiscoveredFile {
  /** Relative to cwd, forward slashes. */
  readonly filePath: string;
  readonly walked: boolean;
}

export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

const WALK_PATTERNS = ['**/*.json'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export function toDisplayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute).split('\\').join('/');
  return rel === '' ? '.' : rel;
}

export function discoverFiles(args: readonly string[], options: { cwd: string; ignorePatterns: readonly string[]; configDir: string }): DiscoveredFile[] {
  const { cwd } = options;
  const ignored = options.ignorePatterns.length ? picomatch([...options.ignorePatterns], { dot: true }) : () => false;
  const isIgnored = (abs: string) => ignored(relative(options.configDir, abs).split('\\').join('/'));
  const out = new Map<string, DiscoveredFile>();
  const add = (abs: string, walked: boolean) => {
    const filePath = toDisplayPath(cwd, abs);
    const prev = out.get(filePath);
    if (!prev || (prev.walked && !walked)) out.set(filePath, { filePath, walked });
  };
  for (const arg of args.length ? args : ['.']) {
    const abs = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      add(abs, false);
    } else if (stat?.isDirectory()) {
      const found = fg.sync(WALK_PATTERNS, { cwd: abs, ignore: ALWAYS_IGNORED, dot: true, absolute: true, onlyFiles: true, followSymbolicLinks: false });
      for (const f of found) if (!isIgnored(f)) add(f, true);
    } else if (fg.isDynamicPattern(arg)) {
      const found = fg.sync(arg, { cwd, ignore: ALWAYS_IGNORED, dot: true, absolute: true, onlyFiles: true });
      if (found.length === 0) throw new DiscoveryError(`No files match the pattern "${arg}".`);
      for (const f of found) if (!isIgnored(f)) add(f, false);
    } else if (stat) {
      add(abs, false); // a FIFO or device: reading it decides
    } else {
      throw new DiscoveryError(`No such file or directory: ${arg}`);
    }
  }
  return [...out.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

