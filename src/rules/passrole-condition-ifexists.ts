import { defineRule } from '../engine/rule.js';
import {
  grantsIdentityPermissions,
  isNegatedOperator,
  isStrictServiceTest,
  PASS_ROLE_ACTION,
  passedToServiceConditions,
  statementLabel,
} from '../iam/ecr.js';
import { actionEntryFor, isAllow } from '../iam/statement.js';

export default defineRule<Record<string, never>, 'ifExistsOperator' | 'negatedOperator'>({
  meta: {
    id: 'passrole-condition-ifexists',
    docs: {
      description: 'Report iam:PassedToService conditions on iam:PassRole that an absent key or another service passes',
      why: 'An ...IfExists operator is true when the key is missing from the request, so the iam:PassedToService test no longer requires the role to go to the named service. StringNotEquals/StringNotLike in an Allow inverts the intent: the role may be passed to every service except the listed ones.',
      fix: 'Use StringEquals (or StringLike) without IfExists on iam:PassedToService in the Allow statement, naming the service principals the role is for. To forbid services, use a Deny statement instead.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 5.5,
    tags: ['security', 'privilege-escalation'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      ifExistsOperator:
        '{{operator}} on iam:PassedToService in {{statement}} is also true when the key is absent, so it does not require the role to be passed to {{services}}. Use {{strict}} instead.',
      negatedOperator:
        '{{operator}} on iam:PassedToService in an Allow ({{statement}}) lets the role be passed to every service except {{services}}. Allow with StringEquals on the intended service, or move the exclusion to a Deny statement.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (!grantsIdentityPermissions(doc) || !isAllow(stmt) || !actionEntryFor(stmt, PASS_ROLE_ACTION)) return;
        const conditions = passedToServiceConditions(stmt);
        // Condition operators are ANDed: one strict test on the key already limits the services.
        if (conditions.some(isStrictServiceTest)) return;
        const statement = statementLabel(stmt);
        for (const c of conditions) {
          const services = c.values.length > 0 ? c.values.map((v) => `"${v.value}"`).join(', ') : 'the listed services';
          if (isNegatedOperator(c)) {
            context.report({ node: c.operator, messageId: 'negatedOperator', data: { operator: c.operator.value, statement, services } });
          } else if (c.parsedOperator.ifExists) {
            const strict = c.operator.value.slice(0, -'IfExists'.length);
            context.report({ node: c.operator, messageId: 'ifExistsOperator', data: { operator: c.operator.value, statement, services, strict } });
          }
        }
      },
    };
  },
});
