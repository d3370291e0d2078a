import type { Located, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { redundantStatements } from '../iam/redundant-statements.js';
import { statementLabel } from '../iam/statement.js';

const statementNode = (stmt: Statement): Located<null> => ({ value: null, path: stmt.path, range: stmt.range });

export default defineRule<Record<string, never>, 'duplicate' | 'covered'>({
  meta: {
    id: 'duplicate-statement',
    docs: {
      description: 'Report a statement that repeats another statement of the policy or whose actions and resources another statement with the same effect, principals and conditions already covers',
      why:
        'A policy allows the union of its Allow statements and denies the union of its Deny statements, so a statement that grants (or denies) nothing another statement does not already grant (or deny) can be removed without changing the policy (IAM Access Analyzer "Redundant statement"). ' +
        'Such statements come from copy and paste and from merging policies; they make the policy longer (toward its size quota) and hide what it really grants: a reviewer who tightens one copy leaves the other in place. ' +
        'Two statements are the same when their Effect, Principal, Action, Resource and Condition are, whatever their Sid and the order of their entries (action names and condition key names ignore case; an account id and its root ARN are one principal). ' +
        'A statement is covered when another one with the same Effect, Principal and Condition lists a wildcard that matches each of its actions and resources (`s3:Get*` covers `s3:GetObject`, `arn:aws:s3:::reports/*` covers `arn:aws:s3:::reports/2026/*`); statements with NotAction or NotResource are compared only for equality. Every policy kind is judged.',
      fix: 'Delete the redundant statement. If it was meant to differ (another resource, a condition), make that change instead; if the covering statement is broader than intended, narrow it.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      duplicate: '{{statement}} repeats {{other}} (line {{line}}): same effect, principals, actions, resources and conditions. Remove one of them.',
      covered: '{{statement}} adds nothing: {{other}} (line {{line}}) has the same effect, principals and conditions and already covers its actions and resources. Remove it, or merge the two.',
    },
  },
  create(context) {
    return {
      document(doc) {
        if (doc.statements.length < 2) return;
        for (const r of redundantStatements(doc.statements)) {
          context.report({
            node: statementNode(r.statement),
            messageId: r.reason,
            data: { statement: statementLabel(r.statement, true), other: statementLabel(r.by), line: r.by.range.start.line },
            related: [{ node: statementNode(r.by), document: doc, message: `${statementLabel(r.by, true)} here` }],
          });
        }
      },
    };
  },
});
