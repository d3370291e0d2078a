import { defineRule } from '../engine/rule.js';
import { coversEveryRole, grantsIdentityPermissions, PASS_ROLE_ACTION, statementLabel } from '../iam/ecr.js';
import { parseArn } from '../iam/arn.js';
import { actionEntryFor, isAllow } from '../iam/statement.js';
import { hasWildcard } from '../iam/wildcard.js';

export default defineRule<Record<string, never>, 'resourceStar' | 'anyRole' | 'notResource'>({
  meta: {
    id: 'passrole-resource-star',
    docs: {
      description: 'Report iam:PassRole allowed on "*" or on every role of an account',
      why: 'Passing a role gives a service that role\'s permissions. Allowed on "*" or arn:aws:iam::<account>:role/*, iam:PassRole lets the principal hand the most privileged role in the account (an admin role, another team\'s role) to a service it controls.',
      fix: 'List the role ARNs the principal needs to pass (for example arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole), or a path or name prefix reserved for them, and add an iam:PassedToService condition.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    tags: ['security', 'privilege-escalation'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      resourceStar: '{{statement}} allows iam:PassRole (through {{via}}) on Resource "*": every role in every account can be passed. List the role ARNs instead.',
      anyRole: '{{statement}} allows iam:PassRole (through {{via}}) on "{{resource}}", which matches every role{{accountText}}. List the role ARNs (or a reserved path or name prefix) instead.',
      notResource: '{{statement}} allows iam:PassRole (through {{via}}) with NotResource: every role except the listed ones can be passed. Use Resource with the role ARNs instead.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (!grantsIdentityPermissions(doc) || !isAllow(stmt) || !stmt.resource) return;
        const entry = actionEntryFor(stmt, PASS_ROLE_ACTION);
        if (!entry) return;
        const statement = statementLabel(stmt, true);
        const via = stmt.action?.negated ? 'NotAction' : `"${entry.value}"`;
        const el = stmt.resource;
        if (el.negated) {
          // A NotResource that already excludes every role grants PassRole on none.
          if (!el.values.some((v) => coversEveryRole(v.value))) context.report({ node: el.key, messageId: 'notResource', data: { statement, via } });
          return;
        }
        for (const r of el.values) {
          if (/^\*+$/.test(r.value)) context.report({ node: r, messageId: 'resourceStar', data: { statement, via } });
          else if (coversEveryRole(r.value)) context.report({ node: r, messageId: 'anyRole', data: { statement, via, resource: r.value, accountText: accountText(r.value) } });
        }
      },
    };
  },
});

/** ` of account 111122223333` when the pattern names one account, else ` in every account`. */
function accountText(pattern: string): string {
  const account = parseArn(pattern)?.account;
  return account && !hasWildcard(account) ? ` of account ${account}` : ' in every account';
}
