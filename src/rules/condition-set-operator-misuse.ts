import type { ConditionEntry, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { analyzeConditionOperator, isNegatedOperator, type OperatorAnalysis } from '../iam/condition-operators.js';
import { conditionsRequireKey } from '../iam/condition-presence.js';
import { isMultivaluedKeyType } from '../iam/condition-types.js';
import { getConditionKey } from '../iam/service-data.js';
import { isAllow, statementLabel } from '../iam/statement.js';
import { wildcardMatch } from '../iam/wildcard.js';

type MessageIds = 'singleValuedKey' | 'forAllValuesWithoutNullGuard' | 'forAnyValueNegated';

interface Options {
  ignoreKeys: string[];
}

const CONSEQUENCE = {
  ForAllValues: 'ForAllValues is also true when the key is absent from the request, so the condition passes for requests without it.',
  ForAnyValue: 'ForAnyValue compares the one value like the plain operator would, but reads as if the key could hold several.',
} as const;

/** The operator without its set qualifier: `ForAllValues:StringLikeIfExists` → `StringLikeIfExists`. */
const withoutQualifier = (op: OperatorAnalysis) => `${op.base}${op.ifExists ? 'IfExists' : ''}`;

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'condition-set-operator-misuse',
    docs: {
      description: 'Report ForAllValues:/ForAnyValue: on single-valued keys, ForAllValues in an Allow without a Null guard, and ForAnyValue with a negated operator in an Allow',
      why:
        'The set qualifiers are for multivalued keys (ArrayOf… in the Service Authorization Reference, e.g. aws:TagKeys); the IAM User Guide says not to use them with single-valued keys, where ForAllValues is also true when the key is absent and so can make a policy overly permissive (Parliament: SINGLE_VALUE_CONDITION_TOO_PERMISSIVE). On a multivalued key, ForAllValues returns true when the request has no values at all, so an Allow with it alone also matches requests without the key (no tags, for example; ec2:DeleteTags without tag keys deletes every tag) unless the statement also requires the key: a Null "false" test, a positive ForAnyValue test without IfExists, or, for aws:TagKeys, a positive test on an aws:RequestTag/… key. ForAnyValue with a negated operator (ForAnyValue:StringNotEquals) is true as soon as one request value is outside the list, so in an Allow a request that includes a listed value still matches when it carries any other value. In a Deny that reads correctly ("deny if any value is not in the list") and is not reported. Keys the service data does not document are skipped. All policy kinds are checked.',
      fix:
        'Drop the qualifier on single-valued keys (StringEquals, not ForAnyValue:StringEquals). In an Allow with ForAllValues, add "Null": {"<key>": "false"} to the statement. To allow only requests with none of the listed values, use ForAllValues:StringNotEquals with a Null guard instead of ForAnyValue:StringNotEquals.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 5.0,
    tags: ['security', 'correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: {
          type: 'array',
          items: { type: 'string' },
          description: 'Condition keys not to check (case-insensitive; * and ? wildcards), for keys whose documented value type is wrong.',
        },
      },
    },
    defaultOptions: { ignoreKeys: [] },
    messages: {
      singleValuedKey:
        '{{operator}} on {{key}} in {{statement}}: {{key}} is single-valued ({{type}}) and set qualifiers are for multivalued keys. {{consequence}} Use {{plain}} instead.',
      forAllValuesWithoutNullGuard:
        '{{operator}} on {{key}} in Allow {{statement}} is also true when the request has no {{key}} values, so the statement also allows requests without them. Add "Null": {"{{key}}": "false"} to the statement.',
      forAnyValueNegated:
        '{{operator}} on {{key}} in Allow {{statement}} is true as soon as one request value is not one of {{values}}, so a request that includes a listed value still matches when it carries any other value. Use ForAllValues:{{plain}} (with a Null guard) to allow only requests without the listed values.',
    },
  },
  create(context) {
    const ignored = (key: string) => context.options.ignoreKeys.some((pattern) => wildcardMatch(pattern, key, true));

    function check(stmt: Statement, c: ConditionEntry): void {
      const op = analyzeConditionOperator(c.operator.value);
      if (op.problem || !op.setOperator || ignored(c.key.value)) return;
      const info = getConditionKey(c.key.value);
      if (!info) return;
      const data = { operator: c.operator.value, key: c.key.value, statement: statementLabel(stmt), plain: withoutQualifier(op) };
      if (!isMultivaluedKeyType(info.type)) {
        context.report({ node: c.operator, messageId: 'singleValuedKey', data: { ...data, type: info.type, consequence: CONSEQUENCE[op.setOperator] } });
        return;
      }
      if (!isAllow(stmt)) return;
      if (op.setOperator === 'ForAllValues' && !conditionsRequireKey(stmt, c.key.value)) {
        context.report({ node: c.operator, messageId: 'forAllValuesWithoutNullGuard', data });
      } else if (op.setOperator === 'ForAnyValue' && isNegatedOperator(op.base)) {
        const values = c.values.length > 0 ? c.values.map((v) => `"${v.value}"`).join(', ') : 'the listed values';
        context.report({ node: c.operator, messageId: 'forAnyValueNegated', data: { ...data, values } });
      }
    }

    return {
      statement(stmt) {
        for (const c of stmt.conditions) check(stmt, c);
      },
    };
  },
});
