import { defineRule } from '../engine/rule.js';
import { analyzeConditionOperator } from '../iam/condition-operators.js';
import { statementLabel } from '../iam/statement.js';

type MessageIds = 'unknownOperator' | 'wrongCase' | 'unknownQualifier' | 'nullIfExists';

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'unknown-condition-operator',
    docs: {
      description: 'Report condition operators that are not IAM condition operators',
      why: 'IAM knows a fixed set of condition operators (StringEquals, ArnLike, NumericLessThan, Bool, IpAddress, Null, …), each optionally prefixed by ForAllValues: or ForAnyValue: and, except Null, suffixed by IfExists. Operator names are case-sensitive: IAM rejects a policy with any other operator ("MalformedPolicyDocument: Invalid Condition type"), so the deployment fails; policy formats that are not validated on upload (some resource policies, copied templates) keep a condition that can never be evaluated as intended. Every policy kind is judged: the operator grammar is the same in identity, resource, trust, boundary, SCP and RCP documents.',
      fix: 'Use the operator the message suggests, spelled exactly (for example StringEquals, not stringEquals; ForAllValues:StringLike, not ForAllValue:StringLike). Use Null without IfExists: Null already tests whether the key is present.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'error',
    tags: ['correctness'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      unknownOperator: '"{{operator}}" in {{statement}} is not an IAM condition operator{{hint}}.',
      wrongCase: '"{{operator}}" in {{statement}} is written in the wrong case: condition operators are case-sensitive, so IAM rejects it. Write "{{suggestion}}".',
      unknownQualifier:
        '"{{qualifier}}:" in "{{operator}}" ({{statement}}) is not a set operator: only ForAllValues: and ForAnyValue: can qualify a condition operator{{hint}}.',
      nullIfExists: '"{{operator}}" in {{statement}}: the Null operator takes no IfExists suffix (Null itself tests whether the key is present). Use "{{suggestion}}".',
    },
  },
  create(context) {
    return {
      statement(stmt) {
        if (stmt.conditions.length === 0) return;
        const seen = new Set<string>();
        for (const c of stmt.conditions) {
          const at = JSON.stringify(c.operator.path);
          if (seen.has(at)) continue;
          seen.add(at);
          const op = analyzeConditionOperator(c.operator.value);
          if (!op.problem) continue;
          context.report({
            node: c.operator,
            messageId: op.problem,
            data: {
              operator: op.text,
              statement: statementLabel(stmt),
              qualifier: op.qualifier ?? '',
              suggestion: op.suggestion ?? '',
              hint: op.suggestion ? ` (did you mean "${op.suggestion}"?)` : '',
            },
          });
        }
      },
    };
  },
});
