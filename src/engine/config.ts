/**
 * Config discovery, validation (ajv against the schema generated from rule meta) and per-file
 * resolution of rule severities and options.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import picomatch from 'picomatch';
import { configErrors } from './config-validators.js';
import { yaml } from '../parsers/yaml.js';
import type { PolicyKind } from './model.js';
import type { InputFormat } from '../parsers/formats.js';
import type { AnyRule, Severity, SeverityOrOff } from './rule.js';
import { buildCustomRules, placeholderRule, type CustomRuleConfig } from './custom-rules.js';
import { loadPlugins, PluginError } from './plugins.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** `Invalid config <source>:` and one line per problem, as every config error reads. */
  static invalid(source: string, problems: readonly string[]): ConfigError {
    return new ConfigError(`Invalid config ${source}:\n${problems.map((m) => `  - ${m}`).join('\n')}`);
  }
}

type RuleEntry = SeverityOrOff | [SeverityOrOff] | [SeverityOrOff, Record<string, unknown>];

export interface PolicySetConfig {
  readonly name: string;
  readonly identity?: readonly string[];
  readonly boundary?: string;
  readonly trust?: string;
  readonly trustedService?: string;
}

export interface RawConfig {
  readonly extends?: readonly string[];
  readonly rules?: Readonly<Record<string, RuleEntry>>;
  readonly overrides?: readonly { files: string[]; rules?: Record<string, RuleEntry>; kind?: PolicyKind; format?: InputFormat }[];
  readonly variables?: Readonly<Record<string, string>>;
  readonly policySets?: readonly PolicySetConfig[];
  readonly ignorePatterns?: readonly string[];
  readonly knownAccounts?: readonly string[];
  readonly limits?: { readonly maxFileSize?: number; readonly maxNesting?: number };
  readonly ignore?: readonly SuppressionConfig[];
  readonly customRules?: readonly CustomRuleConfig[];
  readonly plugins?: readonly string[];
}

/** One `ignore` entry: findings matching every given criterion are suppressed (see src/engine/suppressions.ts). */
export interface SuppressionConfig {
  readonly rule?: string;
  readonly files?: readonly string[];
  readonly sid?: string;
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
  readonly reason: string;
  readonly expires?: string;
}

export interface RuleSetting {
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
export const DEFAULT_MAX_NESTING = 1000;

export const CONFIG_FILE_NAMES = ['.iamlintrc.json', '.iamlintrc.yaml', '.iamlintrc.yml', 'package.json'] as const;

/** A validated config, able to answer "which rules, with which options, for this file?". */
export class ResolvedConfig {
  private readonly base: ReadonlyMap<string, RuleSetting | 'off'>;
  private readonly overrides: { match: (p: string) => boolean; rules: Map<string, RuleEntry>; kind?: PolicyKind; format?: InputFormat }[];
  private readonly cache = new Map<string, ReadonlyMap<string, RuleSetting>>();
  private readonly relativePaths = new Map<string, string>();
  /** The enabled rules of a file no override applies to. */
  private baseEnabled: ReadonlyMap<string, RuleSetting> | undefined;

  constructor(
    readonly raw: RawConfig,
    /** Directory config paths are relative to. */
    readonly baseDir: string,
    /** Config file, undefined when running on defaults. */
    readonly filePath: string | undefined,
    /** The rules this config knows: the ones it was given, then its `customRules`. */
    readonly rules: readonly AnyRule[],
  ) {
    const all = raw.extends?.includes('iamlint:all') ?? false;
    const base = new Map<string, RuleSetting | 'off'>();
    for (const rule of rules) {
      const on = all || rule.meta.docs.recommended;
      base.set(rule.meta.id, on ? { severity: rule.meta.defaultSeverity, options: rule.meta.defaultOptions as Record<string, unknown> } : 'off');
    }
    for (const [id, entry] of Object.entries(raw.rules ?? {})) base.set(id, applyEntry(base.get(id), entry, this.rule(id)));
    this.base = base;
    this.overrides = (raw.overrides ?? []).map((o) => ({
      match: picomatch(o.files, { dot: true }),
      rules: new Map(Object.entries(o.rules ?? {})),
      kind: o.kind,
      format: o.format,
    }));
  }

  private rule(id: string): AnyRule {
    return this.rules.find((r) => r.meta.id === id)!;
  }

  get variables(): Readonly<Record<string, string>> {
    return this.raw.variables ?? {};
  }

  get knownAccounts(): readonly string[] {
    return this.raw.knownAccounts ?? [];
  }

  get ignorePatterns(): readonly string[] {
    return this.raw.ignorePatterns ?? [];
  }

