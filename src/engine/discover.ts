/**
 * Paths and globs → files to lint. Named files are always linted; directory walks pick the files of
 * every input format — JSON (policies, CloudFormation templates, Terraform plans, cdk.out
 * templates), YAML templates and Markdown, plus files a config override gives a `format` — (the
 * linter then keeps only those whose content looks like a policy) and skip node_modules, .git and
 * the config's ignorePatterns. Walks do not follow symbolic links (no loops, no escaping the tree);
 * a named symlink is read through, and a broken or looping one is reported as unreadable.
 */
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import picomatch from 'picomatch';

export interface DiscoveredFile {
  /** Relative to cwd, forward slashes. */
  readonly filePath: string;
  readonly walked: boolean;
}

export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

const WALK_EXTENSIONS = ['.json', '.yaml', '.yml', '.template', '.md', '.mdx'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

function hasWalkedExtension(name: string): boolean {
  return WALK_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/**
 * Every regular file under `dir` (absolute paths) whose name `wanted` accepts, skipping
 * node_modules and .git. Symbolic links are neither followed nor listed (no loops, no escaping
 * the tree). A directory that vanishes or cannot be listed mid-walk is skipped, like a glob would.
 */
function walk(dir: string, wanted: (name: string) => boolean, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name), wanted, out);
    } else if (entry.isFile() && wanted(entry.name)) {
      out.push(join(dir, entry.name));
    }
  }
}

let fastGlobModule: typeof FastGlob | undefined;
/** fast-glob, loaded for the first glob argument only (directory walks and named files do not need it). */
function fastGlob(): typeof FastGlob {
  fastGlobModule ??= createRequire(import.meta.url)('fast-glob') as typeof FastGlob;
  return fastGlobModule;
}

export function toDisplayPath(cwd: string, absolute: string): string {
  // The common case, a file under cwd, without path.relative (which costs more than the rest of a walk).
  if (absolute.length > cwd.length + 1 && absolute.startsWith(cwd) && absolute[cwd.length] === sep && !cwd.endsWith(sep)) {
    const rel = absolute.slice(cwd.length + 1);
    if (!rel.includes('..') && !rel.includes(`${sep}.${sep}`) && !rel.startsWith(`.${sep}`)) return sep === '/' ? rel : rel.split(sep).join('/');
  }
  const rel = relative(cwd, absolute).split('\\').join('/');
  return rel === '' ? '.' : rel;
}

export interface DiscoverOptions {
  readonly cwd: string;
  readonly ignorePatterns: readonly string[];
  readonly configDir: string;
  /** Globs (relative to configDir) of files a config override reads as a given format: walked too, whatever their extension. */
  readonly formatPatterns?: readonly string[];
}

function isSymlink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

export function discoverFiles(args: readonly string[], options: DiscoverOptions): DiscoveredFile[] {
  const { cwd } = options;
  const toConfig = (abs: string) => relative(options.configDir, abs).split('\\').join('/');
  const ignored = options.ignorePatterns.length ? picomatch([...options.ignorePatterns], { dot: true }) : () => false;
  const isIgnored = options.ignorePatterns.length ? (abs: string) => ignored(toConfig(abs)) : () => false;
  const formatPatterns = options.formatPatterns ?? [];
  const forced = formatPatterns.length ? picomatch([...formatPatterns], { dot: true }) : undefined;
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
      const found: string[] = [];
      walk(abs, forced ? () => true : hasWalkedExtension, found);
      for (const f of found) {
        if (isIgnored(f)) continue;
        if (forced && !hasWalkedExtension(basename(f)) && !forced(toConfig(f))) continue;
        add(f, true);
      }
    } else if (fastGlob().isDynamicPattern(arg)) {
      const found = fastGlob().sync(arg, { cwd, ignore: ALWAYS_IGNORED, dot: true, absolute: true, onlyFiles: true });
      if (found.length === 0) throw new DiscoveryError(`No files match the pattern "${arg}".`);
      for (const f of found) if (!isIgnored(f)) add(f, false);
    } else if (stat) {
      add(abs, false); // a FIFO or device: reading it decides
    } else if (isSymlink(abs)) {
      add(abs, false); // a broken symlink or a symlink loop, named: reported as unreadable, not a usage error
    } else {
      throw new DiscoveryError(`No such file or directory: ${arg}`);
    }
  }
  return [...out.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

