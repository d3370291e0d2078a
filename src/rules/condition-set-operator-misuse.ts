import type { ConditionEntry, Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import { analyzeConditionOperator, isNegatedOperator, type OperatorAnalysis } from '../iam/condition-operators.js';
import { conditionsRequireKey } from '../iam/condition-presence.js';
import { isMultivaluedKeyType } from '../iam/condition-types.js';
import { findConditionKey } from '../iam/condition-keys.js';
import { isAllow, isDeny, statementLabel } from '../iam/statement.js';
import { wildcardMatch } from '../iam/wildcard.js';

type MessageIds = 'singleValuedKey' | 'forAllValuesWithoutNullGuard' | 'forAnyValueNegated' | 'nullWithQualifier' | 's3PrefixNegativeContext';

interface Options {
  ignoreKeys: string[];
}

const S3_PREFIX = 's3:prefix';

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
      description:
        'Report ForAllValues:/ForAnyValue: on single-valued keys and on Null, ForAllValues in an Allow without a Null guard, ForAnyValue with a negated operator in an Allow, and s3:prefix tests that read the wrong way round for their effect',
      why:
        'The set qualifiers are for multivalued keys (ArrayOf… in the Service Authorization Reference, e.g. aws:TagKeys); the IAM User Guide says not to use them with single-valued keys, where ForAllValues is also true when the key is absent and so can make a policy overly permissive (Parliament: SINGLE_VALUE_CONDITION_TOO_PERMISSIVE). On a multivalued key, ForAllValues returns true when the request has no values at all, so an Allow with it alone also matches requests without the key (no tags, for example; ec2:DeleteTags without tag keys deletes every tag) unless the statement also requires the key: a Null "false" test, a positive ForAnyValue test without IfExists, or, for aws:TagKeys, a positive test on an aws:RequestTag/… key. ForAnyValue with a negated operator (ForAnyValue:StringNotEquals) is true as soon as one request value is outside the list, so in an Allow a request that includes a listed value still matches when it carries any other value. In a Deny that reads correctly ("deny if any value is not in the list") and is not reported. Null takes no qualifier: ForAllValues:Null is always true and ForAnyValue:Null always false (Access Analyzer "Null with qualifier"). s3:prefix lists the objects under the prefix the request names, so a request with a shorter prefix (priv instead of private/) still lists the objects under the longer one: a Deny with a positive operator (StringEquals, StringLike) or an Allow with a negated one (StringNotLike) on s3:prefix does not stop that listing (Access Analyzer "S3 prefix in negative context"). Keys the service data does not document are skipped, except for the Null check, which holds for any key. All policy kinds are checked.',
      fix:
        'Drop the qualifier on single-valued keys (StringEquals, not ForAnyValue:StringEquals). In an Allow with ForAllValues, add "Null": {"<key>": "false"} to the statement. To allow only requests with none of the listed values, use ForAllValues:StringNotEquals with a Null guard instead of ForAnyValue:StringNotEquals. Write Null without a qualifier. To restrict listing to prefixes, allow s3:ListBucket with StringLike on s3:prefix, or deny it with StringNotLike listing the allowed prefixes.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 5.0,
    tags: ['security', 'correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: stringListOption('Condition keys not to check (case-insensitive; * and ? wildcards), for keys whose documented value type is wrong.'),
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
      nullWithQualifier:
        '{{operator}} on {{key}} in {{statement}}: Null takes no set qualifier; {{setOperator}}:Null is always {{always}}, whatever the request holds. Use Null to test whether the key is present.',
      s3PrefixNegativeContext:
        '{{operator}} on {{key}} in {{effect}} {{statement}} does not stop listing the objects under {{values}}: a request that names a shorter prefix does not match the condition and still lists them. {{fix}}',
    },
  },
  create(context) {
    const ignored = (key: string) => context.options.ignoreKeys.some((pattern) => wildcardMatch(pattern, key, true));

    function check(stmt: Statement, c: ConditionEntry): void {
      const op = analyzeConditionOperator(c.operator.value);
      if (op.problem || ignored(c.key.value)) return;
      if (c.key.value.toLowerCase() === S3_PREFIX && !op.setOperator) checkS3Prefix(stmt, c, op);
      if (!op.setOperator) return;
      if (op.base === 'Null') {
        const always = op.setOperator === 'ForAllValues' ? 'true' : 'false';
        context.report({ node: c.operator, messageId: 'nullWithQualifier', data: { operator: c.operator.value, key: c.key.value, statement: statementLabel(stmt), setOperator: op.setOperator, always } });
        return;
      }
      const info = findConditionKey(c.key.value);
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

    /** A Deny with a positive String operator, or an Allow with a negated one, on s3:prefix. */
    function checkS3Prefix(stmt: Statement, c: ConditionEntry, op: OperatorAnalysis): void {
      if (op.family !== 'String' || c.values.length === 0) return;
      const negated = isNegatedOperator(op.base);
      const effect = isDeny(stmt) && !negated ? 'Deny' : isAllow(stmt) && negated ? 'Allow' : undefined;
      if (!effect) return;
      const fix =
        effect === 'Deny'
          ? 'Deny with StringNotLike listing the prefixes to allow instead, so that every other prefix (and none) is denied.'
          : 'Allow with StringLike listing the prefixes to allow instead.';
      const values = c.values.map((v) => `"${v.value}"`).join(', ');
      context.report({ node: c.key, messageId: 's3PrefixNegativeContext', data: { operator: c.operator.value, key: c.key.value, effect, statement: statementLabel(stmt), values, fix } });
    }

    return {
      statement(stmt) {
        for (const c of stmt.conditions) check(stmt, c);
      },
    };
  },
});
