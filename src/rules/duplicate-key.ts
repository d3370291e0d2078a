import type { Located, PolicyDocument } from '../engine/model.js';
import { defineRule, type ReportDescriptor } from '../engine/rule.js';
import { statementLabel } from '../iam/statement.js';

type MessageIds = 'duplicateKey' | 'conditionKeyCase';

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'duplicate-key',
    docs: {
      description: 'Report a JSON key repeated in one object, and a condition key repeated with different capitalization in one condition operator block',
      why:
        'JSON parsers keep only the last value of a repeated key, so the earlier value (often a whole Statement or Condition block) is silently dropped: the policy AWS stores is not the one you reviewed. ' +
        'Condition key names are case-insensitive, so `aws:SourceVpce` and `aws:sourcevpce` in one operator block are the same key written twice: JSON keeps both, so which of the values IAM compares is not what the policy seems to say; IAM Access Analyzer reports it as an error ("Duplicate keys with different case"). Keys of different operator blocks are not compared (they are ANDed on purpose).',
      fix: 'Merge the two values into one key (for example one Statement array, one operator object with both condition keys, one condition key with a list of values) and write each condition key with one capitalization.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      duplicateKey: 'Key "{{key}}" is repeated (first at line {{firstLine}}); only the last value is kept, the earlier one is silently lost.',
      conditionKeyCase:
        'Condition key "{{key}}" repeats "{{first}}" (line {{firstLine}}) with different capitalization in the {{operator}} block of {{statement}}; condition key names are case-insensitive, so this is the same key twice. Merge the values under one key.',
    },
  },
  create(context) {
    return {
      document(doc) {
        for (const d of doc.duplicateKeys) {
          context.report({
            node: d.duplicate,
            messageId: 'duplicateKey',
            data: { key: d.key, firstLine: d.first.range.start.line },
            related: [{ node: d.first, document: doc, message: `First "${d.key}" here` }],
          });
        }
        for (const finding of conditionKeyCaseDuplicates(doc)) context.report(finding);
      },
    };
  },
});

/**
 * Condition keys of one operator block (one `"StringEquals": {…}` object) that equal an earlier
 * key of the block except for case. Exact repeats are JSON duplicates, reported as duplicateKey.
 */
function conditionKeyCaseDuplicates(doc: PolicyDocument): ReportDescriptor<MessageIds>[] {
  const out: ReportDescriptor<MessageIds>[] = [];
  for (const stmt of doc.statements) {
    // One map per operator block; a repeated operator key is its own block (and a JSON duplicate).
    const blocks = new Map<number, Map<string, Located<string>>>();
    for (const c of stmt.conditions) {
      const blockKey = c.operator.range.start.offset;
      let seen = blocks.get(blockKey);
      if (!seen) blocks.set(blockKey, (seen = new Map()));
      const lower = c.key.value.toLowerCase();
      const first = seen.get(lower);
      if (!first) {
        seen.set(lower, c.key);
        continue;
      }
      if (first.value === c.key.value) continue;
      out.push({
        node: c.key,
        messageId: 'conditionKeyCase',
        data: { key: c.key.value, first: first.value, firstLine: first.range.start.line, operator: c.operator.value, statement: statementLabel(stmt) },
        related: [{ node: first, document: doc, message: `First "${first.value}" here` }],
      });
    }
  }
  return out;
}
