/**
 * Config validation without compiling JSON schemas at start-up (a pre-commit hook pays every
 * millisecond of it; compiling the whole config schema with every rule's options takes ~0.3 s).
 *
 * The config schema is validated in pieces: the base schema (every key of the config, with each
 * rule entry accepted as is) and, for each rule the config names, that rule's entry schema
 * (severity, or [severity, options]). Errors of a rule entry are re-rooted at
 * `/rules/<id>` or `/overrides/<n>/rules/<id>`, so messages read as if one schema had been checked.
 *
 * `npm run build` precompiles each piece for the built-in rules into `dist/engine/validators/*.cjs`
 * (ajv standalone code, see scripts/postbuild.mjs; the path is written `../engine/validators/` so
 * that it also holds from the bundled command in dist/cli/). Each file carries the JSON of the
 * schema it was compiled from and is used only while that still equals the schema in force; any
 * other piece (a plugin rule, or running from source) is compiled with ajv on first use.
 */
import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { buildConfigSchema, ruleEntrySchema } from './config-schema.js';
import type { AnyRule, JsonSchema } from './rule.js';

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const require = createRequire(import.meta.url);

/** The config schema with every rule entry accepted as is (rule ids are still checked). */
export function baseConfigSchema(rules: readonly AnyRule[]): JsonSchema {
  const schema = buildConfigSchema(rules) as { properties: Record<string, JsonSchema> };
  const anyEntry = Object.fromEntries(rules.map((r) => [r.meta.id, true]));
  const loosen = (rulesSchema: JsonSchema | undefined) => (rulesSchema ? { ...rulesSchema, properties: anyEntry } : rulesSchema);
  const overrides = schema.properties.overrides as { items: { properties: Record<string, JsonSchema> } };
  return {
    ...schema,
    properties: {
      ...schema.properties,
      rules: loosen(schema.properties.rules),
      overrides: { ...overrides, items: { ...overrides.items, properties: { ...overrides.items.properties, rules: loosen(overrides.items.properties.rules) } } },
    },
  };
}

/** File name (without directory) of a precompiled piece: `config` or `rule-<id>`. */
export function precompiledName(piece: 'config' | AnyRule): string {
  return piece === 'config' ? 'config' : `rule-${encodeURIComponent(piece.meta.id)}`;
}

const validators = new Map<string, SchemaValidator>();

/** The validator of a schema: precompiled when the build made one for exactly this schema, else compiled now. */
function validatorFor(name: string, schema: JsonSchema): SchemaValidator {
  const json = JSON.stringify(schema);
  const key = `${name}\u0000${json}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = loadPrecompiled(name, json) ?? compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function loadPrecompiled(name: string, json: string): SchemaValidator | undefined {
  let module: { default?: SchemaValidator; schemaJson?: string };
  try {
    module = require(`../engine/validators/${name}.cjs`) as typeof module;
  } catch {
    return undefined; // not built (running from source) or not a built-in piece
  }
  return module.schemaJson === json ? module.default : undefined;
}

function compile(schema: JsonSchema): SchemaValidator {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

/** Escapes one JSON pointer segment. */
function pointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every schema error of a config object (empty when it is valid), rule entries included. */
export function configErrors(raw: unknown, rules: readonly AnyRule[]): ErrorObject[] {
  const base = validatorFor(precompiledName('config'), baseConfigSchema(rules));
  const errors: ErrorObject[] = base(raw) ? [] : [...(base.errors ?? [])];
  if (!raw || typeof raw !== 'object') return errors;
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const checkRules = (entries: unknown, at: string) => {
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return;
    for (const [id, entry] of Object.entries(entries)) {
      const rule = byId.get(id);
      if (!rule) continue; // reported by the base schema: unknown rule id
      const validate = validatorFor(precompiledName(rule), ruleEntrySchema(rule));
      if (validate(entry)) continue;
      const root = `${at}/${pointer(id)}`;
      for (const e of validate.errors ?? []) errors.push({ ...e, instancePath: root + e.instancePath, schemaPath: e.schemaPath });
    }
  };
  const { rules: topRules, overrides } = raw as { rules?: unknown; overrides?: unknown };
  checkRules(topRules, '/rules');
  if (Array.isArray(overrides)) overrides.forEach((o, i) => checkRules((o as { rules?: unknown } | null)?.rules, `/overrides/${i}/rules`));
  return errors;
}
