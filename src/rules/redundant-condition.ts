import type { ConditionEntry, Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import { decisiveNumericValue, wildcardOutcome, type WildcardOutcome } from '../iam/condition-values.js';
import { statementLabel } from '../iam/statement.js';
import { wildcardMatch } from '../iam/wildcard.js';

type MessageIds = 'alwaysMatches' | 'neverMatches' | 'equivalentToNullFalse' | 'equivalentToNullTrue' | 'redundantNumericValues';

const MESSAGE_FOR_OUTCOME: Readonly<Record<WildcardOutcome, MessageIds>> = {
  always: 'alwaysMatches',
  never: 'neverMatches',
  present: 'equivalentToNullFalse',
  absent: 'equivalentToNullTrue',
};

export default defineRule<{ ignoreKeys: string[] }, MessageIds>({
  meta: {
    id: 'redundant-condition',
    docs: {
      description: 'Report condition entries that match every request, match none, only test whether the key is present, or list values that can never decide',
      why:
        'A value of only * under a pattern operator (StringLike, ArnLike, ArnEquals and their negations) matches every value the key can hold, so the entry no longer compares anything. ' +
        'StringLike or ForAnyValue:StringLike "*" only requires the key to be present, and StringNotLike "*" only requires it to be absent: they are Null tests in disguise (Access Analyzer "Equivalent to null false", "Equivalent to null true"); write them as Null so that readers see what is tested. ' +
        'StringLikeIfExists or ForAllValues:StringLike "*" is also true without the key, so it is always true and the key is redundant ("Redundant key due to wildcard in condition"); ForAnyValue:StringNotLike "*" is never true, so the statement never applies ("Redundant statement due to wildcard in condition"). ' +
        'Values of one entry are ORed, so several bounds under NumericLessThan (or GreaterThan) are decided by the greatest (least) one alone and the others are dead text ("Redundant condition value num"). ' +
        'None of these changes what the policy allows; each hides what it really tests, so the rule reports at info level (Access Analyzer: suggestions). AWS managed policies use StringLike "*" as a tag-presence test often. Every policy kind is checked; unknown operators are unknown-condition-operator\'s finding.',
      fix:
        'Replace a match-all test with "Null": {"<key>": "false"} (the key must be present) or "Null": {"<key>": "true"} (it must be absent), drop an entry that is always true, remove a statement whose condition is never true (or fix its operator), and keep only the deciding value of a numeric bound.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html',
      ],
    },
    defaultSeverity: 'info',
    tags: ['correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: stringListOption('Condition keys never to report; `*` and `?` wildcards, case-insensitive.', true),
      },
    },
    defaultOptions: { ignoreKeys: [] },
    messages: {
      alwaysMatches: 'The key {{key}} under {{operator}} in {{statement}} is always matched ("*" matches every value, and the operator is also true without the key): the entry restricts nothing. Remove it.',
      neverMatches: 'The key {{key}} under {{operator}} in {{statement}} does not match any request ("*" matches every value, so no value is outside it): the condition is never true and the statement never applies.',
      equivalentToNullFalse:
        '{{operator}} "*" on {{key}} in {{statement}} only tests that the key is present: replace it with "Null": {"{{key}}": "false"}.',
      equivalentToNullTrue:
        '{{operator}} "*" on {{key}} in {{statement}} only tests that the key is absent: replace it with "Null": {"{{key}}": "true"}.',
      redundantNumericValues:
        'Multiple values in {{operator}} on {{key}} in {{statement}} are redundant: the values are ORed, so the {{which}} one ({{value}}) decides alone. Keep only {{value}}.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreKeys.map((p) => p.toLowerCase());
    const isIgnored = (key: string) => ignored.some((p) => wildcardMatch(p, key.toLowerCase()));

    function check(stmt: Statement, c: ConditionEntry): void {
      // Built only for a finding: most entries have none.
      const data = () => ({ key: c.key.value, operator: c.operator.value, statement: statementLabel(stmt) });
      const outcome = wildcardOutcome(c);
      if (outcome) {
        context.report({ node: c.key, messageId: MESSAGE_FOR_OUTCOME[outcome], data: data() });
        return;
      }
      const decisive = c.parsedOperator.setOperator ? undefined : decisiveNumericValue(c);
      if (decisive) context.report({ node: c.node, messageId: 'redundantNumericValues', data: { ...data(), ...decisive } });
    }

    return {
      statement(stmt) {
        for (const c of stmt.conditions) if (!isIgnored(c.key.value)) check(stmt, c);
      },
    };
  },
});
