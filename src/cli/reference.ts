/**
 * Where the reference versions of linted files come from (no-new-access): a git revision
 * (`--reference-ref REF` or the rule's `referenceRef` option; `git show REF:<path>`), a
 * directory holding the files at the same relative paths (`--reference DIR`, relative to the
 * working directory, or `referenceDir`, relative to the config file), or one file every linted
 * file is compared with (`--reference FILE`). Flags override options.
 * A reference that cannot be used at all (no git checkout, unknown revision, missing directory)
 * is a setup error (exit 2), checked before anything is linted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError, type ResolvedConfig } from '../engine/config.js';
import { toDisplayPath } from '../engine/discover.js';
import type { ReferenceProvider, ReferenceText } from '../engine/reference.js';

export const NO_NEW_ACCESS = 'no-new-access';

/** A reference that cannot be used: reported like a config error (one line, exit 2). */
export class ReferenceSetupError extends ConfigError {}

export interface ReferenceFlags {
  /** `--reference-ref`: a git revision. */
  readonly ref?: string;
  /** `--reference`: a directory, relative to the working directory. */
  readonly dir?: string;
}

interface ReferenceOptions {
  readonly referenceRef?: string;
  readonly referenceDir?: string;
}

/**
 * A reference provider that can also read the references of many files at once before they are
 * asked for one by one (a git revision: two git processes in all instead of two per file).
 */
export type PrefetchingProvider = ReferenceProvider & { prefetch?(filePaths: readonly string[]): void };

/**
 * The reference provider for a run, or undefined when neither the flags nor the config name a
 * reference. Throws ReferenceSetupError when a named reference cannot be used.
 */
export function createReferenceProvider(config: ResolvedConfig, cwd: string, flags: ReferenceFlags): PrefetchingProvider | undefined {
  const absolute = (filePath: string) => resolve(cwd, filePath);
  if (flags.ref !== undefined) {
    const git = gitReference(flags.ref, cwd, '--reference-ref');
    return Object.assign((filePath: string) => git.read(absolute(filePath)), { prefetch: (filePaths: readonly string[]) => git.prefetch(filePaths.map(absolute)) });
  }
  if (flags.dir !== undefined) {
    const target = resolve(cwd, flags.dir);
    // A file: the one reference every linted file is compared with (`iamlint new.json --reference old.json`).
    if (existsSync(target) && statSync(target).isFile()) return fileReference(target, cwd);
    const dir = directoryReference(target, cwd, cwd, `--reference ${flags.dir}`);
    return (filePath) => dir(absolute(filePath));
  }
  const configured = configuredOptions(config);
  if (configured.length === 0) return undefined;
  // Check every configured reference up front; each file then uses the options that apply to it.
  const gits = new Map<string, GitReference>();
  const dirs = new Map<string, (abs: string) => ReferenceText | undefined>();
  const where = config.filePath ? ` (${toDisplayPath(cwd, config.filePath)})` : '';
  for (const o of configured) {
    if (o.referenceRef !== undefined && !gits.has(o.referenceRef)) gits.set(o.referenceRef, gitReference(o.referenceRef, config.baseDir, `${NO_NEW_ACCESS} referenceRef${where}`));
    else if (o.referenceDir !== undefined && !dirs.has(o.referenceDir)) {
      dirs.set(o.referenceDir, directoryReference(resolve(config.baseDir, o.referenceDir), config.baseDir, cwd, `${NO_NEW_ACCESS} referenceDir "${o.referenceDir}"${where}`));
    }
  }
  const optionsOf = (abs: string) => config.rulesFor(abs).get(NO_NEW_ACCESS)?.options as ReferenceOptions | undefined;
  const provider = (filePath: string) => {
    const abs = absolute(filePath);
    const options = optionsOf(abs);
    if (options?.referenceRef !== undefined) return gits.get(options.referenceRef)?.read(abs);
    if (options?.referenceDir !== undefined) return dirs.get(options.referenceDir)?.(abs);
    return undefined;
  };
  const prefetch = (filePaths: readonly string[]) => {
    const byRef = new Map<string, string[]>();
    for (const abs of filePaths.map(absolute)) {
      const ref = optionsOf(abs)?.referenceRef;
      if (ref === undefined) continue;
      const paths = byRef.get(ref);
      if (paths) paths.push(abs);
      else byRef.set(ref, [abs]);
    }
    for (const [ref, paths] of byRef) gits.get(ref)?.prefetch(paths);
  };
  return Object.assign(provider, { prefetch });
}

