import { defineRule, stringListOption } from '../engine/rule.js';
import { actionAppliesToResource, actionResourceTypes, isJudgeableResource, resourceCanMatchStar } from '../iam/resource-match.js';
import { actionMatches, expandActionPattern, supportsResourceArns, type ActionInfo, type ResourceTypeInfo } from '../iam/service-data.js';
import { statementLabel } from '../iam/statement.js';
import { hasWildcard } from '../iam/wildcard.js';

type MessageIds = 'actionMismatch' | 'patternMismatch';

const EXAMPLES = 3;
/** `*` or `*:*`: every action; some action of the service of any real ARN takes it. */
const ALL_ACTIONS = /^\*+(?::\*+)?$/;

function quoteList(values: readonly string[]): string {
  const shown = values.slice(0, EXAMPLES).map((v) => `"${v}"`);
  return values.length > EXAMPLES ? `${shown.join(', ')} and ${values.length - EXAMPLES} more` : shown.join(', ');
}

/** `bucket (arn:${Partition}:s3:::${BucketName}) or accesspoint (…)`, at most three types. */
function describeTypes(types: readonly ResourceTypeInfo[]): string {
  const shown = types.slice(0, EXAMPLES).map((t) => `${t.name} (${t.arnFormats[0]})`);
  if (types.length > EXAMPLES) return `${shown.join(', ')} or ${types.length - EXAMPLES} other resource types`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

const ARN_ACTIONS_LIMIT = 1 << 15;
const arnActionsCache = new Map<string, readonly ActionInfo[]>();

/**
 * The actions an Action entry matches that take resource ARNs (none for `*`), once per distinct
 * entry: the same entries recur in statement after statement.
 */
function arnActions(entry: string): readonly ActionInfo[] {
  let actions = arnActionsCache.get(entry);
  if (actions === undefined) {
    actions = ALL_ACTIONS.test(entry) ? [] : expandActionPattern(entry).filter(supportsResourceArns);
    if (arnActionsCache.size >= ARN_ACTIONS_LIMIT) arnActionsCache.clear();
    arnActionsCache.set(entry, actions);
  }
  return actions;
}

function typesOf(actions: readonly ActionInfo[]): ResourceTypeInfo[] {
  const types: ResourceTypeInfo[] = [];
  for (const a of actions) for (const t of actionResourceTypes(a)) if (!types.includes(t)) types.push(t);
  return types;
}

export default defineRule<{ ignoreActions: string[] }, MessageIds>({
  meta: {
    id: 'resource-mismatch',
    docs: {
      description: 'Report actions that apply to none of the resources their statement lists (`s3:ListBucket` on an object ARN)',
      why:
        'IAM matches a statement only when the request\'s resource matches one of its Resource entries, and each action is authorized against resources of the types the Service Authorization Reference lists for it. ' +
        'An action whose resource types none of the statement\'s ARNs can match never matches the statement: `s3:ListBucket` takes a bucket (`arn:aws:s3:::bucket`), so on `arn:aws:s3:::bucket/*` it is never allowed (or, in a Deny, never denied), and `sagemaker:CreateTrainingJob` on an S3 bucket ARN grants nothing. ' +
        'An action applies when an ARN can match ANY of its resource types, required or optional (Parliament instead demands every required type, which reports `s3:PutObject` on an object ARN). Wildcards inside ARNs and policy variables (`arn:aws:iam::*:user/${aws:username}`) are honoured. ' +
        'Action wildcards are expanded: an exact action is reported when it applies to none of the resources; a wildcard entry only when none of the actions it matches applies to any of them (`s3:*` on a bucket ARN still reaches the bucket actions). ' +
        'Not checked here: actions that take only `"*"` (action-requires-star), unknown actions (unknown-action), malformed ARNs, empty region/account fields and documentation placeholders (malformed-arn, unresolved-placeholder), statements with a `"*"` resource, NotAction or NotResource, and trust policies. Identity, resource, boundary, SCP and RCP statements are checked, Allow and Deny alike.',
      fix:
        'Give the action an ARN of a type it takes (the message shows the ARN format), for example `arn:aws:s3:::bucket` for `s3:ListBucket` next to `arn:aws:s3:::bucket/*` for the object actions, or move it to a statement with the right resources.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security_iam_service-with-iam.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreActions: stringListOption('Actions not to report, as IAM wildcard patterns (case-insensitive), e.g. ["s3:ListBucket"].'),
      },
    },
    defaultOptions: { ignoreActions: [] },
    messages: {
      actionMismatch:
        '{{action}} applies to none of the resources of {{statement}} ({{resources}}), so the statement never matches it: it takes {{resourceTypes}}.',
      patternMismatch:
        '"{{entry}}" matches {{matched}} ({{examples}}), none of which applies to the resources of {{statement}} ({{resources}}), so the statement never matches them: they take {{resourceTypes}}.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreActions;
    return {
      statement(stmt, doc) {
        if (doc.kind === 'trust' || !stmt.action || stmt.action.negated || !stmt.resource || stmt.resource.negated) return;
        const entries = stmt.resource.values;
        if (entries.length === 0) return;
        for (const r of entries) if (resourceCanMatchStar(r.value) || !isJudgeableResource(r.value)) return;
        const reaches = (a: ActionInfo) => entries.some((r) => actionAppliesToResource(a, r.value));
        let common: { statement: string; resources: string } | undefined;
        for (const entry of stmt.action.values) {
          const candidates = arnActions(entry.value);
          if (candidates.length === 0) continue;
          const actions = ignored.length === 0 ? candidates : candidates.filter((a) => !ignored.some((p) => actionMatches(p, a.fullName)));
          if (actions.length === 0 || actions.some(reaches)) continue;
          common ??= { statement: statementLabel(stmt), resources: quoteList(entries.map((r) => r.value)) };
          if (!hasWildcard(entry.value)) {
            const [action] = actions;
            context.report({
              node: entry,
              messageId: 'actionMismatch',
              data: { ...common, action: action.fullName, resourceTypes: describeTypes(actionResourceTypes(action)) },
            });
          } else {
            const names = actions.map((a) => a.fullName).sort();
            context.report({
              node: entry,
              messageId: 'patternMismatch',
              data: {
                ...common,
                entry: entry.value,
                matched: actions.length === 1 ? '1 action' : `${actions.length} actions`,
                examples: names.length > EXAMPLES ? `${names.slice(0, EXAMPLES).join(', ')}, …` : names.join(', '),
                resourceTypes: describeTypes(typesOf(actions)),
              },
            });
          }
        }
      },
    };
  },
});
