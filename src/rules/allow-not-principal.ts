import { defineRule } from '../engine/rule.js';
import { describeActionSet, describeResourceSet, listInWords } from '../iam/grant-summary.js';
import { requesterConditions } from '../iam/public-grant.js';
import { isAllow, statementLabel } from '../iam/statement.js';

type MessageIds = 'allowNotPrincipal' | 'allowNotPrincipalConditioned';

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'allow-not-principal',
    docs: {
      description: 'Report Allow statements that use NotPrincipal',
      why:
        '`"Effect": "Allow"` with `NotPrincipal` grants its actions to every principal except the listed ones: every AWS account in the world, every role and user in them, and anonymous (unauthenticated) requesters. ' +
        'AWS strongly recommends against using NotPrincipal with Allow. The exclusion is also brittle: a role session is excluded only if its assumed-role ARN is listed as well, and a misspelled ARN excludes nobody. ' +
        'When the statement has a condition that really limits who (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceVpce, aws:SourceIp, kms:CallerAccount, … without `...IfExists`, negated operators or `*` values; see `public-grant.ts`), the finding stays but the message says the grant is limited to requesters who meet it; without one, public-access reports the statement as public too. ' +
        'Judges resource-based policies and role trust policies (where IAM rejects NotPrincipal). Deny statements with NotPrincipal (deny everyone except…) are the documented use and are fine.',
      fix:
        'Name the principals that need access in `Principal`, or use `"Principal": "*"` with a condition that limits who (for example `"StringEquals": {"aws:PrincipalAccount": "111122223333"}`) and a Deny statement for the principals to keep out.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 7.0,
    tags: ['security'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      allowNotPrincipal:
        '{{statement}} allows {{actions}} on {{resources}} to every principal except {{excluded}}, anonymous requesters and every other AWS account included.',
      allowNotPrincipalConditioned:
        '{{statement}} allows {{actions}} on {{resources}} to every principal except {{excluded}} that meets its conditions on {{keys}}; name the principals in Principal instead.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        const p = stmt.principal;
        // `"NotPrincipal": "*"` excludes everyone: the statement grants nothing.
        if (!isAllow(stmt) || (doc.kind !== 'resource' && doc.kind !== 'trust') || !p || !p.negated || p.wildcard) return;
        const excluded = p.entries.flatMap((e) => e.values.map((v) => v.value));
        const data = {
          statement: statementLabel(stmt, true),
          actions: describeActionSet(stmt),
          resources: describeResourceSet(stmt),
          excluded: listInWords(excluded),
        };
        const keys = [...new Set(requesterConditions(stmt).limiting.map((c) => c.entry.key.value))];
        if (keys.length === 0) context.report({ node: p.key, messageId: 'allowNotPrincipal', data });
        else context.report({ node: p.key, messageId: 'allowNotPrincipalConditioned', data: { ...data, keys: listInWords(keys) } });
      },
    };
  },
});
