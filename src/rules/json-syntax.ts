import { defineRule } from '../engine/rule.js';

export default defineRule<Record<string, never>, 'parseError' | 'unreadable' | 'uncheckable'>({
  meta: {
    id: 'json-syntax',
    docs: {
      description: 'Report files and embedded blocks that do not parse or cannot be checked, at the position of the problem',
      why: 'AWS rejects a policy that is not valid JSON, and no other check can run on it. A linter that skips such a file silently lets it through. The same holds for a policy whose text is not known when linting (a Terraform plan attribute computed at apply time, shown as "known after apply"): it is reported as not checked rather than passed.',
      fix: 'Correct the JSON at the reported position (a missing comma or quote, a trailing comma, an unclosed bracket). For a policy computed at apply time, build it from values known at plan time (e.g. a data.aws_iam_policy_document whose inputs are known) or lint it after apply (terraform show -json of the state).',
      recommended: true,
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      parseError: 'Not valid {{language}}: {{message}}.',
      unreadable: 'The file could not be read: {{message}}.',
      uncheckable: 'The policy could not be checked: {{message}}.',
    },
    runsOnUnparsed: true,
  },
  create(context) {
    return {
      unparsed(input) {
        context.report({ node: input.at, messageId: input.reason === 'read' ? 'unreadable' : input.reason === 'uncheckable' ? 'uncheckable' : 'parseError', data: { message: input.message, language: input.language ?? 'JSON' } });
      },
    };
  },
});
