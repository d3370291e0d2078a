import { defineRule, stringListOption } from '../engine/rule.js';
import { resourceCanMatchStar, starOnlyActionCanMatchResource } from '../iam/resource-match.js';
import { actionMatches, expandActionPattern, supportsResourceArns, type ActionInfo } from '../iam/service-data.js';
import { statementLabel } from '../iam/statement.js';
import { hasWildcard } from '../iam/wildcard.js';

type MessageIds = 'starOnlyAction' | 'starOnlyPattern';

const EXAMPLES = 3;
/** `*` or `*:*`: every action, many of which take ARNs. */
const ALL_ACTIONS = /^\*+(?::\*+)?$/;

function quoteList(values: readonly string[]): string {
  const shown = values.slice(0, EXAMPLES).map((v) => `"${v}"`);
  return values.length > EXAMPLES ? `${shown.join(', ')}, …` : shown.join(', ');
}

export default defineRule<{ ignoreActions: string[] }, MessageIds>({
  meta: {
    id: 'action-requires-star',
    docs: {
      description: 'Report actions that support no resource-level permissions in statements whose Resource lists only ARNs',
      why:
        'Actions with no resource type in the Service Authorization Reference (`ecr:GetAuthorizationToken`, `s3:ListAllMyBuckets`, `sts:GetCallerIdentity`, most `Describe*` and `List*` actions) are authorized against the resource `"*"`. ' +
        'A statement whose Resource holds only ARNs never matches such an action: an Allow grants nothing (the SageMaker custom-image pull then fails at run time for want of the ECR token) and a Deny denies nothing. ' +
        'The check uses the service data as written: an action listing any resource type (such as `cloudwatch:PutMetricData` with its optional `dataset` type) is not reported here. ' +
        'A wildcard entry is reported only when every action it matches supports no ARN (`ecr:Get*` also matches repository actions and is left alone). ' +
        'S3 is the exception that proves the rule: it authorizes its service-level actions (`s3:ListAllMyBuckets`, `s3:ListJobs`, …) against the service ARN `arn:aws:s3:::`, so a Resource such as `arn:aws:s3:::*` (long used in AWS documentation examples) grants them and is not reported; `arn:aws:s3:::my-bucket` does not. ' +
        'Identity, resource, boundary, SCP and RCP statements are checked, Allow and Deny alike; statements with NotAction or NotResource, and trust policies (no Resource), are not. ' +
        'Unknown actions are left to unknown-action.',
      fix: 'Move the action into a separate statement with `"Resource": "*"` (narrow it with a condition where the action supports one), and keep the ARNs for the actions that take them.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html',
        'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreActions: stringListOption('Actions not to report, as IAM wildcard patterns (case-insensitive), e.g. ["ec2:Describe*"].'),
      },
    },
    defaultOptions: { ignoreActions: [] },
    messages: {
      starOnlyAction:
        '{{action}} supports no resource-level permissions, so {{statement}} ({{effect}}) never matches it on {{resources}}: put it in a separate statement with "Resource": "*".',
      starOnlyPattern:
        '"{{entry}}" matches only actions that support no resource-level permissions ({{examples}}), so {{statement}} ({{effect}}) never matches them on {{resources}}: put them in a separate statement with "Resource": "*".',
    },
  },
  create(context) {
    const ignored = context.options.ignoreActions;
    return {
      statement(stmt, doc) {
        if (doc.kind === 'trust' || !stmt.action || stmt.action.negated || !stmt.resource || stmt.resource.negated) return;
        const resources = stmt.resource.values;
        if (resources.length === 0 || resources.some((r) => resourceCanMatchStar(r.value))) return;
        let common: { statement: string; effect: string; resources: string } | undefined;
        for (const entry of stmt.action.values) {
          const actions = ignored.length === 0 ? starOnlyActions(entry.value) : withoutIgnored(entry.value, ignored);
          if (actions.length === 0) continue;
          if (actions.some((a) => resources.some((r) => starOnlyActionCanMatchResource(a, r.value)))) continue;
          common ??= { statement: statementLabel(stmt), effect: stmt.effect?.value ?? 'no Effect', resources: quoteList(resources.map((r) => r.value)) };
          if (!hasWildcard(entry.value)) {
            context.report({ node: entry, messageId: 'starOnlyAction', data: { ...common, action: actions[0].fullName } });
          } else {
            const names = actions.map((a) => a.fullName).sort();
            const examples = names.length > EXAMPLES ? `${names.slice(0, EXAMPLES).join(', ')}, … ${names.length} in all` : names.join(', ');
            context.report({ node: entry, messageId: 'starOnlyPattern', data: { ...common, entry: entry.value, examples } });
          }
        }
      },
    };
  },
});

const CACHE_LIMIT = 1 << 15;
const starOnlyCache = new Map<string, readonly ActionInfo[]>();
const NO_ACTIONS: readonly ActionInfo[] = Object.freeze([]);

/**
 * The actions an Action entry matches when every one of them takes only `"*"`, else none (and
 * none for `*`). Remembered per distinct entry: AWS managed policies repeat them by the thousand.
 */
function starOnlyActions(entry: string): readonly ActionInfo[] {
  let actions = starOnlyCache.get(entry);
  if (actions === undefined) {
    actions = withoutIgnored(entry, []);
    if (starOnlyCache.size >= CACHE_LIMIT) starOnlyCache.clear();
    starOnlyCache.set(entry, actions);
  }
  return actions;
}

/** starOnlyActions with the ignored actions left out first (a `*`-only rest is still reported). */
function withoutIgnored(entry: string, ignored: readonly string[]): readonly ActionInfo[] {
  if (ALL_ACTIONS.test(entry)) return NO_ACTIONS;
  const actions = ignored.length === 0 ? expandActionPattern(entry) : expandActionPattern(entry).filter((a) => !ignored.some((p) => actionMatches(p, a.fullName)));
  return actions.length === 0 || actions.some(supportsResourceArns) ? NO_ACTIONS : actions;
}