  /** Largest file read, in bytes (config limits.maxFileSize). */
  get maxFileSize(): number {
    return this.raw.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  /** Deepest JSON nesting parsed (config limits.maxNesting). */
  get maxNesting(): number {
    return this.raw.limits?.maxNesting ?? DEFAULT_MAX_NESTING;
  }

  /**
   * This config with one rule's list options extended from the command line (e.g.
   * `--access-not-granted`): the rule is turned on at its configured severity (its default when
   * the config has it off) and each list gets the values added. Overrides still apply per file.
   */
  withListOptions(id: string, lists: Readonly<Record<string, readonly string[]>>): ResolvedConfig {
    const rule = this.rule(id);
    const current = this.base.get(id);
    const setting = current && current !== 'off' ? current : { severity: rule.meta.defaultSeverity, options: rule.meta.defaultOptions as Record<string, unknown> };
    const options: Record<string, unknown> = { ...setting.options };
    for (const [key, values] of Object.entries(lists)) options[key] = [...new Set([...((options[key] as string[] | undefined) ?? []), ...values])];
    return new ResolvedConfig({ ...this.raw, rules: { ...this.raw.rules, [id]: [setting.severity, options] } }, this.baseDir, this.filePath, this.rules);
  }

  /** Path of a file relative to the config directory, as override globs see it. */
  relativeToConfig(filePath: string): string {
    let rel = this.relativePaths.get(filePath);
    if (rel === undefined) {
      rel = relative(this.baseDir, resolve(filePath)).split('\\').join('/');
      this.relativePaths.set(filePath, rel);
    }
    return rel;
  }

  /** Enabled rules and their settings for one file (overrides applied in order). */
  rulesFor(filePath: string): ReadonlyMap<string, RuleSetting> {
    const rel = this.relativeToConfig(filePath);
    const cached = this.cache.get(rel);
    if (cached) return cached;
    const matching = this.overrides.filter((o) => o.rules.size > 0 && o.match(rel));
    // Files no override changes share one map (most files of most repositories).
    if (matching.length === 0 && this.baseEnabled) {
      this.cache.set(rel, this.baseEnabled);
      return this.baseEnabled;
    }
    const settings = new Map(this.base);
    for (const o of matching) {
      for (const [id, entry] of o.rules) settings.set(id, applyEntry(settings.get(id), entry, this.rule(id)));
    }
    const enabled = new Map<string, RuleSetting>();
    for (const [id, s] of settings) if (s !== 'off') enabled.set(id, s);
    if (matching.length === 0) this.baseEnabled = enabled;
    this.cache.set(rel, enabled);
    return enabled;
  }

  /** Kind forced by an override for this file, if any (the last matching override wins). */
  kindFor(filePath: string): PolicyKind | undefined {
    const rel = this.relativeToConfig(filePath);
    let kind: PolicyKind | undefined;
    for (const o of this.overrides) if (o.kind && o.match(rel)) kind = o.kind;
    return kind;
  }

  /** Input format forced by an override for this file, if any (the last matching override wins). */
  formatFor(filePath: string): InputFormat | undefined {
    const rel = this.relativeToConfig(filePath);
    let format: InputFormat | undefined;
    for (const o of this.overrides) if (o.format && o.match(rel)) format = o.format;
    return format;
  }

  get policySets(): readonly PolicySetConfig[] {
    return this.raw.policySets ?? [];
  }
}

function applyEntry(previous: RuleSetting | 'off' | undefined, entry: RuleEntry, rule: AnyRule): RuleSetting | 'off' {
  const [severity, options] = Array.isArray(entry) ? entry : [entry, undefined];
  if (severity === 'off') return 'off';
  const prevOptions = previous && previous !== 'off' ? previous.options : (rule.meta.defaultOptions as Record<string, unknown>);
  return { severity, options: options ? { ...(rule.meta.defaultOptions as object), ...options } : prevOptions };
}

function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    const parent = e.instancePath.endsWith('/rules') || e.instancePath === '/rules' ? 'unknown rule id' : 'unknown key';
    return `${where === '(top level)' ? '' : `${where}.`}${extra}: ${parent}`;
  }
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${where}: ${e.message ?? 'is invalid'}`;
}

/** Validates a parsed config object; throws ConfigError naming every bad key path. */
export function validateConfig(raw: unknown, source: string, rules: readonly AnyRule[]): RawConfig {
  const errors = configErrors(raw, rules);
  if (errors.length === 0) return raw as RawConfig;
  // anyOf branches repeat the same problem; keep the most specific message per path. A `type`
  // error gives way to any other error at or below its path, an `enum` error (a rule entry's
  // severity branch, when the entry is a [severity, options] array) to errors inside the value.
  const specific = errors.filter(
    (e) =>
      e.keyword !== 'anyOf' &&
      !(e.keyword === 'type' && errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'type' && o.keyword !== 'anyOf')) &&
      !(e.keyword === 'enum' && errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`) && o.keyword !== 'anyOf')),
  );
  const messages = [...new Set((specific.length ? specific : errors).map(describeAjvError))];
  throw ConfigError.invalid(source, messages);
}

