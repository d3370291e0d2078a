/** The config JSON schema, generated from rule meta (also written to schema/iamlintrc.schema.json). */
import type { AnyRule, JsonSchema } from './rule.js';
import { POLICY_KINDS } from './model.js';
import { INPUT_FORMATS } from '../parsers/formats.js';
import { customRulesSchema } from './custom-rules.js';

const SEVERITIES = ['error', 'warning', 'info', 'off'];

/** What `rules.<id>` accepts: a severity, or [severity] / [severity, options]. */
export function ruleEntrySchema(rule: AnyRule): JsonSchema {
  const severity = { enum: SEVERITIES, description: `${rule.meta.docs.description} (default: ${rule.meta.defaultSeverity})` };
  return {
    description: rule.meta.docs.description,
    anyOf: [severity, { type: 'array', prefixItems: [severity, rule.meta.schema], minItems: 1, maxItems: 2, items: false }],
  };
}

export function buildConfigSchema(rules: readonly AnyRule[]): JsonSchema {
  const ruleProperties = Object.fromEntries(rules.map((r) => [r.meta.id, ruleEntrySchema(r)]));
  const rulesObject = { type: 'object', additionalProperties: false, properties: ruleProperties };
  const globs = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/iamlint/iamlint/schema/iamlintrc.schema.json',
    title: 'iamlint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        type: 'array',
        items: { enum: ['iamlint:recommended', 'iamlint:all'] },
        description: 'Base rule sets: recommended (the default) or all rules.',
      },
      rules: rulesObject,
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: { ...globs, description: 'Globs relative to the config file.' },
            rules: rulesObject,
            kind: { enum: [...POLICY_KINDS], description: 'Treat matching policies as this kind.' },
            format: { enum: [...INPUT_FORMATS], description: 'Read matching files as this input format instead of detecting it.' },
          },
        },
      },
      variables: {
        type: 'object',
        additionalProperties: { type: 'string' },
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_.-]*(::[A-Za-z0-9_.-]+)*$' },
        description: 'Values substituted for {NAME}, <NAME> and ${NAME} placeholders before checking.',
      },
      policySets: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1 },
            identity: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Identity policy files (relative to the config).' },
            boundary: { type: 'string', minLength: 1, description: 'Permissions boundary file.' },
            trust: { type: 'string', minLength: 1, description: 'Trust policy file.' },
            trustedService: { type: 'string', pattern: '^[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?$', description: 'Service principal the role must trust.' },
          },
        },
      },
      knownAccounts: {
        type: 'array',
        items: { type: 'string', pattern: '^[0-9]{12}$' },
        description: 'Account ids of your organization: cross-account trust to them is not reported as external.',
      },
      ignorePatterns: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs never linted in directory walks.' },
      limits: {
        type: 'object',
        additionalProperties: false,
        description: 'Input limits: a file over them gets a json-syntax finding instead of being read or parsed.',
        properties: {
          maxFileSize: { type: 'integer', minimum: 1, description: 'Largest file read, in bytes (default 10485760, 10 MB). Checked before reading.' },
          maxNesting: { type: 'integer', minimum: 1, description: 'Deepest nesting of JSON objects and arrays (default 1000).' },
        },
      },
      ignore: suppressionsSchema(rules),
      customRules: customRulesSchema(),
      plugins: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Rule plugins: files relative to the config ("./iamlint-rules/index.js") or package names ("@acme/iamlint-plugin"), docs/plugins.md.',
      },
    },
  };
}

/** `ignore`: findings accepted on purpose. Every given criterion must match; at least one is required. */
function suppressionsSchema(rules: readonly AnyRule[]): JsonSchema {
  const patterns = (what: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: what });
  return {
    type: 'array',
    description: 'Suppressions: findings matching every criterion of an entry are not reported. Expired and unused entries are reported (stale-suppression).',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['reason'],
      anyOf: ['rule', 'files', 'sid', 'actions', 'resources'].map((key) => ({ required: [key] })),
      properties: {
        rule: { enum: rules.map((r) => r.meta.id).sort(), description: 'Rule id of the findings to suppress.' },
        files: { ...globs(), description: 'Globs relative to the config file.' },
        sid: { type: 'string', minLength: 1, description: 'Sid of the statement the finding is in.' },
        actions: patterns('IAM wildcard patterns (case-insensitive): the action entry the finding points at, or an action its message names.'),
        resources: patterns('IAM wildcard patterns: the resource entry the finding points at, or an ARN (or "*") its message names.'),
        reason: { type: 'string', minLength: 1, description: 'Why the finding is accepted (required).' },
        expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day (YYYY-MM-DD, UTC) the suppression applies; after it, it is reported instead.' },
      },
    },
  };
}

function globs(): JsonSchema {
  return { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };
}
