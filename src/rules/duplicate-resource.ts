import { defineRule } from '../engine/rule.js';
import { redundantEntries, type EntryComparison } from '../iam/redundant-entries.js';
import { resourceAffixes, resourceEntryCovers } from '../iam/resource-pattern.js';
import { statementLabel } from '../iam/statement.js';

const RESOURCES: EntryComparison = { key: (value) => value, covers: resourceEntryCovers, affixes: resourceAffixes };

export default defineRule<Record<string, never>, 'duplicate' | 'coveredByWildcard'>({
  meta: {
    id: 'duplicate-resource',
    docs: {
      description: 'Report a Resource or NotResource entry that repeats another entry of the same statement or is already covered by one of its wildcards',
      why: 'A statement matches the union of its resource entries: an ARN listed twice, or arn:aws:s3:::bucket/reports/q1.csv next to arn:aws:s3:::bucket/*, or anything next to "*", adds nothing. The redundant entry makes the policy longer (toward its size quota) and hides how broad the statement really is; often the wildcard was not meant to be there. ARNs are compared case-sensitively. A policy variable such as ${aws:username} is one value supplied by the request, not a wildcard: arn:aws:s3:::bucket/* covers arn:aws:s3:::bucket/${aws:username}/*, but arn:aws:s3:::bucket/${aws:username}/* covers only entries under the same variable. Every policy kind with Resource is judged (trust policies have none); entries of different statements are not compared.',
      fix: 'Delete the redundant entry. If the wildcard is broader than intended, replace it with the specific ARNs instead.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      duplicate: '{{element}} entry "{{entry}}" is listed twice in {{statement}}; remove it.',
      coveredByWildcard: '{{element}} entry "{{entry}}" in {{statement}} is already covered by "{{by}}"; remove it (or narrow the wildcard).',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        const el = stmt.resource;
        if (!el || el.values.length < 2) return;
        const found = redundantEntries(el.values, RESOURCES);
        if (found.length === 0) return;
        const statement = statementLabel(stmt);
        for (const r of found) {
          if (r.reason === 'duplicate') {
            context.report({
              node: r.entry,
              messageId: 'duplicate',
              data: { element: el.name, entry: r.entry.value, statement },
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
