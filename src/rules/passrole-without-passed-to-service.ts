import type { Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import {
  grantsIdentityPermissions,
  isServiceTest,
  PASS_ROLE_ACTION,
  passedToServiceConditions,
  passRoleServiceGuard,
  statementLabel,
} from '../iam/ecr.js';
import { actionEntryFor, isAllow } from '../iam/statement.js';
import { wildcardCovers } from '../iam/wildcard.js';

interface Options {
  ignoreRoles: string[];
}

export default defineRule<Options, 'missingCondition'>({
  meta: {
    id: 'passrole-without-passed-to-service',
    docs: {
      description: 'Require an iam:PassedToService condition wherever iam:PassRole is allowed',
      why: 'iam:PassRole lets the principal hand a role to an AWS service, which then acts with the role\'s permissions. Without an iam:PassedToService condition the role can be passed to any service that accepts roles (EC2, Lambda, Glue, CloudFormation…), including one the caller controls, which is a classic privilege-escalation path.',
      fix: 'Add a condition such as "StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"} naming the service principal(s) the role is meant for, and limit Resource to those role ARNs.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
        'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    tags: ['security', 'privilege-escalation'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreRoles: stringListOption('Role ARN patterns (IAM wildcards) that may be passed to any service; a statement whose every Resource is covered by one of them is not reported.'),
      },
    },
    defaultOptions: { ignoreRoles: [] },
    messages: {
      missingCondition:
        '{{statement}} allows iam:PassRole through {{via}} without an iam:PassedToService condition: {{roles}} can be passed to any AWS service. Add "StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (!grantsIdentityPermissions(doc) || !isAllow(stmt)) return;
        const entry = actionEntryFor(stmt, PASS_ROLE_ACTION);
        if (!entry || passedToServiceConditions(stmt).some(isServiceTest) || ignored(stmt, context.options.ignoreRoles)) return;
        // Fine when a Deny refuses these roles to every service but the intended ones.
        if (passRoleServiceGuard([doc], stmt)) return;
        const via = stmt.action?.negated ? 'NotAction (it does not exclude iam:PassRole)' : `Action "${entry.value}"`;
        context.report({ node: entry, messageId: 'missingCondition', data: { statement: statementLabel(stmt, true), via, roles: rolesText(stmt) } });
      },
    };
  },
});

function ignored(stmt: Statement, ignoreRoles: readonly string[]): boolean {
  const el = stmt.resource;
  if (ignoreRoles.length === 0 || !el || el.negated || el.values.length === 0) return false;
  return el.values.every((r) => ignoreRoles.some((pattern) => wildcardCovers(pattern, r.value)));
}

function rolesText(stmt: Statement): string {
  const el = stmt.resource;
  if (!el || el.values.length === 0) return 'the roles';
  if (el.negated) return 'every role outside its NotResource';
  if (el.values.some((v) => /^\*+$/.test(v.value))) return 'every role';
  return el.values.length === 1 ? `role "${el.values[0].value}"` : `roles ${el.values.map((v) => `"${v.value}"`).join(', ')}`;
}
