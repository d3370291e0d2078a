import { defineRule } from '../engine/rule.js';

export default defineRule<Record<string, never>, 'parseError' | 'unreadable'>({
  meta: {
    id: 'json-syntax',
    docs: {
      description: 'Report files and embedded blocks that do not parse, at the position of the error',
      why: 'AWS rejects a policy that is not valid JSON, and no other check can run on it. A linter that skips such a file silently lets it through.',
      fix: 'Correct the JSON at the reported position (a missing comma or quote, a trailing comma, an unclosed bracket).',
      recommended: true,
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: { parseError: 'Not valid JSON: {{message}}.', unreadable: 'The file could not be read: {{message}}.' },
    runsOnUnparsed: true,
  },
  create(context) {
    return {
      unparsed(input) {
        context.report({ node: input.at, messageId: input.reason === 'read' ? 'unreadable' : 'parseError', data: { message: input.message } });
      },
    };
  },
});
