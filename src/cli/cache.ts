/**
 * `--cache`: remember each file's findings between runs, as ESLint's and Prettier's `--cache` do.
 * A file whose text (SHA-1) the cache knows under the same run key is not parsed or linted again.
 *
 * The run key hashes everything else that decides a file's findings: iamlint's and the AWS data's
 * versions, the working directory (findings carry paths relative to it), the config file's path
 * and content as validated (rules, overrides, variables, customRules, ignore…), the plugin files'
 * contents, the rules in force, today's date (suppressions expire), and the command-line options
 * that change findings. Any change starts a new cache. Not covered: changes inside the packages a
 * plugin imports (delete the cache file after upgrading them).
 *
 * The engine uses the cache only for files outside configured policy sets (their findings depend on
 * no other file) and never with a no-new-access reference. The file is written at the end of a run,
 * atomically (temporary file, then rename); an unreadable or foreign cache file is ignored.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CachedFile, LintCache, SourceFile } from '../engine/linter.js';
import { nodeCrypto } from '../engine/node-crypto.js';
import { resolvePlugin } from '../engine/plugins.js';
import { own } from '../engine/own.js';

export const DEFAULT_CACHE_LOCATION = '.iamlintcache';

/** SHA-1 hex of a text (node:crypto is loaded only by runs with --cache). */
function sha1(data: string | Buffer): string {
  return nodeCrypto().createHash('sha1').update(data).digest('hex');
}
const FORMAT = 1;

interface CacheEntry extends CachedFile {
  readonly hash: string;
  readonly walked: boolean;
}

interface CacheFileContent {
  readonly format: number;
  readonly key: string;
  readonly files: Record<string, CacheEntry>;
}

export interface FileCache extends LintCache {
  /** Writes the cache file (entries of files not seen in this run are kept). */
  save(): void;
  /** Files answered from the cache in this run. */
  readonly hits: () => number;
}

/** The run key: a hash of the JSON of `parts` (see the module comment for what goes in). */
export function runKey(parts: unknown): string {
  return sha1(JSON.stringify(parts));
}

/** A hash of each plugin module's file (a plugin that cannot be resolved is left to config loading). */
export function pluginFingerprints(specifiers: readonly string[], configDir: string): string[] {
  return specifiers.map((specifier) => {
    try {
      return sha1(readFileSync(resolvePlugin(specifier, configDir)));
    } catch {
      return specifier;
    }
  });
}

export function openFileCache(location: string, key: string): FileCache {
  const files = readEntries(location, key);
  let hits = 0;
  let changed = false;
  const hashOf = sha1;
  return {
    get(source: SourceFile): CachedFile | undefined {
      const entry = own(files, source.filePath);
      if (!entry || entry.walked !== Boolean(source.walked) || entry.hash !== hashOf(source.text)) return undefined;
      hits++;
      return entry;
    },
    set(source: SourceFile, result: CachedFile): void {
      files[source.filePath] = { hash: hashOf(source.text), walked: Boolean(source.walked), ...result };
      changed = true;
    },
    save(): void {
      if (!changed) return;
      const content: CacheFileContent = { format: FORMAT, key, files };
      mkdirSync(dirname(location), { recursive: true });
      const temporary = `${location}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, location);
    },
    hits: () => hits,
  };
}

function readEntries(location: string, key: string): Record<string, CacheEntry> {
  try {
    const content = JSON.parse(readFileSync(location, 'utf8')) as Partial<CacheFileContent>;
    if (content.format === FORMAT && content.key === key && content.files && typeof content.files === 'object') {
      return Object.assign(Object.create(null) as Record<string, CacheEntry>, content.files);
    }
  } catch {
    // no cache yet, or not one of ours: start a new one
  }
  return Object.create(null) as Record<string, CacheEntry>;
}
