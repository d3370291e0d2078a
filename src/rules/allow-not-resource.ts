import type { PolicyKind } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { restrictingConditions } from '../iam/conditions.js';
import { describeActionSet, listInWords } from '../iam/grant-summary.js';
import { isAllow, statementLabel } from '../iam/statement.js';

const GRANTING_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'resource']);

export default defineRule<Record<string, never>, 'allowNotResource' | 'allowNotResourceConditioned'>({
  meta: {
    id: 'allow-not-resource',
    docs: {
      description: 'Report Allow statements that use NotResource',
      why:
        '`"Effect": "Allow"` with `NotResource` allows its actions on every resource except the listed ones: every resource of every other name, in every account and region (including other accounts whose resource policies trust you), and every resource created later. The AWS documentation warns that such a statement is easy to get wrong ("Allow s3:* NotResource Payroll" also grants all of S3 everywhere else); a misspelled or differently shaped ARN in the list excludes nothing. Conditions do not silence the rule: they narrow when the statement applies, not which resources it reaches (even `aws:ResourceAccount` leaves future resources in); when the statement has conditions that really restrict (see `conditions.ts`), the message names them. Judges identity and resource-based policies (role trust policies have no Resource). Deny statements with NotResource are the usual way to protect everything but a few resources and are fine; permissions boundaries, SCPs and RCPs only cap permissions and are not checked.',
      fix: 'List the resources the actions need in `Resource`. To keep a few resources out of a broad grant, allow the broad set with `Resource` and add a Deny statement for those resources.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 5.5,
    tags: ['security'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      allowNotResource: '{{statement}} allows {{actions}} on every resource except {{excluded}}: every other resource in every account, including ones created later.',
      allowNotResourceConditioned:
        '{{statement}} allows {{actions}} on every resource except {{excluded}}: every other resource in every account, including ones created later. Its conditions on {{keys}} narrow when it applies, not which resources it reaches.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        const el = stmt.resource;
        if (!isAllow(stmt) || !GRANTING_KINDS.has(doc.kind) || !el || !el.negated || el.values.length === 0) return;
        const data = { statement: statementLabel(stmt, true), actions: describeActionSet(stmt), excluded: listInWords(el.values.map((v) => v.value)) };
        const keys = [...new Set(restrictingConditions(stmt).map((c) => c.entry.key.value))];
        if (keys.length === 0) context.report({ node: el.key, messageId: 'allowNotResource', data });
        else context.report({ node: el.key, messageId: 'allowNotResourceConditioned', data: { ...data, keys: listInWords(keys) } });
      },
    };
  },
});
