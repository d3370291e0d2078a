import { defineRule, stringListOption } from '../engine/rule.js';
import { checkConditionKey, type ConditionKeyCheck } from '../iam/condition-keys.js';
import { hasPlaceholder } from '../iam/placeholders.js';
import type { Located, Statement } from '../engine/model.js';
import { conditionsOn, statementLabel } from '../iam/statement.js';
import { wildcardMatch } from '../iam/wildcard.js';

function hintFor(check: ConditionKeyCheck): string {
  if (check.replacedBy) return `: IAM no longer supports it, use ${check.replacedBy} instead`;
  if (check.suggestion) return ` (did you mean "${check.suggestion}"?)`;
  return check.problem === 'invalidFormat' ? ' (for example "aws:SourceIp" or "s3:prefix")' : '';
}

type MessageIds =
  | 'invalidKeyFormat'
  | 'missingTagKey'
  | 'unknownGlobalKey'
  | 'unknownServiceKey'
  | 'unknownProviderKey'
  | 'unknownService'
  | 'untrustworthyKey'
  | 'missingPairedKey';

/**
 * Keys whose value the caller sends in an HTTP header, so "unauthorized parties can use modified
 * or custom browsers to provide any value" (global condition keys, aws:Referer and aws:UserAgent):
 * Access Analyzer "Untrustworthy condition key".
 */
const UNTRUSTWORTHY_KEYS: ReadonlyMap<string, string> = new Map([
  ['aws:referer', 'the HTTP Referer header'],
  ['aws:useragent', 'the HTTP User-Agent header'],
]);

/**
 * Keys that can be satisfied by a caller on their own unless the statement also tests a related
 * key (Access Analyzer "Missing paired condition keys", "DynamoDB attributes without select"):
 * a private address in aws:VpcSourceIp exists in every VPC, so it needs aws:SourceVpc (or
 * aws:SourceVpce); dynamodb:Attributes is only set when the request names the attributes to
 * return, so without dynamodb:Select = SPECIFIC_ATTRIBUTES a read without a projection returns
 * every attribute.
 */
interface Pairing {
  readonly requires: readonly string[];
  /** The value the paired key must be tested for, when one is needed. */
  readonly value?: string;
  readonly reason: string;
}

const PAIRED_KEYS: ReadonlyMap<string, Pairing> = new Map([
  ['aws:vpcsourceip', { requires: ['aws:SourceVpc', 'aws:SourceVpce'], reason: 'the same private address exists in every VPC, including one the caller owns' }],
  [
    'dynamodb:attributes',
    {
      requires: ['dynamodb:Select'],
      value: 'SPECIFIC_ATTRIBUTES',
      reason: 'DynamoDB sets dynamodb:Attributes only for requests that name the attributes to return, so a read without a projection expression returns every attribute',
    },
  ],
]);

/** Does the statement test the paired key (for the required value, when there is one)? */
function hasPairedKey(stmt: Statement, pairing: Pairing): boolean {
  return pairing.requires.some((k) =>
    conditionsOn(stmt, k).some((c) => pairing.value === undefined || c.values.some((v) => v.value === pairing.value)),
  );
}

export default defineRule<{ ignoreKeys: string[] }, MessageIds>({
  meta: {
    id: 'unknown-condition-key',
    docs: {
      description: 'Report condition keys that are neither global keys nor defined by a service or identity provider',
      why: 'A condition on a key that does not exist compares against a value that is never in the request context: a positive operator (StringEquals, ArnLike, …) is then always false, so an Allow grants nothing and a Deny protects nothing, while a negated or ...IfExists operator is always true. IAM Access Analyzer reports such keys as errors ("Invalid global condition key", "Invalid service condition key", "Invalid service"). The key is usually a typo (aws:PrincipleOrgID), a wrong prefix, a tag key without the tag name (aws:ResourceTag), or the unsupported aws:ARN. Keys are compared without regard to case, as IAM does. Some existing keys cannot be trusted on their own: aws:Referer and aws:UserAgent come from HTTP headers the caller writes ("Untrustworthy condition key"), aws:VpcSourceIp matches the same private address in any VPC unless aws:SourceVpc or aws:SourceVpce pins the network ("Missing paired condition keys"), and dynamodb:Attributes restricts nothing unless dynamodb:Select is SPECIFIC_ATTRIBUTES ("DynamoDB attributes without select"). Every policy kind is judged; keys that are still documentation placeholders (${OIDC_PROVIDER}:sub) are left to unresolved-placeholder.',
      fix: 'Use the key the message suggests, or look the key up in the global condition keys and in the "Condition keys" table of the service in the Service Authorization Reference. For keys the bundled AWS data does not know yet, list them in the ignoreKeys option. Do not base access on aws:Referer or aws:UserAgent (use aws:SourceVpce, aws:SourceIp or signed requests), add aws:SourceVpc next to aws:VpcSourceIp, and add "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"} next to dynamodb:Attributes.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
        'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html',
      ],
    },
    defaultSeverity: 'error',
    tags: ['correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: stringListOption('Condition keys to accept although the AWS data does not define them; `*` and `?` wildcards, case-insensitive.', true),
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
      untrustworthyKey:
        'Condition key "{{key}}" in {{statement}} is not recommended for access control: its value comes from {{source}}, which the caller can set to anything.',
      missingPairedKey:
        'Condition key "{{key}}" in {{statement}} can be overly permissive without {{paired}}: {{reason}}. Add {{paired}} to the same condition block.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreKeys.map((p) => p.toLowerCase());
    const isIgnored = (key: string) => ignored.some((p) => wildcardMatch(p, key.toLowerCase()));
    function checkTrust(stmt: Statement, node: Located<string>): void {
      const lower = node.value.toLowerCase();
      const source = UNTRUSTWORTHY_KEYS.get(lower);
      if (source) context.report({ node, messageId: 'untrustworthyKey', data: { key: node.value, statement: statementLabel(stmt), source } });
      const pairing = PAIRED_KEYS.get(lower);
      if (!pairing) return;
      const done = reportedPairs.get(stmt) ?? new Set<string>();
      if (hasPairedKey(stmt, pairing) || done.has(lower)) return;
      reportedPairs.set(stmt, done.add(lower));
      const paired = pairing.value ? `"StringEquals": {"${pairing.requires[0]}": "${pairing.value}"}` : pairing.requires.join(' or ');
      context.report({ node, messageId: 'missingPairedKey', data: { key: node.value, statement: statementLabel(stmt), paired, reason: pairing.reason } });
    }

    /** Keys already reported for a missing pair, per statement (one finding per key, not per operator). */
    const reportedPairs = new WeakMap<Statement, Set<string>>();

    return {
      statement(stmt) {
        for (const c of stmt.conditions) {
          const key = c.key.value;
          if (isIgnored(key) || hasPlaceholder(key)) continue;
          const check = checkConditionKey(key);
          if (!check.problem) {
            checkTrust(stmt, c.key);
            continue;
          }
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
