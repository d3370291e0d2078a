import { defineRule } from '../engine/rule.js';
import { analyzeConditions } from '../iam/conditions.js';
import { statementLabel } from '../iam/statement.js';
import { allowedTrustActions, describeActions, outsiderDeny, wildcardPrincipals } from '../iam/trust.js';

type MessageIds = 'wildcardPrincipal' | 'ineffectiveCondition' | 'notIdentifying';

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'trust-wildcard-principal',
    docs: {
      description: 'Report role trust statements that let any principal (`"Principal": "*"` or `{"AWS": "*"}`) assume the role',
      why:
        'A trust policy decides who can get credentials for the role. `"Principal": "*"` (or `{"AWS": "*"}`) in an Allow for sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML or sts:TagSession trusts every AWS account and identity in the world: anyone who knows the role ARN, which is not a secret, can assume it and use all of its permissions. ' +
        'AWS accepts a wildcard principal only together with a condition that names who may assume the role. The rule stays silent when the statement has a condition that really restricts the requester: aws:PrincipalOrgID / aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:userid, aws:SourceArn / aws:SourceAccount / aws:SourceOrgID (a service acting for your resources), aws:PrincipalServiceName, or the `sub` claim of a web identity provider. ' +
        'Conditions that only look like restrictions are reported: `...IfExists` operators (true when the key is absent, and these keys are absent for most outsiders), `ForAllValues:` without a Null guard, negated operators (StringNotEquals aws:PrincipalOrgID admits everyone outside the organization), and values that match everything (`*`, `o-*`, `arn:aws:iam::*:role/name`). ' +
        'A Deny statement in the same policy that refuses the same actions to everyone outside named principals, accounts or organizations (`"Effect": "Deny", "Principal": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, with no other condition) also limits who, and silences the rule. ' +
        'Conditions that narrow the request but not the requester (sts:ExternalId, aws:SourceIp, aws:SourceVpce, MFA, aws:SecureTransport, tags) are reported with their own message: an external id is not a secret, and network or MFA checks let any account that meets them in. ' +
        'Judges trust policies (documents of kind trust, and Principal statements without Resource in resource-kind documents); Deny and NotPrincipal statements are left to other rules, as are invalid wildcard ARNs such as `arn:aws:iam::*:root` (invalid-principal).',
      fix:
        'Name the principals that may assume the role (`{"AWS": "arn:aws:iam::111122223333:role/deployer"}`, `{"Service": "…"}`, `{"Federated": "…"}`). If the trust must be open, add a condition on who: for example `"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}` or `"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*"}`, without IfExists.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
        'https://aws.amazon.com/blogs/security/how-to-use-trust-policies-with-iam-roles/',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    tags: ['security'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      wildcardPrincipal:
        '{{statement}} allows {{actions}} to any principal ({{principal}}) with no condition on who: anyone who knows the role ARN can assume the role.',
      ineffectiveCondition:
        '{{statement}} allows {{actions}} to any principal ({{principal}}), and its condition does not limit who: {{reason}}. Anyone who knows the role ARN can assume the role.',
      notIdentifying:
        '{{statement}} allows {{actions}} to any principal ({{principal}}); its conditions on {{keys}} narrow the request but not who makes it. Add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        const actions = allowedTrustActions(stmt, doc);
        const wildcards = actions.length > 0 ? wildcardPrincipals(stmt) : [];
        if (wildcards.length === 0) return;
        const analyses = analyzeConditions(stmt);
        if (analyses.some((a) => a.restricts && a.key.identifies) || outsiderDeny(doc, actions)) return;
        const base = { statement: statementLabel(stmt, true), actions: describeActions(actions) };
        const weakIdentity = analyses.find((a) => !a.restricts && a.key.identifies);
        const narrowing = [...new Set(analyses.filter((a) => a.restricts).map((a) => a.entry.key.value))];
        for (const node of wildcards) {
          const principal = stmt.principal?.wildcard ? '"Principal": "*"' : '{"AWS": "*"}';
          if (weakIdentity) {
            context.report({ node, messageId: 'ineffectiveCondition', data: { ...base, principal, reason: weakIdentity.reason ?? '' } });
          } else if (narrowing.length > 0) {
            context.report({ node, messageId: 'notIdentifying', data: { ...base, principal, keys: narrowing.join(', ') } });
          } else {
            context.report({ node, messageId: 'wildcardPrincipal', data: { ...base, principal } });
          }
        }
      },
    };
  },
});