function readConfigFile(filePath: string): unknown {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read config ${filePath}: ${(e as Error).message}`);
  }
  try {
    if (/\.ya?ml$/.test(filePath)) return yaml().parse(text);
    const value = JSON.parse(filePath.endsWith('package.json') ? text : stripJsonComments(text)) as Record<string, unknown>;
    return filePath.endsWith('package.json') ? value.iamlint : value;
  } catch (e) {
    throw new ConfigError(`Config ${filePath} is not valid ${/\.ya?ml$/.test(filePath) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
}

/** Removes line and block comments outside strings, keeping line breaks (so JSON.parse positions stay right). */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The nearest config file from `startDir` upwards (package.json only when it has an "iamlint" key). */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (!existsSync(candidate)) continue;
      if (name !== 'package.json') return candidate;
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as Record<string, unknown>).iamlint !== undefined) return candidate;
      } catch {
        // an unreadable package.json is not our config
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadConfigOptions {
  readonly configPath?: string;
  readonly cwd: string;
  readonly rules: readonly AnyRule[];
}

/** Finds, reads and validates the config (its customRules included); a config naming `plugins` needs loadConfigAsync. */
export function loadConfig(options: LoadConfigOptions): ResolvedConfig {
  const found = locateConfig(options);
  if (!found) return new ResolvedConfig({}, resolve(options.cwd), undefined, options.rules);
  if (pluginSpecifiers(found.input).length > 0) throw new ConfigError(`Config ${found.source} names plugins, which load asynchronously: use loadConfigAsync`);
  return resolveRaw(found.input, found.source, options.rules, dirname(found.path), found.path);
}

/** loadConfig, with the config's `plugins` loaded first (their rules join the rules, before validation). */
export async function loadConfigAsync(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const found = locateConfig(options);
  if (!found) return new ResolvedConfig({}, resolve(options.cwd), undefined, options.rules);
  const specifiers = pluginSpecifiers(found.input);
  let rules = options.rules;
  if (specifiers.length > 0) {
    try {
      rules = [...rules, ...(await loadPlugins(specifiers, dirname(found.path), new Set(rules.map((r) => r.meta.id))))];
    } catch (e) {
      if (e instanceof PluginError) throw ConfigError.invalid(found.source, [e.message]);
      throw e;
    }
  }
  return resolveRaw(found.input, found.source, rules, dirname(found.path), found.path);
}

function locateConfig(options: LoadConfigOptions): { path: string; source: string; input: unknown } | undefined {
  const path = options.configPath ? resolve(options.cwd, options.configPath) : findConfigFile(options.cwd);
  if (!path) return undefined;
  if (options.configPath && !existsSync(path)) throw new ConfigError(`Config file not found: ${options.configPath}`);
  return { path, source: relative(options.cwd, path) || path, input: readConfigFile(path) ?? {} };
}

/** A top-level value of a config not validated yet. */
function unvalidated(input: unknown, key: 'plugins' | 'customRules'): unknown {
  return input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
}

/** The `plugins` of an unvalidated config (anything but a list of strings is left to validation). */
function pluginSpecifiers(input: unknown): string[] {
  const list = unvalidated(input, 'plugins');
  return Array.isArray(list) && list.every((p) => typeof p === 'string' && p.length > 0) ? (list as string[]) : [];
}

export function configFromObject(raw: unknown, rules: readonly AnyRule[], baseDir = process.cwd()): ResolvedConfig {
  return resolveRaw(raw, '(inline)', rules, baseDir, undefined);
}

/**
 * Validates a config and adds its `customRules` to the rules: while validating, each custom id
 * stands for a rule with the custom rules' option schema, so `rules`, `overrides` and `ignore`
 * may name it.
 */
function resolveRaw(input: unknown, source: string, rules: readonly AnyRule[], baseDir: string, filePath: string | undefined): ResolvedConfig {
  const customIds = customRuleIds(input).filter((id) => !rules.some((r) => r.meta.id === id));
  const raw = validateConfig(input, source, customIds.length ? [...rules, ...customIds.map(placeholderRule)] : rules);
  if (!raw.customRules?.length) return new ResolvedConfig(raw, baseDir, filePath, rules);
  let custom: AnyRule[];
  try {
    custom = buildCustomRules(raw.customRules, new Set(rules.map((r) => r.meta.id)), baseDir);
  } catch (e) {
    throw ConfigError.invalid(source, [(e as Error).message]);
  }
  return new ResolvedConfig(raw, baseDir, filePath, [...rules, ...custom]);
}

/** The ids of the `customRules` entries of an unvalidated config (entries without a string id are left to validation). */
function customRuleIds(input: unknown): string[] {
  const list = unvalidated(input, 'customRules');
  if (!Array.isArray(list)) return [];
  const ids = list.map((e: unknown) => (e && typeof e === 'object' ? (e as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string' && id.length > 0);
  return [...new Set(ids)];
}
