import type { ConditionEntry, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { analyzeConditionOperator } from '../iam/condition-operators.js';
import { isAllow, isDeny, statementLabel } from '../iam/statement.js';

type MessageIds = 'denyBoolFalse' | 'denyNullTrue' | 'allowBoolFalse' | 'allowNullFalse';

const MFA_KEY = 'aws:multifactorauthpresent';

/** The one value (lower case) every value of the entry has, or undefined when they differ. */
function onlyValue(c: ConditionEntry): string | undefined {
  const values = new Set(c.values.map((v) => v.value.toLowerCase()));
  return values.size === 1 ? [...values][0] : undefined;
}

/** Which documented antipattern an aws:MultiFactorAuthPresent condition is, if any. */
function antipattern(stmt: Statement, c: ConditionEntry): MessageIds | undefined {
  const op = analyzeConditionOperator(c.operator.value);
  if (op.problem || op.setOperator) return undefined;
  const value = onlyValue(c);
  const strictBool = op.base === 'Bool' && !op.ifExists;
  const nullTest = op.base === 'Null';
  if (isDeny(stmt)) {
    if (strictBool && value === 'false') return 'denyBoolFalse';
    if (nullTest && value === 'true') return 'denyNullTrue';
  } else if (isAllow(stmt)) {
    if (strictBool && value === 'false') return 'allowBoolFalse';
    if (nullTest && value === 'false') return 'allowNullFalse';
  }
  return undefined;
}

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'mfa-condition-antipattern',
    docs: {
      description: 'Report aws:MultiFactorAuthPresent conditions that do not test whether MFA was used',
      why:
        'aws:MultiFactorAuthPresent is only in the request context of temporary credentials; requests signed with long-term access keys do not carry it. The IAM User Guide therefore warns against Deny with Bool "false" (the Deny skips every access-key request, whose missing key makes the condition false) and Deny with Null "true" (it denies only access-key requests and lets temporary credentials without MFA through), and cautions against Allow with Null "false" (it allows every temporary credential, MFA or not). Allow with Bool "false" matches only temporary credentials obtained without MFA, the opposite of an MFA requirement (Parliament: BAD_PATTERN_FOR_MFA). Allow with Bool "true" and Allow with BoolIfExists "true" (MFA, or long-term keys: what the console writes for "MFA required") are documented combinations and are not reported. All policy kinds are checked.',
      fix:
        'To require MFA, deny with BoolIfExists {"aws:MultiFactorAuthPresent": "false"}: it denies temporary credentials without MFA and long-term access keys alike. To grant only MFA-authenticated requests, allow with Bool {"aws:MultiFactorAuthPresent": "true"}.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    tags: ['security', 'mfa'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      denyBoolFalse:
        '{{operator}} "false" on {{key}} in Deny {{statement}} does not deny requests made with long-term access keys: they carry no {{key}}, so the condition is false and the Deny does not apply. Use BoolIfExists with "false" to deny every request not authenticated with MFA.',
      denyNullTrue:
        '{{operator}} "true" on {{key}} in Deny {{statement}} denies only requests without the key (long-term access keys); temporary credentials obtained without MFA carry it as "false" and are not denied. Use BoolIfExists with "false" instead.',
      allowBoolFalse:
        '{{operator}} "false" on {{key}} in Allow {{statement}} grants access only to temporary credentials obtained without MFA, and never to requests with long-term access keys (the key is absent). To require MFA, allow with Bool "true", or deny with BoolIfExists "false".',
      allowNullFalse:
        '{{operator}} "false" on {{key}} in Allow {{statement}} only tests that the key exists: it allows every request made with temporary credentials, with or without MFA. Use Bool "true" to allow only MFA-authenticated requests.',
    },
  },
  create(context) {
    return {
      statement(stmt) {
        for (const c of stmt.conditions) {
          if (c.key.value.toLowerCase() !== MFA_KEY) continue;
          const messageId = antipattern(stmt, c);
          if (!messageId) continue;
          context.report({ node: c.key, messageId, data: { operator: c.operator.value, key: c.key.value, statement: statementLabel(stmt) } });
        }
      },
    };
  },
});
