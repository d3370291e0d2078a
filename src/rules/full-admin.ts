import { defineRule } from '../engine/rule.js';
import { analyzeConditions, type ConditionAnalysis } from '../iam/conditions.js';
import { isEveryActionPattern, isEveryResourcePattern } from '../iam/grant-summary.js';
import { isAllow, statementLabel } from '../iam/statement.js';

type MessageIds = 'fullAdmin' | 'weakCondition';

/**
 * Restricting conditions that still leave the statement full administrator access: they say how
 * the request is authenticated, sent or routed, not who may send it or what it may touch.
 */
const NOT_LIMITING_KINDS: ReadonlySet<string> = new Set(['mfa', 'transport']);

/**
 * Keys that only say which route the request took: through another AWS service
 * (aws:CalledVia*, aws:ViaAWSService) or the AWS MCP Server (aws:IsMcpServiceAction). The
 * principal can route its own requests that way (a CloudFormation stack, an MCP client), so `*`
 * on `*` behind them is still administrator access.
 */
const ROUTE_KEYS: ReadonlySet<string> = new Set(['aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'aws:viaawsservice', 'aws:ismcpserviceaction']);

function isRouteKey(a: ConditionAnalysis): boolean {
  return ROUTE_KEYS.has(a.entry.key.value.toLowerCase());
}

/** A condition entry that really narrows the grant, so the statement is not plain `*` on `*`. */
function limitsGrant(a: ConditionAnalysis): boolean {
  return a.restricts && !NOT_LIMITING_KINDS.has(a.kind) && !isRouteKey(a);
}

/** Why a condition entry leaves the grant unlimited, for the message. */
function whyNotLimiting(a: ConditionAnalysis): string {
  if (a.reason) return a.reason;
  const what = isRouteKey(a)
    ? 'that the request comes through another AWS service or the AWS MCP Server, a route the principal can take itself'
    : a.kind === 'mfa'
      ? 'that the caller signed in with MFA, which the principal can do'
      : 'that the request is sent over TLS, as every AWS SDK and CLI request is';
  return `${a.entry.operator.value} on ${a.entry.key.value} only requires ${what}`;
}

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'full-admin',
    docs: {
      description: 'Report identity-policy statements that allow every action (`*`) on every resource (`*`)',
      why:
        '`"Action": "*"` with `"Resource": "*"` is full administrator access (the AWS managed policy AdministratorAccess): every action of every AWS service, now and in the future, on every resource, including IAM itself, so the holder can grant itself or anyone else anything and remove every guardrail the account has outside SCPs. ' +
        'Any compromise of the principal (a leaked access key, a vulnerable workload, a confused deputy) is a compromise of the whole account. ' +
        'Judges identity policies (and statement fragments). Permissions boundaries are not checked (a boundary allowing `*` is the usual "no cap" boundary), nor SCPs and RCPs (`FullAWSAccess` / `RCPFullAWSAccess` are their defaults), nor resource-based and trust policies (a `*` grant to a principal there is public-access\'s and trust-wildcard-principal\'s finding). ' +
        'Statements with NotAction or NotResource are left to allow-not-action and allow-not-resource; Deny statements take away and are fine. ' +
        'The rule stays silent when the statement carries a condition that really restricts it (as `conditions.ts` judges it): a named network (`aws:SourceIp`, `aws:SourceVpc`, `aws:SourceVpce`), a principal, account or organization test (`aws:PrincipalArn`, `aws:PrincipalTag/…`, `aws:PrincipalOrgID`), a time window (`aws:CurrentTime`), a region (`aws:RequestedRegion`) or resource-tag test, without `...IfExists`, a negated operator, `ForAllValues:` without a Null guard, or a value that matches everything. ' +
        'An MFA test (`aws:MultiFactorAuthPresent`, `aws:MultiFactorAuthAge`), `aws:SecureTransport`, or a route test (`aws:CalledVia`, `aws:ViaAWSService`, `aws:IsMcpServiceAction`) alone does not silence it: an administrator who signs in with MFA, or who sends requests through CloudFormation or the AWS MCP Server, is still an administrator.',
      fix:
        'Grant the actions the principal needs on the resources it uses; for people, prefer job-function policies (ReadOnlyAccess, ViewOnlyAccess, PowerUserAccess with care) or IAM Identity Center permission sets, and keep full administrator access to a few break-glass roles limited by conditions (network, time window, principal). Suppress the finding where an administrator policy is intended.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 9.0,
    tags: ['security'],
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      fullAdmin: '{{statement}} allows every action ({{action}}) on every resource ({{resource}}): full administrator access.',
      weakCondition:
        '{{statement}} allows every action ({{action}}) on every resource ({{resource}}), and its condition does not limit it: {{reason}}. This is full administrator access.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (doc.kind !== 'identity' || !isAllow(stmt) || !stmt.action || stmt.action.negated || !stmt.resource || stmt.resource.negated) return;
        const action = stmt.action.values.find((v) => isEveryActionPattern(v.value));
        const resource = stmt.resource.values.find((v) => isEveryResourcePattern(v.value));
        if (!action || !resource) return;
        const analyses = analyzeConditions(stmt);
        if (analyses.some(limitsGrant)) return;
        const data = { statement: statementLabel(stmt, true), action: action.value, resource: resource.value };
        if (analyses.length === 0) context.report({ node: action, messageId: 'fullAdmin', data });
        else context.report({ node: action, messageId: 'weakCondition', data: { ...data, reason: whyNotLimiting(analyses[0]) } });
      },
    };
  },
});
