import { defineRule } from '../engine/rule.js';
import { principalKey, redundantPrincipals } from '../iam/redundant-principals.js';
import { statementLabel } from '../iam/statement.js';

type MessageIds = 'duplicate' | 'sessionOfListedRole' | 'coveredByWildcard';

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'duplicate-principal',
    docs: {
      description: 'Report a Principal or NotPrincipal value that repeats another value of the same statement or is already covered by one',
      why:
        'A Principal element matches the union of its values, so a value that names a principal already named adds nothing: the same ARN twice, an account id next to the account\'s root ARN (`111122223333` and `arn:aws:iam::111122223333:root` are the same principal, and AWS stores the ARN form), a service principal in another case, or anything next to `"AWS": "*"`. ' +
        'Naming a role also covers every session of it, so an assumed-role session (`arn:aws:sts::111122223333:assumed-role/Deployer/ci`) listed with its role (`arn:aws:iam::111122223333:role/Deployer`) is redundant (IAM Access Analyzer "Redundant principal in role trust policy"). ' +
        'The redundant value makes the policy longer and suggests a distinction that does not exist; often one of the two was meant to be another principal. ' +
        'Judged in every policy with a Principal (trust and resource-based policies); in NotPrincipal only repeats are reported, since a Deny with NotPrincipal must list a session as well as its role. Values of different statements are not compared.',
      fix: 'Delete the redundant value. If it was meant to name another principal, correct it.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      duplicate: '{{type}} principal "{{entry}}" repeats "{{first}}" in {{statement}}{{note}}; remove it.',
      sessionOfListedRole:
        'Assumed-role session "{{entry}}" in {{statement}} is already covered by its role "{{by}}", listed in the same element: naming a role covers every session of it. Remove the session.',
      coveredByWildcard: '{{type}} principal "{{entry}}" in {{statement}} is already covered by "*" (every AWS principal) in the same element; remove it, or replace "*" with the principals you mean.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (!stmt.principal) return;
        const statement = statementLabel(stmt);
        for (const r of redundantPrincipals(stmt.principal)) {
          const type = r.type.value;
          if (r.reason === 'duplicate') {
            const note =
              r.entry.value === r.by.value
                ? ''
                : principalKey(type, r.entry.value).startsWith('account:') && type === 'AWS'
                  ? ' (an account id and its root ARN name the same account)'
                  : ' (service principal names ignore case)';
            context.report({
              node: r.entry,
              messageId: 'duplicate',
              data: { type, entry: r.entry.value, first: r.by.value, statement, note },
              related: [{ node: r.by, document: doc, message: `First "${r.by.value}" here` }],
            });
          } else if (r.coveredBy === 'role') {
            context.report({
              node: r.entry,
              messageId: 'sessionOfListedRole',
              data: { entry: r.entry.value, by: r.by.value, statement },
              related: [{ node: r.by, document: doc, message: `Role "${r.by.value}" here` }],
            });
          } else {
            context.report({
              node: r.entry,
              messageId: 'coveredByWildcard',
              data: { type, entry: r.entry.value, statement },
              related: [{ node: r.by, document: doc, message: '"*" covers it' }],
            });
          }
        }
      },
    };
  },
});
