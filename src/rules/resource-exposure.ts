import { defineRule, stringListOption } from '../engine/rule.js';
import { isResourceExposureAction, matchesAny, perOptions, reportBroadGrants } from '../iam/risk-categories.js';
import type { ActionInfo } from '../iam/service-data.js';

interface Options {
  ignoreActions: string[];
}

/** One select function per options value: grantsBroadly caches its work per select function. */
const selections = new Map<string, (a: ActionInfo) => boolean>();

/** `any s3 bucket`, `any iam role or user`, or `every logs resource in the account` for actions without resource ARNs. */
function targetOf(action: ActionInfo): string {
  const types = [...new Set(action.resourceTypes.map((t) => t.name).filter((n) => n.length > 0))];
  return types.length > 0 ? `any ${action.service} ${types.join(' or ')}` : `every ${action.service} resource in the account`;
}

export default defineRule<Options, 'exposureAction' | 'exposureActions'>({
  meta: {
    id: 'resource-exposure',
    docs: {
      description: 'Report Permissions-management and sharing actions allowed on every resource (Cloudsplaining "Resource Exposure")',
      why:
        'Permissions-management actions (the access level comes from the AWS Service Authorization Reference) decide who may use a resource: `s3:PutBucketPolicy`, `s3:PutObjectAcl`, `kms:PutKeyPolicy`, `kms:CreateGrant`, `lambda:AddPermission`, `ecr:SetRepositoryPolicy`, `sns:AddPermission`, `sqs:AddPermission`, `secretsmanager:PutResourcePolicy`, `ram:CreateResourceShare`, `iam:AttachRolePolicy`. ' +
        'Allowed on every resource, they let the principal open any bucket, key, queue or function to another account or to the public, or hand itself more permissions. ' +
        'Actions without resource-level permissions count too (`logs:PutResourcePolicy`, `s3:PutAccountPublicAccessBlock`, `lakeformation:GrantPermissions`): they change account-wide settings. ' +
        'So do a few Write-level actions that share resources with other accounts or everyone: `ram:CreateResourceShare`, `ram:AssociateResourceShare`, `ram:UpdateResourceShare`, `ec2:ModifyImageAttribute`, `ec2:ModifyFpgaImageAttribute`, `rds:ModifyDBSnapshotAttribute`, `rds:ModifyDBClusterSnapshotAttribute`. ' +
        'Not counted: actions the data labels Permissions management although their name says they read (`glue:GetStage`, `glue:ListEntities`) or that only authorize the caller\'s own use of a feature (`glue:UseGlueStudio`, `glue:TestConnection`, `ds:AccessDSData`), and credential actions such as `rds-db:connect` (credentials-exposure reports those). ' +
        'A statement is reported when it allows such actions on `"*"`, on an ARN pattern that names every resource of the type in the accounts and regions it pins (`arn:aws:iam::111122223333:role/*`), or through NotResource; wildcards (`s3:*`) and NotAction are expanded. It is not reported when a condition narrows it (any condition that really restricts, other than `aws:SecureTransport`; `...IfExists`, negated operators and `*` values do not count) or an unconditioned Deny in the same policy takes the action back. ' +
        'Relationship with unscoped-write: that rule reports each Write, Permissions-management or Tagging action entry on `"*"` as a scoping problem (the action supports ARNs, so scope it). This rule is the security view of the same grant: one finding per statement naming what the principal could expose, including actions that take only `"*"`, and it stays silent on ordinary writes; both may fire on one statement, and an `ignore` entry for one does not silence the other. ' +
        'Only identity policies are judged: a resource policy applies only to the resource it is attached to; boundaries, SCPs and RCPs only cap permissions. The bare `*` action is left to full-admin.',
      fix:
        'Grant Permissions-management actions only to administrative roles, on the resources they administer (`arn:aws:s3:::my-app-bucket`, `arn:aws:kms:us-east-1:111122223333:key/…`), or narrow them with a condition (resource tags, `kms:GrantIsForAWSResource`). ' +
        'Guard account-wide settings with an SCP. Accept deliberate grants with `ignoreActions`.',
      recommended: true,
      references: [
        'https://cloudsplaining.readthedocs.io/en/latest/glossary/resource-exposure/',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 7.0,
    tags: ['security', 'resource-exposure'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreActions: stringListOption('Actions to accept on "*", as IAM wildcard patterns (case-insensitive), e.g. ["logs:PutResourcePolicy"].'),
      },
    },
    defaultOptions: { ignoreActions: [] },
    messages: {
      exposureAction: '{{statement}} allows {{action}} on {{resource}}: the principal can grant or change access to {{target}}.',
      exposureActions: '{{statement}} allows {{count}} actions that grant or change access on {{resource}}: {{examples}}.',
    },
  },
  create(context) {
    const select = perOptions(selections, context.options, ({ ignoreActions }) => (a: ActionInfo) => isResourceExposureAction(a) && !matchesAny(ignoreActions, a));
    return { statement: reportBroadGrants(context.report, select, 'exposureAction', 'exposureActions', (a) => ({ target: targetOf(a) })) };
  },
});
