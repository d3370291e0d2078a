import { defineRule } from '../engine/rule.js';
import type { StructureIssue } from '../engine/model.js';

type MessageIds = StructureIssue['messageId'];

export default defineRule<{ requireResourceInIdentity: boolean }, MessageIds>({
  meta: {
    id: 'policy-structure',
    docs: {
      description: 'Report missing or unknown policy elements, wrong value types, Action with NotAction, statement fragments, and identity statements without Resource',
      why: 'AWS rejects a policy whose grammar is wrong (MalformedPolicyDocument), and element names are case-sensitive: an `action` key is not `Action`. A statement fragment copied from documentation is not a policy until it is wrapped in Version and Statement.',
      fix: 'Follow the IAM JSON policy grammar: top-level Version, Id and Statement; each statement has Effect, one of Action/NotAction, and (in identity policies) one of Resource/NotResource.',
      recommended: true,
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html'],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { requireResourceInIdentity: { type: 'boolean', description: 'Report identity-policy statements without Resource/NotResource.' } },
    },
    defaultOptions: { requireResourceInIdentity: true },
    messages: {
      notObject: 'A policy must be a JSON object, found {{found}}.',
      missingStatement: 'The policy has no Statement element.',
      statementType: 'Statement must be an object or an array of objects, found {{found}}.',
      statementNotObject: 'Each statement must be an object, found {{found}}.',
      unknownElement: 'Unknown policy element "{{element}}" (element names are case-sensitive: {{known}}).',
      unknownStatementElement: 'Unknown statement element "{{element}}" (element names are case-sensitive: {{known}}).',
      wrongType: '{{element}} must be {{expected}}, found {{found}}.',
      missingElement: '{{statement}} has no {{element}} element.',
      bothElements: 'A statement cannot have both {{element}} and {{negated}}.',
      invalidEffect: 'Effect must be "Allow" or "Deny" (case-sensitive), found "{{value}}".',
      emptyElement: '{{element}} is an empty list.',
      fragment: 'This is {{what}}, not a policy: it lacks {{lacks}}.',
      missingResource: 'Statement {{index}} of an identity policy has no Resource or NotResource element.',
    },
  },
  create(context) {
    return {
      document(doc) {
        for (const issue of doc.structureIssues) context.report({ node: issue.at, messageId: issue.messageId, data: issue.data });
        if (!context.options.requireResourceInIdentity || doc.fragment || (doc.kind !== 'identity' && doc.kind !== 'boundary')) return;
        for (const stmt of doc.statements) {
          if (!stmt.resource) context.report({ node: { value: null, path: stmt.path, range: stmt.range }, messageId: 'missingResource', data: { index: stmt.index } });
        }
      },
    };
  },
});
