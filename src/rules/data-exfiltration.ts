import { defineRule, stringListOption } from '../engine/rule.js';
import { dataExfiltrationOf, matchesAny, perOptions, reportBroadGrants, type RiskSelection } from '../iam/risk-categories.js';
import type { ActionInfo } from '../iam/service-data.js';

interface Options {
  additionalActions: string[];
  ignoreActions: string[];
}

export default defineRule<Options, 'dataAction' | 'dataActions'>({
  meta: {
    id: 'data-exfiltration',
    docs: {
      description: 'Report read actions that return stored data or secrets allowed on every resource (Cloudsplaining "Data Exfiltration")',
      why:
        'Read access without resource constraints is how most cloud data leaks happen: `s3:GetObject` on `"*"` (or `arn:aws:s3:::*/*`) reads every object in every bucket the account can reach, `ssm:GetParameter*` returns SecureString parameters decrypted, `secretsmanager:GetSecretValue` returns every secret. ' +
        'The actions checked are Cloudsplaining\'s list (`s3:GetObject`, `ssm:GetParameter`, `ssm:GetParameters`, `ssm:GetParametersByPath`, `secretsmanager:GetSecretValue`) plus the same data through sibling APIs (`s3:GetObjectVersion`, `ssm:GetParameterHistory`) and DynamoDB item reads (`dynamodb:GetItem`, `BatchGetItem`, `Query`, `Scan`). `kms:Decrypt` is not checked by default (it needs the ciphertext from elsewhere and the key policy gates it again); add it with `additionalActions` if you want it. ' +
        'A statement is reported when it allows one of them on `"*"`, on an ARN pattern that names every resource of the type in the accounts and regions it pins (`arn:aws:s3:::*/*`, `arn:aws:ssm:us-east-1:111122223333:parameter/*`, `arn:aws:dynamodb:*:*:table/*`), or through NotResource; wildcards (`s3:Get*`) and NotAction are expanded. It is not reported when a condition narrows it (any condition that really restricts, other than `aws:SecureTransport`: `s3:ExistingObjectTag/…`, `aws:ResourceTag/…`, `aws:ResourceAccount`, `kms:ViaService`, a VPC endpoint…; `...IfExists`, negated operators and `*` values do not count) or an unconditioned Deny in the same policy takes the action back. ' +
        'AWS\'s ReadOnlyAccess policy is reported, correctly: it allows `s3:GetObject` and DynamoDB reads on every resource. ViewOnlyAccess (List and Describe only) is not. ' +
        'Only identity policies are judged: a resource policy applies only to the resource it is attached to (who it admits is public-access\'s business); boundaries, SCPs and RCPs only cap permissions. The bare `*` action is left to full-admin.',
      fix:
        'Scope the reads to the buckets, prefixes, parameters, secrets and tables the workload owns (`arn:aws:s3:::my-app-data/*`, `arn:aws:ssm:us-east-1:111122223333:parameter/my-app/*`), or narrow them with a condition on resource tags. ' +
        'Accept deliberate grants (an auditing role) with `ignoreActions`.',
      recommended: true,
      references: [
        'https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-policies-s3.html',
        'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html',
        'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
    defaultSeverity: 'warning',
    securitySeverity: 6.0,
    tags: ['security', 'data-exfiltration'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        additionalActions: stringListOption('More actions to treat as reading stored data, as IAM wildcard patterns (case-insensitive), e.g. ["kms:Decrypt"].'),
        ignoreActions: stringListOption('Actions to accept on "*", as IAM wildcard patterns (case-insensitive), e.g. ["dynamodb:*"].'),
      },
    },
    defaultOptions: { additionalActions: [], ignoreActions: [] },
    messages: {
      dataAction: '{{statement}} allows {{action}} on {{resource}}: the principal can read {{yields}}.',
      dataActions: '{{statement}} allows {{count}} actions that read stored data on {{resource}}: {{examples}}.',
    },
  },
  create(context) {
    const { yieldsOf, select } = perOptions(selections, context.options, selection);
    return { statement: reportBroadGrants(context.report, select, 'dataAction', 'dataActions', (a) => ({ yields: yieldsOf(a)! })) };
  },
});

/** One selection per options value: grantsBroadly caches its work per select function. */
const selections = new Map<string, RiskSelection>();

function selection({ additionalActions, ignoreActions }: Options): RiskSelection {
  const yieldsOf = (a: ActionInfo) => dataExfiltrationOf(a)?.yields ?? (matchesAny(additionalActions, a) ? `whatever ${a.fullName} returns, everywhere` : undefined);
  return { yieldsOf, select: (a) => yieldsOf(a) !== undefined && !matchesAny(ignoreActions, a) };
}
