import type { PolicyDocument } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { measurePolicy, resourcePolicyQuota, sharedActionService, type SizeQuota } from '../iam/policy-size.js';

interface Options {
  identityLimit: number;
  trustLimit: number;
  resourceLimit: number;
  scpLimit: number;
  rcpLimit: number;
  ignoreOrganizationsWhitespace: boolean;
}

const WHY = `AWS rejects a policy over its size quota (LimitExceeded, "Cannot exceed quota for PolicySize", MalformedPolicyDocument), so a policy that grew past it breaks the deployment that carries it. The quota depends on the policy kind:

| policy | limit | how it is counted |
|---|---|---|
| identity policy, permissions boundary | 6,144 characters (managed policy; option \`identityLimit\`) | without white space outside strings |
| role trust policy | 2,048 characters (default quota, can be raised to 8,192; option \`trustLimit\`) | without white space |
| service control policy | 10,240 characters (5,120 before May 2026; option \`scpLimit\`) | as written, white space included |
| resource control policy | 5,120 characters (option \`rcpLimit\`) | as written, white space included |
| S3 bucket policy | 20 KB (20,480 bytes) | without white space |
| SQS queue policy | 8,192 bytes | without white space |
| SNS topic policy | 30 KB (30,720 bytes) | without white space |
| KMS key policy | 32 KB (32,768 bytes) | without white space |
| ECR repository policy | 10,240 characters | without white space |
| Lambda function policy | 20 KB (20,480 bytes) | without white space |
| Secrets Manager secret policy | 20,480 characters | without white space |
| DynamoDB resource policy | 20 KB (20,480 bytes) | white space included |
| other resource policies | 20,480 characters (option \`resourceLimit\`) | without white space |

IAM does not count white space. AWS Organizations stores an SCP or RCP exactly as the API, CLI, SDK or infrastructure tool sent it, white space included (only the console strips it); set \`ignoreOrganizationsWhitespace\` if you deploy minified policies. A resource policy's service is taken from its actions when they all share one service prefix; otherwise \`resourceLimit\` applies. Inline policies share an aggregate quota per user (2,048), group (5,120) or role (10,240) that one file cannot show: raise \`identityLimit\` for files that are inline role policies. Where a service does not say how it counts, the policy is measured without white space, so a finding is certain. Statement fragments are not measured.`;

export default defineRule<Options, 'tooLarge' | 'tooLargeWithWhitespace'>({
  meta: {
    id: 'policy-size',
    docs: {
      description: 'Report a policy over the AWS size quota for its kind (managed, trust, SCP/RCP, or the resource policy of its service)',
      why: WHY,
      fix: 'Shorten the policy: merge statements that share Effect, Resource and Condition, replace long action lists with reviewed wildcards (s3:Get*), drop Sids (they count), or split an identity policy into several managed policies. For an SCP or RCP, remove the white space outside strings before saving.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
        'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html',
        'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html',
        'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        identityLimit: { type: 'integer', minimum: 1, description: 'Characters (white space not counted) allowed for identity policies and permissions boundaries: 6,144 for a managed policy; 10,240, 5,120 or 2,048 for the inline policies of a role, group or user (aggregate).' },
        trustLimit: { type: 'integer', minimum: 1, maximum: 8192, description: 'Characters (white space not counted) allowed for a role trust policy: the account\'s "Role trust policy length" quota (default 2,048, adjustable up to 8,192).' },
        resourceLimit: { type: 'integer', minimum: 1, description: 'Characters allowed for a resource policy whose service is not known from its actions.' },
        scpLimit: { type: 'integer', minimum: 1, description: 'Characters allowed for a service control policy.' },
        rcpLimit: { type: 'integer', minimum: 1, description: 'Characters allowed for a resource control policy.' },
        ignoreOrganizationsWhitespace: { type: 'boolean', description: 'Measure SCPs and RCPs without white space outside strings (for policies saved through the console or minified before deployment).' },
      },
    },
    defaultOptions: { identityLimit: 6144, trustLimit: 2048, resourceLimit: 20480, scpLimit: 10240, rcpLimit: 5120, ignoreOrganizationsWhitespace: false },
    messages: {
      tooLarge: 'The policy is {{size}} {{unit}} ({{measure}}), over the {{limit}} {{unit}} AWS allows for {{quota}}; AWS rejects it.',
      tooLargeWithWhitespace:
        'The policy is {{size}} characters as written, over the {{limit}} characters AWS Organizations allows for {{quota}}: the API, CLI and infrastructure tools save it with its white space, which counts. Without white space outside strings it is {{compactSize}} characters.',
    },
  },
  create(context) {
    const o = context.options;
    return {
      document(doc) {
        if (doc.fragment) return;
        const quota = quotaFor(doc, o);
        const size = measurePolicy(doc, quota.unit);
        const root = { value: null, path: [], range: doc.range };
        const counted = quota.countsWhitespace && size.asWritten !== undefined ? size.asWritten : size.compact;
        if (counted <= quota.limit) return;
        const organizations = doc.kind === 'scp' || doc.kind === 'rcp';
        if (organizations && counted !== size.compact && size.compact <= quota.limit) {
          context.report({ node: root, messageId: 'tooLargeWithWhitespace', data: { size: formatCount(counted), limit: formatCount(quota.limit), quota: quota.name, compactSize: formatCount(size.compact) } });
          return;
        }
        context.report({
          node: root,
          messageId: 'tooLarge',
          data: {
            size: formatCount(counted),
            unit: quota.unit,
            measure: counted === size.compact ? 'not counting white space outside strings' : 'as written, white space included',
            limit: formatCount(quota.limit),
            quota: quota.name,
          },
        });
      },
    };
  },
});

function quotaFor(doc: PolicyDocument, o: Readonly<Options>): SizeQuota {
  const iam = (name: string, limit: number): SizeQuota => ({ name, limit, unit: 'characters', countsWhitespace: false });
  const organizations = (name: string, limit: number): SizeQuota => ({ name, limit, unit: 'characters', countsWhitespace: !o.ignoreOrganizationsWhitespace });
  switch (doc.kind) {
    case 'identity':
      return iam('an IAM identity policy', o.identityLimit);
    case 'boundary':
      return iam('a permissions boundary (a managed policy)', o.identityLimit);
    case 'trust':
      return iam('a role trust policy', o.trustLimit);
    case 'scp':
      return organizations('a service control policy', o.scpLimit);
    case 'rcp':
      return organizations('a resource control policy', o.rcpLimit);
    case 'resource': {
      const service = sharedActionService(doc.statements);
      const known = service === undefined ? undefined : resourcePolicyQuota(service);
      if (known) return { ...known, name: `${known.name} (every action is ${service}:…)` };
      return { name: 'a resource policy (option resourceLimit)', limit: o.resourceLimit, unit: 'characters', countsWhitespace: false };
    }
  }
}

/** 6144 → "6,144" (locale-independent). */
function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
