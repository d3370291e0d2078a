import { defineRule } from '../engine/rule.js';
import { checkConditionKey, conditionKeyHasPlaceholder, type ConditionKeyCheck } from '../iam/condition-keys.js';
import { statementLabel } from '../iam/statement.js';
import { wildcardMatch } from '../iam/wildcard.js';

function hintFor(check: ConditionKeyCheck): string {
  if (check.replacedBy) return `: IAM no longer supports it, use ${check.replacedBy} instead`;
  if (check.suggestion) return ` (did you mean "${check.suggestion}"?)`;
  return check.problem === 'invalidFormat' ? ' (for example "aws:SourceIp" or "s3:prefix")' : '';
}

type MessageIds = 'invalidKeyFormat' | 'missingTagKey' | 'unknownGlobalKey' | 'unknownServiceKey' | 'unknownProviderKey' | 'unknownService';

export default defineRule<{ ignoreKeys: string[] }, MessageIds>({
  meta: {
    id: 'unknown-condition-key',
    docs: {
      description: 'Report condition keys that are neither global keys nor defined by a service or identity provider',
      why: 'A condition on a key that does not exist compares against a value that is never in the request context: a positive operator (StringEquals, ArnLike, …) is then always false, so an Allow grants nothing and a Deny protects nothing, while a negated or ...IfExists operator is always true. IAM Access Analyzer reports such keys as errors ("Invalid global condition key", "Invalid service condition key", "Invalid service"). The key is usually a typo (aws:PrincipleOrgID), a wrong prefix, a tag key without the tag name (aws:ResourceTag), or the unsupported aws:ARN. Keys are compared without regard to case, as IAM does. Every policy kind is judged; keys that are still documentation placeholders (${OIDC_PROVIDER}:sub) are left to unresolved-placeholder.',
      fix: 'Use the key the message suggests, or look the key up in the global condition keys and in the "Condition keys" table of the service in the Service Authorization Reference. For keys the bundled AWS data does not know yet, list them in the ignoreKeys option.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'error',
    tags: ['correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Condition keys to accept although the AWS data does not define them; `*` and `?` wildcards, case-insensitive.',
        },
      },
    },
    defaultOptions: { ignoreKeys: [] },
    messages: {
      invalidKeyFormat: 'Condition key "{{key}}" in {{statement}} is not of the form "prefix:name"{{hint}}.',
      missingTagKey: 'Condition key "{{key}}" in {{statement}} lacks the tag key: write it as "{{template}}" with the tag\'s name.',
      unknownGlobalKey: '"{{key}}" in {{statement}} is not an AWS global condition key{{hint}}.',
      unknownServiceKey: 'Condition key "{{key}}" in {{statement}} is not defined by the service "{{prefix}}"{{hint}}.',
      unknownProviderKey: 'Condition key "{{key}}" in {{statement}}: IAM does not expose "{{name}}" of the identity provider "{{prefix}}" as a condition key{{hint}}.',
      unknownService: 'Condition key "{{key}}" in {{statement}}: "{{prefix}}" is not an AWS service prefix{{hint}}.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreKeys.map((p) => p.toLowerCase());
    const isIgnored = (key: string) => ignored.some((p) => wildcardMatch(p, key.toLowerCase()));
    return {
      statement(stmt) {
        for (const c of stmt.conditions) {
          const key = c.key.value;
          if (isIgnored(key) || conditionKeyHasPlaceholder(key)) continue;
          const check = checkConditionKey(key);
          if (!check.problem) continue;
          const data = {
            key,
            statement: statementLabel(stmt),
            prefix: check.prefix,
            name: check.name,
            template: check.suggestion ?? '',
            hint: hintFor(check),
          };
          const messageId: MessageIds = check.problem === 'invalidFormat' ? 'invalidKeyFormat' : check.problem;
          context.report({ node: c.key, messageId, data });
        }
      },
    };
  },
});
