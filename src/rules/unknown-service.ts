import { defineRule, stringListOption } from '../engine/rule.js';
import { allServicePrefixes, serviceExists } from '../iam/service-data.js';
import { statementLabel } from '../iam/statement.js';
import { suggestServicePrefix } from '../iam/suggest.js';
import { hasWildcard, wildcardMatch } from '../iam/wildcard.js';

type MessageIds = 'unknownService' | 'unknownServiceSuggestion' | 'unknownServicePattern' | 'invalidFormat';

/** `*` (or `**`): every action of every service. */
const ALL_ACTIONS = /^\*+$/;
/** `service:action`, each part non-empty and without a further colon. */
const ACTION_FORMAT = /^[^:]+:[^:]+$/;

export default defineRule<{ ignoreServices: string[] }, MessageIds>({
  meta: {
    id: 'unknown-service',
    docs: {
      description: 'Report Action and NotAction entries whose service prefix is not an AWS service, and entries that are not of the form `service:action`',
      why:
        'IAM does not reject a policy naming an unknown service prefix: the entry simply matches no action. ' +
        'A misspelled prefix (`s4:GetObject`, `sagemkaer:CreateModel`) therefore grants nothing in an Allow, denies nothing in a Deny, and in a NotAction excludes nothing, so the statement covers far more than intended. ' +
        'A prefix pattern (`s3*:Get*`, `ec?:Describe*`) that matches no service prefix is just as dead. ' +
        'An entry without a colon (`s3GetObject`) or with an empty part is not an action at all (IAM Access Analyzer: "Invalid action format"); only the bare `*` stands for every action. ' +
        'Every policy kind is checked, trust policies included. Prefixes of retired services that the current data no longer lists (for example `iot1click`, `mobilehub`) are reported as well: their actions no longer exist. The prefixes come from the bundled Service Authorization Reference data; the closest known prefix is suggested when one is within a typo or two.',
      fix:
        'Correct the prefix (the "service prefix" in the Service Authorization Reference, e.g. `s3`, `sagemaker`, `ecr`) and write each entry as `service:Action`. ' +
        'A service newer than the bundled data can be accepted with the `ignoreServices` option until the data is updated.',
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
        ignoreServices: stringListOption('Service prefixes to accept although the bundled AWS data does not list them (case-insensitive), e.g. ["newservice"].'),
      },
    },
    defaultOptions: { ignoreServices: [] },
    messages: {
      unknownService: '"{{entry}}" in {{statement}}: "{{prefix}}" is not a known AWS service prefix, so the entry matches no action.',
      unknownServiceSuggestion: '"{{entry}}" in {{statement}}: "{{prefix}}" is not a known AWS service prefix, so the entry matches no action. Did you mean "{{suggestion}}"?',
      unknownServicePattern: '"{{entry}}" in {{statement}}: the prefix pattern "{{prefix}}" matches no known AWS service prefix, so the entry matches no action.',
      invalidFormat: '"{{entry}}" in {{statement}} is not a valid action: write it as service:Action (for example s3:GetObject), or "*" for every action.',
    },
  },
  create(context) {
    const ignored = new Set(context.options.ignoreServices.map((s) => s.toLowerCase()));
    return {
      statement(stmt) {
        if (!stmt.action) return;
        let statement: string | undefined;
        const common = (entry: string) => ({ entry, statement: (statement ??= statementLabel(stmt)) });
        for (const entry of stmt.action.values) {
          const value = entry.value;
          if (ALL_ACTIONS.test(value)) continue;
          if (!ACTION_FORMAT.test(value)) {
            context.report({ node: entry, messageId: 'invalidFormat', data: common(value) });
            continue;
          }
          const prefix = value.slice(0, value.indexOf(':'));
          const lower = prefix.toLowerCase();
          if (ignored.has(lower)) continue;
          if (hasWildcard(prefix)) {
            if (!knownPrefixPattern(lower) && ![...ignored].some((p) => wildcardMatch(lower, p))) {
              context.report({ node: entry, messageId: 'unknownServicePattern', data: { ...common(value), prefix } });
            }
            continue;
          }
          if (serviceExists(lower)) continue;
          const action = value.slice(value.indexOf(':') + 1);
          const suggestion = suggestServicePrefix(prefix, action);
          if (suggestion === undefined) {
            context.report({ node: entry, messageId: 'unknownService', data: { ...common(value), prefix } });
          } else {
            context.report({ node: entry, messageId: 'unknownServiceSuggestion', data: { ...common(value), prefix, suggestion: `${suggestion}:${action}` } });
          }
        }
      },
    };
  },
});

const knownPrefixPatterns = new Map<string, boolean>();

/** Does the (lower-case) prefix pattern match a known service? Remembered: there are few such patterns. */
function knownPrefixPattern(pattern: string): boolean {
  let known = knownPrefixPatterns.get(pattern);
  if (known === undefined) {
    known = allServicePrefixes().some((p) => wildcardMatch(pattern, p));
    if (knownPrefixPatterns.size >= 4096) knownPrefixPatterns.clear();
    knownPrefixPatterns.set(pattern, known);
  }
  return known;
}
