/**
 * Declarative organisation rules from config `customRules`: each entry becomes an ordinary rule
 * (same engine, suppressions, overrides, SARIF rule metadata) whose findings carry its own id.
 *
 * An entry selects statements (`match`: effect, policy kinds, actions and resources as IAM
 * wildcard patterns, wildcards on both sides, NotAction/NotResource included) and states what a
 * selected statement must do: hold a condition (`requireCondition`), not hold one
 * (`forbidCondition`), or not allow some actions at all (`deny`, except in the files of
 * `allowOnlyIn`). The documentation with examples is docs/writing-rules.md.
 */
import picomatch from 'picomatch';
import { relative, resolve } from 'node:path';
import { POLICY_KINDS, type ConditionEntry, type ElementList, type Located, type PolicyKind } from './model.js';
import { defineRule, EXTERNAL_RULE_ID, stringListOption, type AnyRule, type JsonSchema, type Severity } from './rule.js';
import { allowResourcesIntersect } from '../iam/evaluate.js';
import { statementLabel } from '../iam/statement.js';
import { wildcardCovers, wildcardIntersects } from '../iam/wildcard.js';

export interface CustomRuleConfig {
  readonly id: string;
  readonly message: string;
  readonly severity?: Severity;
  readonly description?: string;
  readonly match?: {
    readonly effect?: 'Allow' | 'Deny';
    readonly kinds?: readonly PolicyKind[];
    readonly actions?: readonly string[];
    readonly resources?: readonly string[];
  };
  readonly requireCondition?: Readonly<Record<string, readonly string[]>>;
  readonly forbidCondition?: Readonly<Record<string, readonly string[]>>;
  readonly deny?: readonly string[];
  readonly allowOnlyIn?: readonly string[];
}

const patterns = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description });
const conditionMap = (description: string): JsonSchema => ({
  type: 'object',
  minProperties: 1,
  additionalProperties: { type: 'array', items: { type: 'string' } },
  description,
});

/** The config schema of `customRules`. */
export function customRulesSchema(): JsonSchema {
  return {
    type: 'array',
    description: 'Declarative organisation rules (docs/writing-rules.md).',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'message'],
      anyOf: [{ required: ['requireCondition'] }, { required: ['forbidCondition'] }, { required: ['deny'] }],
      properties: {
        id: { type: 'string', pattern: EXTERNAL_RULE_ID, description: 'Rule id of the findings, e.g. "acme/s3-put-requires-kms".' },
        message: { type: 'string', minLength: 1, description: 'What a finding says (the statement and the reason are appended).' },
        severity: { enum: ['error', 'warning', 'info'], description: 'Default severity (default error); `rules` and `overrides` can change it.' },
        description: { type: 'string', minLength: 1, description: 'One line for --list-rules and SARIF (default: the message).' },
        match: {
          type: 'object',
          additionalProperties: false,
          description: 'Which statements the rule looks at (default: every Allow statement).',
          properties: {
            effect: { enum: ['Allow', 'Deny'], description: 'Default Allow.' },
            kinds: { type: 'array', items: { enum: [...POLICY_KINDS] }, minItems: 1, description: 'Policy kinds (default: all).' },
            actions: patterns('IAM action patterns (case-insensitive); a statement matches when it can grant one of them.'),
            resources: patterns('ARN patterns; a statement matches when its resources can reach one of them.'),
          },
        },
        requireCondition: conditionMap('Condition keys a matching statement must test, each with the values it may allow ([] = any value).'),
        forbidCondition: conditionMap('Condition keys a matching statement must not test ([] = any value, else only these values).'),
        deny: patterns('IAM action patterns no matching statement may allow.'),
        allowOnlyIn: patterns('Globs (relative to the config file) of the files the rule does not apply to, e.g. ["roles/deploy-*.json"].'),
      },
    },
  };
}

/** The rules of a validated `customRules` list; throws on an id that is taken. */
export function buildCustomRules(entries: readonly CustomRuleConfig[], builtinIds: ReadonlySet<string>, configDir: string): AnyRule[] {
  const seen = new Set<string>();
  return entries.map((entry) => {
    if (builtinIds.has(entry.id)) throw new Error(`customRules: "${entry.id}" is the id of a built-in or plugin rule; choose another (e.g. "acme/${entry.id}")`);
    if (seen.has(entry.id)) throw new Error(`customRules: the id "${entry.id}" is used twice`);
    seen.add(entry.id);
    return customRule(entry, configDir);
  });
}

/** A stand-in with the entry's id only, so that `rules` and `ignore` may name custom rules while the config is validated. */
export function placeholderRule(id: string): AnyRule {
  return customRule({ id, message: id, deny: ['*'] }, '.');
}

type MessageIds = 'missingCondition' | 'forbiddenCondition' | 'deniedAction';

