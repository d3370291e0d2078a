import type { PolicyDocument } from '../engine/model.js';
import { defineRule, type RuleContext } from '../engine/rule.js';
import {
  allowedActions,
  ECR_LAYER_UPLOAD_ACTIONS,
  ECR_PUSH_ACTIONS,
  firstGrant,
  grantingDocuments,
  grantsIdentityPermissions,
  judgedWithPolicySet,
  statementLabel,
} from '../iam/ecr.js';

type MessageIds = 'incompletePush';

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'ecr-push-incomplete',
    docs: {
      description: 'Report a partial set of ECR image push actions',
      why: 'A docker push to Amazon ECR calls ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage; missing any one of them makes every push fail part-way, usually only when the pipeline first runs.',
      fix: 'Allow all five push actions on the same repository ARNs (plus ecr:GetAuthorizationToken on "*"), or remove the push actions if the role only pulls.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html',
      ],
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      incompletePush:
        '{{scope}} allows {{present}} (first in {{statement}}) but not {{missing}}: an image push needs all of {{required}}. Add the missing actions on the same repositories.',
    },
  },
  create(context) {
    return {
      'document:exit'(doc) {
        if (!grantsIdentityPermissions(doc) || judgedWithPolicySet(doc, context.policySetsFor(doc))) return;
        check(context, [doc], 'This policy');
      },
      policySet(set) {
        check(context, grantingDocuments(set), `Policy set "${set.name}"`);
      },
    };
  },
});

function check(context: RuleContext<Record<string, never>, MessageIds>, docs: readonly PolicyDocument[], scope: string): void {
  const uploads = allowedActions(docs, ECR_LAYER_UPLOAD_ACTIONS);
  const grant = firstGrant(docs, uploads);
  if (!grant) return;
  const allowed = allowedActions(docs, ECR_PUSH_ACTIONS);
  const missing = ECR_PUSH_ACTIONS.filter((a) => !allowed.includes(a));
  if (missing.length === 0) return;
  context.report({
    node: grant.entry,
    document: grant.document,
    messageId: 'incompletePush',
    data: {
      statement: statementLabel(grant.statement),
      present: allowed.join(', '),
      scope,
      missing: missing.join(', '),
      required: ECR_PUSH_ACTIONS.join(', '),
    },
  });
}
