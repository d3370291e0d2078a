import type { PolicyDocument, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { newAccess, type NewAccessGrant, type NewAccessReason } from '../iam/new-access.js';
import { statementLabel } from '../iam/statement.js';

type MessageIds = 'newAccess' | 'newFile' | 'newDocument' | 'referenceUnparsable';

/** How many action names a message lists before "and N more". */
const LISTED = 5;

export default defineRule<{ referenceRef?: string; referenceDir?: string }, MessageIds>({
  meta: {
    id: 'no-new-access',
    docs: {
      description: 'Report access a policy allows that its reference version (a git revision or a reference directory) did not',
      why: "A pull request that widens a policy (s3:GetObject becomes s3:*, a bucket ARN becomes \"*\", a Deny or a NotResource exclusion disappears) grants new access that is easy to miss in a text diff, while a harmless refactoring (statements reordered, split, merged, Sids renamed) shows up as a large diff. Like Access Analyzer's CheckNoNewAccess, this rule compares effective access, not text: every Allow statement is expanded to concrete actions on its resources (wildcards, NotAction and NotResource included, Denies of both versions taken into account), and each action and resource pair the reference version did not allow is reported. It judges every policy kind; principals are compared for resource and trust policies. A file's documents are matched with the reference's by name (a template's resource and PolicyName, so reordering a role's Policies list changes nothing), else by place in the file. Without a reference (no --reference-ref/--reference flag, no referenceRef/referenceDir option) the rule does nothing. A reference flag on the command line enables it for every file unless the config turns it \"off\". Limitations: a resource covered only by the union of several reference statements is reported; conditions are compared entry by entry (same operator and key; fewer values of a positive operator are stricter), so a rewritten but equivalent condition is reported as new access.",
      fix: 'Review each reported grant: if the new access is intended, merge it (the reference moves on); otherwise narrow the Action or Resource back to what the reference allowed, or restore the removed Deny or condition. In CI compare against the target branch: `iamlint --reference-ref origin/main` (fetch the branch first, e.g. `actions/checkout` with `fetch-depth: 0`).',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-checks-validating-policies.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 7.0,
    tags: ['security'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        referenceRef: { type: 'string', minLength: 1, description: 'Git revision holding the reference versions (e.g. "origin/main"); --reference-ref overrides it.' },
        referenceDir: { type: 'string', minLength: 1, description: 'Directory (relative to the config file) holding the reference versions at the same relative paths; --reference overrides it.' },
      },
    },
    defaultOptions: {},
    messages: {
      newAccess: '{{statement}} allows {{actions}}{{scope}}, which the reference version ({{reference}}) did not allow{{detail}}.',
      newFile: '{{statement}} allows {{actions}}{{scope}}: the file is new at {{reference}}, so all of its access is new.',
      newDocument: '{{statement}} allows {{actions}}{{scope}}: the policy has no counterpart in the reference version ({{reference}}), so all of its access is new.',
      referenceUnparsable: 'The reference version ({{reference}}) cannot be read as a policy ({{reason}}), so new access cannot be checked; fix or remove the reference.',
    },
  },
  create(context) {
    return {
      document(doc) {
        const reference = context.referenceOf(doc);
        if (!reference) return;
        if (reference.status === 'unparsable') {
          context.report({ node: { value: null, path: [], range: doc.range }, messageId: 'referenceUnparsable', data: { reference: reference.label, reason: reference.message } });
          return;
        }
        const messageId = reference.status === 'found' ? 'newAccess' : reference.status;
        for (const grant of newAccess(doc, reference.status === 'found' ? reference.document : undefined)) report(doc, grant, messageId, reference.label);
      },
    };

    function report(doc: PolicyDocument, grant: NewAccessGrant, messageId: MessageIds, reference: string): void {
      context.report({
        node: grant.at,
        document: doc,
        messageId,
        data: { statement: statementLabel(grant.statement, true), actions: listActions(grant.actions), scope: scopeOf(grant), reference, detail: grant.reason ? DETAILS[grant.reason] : '' },
      });
    }
  },
});

function listActions(names: readonly string[]): string {
  if (names.length === 1) return names[0];
  if (names.length <= LISTED) return `${names.join(', ')} (${names.length} actions)`;
  return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more (${names.length} actions)`;
}

const DETAILS: Readonly<Record<NewAccessReason, string>> = {
  principal: ' (it allowed this to other principals only)',
  conditions: ' (it allowed this only under conditions this statement drops or relaxes)',
  deny: ' (an explicit Deny blocked it there)',
};

function scopeOf(grant: NewAccessGrant): string {
  const { resources } = grant;
  if (resources.length === 0) return grant.statement.principal ? ` to ${principalsOf(grant.statement)}` : '';
  if (resources.length <= 3) return ` on ${resources.join(', ')}`;
  return ` on ${resources.slice(0, 3).join(', ')} and ${resources.length - 3} more resources`;
}

/** The principals of a statement as written, for messages (`Service lambda.amazonaws.com, ec2.amazonaws.com`). */
function principalsOf(stmt: Statement): string {
  const el = stmt.principal!;
  const listed = el.wildcard ? '*' : el.entries.map((e) => `${e.type.value} ${e.values.map((v) => v.value).join(', ')}`).join('; ');
  return el.negated ? `every principal except ${listed}` : listed;
}
