import type { PolicyKind, Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import type { AccessLevel } from '../iam/access-level.js';
import { coversEveryResourceOf, expandActionPattern, ordinaryUseNeedsStar, type ActionInfo } from '../iam/service-data.js';
import { isAllow, statementLabel } from '../iam/statement.js';
import { hasWildcard, wildcardMatch } from '../iam/wildcard.js';

type MessageIds = 'unscopedAction' | 'unscopedPattern';

/**
 * Condition keys (IAM wildcard patterns, case-insensitive) that tie a statement to particular
 * resources even though its Resource is `"*"`: the resource's tags
 * (`aws:ResourceTag/…` and service keys such as `ecr:ResourceTag/…`), its account
 * (`aws:ResourceAccount`, `s3:ResourceAccount`) and its organization
 * (`aws:ResourceOrgID`, `aws:ResourceOrgPaths`). A statement with a positive condition on one
 * of them (not `...IfExists`, not a negated operator, not `Null`) is not reported.
 */
export const RESOURCE_SCOPING_CONDITION_KEYS: readonly string[] = Object.freeze([
  '*:ResourceTag/*',
  'aws:ResourceAccount',
  's3:ResourceAccount',
  'aws:ResourceOrgID',
  'aws:ResourceOrgPaths',
]);

const MUTATING_LEVELS: ReadonlySet<AccessLevel> = new Set(['Write', 'Permissions management', 'Tagging']);
/**
 * Identity policies only: in a resource policy `"*"` means the resource the policy is attached
 * to (a KMS key policy's `"Resource": "*"` is that key), so it is not unscoped. Boundaries, SCPs
 * and RCPs only cap permissions.
 */
const GRANTING_KINDS: ReadonlySet<PolicyKind> = new Set(['identity']);
const ONLY_STARS = /^\*+$/;
/** `*` (or `*:*`) on `"*"` is full admin: full-admin reports it. */
const ALL_ACTIONS = /^\*+(?::\*+)?$/;
const POSITIVE_OPERATOR = /^(String|Arn)(Equals|EqualsIgnoreCase|Like)$/;
const EXAMPLES = 3;

/**
 * `"*"`, or an ARN pattern that matches every ARN: `arn:*`, `arn:*:*:*:*:*`, or with a
 * concrete partition `arn:aws:*:*:*:*` (every other field a bare `*`).
 */
export function isAllResourcePattern(resource: string): boolean {
  if (ONLY_STARS.test(resource)) return true;
  const fields = resource.split(':');
  if (fields[0] !== 'arn' || fields.length < 2) return false;
  const rest = fields.length > 2 && /^aws[a-z-]*$/.test(fields[1]) ? fields.slice(2) : fields.slice(1);
  return rest.every((f) => ONLY_STARS.test(f));
}

function scopedByCondition(stmt: Statement): boolean {
  return stmt.conditions.some((c) => !c.parsedOperator.ifExists && POSITIVE_OPERATOR.test(c.parsedOperator.base) && isScopingKey(c.key.value));
}

const scopingKeys = new Map<string, boolean>();

function isScopingKey(key: string): boolean {
  let scoping = scopingKeys.get(key);
  if (scoping === undefined) {
    scoping = RESOURCE_SCOPING_CONDITION_KEYS.some((k) => wildcardMatch(k, key, true));
    if (scopingKeys.size >= 4096) scopingKeys.clear();
    scopingKeys.set(key, scoping);
  }
  return scoping;
}

const typeDescriptions = new WeakMap<ActionInfo, string>();

function describeTypes(action: ActionInfo): string {
  let described = typeDescriptions.get(action);
  if (described === undefined) {
    const names = action.resourceTypes.map((rt) => rt.name).filter((n) => n.length > 0);
    typeDescriptions.set(action, (described = [...new Set(names)].join(', ')));
  }
  return described;
}

const examples = new WeakMap<readonly ActionInfo[], string>();

/** The first names in sort order, `, …` when there are more: built once per list of actions. */
function examplesOf(actions: readonly ActionInfo[]): string {
  let text = examples.get(actions);
  if (text === undefined) {
    const names = actions.map((a) => a.fullName).sort().slice(0, EXAMPLES);
    examples.set(actions, (text = actions.length > EXAMPLES ? `${names.join(', ')}, …` : names.join(', ')));
  }
  return text;
}

export default defineRule<{ ignoreActions: string[] }, MessageIds>({
  meta: {
    id: 'unscoped-write',
    docs: {
      description: 'Report Write, Permissions-management and Tagging actions allowed on `"*"` when the action supports resource-level ARNs',
      why:
        'An action that accepts resource ARNs but is granted on `"*"` (or an ARN pattern of only wildcards such as `arn:aws:*:*:*:*`, or one that reaches every resource of the type in every account and region, such as `arn:*:cloudtrail:*:*:trail/*`) works on every such resource in every account the policy reaches: ' +
        '`ecr:PutImage` or `ecr:DeleteRepository` on `"*"` lets the principal overwrite or delete any repository, not just the one its pipeline publishes. ' +
        'Mutating access levels are checked: Write, Permissions management and Tagging, after expanding wildcards such as `ecr:Put*`. ' +
        'Actions that support no resource ARN (`ecr:GetAuthorizationToken`, `ec2:DescribeInstances`, `cloudwatch:PutMetricData` for ordinary metrics) can only be granted on `"*"` and are never reported. ' +
        'A statement is also left alone when a condition ties it to resources: a positive, non-IfExists condition on `aws:ResourceTag/…`, `<service>:ResourceTag/…`, `aws:ResourceAccount`, `s3:ResourceAccount`, `aws:ResourceOrgID` or `aws:ResourceOrgPaths` (exported as RESOURCE_SCOPING_CONDITION_KEYS). ' +
        'The bare `*` action is left to full-admin, NotAction and NotResource to allow-not-action and allow-not-resource; a `service:*` entry is reported here for the write actions it grants on `"*"` and by service-wildcard-action for its breadth. Boundaries, SCPs and RCPs only cap permissions and are not checked.',
      fix:
        'Scope the actions to the ARNs they need (for example `arn:aws:ecr:us-east-1:111122223333:repository/my-app`), and keep actions that only support `"*"` in a separate statement. ' +
        'Where names are not known in advance, scope with a condition on the resource tags or account. Accept deliberate grants with `ignoreActions` (IAM wildcard patterns such as `logs:*`).',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html',
        'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreActions: stringListOption('Actions to accept on "*", as IAM wildcard patterns (case-insensitive), e.g. ["logs:*", "ecr:CreateRepository"].'),
      },
    },
    defaultOptions: { ignoreActions: [] },
    messages: {
      unscopedAction:
        '{{action}} ({{level}}) is allowed on "{{resource}}" in {{statement}}, but it supports resource-level permissions ({{resourceTypes}}): scope it to the ARNs it needs.',
      unscopedPattern:
        '"{{entry}}" allows {{count}} write, permissions-management or tagging actions that support resource-level permissions ({{examples}}) on "{{resource}}" in {{statement}}: scope them to the ARNs they need.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreActions;
    const isIgnored = (a: ActionInfo) => ignored.some((p) => wildcardMatch(p, a.fullName, true));
    return {
      statement(stmt, doc) {
        if (!isAllow(stmt) || !GRANTING_KINDS.has(doc.kind)) return;
        if (!stmt.action || stmt.action.negated || !stmt.resource || stmt.resource.negated) return;
        if (stmt.conditions.length > 0 && scopedByCondition(stmt)) return;
        const resources = stmt.resource.values;
        const star = resources.find((r) => allResources(r.value));
        // The entry through which an action reaches every resource it accepts: "*", or an ARN pattern such as arn:*:cloudtrail:*:*:trail/*.
        const unscopedVia = (a: ActionInfo) => star ?? resources.find((r) => coversEvery(r.value, a));
        let statement: string | undefined;
        for (const entry of stmt.action.values) {
          const candidates = writeActions(entry.value);
          if (candidates.length === 0) continue;
          const actions = star !== undefined && ignored.length === 0 ? candidates : candidates.filter((a) => !isIgnored(a) && unscopedVia(a));
          if (actions.length === 0) continue;
          statement ??= statementLabel(stmt);
          const resource = unscopedVia(actions[0])!.value;
          if (!hasWildcard(entry.value)) {
            const [action] = actions;
            context.report({
              node: entry,
              messageId: 'unscopedAction',
              data: { resource, statement, action: action.fullName, level: action.accessLevel, resourceTypes: describeTypes(action) },
            });
          } else {
            context.report({
              node: entry,
              messageId: 'unscopedPattern',
              data: { resource, statement, entry: entry.value, count: actions.length, examples: examplesOf(actions) },
            });
          }
        }
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Answers remembered across statements: AWS managed policies repeat the same entries by the
// thousand. Each cache starts over when full, so a long-running process does not grow without bound.
// ---------------------------------------------------------------------------------------------

const CACHE_LIMIT = 1 << 15;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

const allResourcesCache = new Map<string, boolean>();

function allResources(resource: string): boolean {
  return allResourcesCache.get(resource) ?? remember(allResourcesCache, resource, isAllResourcePattern(resource));
}

const writeActionsCache = new Map<string, readonly ActionInfo[]>();
const NO_ACTIONS: readonly ActionInfo[] = Object.freeze([]);

/**
 * The mutating actions an Action entry matches that support resource ARNs (the candidates for
 * "unscoped"); none for the bare `*`, which full-admin reports.
 */
function writeActions(entry: string): readonly ActionInfo[] {
  let actions = writeActionsCache.get(entry);
  if (actions === undefined) {
    actions = ALL_ACTIONS.test(entry) ? NO_ACTIONS : expandActionPattern(entry).filter((a) => MUTATING_LEVELS.has(a.accessLevel) && !ordinaryUseNeedsStar(a));
    if (actions.length === 0) actions = NO_ACTIONS;
    remember(writeActionsCache, entry, actions);
  }
  return actions;
}

/**
 * coversEveryResourceOf reads only the action's service and the names of its resource types, so
 * actions alike in those share one answer per resource pattern.
 */
const typeSignatures = new WeakMap<ActionInfo, string>();

function typeSignature(a: ActionInfo): string {
  let signature = typeSignatures.get(a);
  if (signature === undefined) {
    signature = a.service;
    for (const rt of a.resourceTypes) signature += `\u0000${rt.name}`;
    typeSignatures.set(a, signature);
  }
  return signature;
}

const coverageCache = new Map<string, Map<string, boolean>>();

function coversEvery(resource: string, a: ActionInfo): boolean {
  let bySignature = coverageCache.get(resource);
  if (bySignature === undefined) bySignature = remember(coverageCache, resource, new Map<string, boolean>());
  const signature = typeSignature(a);
  let covers = bySignature.get(signature);
  if (covers === undefined) {
    covers = coversEveryResourceOf(resource, a);
    bySignature.set(signature, covers);
  }
  return covers;
}
