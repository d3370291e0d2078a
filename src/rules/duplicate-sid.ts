import type { Located, PolicyKind } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';

/**
 * Policy types whose Sid AWS restricts to ASCII letters and digits: everything IAM stores
 * (managed, inline, boundary and trust policies) and what AWS Organizations stores (Access
 * Analyzer validates SCPs with the same rule). Resource policies of other services accept
 * more (S3, KMS and ECR take spaces), and the service is not known from a plain file.
 */
const ALPHANUMERIC_SID_KINDS: Readonly<Partial<Record<PolicyKind, string>>> = {
  identity: 'an IAM identity policy',
  boundary: 'a permissions boundary',
  trust: 'a role trust policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
};

export default defineRule<{ ignoreEmpty: boolean }, 'duplicate' | 'invalidCharacters' | 'emptySid'>({
  meta: {
    id: 'duplicate-sid',
    docs: {
      description: 'Report statement ids (Sid) that AWS rejects or that say nothing: repeated within a policy, with characters other than letters and digits where IAM or Organizations stores the policy, or empty',
      why: 'In IAM a Sid must be unique within a policy; IAM, AWS Organizations, SNS and SQS reject a policy with a repeated Sid ("The Statement Ids in the policy are not unique", Access Analyzer "Unique Sids required"). IAM identity, boundary and trust policies and SCPs/RCPs also accept only ASCII letters and digits in a Sid ("Statement IDs (SID) must be alpha-numeric"); resource policies of services such as S3, KMS and ECR accept spaces, so their Sid characters are not judged. An empty Sid (`"Sid": ""`, which the IAM console writes into new trust policies) names nothing and is reported in every policy kind (IAM Access Analyzer "Empty Sid value"), unless the `ignoreEmpty` option is set; empty Sids are not compared for uniqueness. Statement fragments are checked for characters and emptiness but not for uniqueness.',
      fix: 'Give each statement its own Sid, or drop the Sid (it is optional; drop an empty one). In IAM policies and SCPs write it in letters and digits only, for example ReadTrainingData instead of "read-training-data".',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html#policies-grammar-notes-strings',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { ignoreEmpty: { type: 'boolean', description: 'Accept "Sid": "" (as the IAM console writes it into new trust policies).' } },
    },
    defaultOptions: { ignoreEmpty: false },
    messages: {
      duplicate: 'Sid "{{sid}}" is already used by statement {{firstIndex}} (line {{firstLine}}); AWS rejects a policy whose statement ids are not unique.',
      invalidCharacters: 'Sid "{{sid}}" contains {{characters}}: in {{policyType}} a Sid may contain only the letters A-Z, a-z and the digits 0-9, and AWS rejects the policy.',
      emptySid: 'The Sid of statement {{index}} is empty; remove it or name the statement (letters and digits, for example ReadReports).',
    },
  },
  create(context) {
    return {
      document(doc) {
        const policyType = ALPHANUMERIC_SID_KINDS[doc.kind];
        const first = new Map<string, { sid: Located<string>; index: number }>();
        for (const stmt of doc.statements) {
          const sid = stmt.sid;
          if (!sid) continue;
          if (sid.value === '') {
            if (!context.options.ignoreEmpty) context.report({ node: sid, messageId: 'emptySid', data: { index: stmt.index } });
            continue;
          }
          if (policyType) {
            const bad = invalidCharacters(sid.value);
            if (bad.length > 0) context.report({ node: sid, messageId: 'invalidCharacters', data: { sid: sid.value, characters: describeCharacters(bad), policyType } });
          }
          if (doc.fragment) continue;
          const earlier = first.get(sid.value);
          if (!earlier) {
            first.set(sid.value, { sid, index: stmt.index });
            continue;
          }
          context.report({
            node: sid,
            messageId: 'duplicate',
            data: { sid: sid.value, firstIndex: earlier.index, firstLine: earlier.sid.range.start.line },
            related: [{ node: earlier.sid, document: doc, message: `First Sid "${sid.value}" here` }],
          });
        }
      },
    };
  },
});

/** Distinct characters outside [A-Za-z0-9], in order of appearance. */
function invalidCharacters(sid: string): string[] {
  const out: string[] = [];
  for (const ch of sid) if (!/[A-Za-z0-9]/.test(ch) && !out.includes(ch)) out.push(ch);
  return out;
}

const CHARACTER_NAMES: Readonly<Record<string, string>> = { ' ': 'a space', '\t': 'a tab', '\n': 'a line break', '\r': 'a line break' };

/** `a space and "-"`, `"_", "." and ":"` (at most five, then `…`). */
function describeCharacters(chars: readonly string[]): string {
  const names = [...new Set(chars.map((c) => CHARACTER_NAMES[c] ?? `"${c}"`))];
  const shown = names.slice(0, 5);
  if (names.length > 5) shown.push('…');
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
