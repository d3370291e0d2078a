import { defineRule, stringListOption } from '../engine/rule.js';
import { analyzeConditions, type ConditionAnalysis } from '../iam/conditions.js';
import { statementLabel } from '../iam/statement.js';
import { allowedTrustActions, describeActions, principalValues, SERVICES_WITHOUT_SOURCE_KEYS } from '../iam/trust.js';

type MessageIds = 'missingSourceCondition' | 'ineffectiveCondition';

/** aws:SourceArn, aws:SourceAccount (and the legacy aws:SourceOwner), aws:SourceOrgID, aws:SourceOrgPaths. */
function tiesToSource(a: ConditionAnalysis): boolean {
  return a.kind === 'sourceArn' || ((a.kind === 'account' || a.kind === 'org') && a.key.scope === 'source');
}

export default defineRule<{ ignoreServices: string[] }, MessageIds>({
  meta: {
    id: 'trust-confused-deputy',
    docs: {
      description: 'Report service principals trusted by a role without an aws:SourceArn, aws:SourceAccount or aws:SourceOrgID condition',
      why:
        'A service principal (`{"Service": "sagemaker.amazonaws.com"}`) is shared by every AWS customer. When the service assumes a role on behalf of a resource (a training job, a build project, a delivery stream), the trust policy can check which resource that is with aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths. Without such a condition the service can be made to assume your role for a resource in another account: the cross-service confused deputy problem. AWS recommends these keys in the trust policy of every service role that supports them ("The confused deputy problem", "Cross-service confused deputy prevention" in the service guides). ' +
        '`...IfExists` operators, `ForAllValues:` without a Null guard, negated operators and values that match every account (`arn:aws:sagemaker:*:*:*`) do not count, and are named in the message. ' +
        `Some services are not known to send the source keys when they assume a role; the \`ignoreServices\` option lists them and defaults to ${SERVICES_WITHOUT_SOURCE_KEYS.join(', ')} (instance-profile roles, which EC2 assumes for instances of the role's own account). ` +
        'Reported at each service principal value. Judges Allow statements of trust policies that grant sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML or sts:TagSession.',
      fix:
        'Add the account and, where you know it, the resource the service acts for: `"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}, "ArnLike": {"aws:SourceArn": "arn:aws:sagemaker:us-east-1:111122223333:*"}}` (no IfExists). If the service does not send these keys, add it to `ignoreServices`.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount',
        'https://docs.aws.amazon.com/sagemaker/latest/dg/security-confused-deputy-prevention.html',
        'https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 5.3,
    tags: ['security'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreServices: stringListOption('Service principals not to report (case-insensitive). Replaces the default list, which holds services that do not send aws:SourceArn/aws:SourceAccount.'),
      },
    },
    defaultOptions: { ignoreServices: [...SERVICES_WITHOUT_SOURCE_KEYS] },
    messages: {
      missingSourceCondition:
        '{{statement}} allows {{actions}} to the service principal {{service}} without an aws:SourceArn or aws:SourceAccount condition: the service can be made to assume the role for resources in other accounts (confused deputy).',
      ineffectiveCondition:
        '{{statement}} allows {{actions}} to the service principal {{service}}, and its condition does not tie the role to your resources: {{reason}}.',
    },
  },
  create(context) {
    const ignored = new Set(context.options.ignoreServices.map((s) => s.toLowerCase()));
    return {
      statement(stmt, doc) {
        const actions = allowedTrustActions(stmt, doc);
        if (actions.length === 0) return;
        const services = principalValues(stmt, 'Service').filter((v) => !ignored.has(v.value.toLowerCase()));
        if (services.length === 0) return;
        const analyses = analyzeConditions(stmt).filter(tiesToSource);
        if (analyses.some((a) => a.restricts)) return;
        const weak = analyses.find((a) => !a.restricts);
        const base = { statement: statementLabel(stmt, true), actions: describeActions(actions) };
        for (const node of services) {
          if (weak) context.report({ node, messageId: 'ineffectiveCondition', data: { ...base, service: node.value, reason: weak.reason ?? '' } });
          else context.report({ node, messageId: 'missingSourceCondition', data: { ...base, service: node.value } });
        }
      },
    };
  },
});
