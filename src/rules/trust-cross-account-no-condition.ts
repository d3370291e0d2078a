import type { PolicyDocument } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { analyzeConditions, classifyConditionKey, type ConditionAnalysis } from '../iam/conditions.js';
import { statementLabel } from '../iam/statement.js';
import { allowedTrustActions, describeActions, outsiderDeny, principalAccountId, principalValues } from '../iam/trust.js';

type MessageIds = 'crossAccount' | 'ineffectiveCondition';

/**
 * Conditions that limit a trust in another account: an external id (third parties), the
 * organization of the caller, the exact principals, or the source identity the caller's own
 * identity provider set. aws:PrincipalAccount adds nothing to an account principal, and
 * resource- or source-side keys say nothing about the caller.
 */
function limitsForeignTrust(a: ConditionAnalysis): boolean {
  switch (a.kind) {
    case 'externalId':
    case 'principalArn':
    case 'userId':
    case 'sourceIdentity':
      return true;
    case 'org':
      return a.key.scope === 'principal';
    default:
      return false;
  }
}

/** A Deny that refuses the actions to everyone outside an organization or named principals. */
function denyLimitsForeignTrust(doc: PolicyDocument, actions: readonly string[]): boolean {
  const deny = outsiderDeny(doc, actions);
  return deny !== undefined && deny.conditions.some((c) => {
    const key = classifyConditionKey(c.key.value);
    return key.kind === 'principalArn' || key.kind === 'userId' || (key.kind === 'org' && key.scope === 'principal');
  });
}

export default defineRule<{ trustedAccounts: string[] }, MessageIds>({
  meta: {
    id: 'trust-cross-account-no-condition',
    docs: {
      description: 'Report role trust statements that let principals of another account assume the role without an ExternalId, organization or principal condition',
      why:
        'Trusting an account (`{"AWS": "444455556666"}`, `arn:aws:iam::444455556666:root`) hands the decision of who may assume the role to that account: any of its administrators can grant sts:AssumeRole to any of its users and roles. For a third party that acts for many customers, a trust without `sts:ExternalId` is the confused deputy problem: another customer can give the vendor your role ARN and have it act on your account. ' +
        'A trust policy does not say which account the role itself lives in, so every account principal counts as cross-account unless its account is listed in the config `knownAccounts` (the accounts of your own organization) or in this rule\'s `trustedAccounts` option. ' +
        'The rule stays silent when the statement has a condition that really restricts the trust: `sts:ExternalId`, `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`, `aws:PrincipalArn`, `aws:userid`, or `sts:SourceIdentity`. `...IfExists` operators (true when the caller sends no external id), `ForAllValues:` without a Null guard, negated operators and values that match everything do not count, and are named in the message. ' +
        'A Deny statement in the same policy that refuses the same actions to everyone outside your organization or named principals (`"Effect": "Deny", "Principal": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`) counts as well. ' +
        'Reported at each principal value, naming its account. Judges Allow statements of trust policies that grant sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML or sts:TagSession; `"AWS": "*"` is trust-wildcard-principal\'s finding, and principals whose account is not a literal 12-digit id (`${AWS::AccountId}`, unique ids) are skipped.',
      fix:
        'For a third party, add the external id it gave you: `"Condition": {"StringEquals": {"sts:ExternalId": "<id>"}}`. For your own accounts, list them in `knownAccounts`, or limit the trust to your organization (`aws:PrincipalOrgID`) or to named roles (`"Principal": {"AWS": "arn:aws:iam::444455556666:role/deployer"}` or an `aws:PrincipalArn` condition).',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    tags: ['security'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        trustedAccounts: {
          type: 'array',
          items: { type: 'string', pattern: '^\\d{12}$' },
          description: 'Account ids whose principals are not cross-account, in addition to the config `knownAccounts`.',
        },
      },
    },
    defaultOptions: { trustedAccounts: [] },
    messages: {
      crossAccount:
        '{{statement}} allows {{actions}} to {{principal}} without an sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition; account {{account}} is not a known account, so it decides who can assume the role.',
      ineffectiveCondition:
        '{{statement}} allows {{actions}} to {{principal}}, and its condition does not limit the trust ({{reason}}); account {{account}} is not a known account, so it decides who can assume the role.',
    },
  },
  create(context) {
    const trusted = new Set([...context.settings.knownAccounts, ...context.options.trustedAccounts]);
    return {
      statement(stmt, doc) {
        const actions = allowedTrustActions(stmt, doc);
        if (actions.length === 0) return;
        const foreign = principalValues(stmt, 'AWS')
          .map((node) => ({ node, account: principalAccountId(node.value) }))
          .filter((p): p is typeof p & { account: string } => p.account !== undefined && !trusted.has(p.account));
        if (foreign.length === 0) return;
        const analyses = analyzeConditions(stmt).filter(limitsForeignTrust);
        if (analyses.some((a) => a.restricts) || denyLimitsForeignTrust(doc, actions)) return;
        const weak = analyses.find((a) => !a.restricts);
        const base = { statement: statementLabel(stmt, true), actions: describeActions(actions) };
        for (const { node, account } of foreign) {
          const data = { ...base, principal: describePrincipal(node.value, account), account };
          if (weak) context.report({ node, messageId: 'ineffectiveCondition', data: { ...data, reason: weak.reason ?? '' } });
          else context.report({ node, messageId: 'crossAccount', data });
        }
      },
    };
  },
});

/** `account 444455556666` for an account (id or root ARN), else `<ARN> (account 444455556666)`. */
function describePrincipal(value: string, account: string): string {
  return value === account || /^arn:[^:]+:iam::\d{12}:root$/.test(value) ? `account ${account}` : `${value} (account ${account})`;
}
