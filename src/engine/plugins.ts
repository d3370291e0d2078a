/**
 * Rule plugins (config `plugins`): ES or CommonJS modules whose rules are written with the public
 * `defineRule` (docs/plugins.md). A specifier starting with `.` or `/` is a file relative to the
 * config; anything else is a package resolved from the config's directory, as `node_modules`
 * lookups do. A module exports `rules` (an array of rules), or a default export that is such an
 * array or an object with `rules`.
 *
 * Every failure (not found, throws while loading, exports no rules, a malformed rule, an id that
 * is taken) is a PluginError naming the plugin; the CLI reports it as a config error (exit 2).
 */
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXTERNAL_RULE_ID, type AnyRule } from './rule.js';

export class PluginError extends Error {
  override readonly name = 'PluginError';
}

/** Rule ids of plugins (usually under the plugin's prefix, `acme/no-public-kms`). */
const PLUGIN_RULE_ID = new RegExp(EXTERNAL_RULE_ID);

/**
 * import(), or the launcher's (bin/iamlint.js runs the bundled command through vm.Script, where
 * import() has no module loader; the launcher, an ordinary module, imports for it).
 */
function importModule(url: string): Promise<unknown> {
  const launcherImport = (globalThis as Record<symbol, unknown>)[Symbol.for('iamlint.import')] as ((url: string) => Promise<unknown>) | undefined;
  return launcherImport ? launcherImport(url) : import(url);
}

/** Where a plugin specifier points, from the config's directory. */
export function resolvePlugin(specifier: string, configDir: string): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return resolve(configDir, specifier);
  try {
    return createRequire(join(configDir, 'package.json')).resolve(specifier);
  } catch {
    throw new PluginError(`plugin "${specifier}": cannot find the package from ${configDir} (is it installed?)`);
  }
}

/** Loads every plugin in order and returns their rules; ids must not clash with `takenIds` or each other. */
export async function loadPlugins(specifiers: readonly string[], configDir: string, takenIds: ReadonlySet<string>): Promise<AnyRule[]> {
  const rules: AnyRule[] = [];
  const owner = new Map<string, string>();
  for (const specifier of specifiers) {
    const path = resolvePlugin(specifier, configDir);
    let module: Record<string, unknown>;
    try {
      module = (await importModule(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(path) ? `${path} does not exist` : `it failed to load: ${err?.message ?? String(e)}`;
      throw new PluginError(`plugin "${specifier}": ${why}`);
    }
    const exported = pluginRules(module);
    if (!exported) throw new PluginError(`plugin "${specifier}": exports no rules (export \`rules\`, an array of rules made with defineRule)`);
    exported.forEach((rule, i) => {
      const problem = ruleProblem(rule);
      if (problem) throw new PluginError(`plugin "${specifier}": rule ${i} ${problem}`);
      const id = (rule as AnyRule).meta.id;
      if (takenIds.has(id)) throw new PluginError(`plugin "${specifier}": rule id "${id}" is taken by a built-in or custom rule`);
      const other = owner.get(id);
      if (other !== undefined) throw new PluginError(`plugin "${specifier}": rule id "${id}" is also defined by plugin "${other}"`);
      owner.set(id, specifier);
      rules.push(rule as AnyRule);
    });
  }
  return rules;
}

function pluginRules(module: Record<string, unknown>): unknown[] | undefined {
  const candidates = [module.rules, module.default, (module.default as { rules?: unknown } | undefined)?.rules];
  return candidates.find((c): c is unknown[] => Array.isArray(c));
}

/** What makes a value unusable as a rule, or undefined when it is one. */
function ruleProblem(value: unknown): string | undefined {
  const rule = value as Partial<AnyRule> | undefined;
  if (!rule || typeof rule !== 'object') return 'is not a rule object';
  const meta = rule.meta;
  if (!meta || typeof meta !== 'object') return 'has no `meta`';
  if (typeof meta.id !== 'string' || !PLUGIN_RULE_ID.test(meta.id)) return `has an invalid meta.id ${JSON.stringify(meta.id)} (lowercase words, e.g. "acme/no-public-kms")`;
  if (typeof rule.create !== 'function') return `"${meta.id}" has no create() function`;
  const docs = meta.docs;
  if (!docs || typeof docs !== 'object') return `"${meta.id}" has no meta.docs`;
  for (const key of ['description', 'why', 'fix'] as const) if (typeof docs[key] !== 'string') return `"${meta.id}" has no meta.docs.${key}`;
  if (typeof docs.recommended !== 'boolean') return `"${meta.id}" has no meta.docs.recommended (true: on unless the config turns it off)`;
  if (!['error', 'warning', 'info'].includes(meta.defaultSeverity as string)) return `"${meta.id}" has an invalid meta.defaultSeverity`;
  if (!meta.messages || typeof meta.messages !== 'object' || Object.keys(meta.messages).length === 0) return `"${meta.id}" has no meta.messages`;
  if (!meta.schema || typeof meta.schema !== 'object') return `"${meta.id}" has no meta.schema (use {} for a rule without options)`;
  if (!meta.defaultOptions || typeof meta.defaultOptions !== 'object') return `"${meta.id}" has no meta.defaultOptions (use {} for a rule without options)`;
  return undefined;
}
