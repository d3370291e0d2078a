import { defineRule } from '../engine/rule.js';
import { redundantEntries, wildcardAffixes, type EntryComparison } from '../iam/redundant-entries.js';
import { statementLabel } from '../iam/statement.js';
import { wildcardCovers } from '../iam/wildcard.js';

const ACTIONS: EntryComparison = {
  key: (value) => value.toLowerCase(),
  covers: (general, specific) => wildcardCovers(general, specific, true),
  // Keys are lower case, as wildcardCovers compares them.
  affixes: wildcardAffixes,
};

export default defineRule<Record<string, never>, 'duplicate' | 'coveredByWildcard'>({
  meta: {
    id: 'duplicate-action',
    docs: {
      description: 'Report an Action or NotAction entry that repeats another entry of the same statement or is already covered by one of its wildcards',
      why: 'A statement matches the union of its action entries, and action names ignore case: s3:getobject next to s3:GetObject, or s3:GetObject next to s3:Get*, s3:* or *, adds nothing. The redundant entry makes the policy longer (toward its size quota) and misleads reviewers, who read a narrow grant next to a broad one and may trust the narrow one; often the wildcard was not meant to be there. Every policy kind is judged (in a trust policy the actions are sts:AssumeRole and friends); entries of different statements are not compared, since each statement has its own resources and conditions.',
      fix: 'Delete the redundant entry. If the wildcard is broader than intended, replace it with the specific actions instead.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      duplicate: '{{element}} entry "{{entry}}" repeats "{{first}}" in {{statement}}{{caseNote}}; remove it.',
      coveredByWildcard: '{{element}} entry "{{entry}}" in {{statement}} is already covered by "{{by}}"; remove it (or narrow the wildcard).',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        const el = stmt.action;
        if (!el || el.values.length < 2) return;
        const found = redundantEntries(el.values, ACTIONS);
        if (found.length === 0) return;
        const statement = statementLabel(stmt);
        for (const r of found) {
          if (r.reason === 'duplicate') {
            context.report({
              node: r.entry,
              messageId: 'duplicate',
              data: { element: el.name, entry: r.entry.value, first: r.by.value, statement, caseNote: r.entry.value === r.by.value ? '' : ' (action names ignore case)' },
              related: [{ node: r.by, document: doc, message: `First "${r.by.value}" here` }],
            });
          } else {
            context.report({
              node: r.entry,
              messageId: 'coveredByWildcard',
              data: { element: el.name, entry: r.entry.value, by: r.by.value, statement },
              related: [{ node: r.by, document: doc, message: `"${r.by.value}" covers it` }],
            });
          }
        }
      },
    };
  },
});
