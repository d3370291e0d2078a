import { defineRule, stringListOption } from '../engine/rule.js';
import { actionMatches, allServicePrefixes, expandActionPattern, lookupAction, serviceExists, serviceName } from '../iam/service-data.js';
import { statementLabel } from '../iam/statement.js';
import { suggestActionName } from '../iam/suggest.js';
import { hasWildcard, wildcardMatch } from '../iam/wildcard.js';
import { remembered } from '../iam/memo.js';

type MessageIds = 'unknownAction' | 'unknownActionSuggestion' | 'unknownPattern';

/** `service:action` with both parts non-empty; other shapes are unknown-service's. */
const ACTION_FORMAT = /^[^:]+:[^:]+$/;
const ONLY_STARS = /^\*+$/;

function describeService(prefix: string): string {
  const name = serviceName(prefix);
  if (!name) return prefix;
  // Some names already end in the prefix: "AWS Identity and Access Management (IAM)".
  return name.toLowerCase().endsWith(`(${prefix})`) ? name : `${name} (${prefix})`;
}

export default defineRule<{ ignoreActions: string[] }, MessageIds>({
  meta: {
    id: 'unknown-action',
    docs: {
      description: 'Report Action and NotAction entries naming an action (or a wildcard pattern) that matches no action of a known AWS service',
      why:
        'IAM does not reject a policy naming an action its service does not have: the entry simply matches nothing. ' +
        'A misspelled or retired action (`s3:GetObjects`, `iam:list`) grants nothing in an Allow and denies nothing in a Deny; in a NotAction it excludes nothing, so the statement covers more than intended. ' +
        'A wildcard such as `s3:Get*Foo` that matches none of the service\'s actions is just as dead. Action names are compared case-insensitively, as IAM does. ' +
        'Every entry is checked (not only the first unknown one) in every policy kind, trust policies included; `service:*` and `*` always match and are not reported. ' +
        'Unknown service prefixes and entries that are not `service:action` are left to unknown-service. ' +
        'The actions come from the bundled Service Authorization Reference data; the closest action name is suggested when one is within a typo or two.',
      fix:
        'Use the action name the Service Authorization Reference lists for the service (for example `s3:GetObject`), or widen the wildcard so that it matches the intended actions. ' +
        'An action newer than the bundled data can be accepted with the `ignoreActions` option until the data is updated.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreActions: stringListOption('Entries to accept although the bundled AWS data lists no matching action, as IAM wildcard patterns (case-insensitive), e.g. ["bedrock:NewAction*"].'),
      },
    },
    defaultOptions: { ignoreActions: [] },
    messages: {
      unknownAction: '"{{entry}}" in {{statement}}: {{service}} has no action "{{action}}", so the entry matches nothing.',
      unknownActionSuggestion: '"{{entry}}" in {{statement}}: {{service}} has no action "{{action}}", so the entry matches nothing. Did you mean "{{suggestion}}"?',
      unknownPattern: '"{{entry}}" in {{statement}} matches no action of {{service}}, so the entry matches nothing.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreActions;
    return {
      statement(stmt) {
        if (!stmt.action) return;
        for (const entry of stmt.action.values) {
          const value = entry.value;
          const verdict = verdictFor(value);
          if (verdict === null) continue;
          if (ignored.length > 0 && ignored.some((p) => actionMatches(p, value))) continue;
          context.report({ node: entry, messageId: verdict.messageId, data: { ...verdict.data, statement: statementLabel(stmt) } });
        }
      },
    };
  },
});

interface Verdict {
  readonly messageId: MessageIds;
  /** The message data but the statement. */
  readonly data: Readonly<Record<string, string>>;
}

const verdicts = new Map<string, Verdict | null>();

/** What to report for an Action entry, or null; once per distinct entry (policies repeat them by the thousand). */
function verdictFor(value: string): Verdict | null {
  return remembered(verdicts, value, computeVerdict);
}

function computeVerdict(value: string): Verdict | null {
  if (!ACTION_FORMAT.test(value)) return null;
  const colon = value.indexOf(':');
  const prefix = value.slice(0, colon).toLowerCase();
  const action = value.slice(colon + 1);
  if (ONLY_STARS.test(action)) return null;
  const prefixIsPattern = hasWildcard(prefix);
  if (prefixIsPattern ? !allServicePrefixes().some((p) => wildcardMatch(prefix, p)) : !serviceExists(prefix)) return null;
  const pattern = prefixIsPattern || hasWildcard(action);
  // An exact name is one lookup (what expandActionPattern would do, without building a list).
  if (pattern ? expandActionPattern(value).length > 0 : lookupAction(value) !== undefined) return null;
  if (pattern) {
    const service = !prefixIsPattern ? describeService(prefix) : ONLY_STARS.test(prefix) ? 'any service' : `any service matching "${prefix}"`;
    return { messageId: 'unknownPattern', data: { entry: value, service } };
  }
  const suggestion = suggestActionName(prefix, action);
  const data = { entry: value, service: describeService(prefix), action };
  return suggestion === undefined ? { messageId: 'unknownAction', data } : { messageId: 'unknownActionSuggestion', data: { ...data, suggestion } };
}