function customRule(entry: CustomRuleConfig, configDir: string): AnyRule {
  const effect = entry.match?.effect ?? 'Allow';
  const kinds = entry.match?.kinds ? new Set(entry.match.kinds) : undefined;
  const actions = entry.match?.actions;
  const resources = entry.match?.resources;
  const exempt = entry.allowOnlyIn ? picomatch([...entry.allowOnlyIn], { dot: true }) : undefined;
  const describe = entry.description ?? entry.message;
  const message = entry.message.replace(/\{\{|\}\}/g, '');
  return defineRule<{ ignoreActions: string[] }, MessageIds>({
    meta: {
      id: entry.id,
      docs: {
        description: describe,
        why: `An organisation rule from the config's customRules: ${message}`,
        fix: message,
        recommended: true,
        url: null,
      },
      defaultSeverity: entry.severity ?? 'error',
      tags: ['custom'],
      schema: { type: 'object', additionalProperties: false, properties: { ignoreActions: stringListOption('Actions the rule accepts (IAM wildcard patterns).') } },
      defaultOptions: { ignoreActions: [] },
      messages: {
        missingCondition: `${message}: {{statement}} {{verb}} {{action}} without {{condition}}.`,
        forbiddenCondition: `${message}: {{statement}} tests {{condition}}.`,
        deniedAction: `${message}: {{statement}} allows {{action}}.`,
      },
    },
    create(context) {
      const ignored = context.options.ignoreActions;
      return {
        statement(stmt, doc) {
          if (kinds && !kinds.has(doc.kind)) return;
          if ((stmt.effect?.value ?? 'Allow') !== effect) return;
          if (exempt && exempt(relative(configDir, resolve(context.settings.cwd, doc.filePath)).split('\\').join('/'))) return;
          const at = grantingEntry(stmt.action, actions ?? ANY_ACTION, ignored);
          if (!at) return;
          if (resources && !reachesResources(stmt.resource, resources)) return;
          const statement = statementLabel(stmt, true);
          const verb = effect === 'Allow' ? 'allows' : 'denies';
          for (const [key, values] of Object.entries(entry.requireCondition ?? {})) {
            if (!stmt.conditions.some((c) => satisfies(c, key, values))) {
              context.report({ node: at, messageId: 'missingCondition', data: { statement, verb, action: at.value, condition: describeCondition(key, values) } });
            }
          }
          for (const [key, values] of Object.entries(entry.forbidCondition ?? {})) {
            const found = stmt.conditions.find((c) => c.key.value.toLowerCase() === key.toLowerCase() && (values.length === 0 || c.values.some((v) => values.includes(v.value))));
            if (found) context.report({ node: found.key, messageId: 'forbiddenCondition', data: { statement, condition: describeCondition(key, values) } });
          }
          if (entry.deny && effect === 'Allow') {
            const denied = grantingEntry(stmt.action, entry.deny, ignored);
            if (denied) context.report({ node: denied, messageId: 'deniedAction', data: { statement, action: denied.value } });
          }
        },
      };
    },
  });
}

function describeCondition(key: string, values: readonly string[]): string {
  return values.length === 0 ? `a condition on ${key}` : `a condition limiting ${key} to ${values.map((v) => `"${v}"`).join(', ')}`;
}

const NEGATED_OPERATORS = /Not|^Null$/;

/** A positive test of the key whose values all lie in `allowed` (any value when `allowed` is empty; `Null: false` counts then). */
function satisfies(c: ConditionEntry, key: string, allowed: readonly string[]): boolean {
  if (c.key.value.toLowerCase() !== key.toLowerCase()) return false;
  const base = c.parsedOperator.base;
  if (base === 'Null') return allowed.length === 0 && c.values.every((v) => v.value === 'false');
  if (NEGATED_OPERATORS.test(base) || c.parsedOperator.ifExists) return false;
  return allowed.length === 0 || (c.values.length > 0 && c.values.every((v) => allowed.includes(v.value)));
}

const ANY_ACTION = ['*'];

/**
 * The Action entry through which the statement can grant one of the patterns (the NotAction key
 * when NotAction leaves one of them out), skipping patterns the options accept.
 */
function grantingEntry(el: ElementList | undefined, wanted: readonly string[], ignored: readonly string[]): Located<string> | undefined {
  if (!el) return undefined;
  const live = ignored.length === 0 ? wanted : wanted.filter((p) => !ignored.some((i) => wildcardCovers(i, p, true)));
  if (el.negated) return live.some((p) => !el.values.some((v) => wildcardCovers(v.value, p, true))) ? el.key : undefined;
  return el.values.find((v) => live.some((p) => wildcardIntersects(v.value, p, true) && !ignored.some((i) => wildcardCovers(i, v.value, true))));
}

/** Can the statement's resources reach one of the patterns? (No Resource, a trust policy: the role itself.) */
function reachesResources(el: ElementList | undefined, wanted: readonly string[]): boolean {
  return wanted.some((pattern) => allowResourcesIntersect(el, { kind: 'pattern', pattern }));
}

