import type { PolicyDocument } from '../engine/model.js';
import { defineRule, type RuleContext } from '../engine/rule.js';
import {
  allowedActions,
  authTokenStatus,
  ECR_AUTH_TOKEN_ACTION,
  ECR_IMAGE_ACTIONS,
  ECR_REGISTRY_LAYER_ACTIONS,
  firstGrant,
  grantingDocuments,
  grantsIdentityPermissions,
  imageOperations,
  judgedWithPolicySet,
  statementLabel,
} from '../iam/ecr.js';

type MessageIds = 'tokenMissing' | 'tokenOnlyOnArns' | 'tokenDenied';

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'missing-ecr-auth-token',
    docs: {
      description: 'Report ECR image pull or push actions allowed without ecr:GetAuthorizationToken on "*"',
      why: 'Every docker pull or push against Amazon ECR first calls ecr:GetAuthorizationToken. That action supports no resource-level ARN: it is authorized only on Resource "*", and scoped to a repository ARN it never matches. Without it, ecr:BatchGetImage and friends are useless and the SageMaker job, CodeBuild project or ECS task fails at run time with an authorization error. Only grants that move image layers through the registry (ecr:GetDownloadUrlForLayer, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload) are reported: ecr:BatchGetImage or ecr:PutImage alone are also plain API calls that need no token.',
      fix: 'Add a statement allowing ecr:GetAuthorizationToken with Resource "*", next to the pull/push actions scoped to the repository ARNs. In a policy set, one identity policy of the role holding it is enough.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html',
        'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
      ],
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      tokenMissing:
        'ECR {{operation}} actions ({{actions}}) are allowed in {{scope}} (first by {{statement}}), but ecr:GetAuthorizationToken is not allowed on "*": every image {{operation}} fails at run time. Add ecr:GetAuthorizationToken with Resource "*".',
      tokenOnlyOnArns:
        'ecr:GetAuthorizationToken is allowed in {{statement}} only on {{resources}}; it supports no resource ARN, so this grant never matches and the ECR {{operation}} actions allowed in {{scope}} ({{actions}}) fail. Move it to a statement with Resource "*".',
      tokenDenied:
        'ECR {{operation}} actions ({{actions}}) are allowed in {{scope}} (first by {{statement}}), but {{denyStatement}} of {{denyDocument}} denies ecr:GetAuthorizationToken on "*": every image {{operation}} fails.',
    },
  },
  create(context) {
    return {
      'document:exit'(doc) {
        if (!grantsIdentityPermissions(doc) || judgedWithPolicySet(doc, context.policySetsFor(doc))) return;
        check(context, [doc], 'this policy');
      },
      policySet(set) {
        check(context, grantingDocuments(set), `policy set "${set.name}"`);
      },
    };
  },
});

function check(context: RuleContext<Record<string, never>, MessageIds>, docs: readonly PolicyDocument[], scope: string): void {
  const actions = allowedActions(docs, ECR_IMAGE_ACTIONS);
  if (!actions.some((a) => ECR_REGISTRY_LAYER_ACTIONS.includes(a))) return;
  const grant = firstGrant(docs, actions);
  if (!grant) return;
  const token = authTokenStatus(docs);
  if (token.status === 'allowed') return;
  const data = { operation: imageOperations(actions), actions: actions.join(', '), scope, statement: statementLabel(grant.statement) };
  if (token.status === 'missing') {
    context.report({ node: grant.entry, document: grant.document, messageId: 'tokenMissing', data });
  } else if (token.status === 'denied') {
    const { deny } = token;
    context.report({
      node: grant.entry,
      document: grant.document,
      messageId: 'tokenDenied',
      data: { ...data, denyStatement: statementLabel(deny.statement), denyDocument: deny.document.id === grant.document.id ? 'this policy' : deny.document.name },
      related: [{ node: deny.entry, document: deny.document, message: `${ECR_AUTH_TOKEN_ACTION} denied here` }],
    });
  } else {
    for (const g of token.grants) {
      const el = g.statement.resource!;
      const list = el.values.map((v) => `"${v.value}"`).join(', ');
      context.report({
        node: g.entry,
        document: g.document,
        messageId: 'tokenOnlyOnArns',
        data: { ...data, statement: statementLabel(g.statement), resources: el.negated ? `NotResource ${list}` : list },
        related: [{ node: grant.entry, document: grant.document, message: `ECR ${data.operation} allowed here` }],
      });
    }
  }
}