/** The rule's options objects that name a reference, from the config's rules and overrides. */
function configuredOptions(config: ResolvedConfig): ReferenceOptions[] {
  const entries = [config.raw.rules?.[NO_NEW_ACCESS], ...(config.raw.overrides ?? []).map((o) => o.rules?.[NO_NEW_ACCESS])];
  return entries.flatMap((e) => (Array.isArray(e) && e[1] ? [e[1] as ReferenceOptions] : [])).filter((o) => o.referenceRef !== undefined || o.referenceDir !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Directory
// ---------------------------------------------------------------------------------------------

/** One file as the reference of every linted file. */
function fileReference(file: string, cwd: string): ReferenceProvider {
  let found: ReferenceText | undefined;
  return () => (found ??= readReference(file, cwd));
}

/** A reference file's text, or why it cannot be read. */
function readReference(file: string, cwd: string): ReferenceText {
  const label = toDisplayPath(cwd, file);
  try {
    return { label, text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { label, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

/** Files at the same path relative to `root` under `dir`. */
function directoryReference(dir: string, root: string, cwd: string, what: string): (abs: string) => ReferenceText | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ReferenceSetupError(`${what}: no such directory ${toDisplayPath(cwd, dir)}`);
  const dirLabel = `${toDisplayPath(cwd, dir)}/`;
  return (abs) => {
    const rel = relative(root, abs);
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined; // outside the tree the reference mirrors
    const file = join(dir, rel);
    if (!existsSync(file)) return { label: dirLabel, missing: true };
    return readReference(file, cwd);
  };
}

// ---------------------------------------------------------------------------------------------
// Git
// ---------------------------------------------------------------------------------------------

const GIT_BUFFER = 256 * 1024 * 1024;

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: GIT_BUFFER });
}

interface GitReference {
  read(abs: string): ReferenceText;
  /** Reads the files' versions at the revision in one `git ls-tree` and one `git cat-file --batch` per repository and chunk. */
  prefetch(absPaths: readonly string[]): void;
}

const PREFETCH_CHUNK = 500;

/** Files at a git revision, each looked up in the repository holding it (`git rev-parse --show-toplevel`). */
function gitReference(ref: string, cwd: string, what: string): GitReference {
  try {
    git(['rev-parse', '--show-toplevel'], cwd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ReferenceSetupError(`${what} ${ref}: git is not installed (or not on PATH)`);
    throw new ReferenceSetupError(`${what} ${ref}: ${cwd} is not inside a git checkout`);
  }
  if (ref.startsWith('-') || !resolveCommit(ref, cwd)) throw new ReferenceSetupError(`${what} ${ref}: unknown git revision (is the branch fetched? in CI use fetch-depth: 0)`);
  const tops = new Map<string, string | undefined>();
  const commits = new Map<string, string | undefined>();
  const topOf = (dir: string) => {
    if (!tops.has(dir)) {
      try {
        tops.set(dir, realpathSync(git(['rev-parse', '--show-toplevel'], dir).trim()));
      } catch {
        tops.set(dir, undefined);
      }
    }
    return tops.get(dir);
  };
  /** The repository, commit and repository-relative path of a file, or the reason there is none. */
  const locate = (abs: string): { top: string; commit: string; path: string } | { error: string } => {
    const dir = dirname(abs);
    const top = existsSync(dir) ? topOf(dir) : undefined;
    if (!top) return { error: `${toDisplayPath(cwd, abs)} is not in a git checkout` };
    if (!commits.has(top)) commits.set(top, resolveCommit(ref, top));
    const commit = commits.get(top);
    if (!commit) return { error: `unknown git revision in ${top}` };
    const rel = relative(top, realpathSync(dir)).split('\\').join('/');
    return { top, commit, path: [rel, abs.slice(dir.length + 1)].filter((p) => p !== '').join('/') };
  };
  const prefetched = new Map<string, ReferenceText>();
  const read = (abs: string): ReferenceText => {
    const known = prefetched.get(abs);
    if (known) return known;
    const at = locate(abs);
    if ('error' in at) return { label: ref, error: at.error };
    try {
      if (git(['ls-tree', '--name-only', at.commit, '--', at.path], at.top).trim() === '') return { label: ref, missing: true };
      return { label: ref, text: git(['cat-file', 'blob', `${at.commit}:${at.path}`], at.top) };
    } catch (e) {
      const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
      return { label: ref, error: stderr || (e as Error).message };
    }
  };
  const prefetch = (absPaths: readonly string[]): void => {
    const byRepo = new Map<string, { commit: string; files: { abs: string; path: string }[] }>();
    for (const abs of absPaths) {
      const at = locate(abs);
      if ('error' in at) continue;
      const repo = byRepo.get(at.top) ?? { commit: at.commit, files: [] };
      repo.files.push({ abs, path: at.path });
      byRepo.set(at.top, repo);
    }
    for (const [top, { commit, files }] of byRepo) {
      for (let i = 0; i < files.length; i += PREFETCH_CHUNK) {
        try {
          prefetchChunk(top, commit, files.slice(i, i + PREFETCH_CHUNK));
        } catch {
          // left to read() file by file, which reports what goes wrong
        }
      }
    }
  };
  const prefetchChunk = (top: string, commit: string, files: readonly { abs: string; path: string }[]): void => {
    // `<mode> <type> <object>\t<path>` per entry, NUL-terminated; a path git does not list is not at the revision.
    const blobs = new Map<string, string>();
    const listed = new Set<string>();
    for (const entry of git(['ls-tree', '-z', commit, '--', ...files.map((f) => f.path)], top).split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [, type, object] = entry.slice(0, tab).split(' ');
      listed.add(entry.slice(tab + 1));
      if (type === 'blob') blobs.set(entry.slice(tab + 1), object);
    }
    const objects = [...new Set(blobs.values())];
    const contents = objects.length > 0 ? catFileBatch(objects, top) : new Map<string, string>();
    for (const f of files) {
      const object = blobs.get(f.path);
      if (object === undefined) {
        // Not listed: not at the revision. Listed but no file (a directory, a submodule): read() says what it is.
        if (!listed.has(f.path)) prefetched.set(f.abs, { label: ref, missing: true });
      } else {
        const text = contents.get(object);
        if (text !== undefined) prefetched.set(f.abs, { label: ref, text });
      }
    }
  };
  return { read, prefetch };
}

/** The contents of blobs, by object name, from one `git cat-file --batch`. */
function catFileBatch(objects: readonly string[], cwd: string): Map<string, string> {
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd, input: `${objects.join('\n')}\n`, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: GIT_BUFFER });
  const contents = new Map<string, string>();
  let pos = 0;
  while (pos < out.length) {
    const newline = out.indexOf(0x0a, pos);
    if (newline < 0) break;
    const [object, type, size] = out.toString('utf8', pos, newline).split(' ');
    pos = newline + 1;
    if (type === undefined || size === undefined) continue; // `<object> missing`
    const length = Number(size);
    if (type === 'blob') contents.set(object, out.toString('utf8', pos, pos + length));
    pos += length + 1;
  }
  return contents;
}

function resolveCommit(ref: string, cwd: string): string | undefined {
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd).trim() || undefined;
  } catch {
    return undefined;
  }
}
