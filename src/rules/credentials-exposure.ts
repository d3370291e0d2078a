import { defineRule, stringListOption } from '../engine/rule.js';
import { credentialsExposureOf, matchesAny, perOptions, reportBroadGrants, type RiskSelection } from '../iam/risk-categories.js';
import type { ActionInfo } from '../iam/service-data.js';

interface Options {
  includeEcrAuthorizationToken: boolean;
  additionalActions: string[];
  ignoreActions: string[];
}

export default defineRule<Options, 'credentialsAction' | 'credentialsActions'>({
  meta: {
    id: 'credentials-exposure',
    docs: {
      description: 'Report actions that return credentials or secrets allowed on every resource (Cloudsplaining "Credentials Exposure")',
      why:
        'Some API calls hand the caller credentials: `iam:CreateAccessKey` and `iam:CreateLoginProfile` for any IAM user, `sts:AssumeRole` for any role that trusts the account, `redshift:GetClusterCredentials`, `rds-db:connect`, `lightsail:GetInstanceAccessDetails`, `elasticmapreduce:GetClusterSessionCredentials`, `ec2-instance-connect:SendSSHPublicKey` and others (the list follows Cloudsplaining\'s "AWS API calls that return credentials"). ' +
        'Allowed on `"*"` (or on an ARN pattern that names every resource of the type in the accounts and regions it pins, such as `arn:aws:iam::111122223333:user/*`, or through NotResource), whoever holds the policy can turn it into another identity\'s access, and a leak of these credentials outlives the session that took them. ' +
        'Wildcards and NotAction are expanded; a statement counts when no condition narrows it (any condition that really restricts, other than `aws:SecureTransport`; `...IfExists`, negated operators and `*` values do not) and no unconditioned Deny in the same policy takes the action back. ' +
        '`ecr:GetAuthorizationToken` (and `ecr-public:GetAuthorizationToken`) is not reported by default: it supports no resource ARN, every ECR image pull or push needs it on `"*"`, and the token carries only the caller\'s own ECR permissions; set `includeEcrAuthorizationToken` to report it. ' +
        'Also not reported: `sts:GetSessionToken` (IAM policies cannot control it), `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`, `cognito-identity:GetCredentialsForIdentity` and `cognito-identity:GetOpenIdToken` (public APIs called without AWS credentials: the trust policy or identity pool decides), and `secretsmanager:GetSecretValue` (data-exfiltration reports stored secrets). ' +
        'Only identity policies are judged: a resource policy applies to the resource it is attached to, so "every resource" does not arise there (public-access and the trust rules judge who it admits); boundaries, SCPs and RCPs only cap permissions. The bare `*` action is left to full-admin.',
      fix:
        'Scope the action to the users, roles, clusters or instances that need it (for example `arn:aws:iam::111122223333:user/${aws:username}` for self-service access keys, or the role ARNs a pipeline assumes), or add a condition on the resource tags. ' +
        'Actions that take only `"*"` should sit in a statement of their own, granted only to principals that need them. Accept deliberate grants with `ignoreActions`; add actions your organization considers credentials with `additionalActions`.',
      recommended: true,
      references: [
        'https://cloudsplaining.readthedocs.io/en/latest/glossary/credentials-exposure/',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_assumerole.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 7.0,
    tags: ['security', 'credentials-exposure'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        includeEcrAuthorizationToken: {
          type: 'boolean',
          description: 'Also report ecr:GetAuthorizationToken and ecr-public:GetAuthorizationToken (needed on "*" for every image pull or push).',
        },
        additionalActions: stringListOption('More actions to treat as returning credentials, as IAM wildcard patterns (case-insensitive).'),
        ignoreActions: stringListOption('Actions to accept on "*", as IAM wildcard patterns (case-insensitive), e.g. ["sts:AssumeRole"].'),
      },
    },
    defaultOptions: { includeEcrAuthorizationToken: false, additionalActions: [], ignoreActions: [] },
    messages: {
      credentialsAction: '{{statement}} allows {{action}} on {{resource}}: it gives the caller {{yields}}.',
      credentialsActions: '{{statement}} allows {{count}} actions that give the caller credentials on {{resource}}: {{examples}}.',
    },
  },
  create(context) {
    const { yieldsOf, select } = perOptions(selections, context.options, selection);
    return { statement: reportBroadGrants(context.report, select, 'credentialsAction', 'credentialsActions', (a) => ({ yields: yieldsOf(a)! })) };
  },
});

/** One selection per options value: grantsBroadly caches its work per select function. */
const selections = new Map<string, RiskSelection>();

function selection({ includeEcrAuthorizationToken, additionalActions, ignoreActions }: Options): RiskSelection {
  const yieldsOf = (a: ActionInfo) =>
    credentialsExposureOf(a, includeEcrAuthorizationToken)?.yields ?? (matchesAny(additionalActions, a) ? 'credentials' : undefined);
  return { yieldsOf, select: (a) => yieldsOf(a) !== undefined && !matchesAny(ignoreActions, a) };
}
