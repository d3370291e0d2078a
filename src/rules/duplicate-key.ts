import { defineRule } from '../engine/rule.js';

export default defineRule<Record<string, never>, 'duplicateKey'>({
  meta: {
    id: 'duplicate-key',
    docs: {
      description: 'Report a JSON key repeated in one object',
      why: 'JSON parsers keep only the last value of a repeated key, so the earlier value (often a whole Statement or Condition block) is silently dropped: the policy AWS stores is not the one you reviewed.',
      fix: 'Merge the two values into one key (for example one Statement array, one operator object with both condition keys).',
      recommended: true,
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: { duplicateKey: 'Key "{{key}}" is repeated (first at line {{firstLine}}); only the last value is kept, the earlier one is silently lost.' },
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
      },
    };
  },
});
