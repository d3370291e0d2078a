import type { Located, PolicyDocument } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { isPolicyVariable } from '../iam/policy-variables.js';

const CURRENT = '2012-10-17';
const LEGACY = '2008-10-17';

type MessageIds = 'missing' | 'missingWithVariables' | 'old' | 'oldWithVariables' | 'invalid';

export default defineRule<{ ignoreOldVersion: boolean }, MessageIds>({
  meta: {
    id: 'policy-version',
    docs: {
      description: 'Report a policy whose Version is missing, the legacy 2008-10-17, or not a policy language version',
      why: 'Version selects the policy language, not a revision of your policy. Without it AWS applies the legacy 2008-10-17 language, in which policy variables such as ${aws:username} or ${aws:PrincipalTag/team} are not substituted: they are matched as literal text, so a statement scoped with them silently matches nothing (or something else). Any other value than 2012-10-17 or 2008-10-17 is rejected (MalformedPolicyDocument). Every policy kind is judged; statement fragments have no Version of their own and are left alone.',
      fix: 'Start every policy with "Version": "2012-10-17".',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreOldVersion: {
          type: 'boolean',
          description: 'Accept "2008-10-17" (as in older service-generated SNS and SQS policies) unless the policy uses policy variables.',
        },
      },
    },
    defaultOptions: { ignoreOldVersion: false },
    messages: {
      missing: `The policy has no Version element: AWS applies the legacy ${LEGACY} policy language. Add "Version": "${CURRENT}".`,
      missingWithVariables: `The policy has no Version element, so AWS applies the legacy ${LEGACY} language, in which the policy variable {{variable}} is not substituted: it is matched as literal text. Add "Version": "${CURRENT}".`,
      old: `Version "${LEGACY}" is the legacy policy language (no policy variables, no newer features). Use "${CURRENT}".`,
      oldWithVariables: `Version "${LEGACY}" does not support policy variables: {{variable}} is matched as literal text, not substituted. Use "${CURRENT}".`,
      invalid: `Version "{{value}}" is not a policy language version; AWS rejects the policy. Use "${CURRENT}" (the Version is the language version, not a date of your policy).`,
    },
  },
  create(context) {
    return {
      document(doc) {
        if (doc.fragment || doc.root.kind !== 'object') return;
        const version = doc.version;
        if (!version) {
          // A Version of the wrong type is policy-structure's finding.
          if (doc.root.entries.some((e) => e.key === 'Version')) return;
          const root = { value: null, path: [], range: doc.range };
          const uses = variableUses(doc);
          if (uses.length > 0) context.report({ node: root, messageId: 'missingWithVariables', data: { variable: uses[0].variable }, related: relatedUses(doc, uses) });
          else context.report({ node: root, messageId: 'missing' });
          return;
        }
        if (version.value === CURRENT) return;
        if (version.value === LEGACY) {
          const uses = variableUses(doc);
          if (uses.length > 0) context.report({ node: version, messageId: 'oldWithVariables', data: { variable: uses[0].variable }, related: relatedUses(doc, uses) });
          else if (!context.options.ignoreOldVersion) context.report({ node: version, messageId: 'old' });
          return;
        }
        context.report({ node: version, messageId: 'invalid', data: { value: version.value } });
      },
    };
  },
});

interface VariableUse {
  readonly variable: string;
  readonly at: Located<string>;
}

/** Policy variables (`${aws:username}`, escapes such as `${*}`) in the document's statements. */
function variableUses(doc: PolicyDocument): VariableUse[] {
  const out: VariableUse[] = [];
  for (const s of doc.strings) {
    if (s.path[0] !== 'Statement' || !s.value.includes('${')) continue;
    for (const m of s.value.matchAll(/\$\{([^}]*)\}/g)) {
      if (isPolicyVariable(m[1])) {
        out.push({ variable: m[0], at: s });
        break;
      }
    }
  }
  return out;
}

function relatedUses(doc: PolicyDocument, uses: readonly VariableUse[]) {
  return uses.map((u) => ({ node: u.at, document: doc, message: `Policy variable ${u.variable} here` }));
}
