import type { PolicyKind } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { restrictingConditions } from '../iam/conditions.js';
import { describeResourceSet, listInWords, notActionCount } from '../iam/grant-summary.js';
import { isAllow, statementLabel } from '../iam/statement.js';

const GRANTING_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'resource', 'trust']);

export default defineRule<Record<string, never>, 'allowNotAction' | 'allowNotActionConditioned'>({
  meta: {
    id: 'allow-not-action',
    docs: {
      description: 'Report Allow statements that use NotAction',
      why:
        '`"Effect": "Allow"` with `NotAction` does not allow the listed actions; it allows every other action of every AWS service, including services the author never thought of and every action and service AWS adds later. With `"Resource": "*"` that is close to administrator access (PowerUserAccess is exactly `NotAction: ["iam:*", "organizations:*", "account:*"]` on `*`): an exclusion list is a deny list, and deny lists miss things (e.g. excluding `iam:*` still leaves `sts:AssumeRole`, `lambda:CreateFunction` with a role, `ssm:SendCommand`, …). The message counts the actions the statement grants today, out of every action in the bundled service data. Conditions do not silence the rule: they narrow when the statement applies, not what it grants; when the statement has conditions that really restrict (see `conditions.ts`), the message names them. Judges identity, resource-based and trust policies. Deny statements with NotAction are the recommended way to write exceptions and are fine; permissions boundaries, SCPs and RCPs only cap permissions and are not checked.',
      fix: 'List the actions the principal needs in `Action` (wildcards such as `s3:Get*` are fine). To carve exceptions out of a broad grant, allow the broad set with `Action` and add a Deny statement for the exceptions.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
        'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    tags: ['security'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      allowNotAction: '{{statement}} allows every action except {{excluded}} on {{resources}}: {{granted}} of the {{total}} actions known today, and every action AWS adds later.',
      allowNotActionConditioned:
        '{{statement}} allows every action except {{excluded}} on {{resources}}: {{granted}} of the {{total}} actions known today, and every action AWS adds later. Its conditions on {{keys}} narrow when it applies, not what it grants.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        const el = stmt.action;
        if (!isAllow(stmt) || !GRANTING_KINDS.has(doc.kind) || !el || !el.negated || el.values.length === 0) return;
        const { granted, total } = notActionCount(el);
        const data = { statement: statementLabel(stmt, true), excluded: listInWords(el.values.map((v) => v.value)), resources: describeResourceSet(stmt), granted, total };
        const keys = [...new Set(restrictingConditions(stmt).map((c) => c.entry.key.value))];
        if (keys.length === 0) context.report({ node: el.key, messageId: 'allowNotAction', data });
        else context.report({ node: el.key, messageId: 'allowNotActionConditioned', data: { ...data, keys: listInWords(keys) } });
      },
    };
  },
});
