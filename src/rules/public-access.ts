import type { Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { describeActionSet, describeResourceSet, describeServices, listInWords } from '../iam/grant-summary.js';
import { everyonePrincipals, outsiderDenyFor, requesterConditions } from '../iam/public-grant.js';
import { coversAction, isAllow, statementLabel } from '../iam/statement.js';
import { ROLE_TRUST_ACTIONS } from '../iam/trust.js';
import { wildcardMatch } from '../iam/wildcard.js';

type MessageIds = 'publicAccess' | 'weakCondition' | 'notLimitingWho' | 'notPrincipal';

/**
 * A statement without Resource that covers a role trust action is a role trust statement in a
 * policy detected as resource-based: trust-wildcard-principal judges it. (ECR repository policies
 * also have no Resource, but grant ECR actions.)
 */
function isTrustStatement(stmt: Statement): boolean {
  return !stmt.resource && ROLE_TRUST_ACTIONS.some((a) => coversAction(stmt, a));
}

export default defineRule<{ ignoreResources: string[] }, MessageIds>({
  meta: {
    id: 'public-access',
    docs: {
      description: 'Report resource-based policy statements that allow everyone (`"Principal": "*"`, `{"AWS": "*"}` or NotPrincipal) without a condition that limits who',
      why:
        'In a resource-based policy (S3 bucket, SQS queue, SNS topic, KMS key, ECR repository, Lambda function, Secrets Manager secret, OpenSearch domain, …) `"Principal": "*"` or `{"AWS": "*"}` in an Allow grants the actions to every AWS account in the world and, for services that accept unsigned requests, to anonymous callers; an Allow with NotPrincipal grants them to everyone except the listed principals. IAM Access Analyzer reports such resources as public. ' +
        'The rule stays silent when the statement has a condition that really limits who or from where (see `public-grant.ts` and `conditions.ts`): aws:PrincipalOrgID / aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn with an account, aws:SourceArn / aws:SourceAccount / aws:SourceOwner (a service acting for your resources), aws:SourceVpce, aws:SourceVpc, aws:SourceIp with a range other than 0.0.0.0/0, kms:CallerAccount (the KMS pattern with kms:ViaService), s3:DataAccessPointAccount; or when a Deny statement of the same policy refuses the same actions and resources to everyone outside a named VPC endpoint, network, account or organization. ' +
        'Conditions that only look like limits are reported with their reason: `...IfExists` (aws:SourceVpce is absent outside a VPC endpoint), negated operators, `ForAllValues:` without a Null guard, `*` or `0.0.0.0/0` values. Keys that narrow the request but not who sends it (aws:SecureTransport, kms:ViaService alone, MFA, tags, s3:prefix, lambda:FunctionUrlAuthType) are reported too. ' +
        'Judges resource-based policies only: role trust policies are trust-wildcard-principal\'s, and a Deny statement with `"Principal": "*"` (deny insecure transport, deny outside the organization) only takes away.',
      fix:
        'Name the principals (accounts, roles, service principals) that need access, or keep `"Principal": "*"` and add a condition on who: `"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}`, `{"aws:SourceVpce": "vpce-1a2b3c4d"}`, or `{"aws:SourceArn": …}` / `{"aws:SourceAccount": …}` for a service principal, without IfExists. Serve public website content through CloudFront with origin access control instead of a public bucket, and accept deliberate public resources with the `ignoreResources` option.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
        'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 9.1,
    tags: ['security'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreResources: {
          type: 'array',
          items: { type: 'string' },
          description:
            'Resource ARN patterns (IAM wildcards) that are public on purpose, e.g. ["arn:aws:s3:::example-website/*"]. A statement is accepted when every one of its Resource entries matches a pattern.',
        },
      },
    },
    defaultOptions: { ignoreResources: [] },
    messages: {
      publicAccess: '{{statement}} is public ({{service}}): it allows {{actions}} on {{resources}} to anyone ({{principal}}), with no condition on who.',
      weakCondition:
        '{{statement}} is public ({{service}}): it allows {{actions}} on {{resources}} to anyone ({{principal}}), and its condition does not limit who: {{reason}}.',
      notLimitingWho:
        '{{statement}} is public ({{service}}): it allows {{actions}} on {{resources}} to anyone ({{principal}}); its conditions on {{keys}} narrow the request but not who sends it.',
      notPrincipal:
        '{{statement}} is public ({{service}}): it allows {{actions}} on {{resources}} to every principal except {{excluded}} (NotPrincipal), with no condition on who.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreResources;
    const isIgnored = (stmt: Statement) =>
      ignored.length > 0 &&
      stmt.resource !== undefined &&
      !stmt.resource.negated &&
      stmt.resource.values.length > 0 &&
      stmt.resource.values.every((r) => ignored.some((pattern) => wildcardMatch(pattern, r.value)));
    return {
      statement(stmt, doc) {
        if (doc.kind !== 'resource' || !isAllow(stmt) || isTrustStatement(stmt)) return;
        const everyone = everyonePrincipals(stmt).filter((e) => !(e.negated && stmt.principal?.wildcard));
        if (everyone.length === 0 || isIgnored(stmt)) return;
        const conditions = requesterConditions(stmt);
        if (conditions.limiting.length > 0 || outsiderDenyFor(doc, stmt)) return;
        const base = {
          statement: statementLabel(stmt, true),
          service: describeServices(stmt),
          actions: describeActionSet(stmt),
          resources: describeResourceSet(stmt),
        };
        for (const e of everyone) {
          if (e.negated) {
            const excluded = (stmt.principal?.entries ?? []).flatMap((entry) => entry.values.map((v) => v.value));
            context.report({ node: e.node, messageId: 'notPrincipal', data: { ...base, excluded: listInWords(excluded) } });
          } else if (conditions.weak.length > 0) {
            context.report({ node: e.node, messageId: 'weakCondition', data: { ...base, principal: e.text, reason: conditions.weak[0].reason ?? '' } });
          } else if (conditions.other.length > 0) {
            const keys = [...new Set(conditions.other.map((c) => c.entry.key.value))];
            context.report({ node: e.node, messageId: 'notLimitingWho', data: { ...base, principal: e.text, keys: listInWords(keys) } });
          } else {
            context.report({ node: e.node, messageId: 'publicAccess', data: { ...base, principal: e.text } });
          }
        }
      },
    };
  },
});
