import { defineRule } from '../engine/rule.js';
import type { Located, PolicyDocument, PolicyKind, Statement, StructureIssue } from '../engine/model.js';
import {
  isRcpFullAwsAccessStatement,
  policyKindName,
  principalRequirement,
  supportsAllow,
  supportsNotAction,
  supportsNotPrincipal,
  supportsResourceElement,
} from '../iam/policy-kind.js';
import { isRcpSupportedService, serviceExists } from '../iam/service-data.js';
import { statementLabel } from '../iam/statement.js';
import { hasWildcard } from '../iam/wildcard.js';

type MessageIds =
  | StructureIssue['messageId']
  | 'principalNotAllowed'
  | 'missingPrincipal'
  | 'missingResourceForKind'
  | 'resourceNotAllowed'
  | 'rcpAllow'
  | 'rcpPrincipal'
  | 'rcpNotAction'
  | 'rcpUnsupportedService';

/** Why a kind has no use for Principal/NotPrincipal, for the principalNotAllowed message. */
const NO_PRINCIPAL_REASON: Readonly<Record<PolicyKind, string>> = {
  identity: 'an identity policy applies to the user, group or role it is attached to (AWS rejects it: "Policy document should not specify a principal")',
  boundary: 'a permissions boundary applies to the user or role it is set on',
  scp: 'an SCP applies to the IAM users and roles of the accounts it is attached to; match principals with conditions such as aws:PrincipalArn instead',
  trust: 'a trust policy names who may assume the role with Principal; exclude principals with conditions such as aws:PrincipalArn instead',
  rcp: 'an RCP applies to "Principal": "*"; exclude principals with conditions such as aws:PrincipalArn instead',
  resource: '',
};

const statementNode = (stmt: Statement): Located<null> => ({ value: null, path: stmt.path, range: stmt.range });

/**
 * Resource-based policies (declared by config or container: content detection takes a
 * statement with a Principal and no Resource for a trust statement), SCPs and RCPs need
 * Resource/NotResource in every statement. Identity policies and boundaries are judged by
 * missingResource (option requireResourceInIdentity); trust policies have none.
 */
function requiresResourceElement(doc: PolicyDocument): boolean {
  return doc.kind === 'scp' || doc.kind === 'rcp' || (doc.kind === 'resource' && doc.kindSource !== 'content');
}

export default defineRule<{ requireResourceInIdentity: boolean }, MessageIds>({
  meta: {
    id: 'policy-structure',
    docs: {
      description:
        'Report missing or unknown policy elements, wrong value types, Action with NotAction, statement fragments, identity statements without Resource, and elements the policy kind does not allow',
      why:
        'AWS rejects a policy whose grammar is wrong (MalformedPolicyDocument), and element names are case-sensitive: an `action` key is not `Action`. A statement fragment copied from documentation is not a policy until it is wrapped in Version and Statement. ' +
        'What a statement may contain also depends on the kind of policy: identity policies, permissions boundaries and service control policies (SCPs) apply to whoever they are attached to and reject Principal/NotPrincipal; ' +
        'resource-based policies must name a Principal or NotPrincipal in every statement; role trust policies must name a Principal and reject Resource/NotResource ("Has prohibited field Resource") and NotPrincipal; ' +
        'resource control policies (RCPs) only deny, require `"Principal": "*"`, do not support NotAction or NotPrincipal, and apply only to the services that support RCPs. ' +
        'Every statement except those of role trust policies must name its resources with Resource or NotResource (S3 rejects a bucket policy statement without one, "Statement is missing required element"; IAM Access Analyzer "Missing resource"); a resource-based policy is judged for it only when the config or its container (for example a CloudFormation bucket policy) says it is one, since content detection cannot tell it from a trust policy. ' +
        'SCPs support the full IAM policy language otherwise (conditions, NotAction, Resource and NotResource in Allow and Deny statements). ' +
        'The kind comes from the config (`overrides[].kind`, policy sets) or, failing that, from the content: a policy whose statements all name a principal and only assume the role is a trust policy, one with any principal a resource-based policy, anything else an identity policy.',
      fix:
        'Follow the IAM JSON policy grammar: top-level Version, Id and Statement; each statement has Effect, one of Action/NotAction, and (in identity policies) one of Resource/NotResource. ' +
        'Remove Principal from identity policies, boundaries and SCPs (use conditions such as aws:PrincipalArn to single out principals); add Principal to every statement of a resource-based or trust policy; drop Resource from trust policies; write RCP statements as Deny with `"Principal": "*"`, Action (not NotAction) and conditions.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
        'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html',
        'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { requireResourceInIdentity: { type: 'boolean', description: 'Report identity-policy statements without Resource/NotResource.' } },
    },
    defaultOptions: { requireResourceInIdentity: true },
    messages: {
      notObject: 'A policy must be a JSON object, found {{found}}.',
      missingStatement: 'The policy has no Statement element.',
      statementType: 'Statement must be an object or an array of objects, found {{found}}.',
      statementNotObject: 'Each statement must be an object, found {{found}}.',
      unknownElement: 'Unknown policy element "{{element}}" (element names are case-sensitive: {{known}}).',
      unknownStatementElement: 'Unknown statement element "{{element}}" (element names are case-sensitive: {{known}}).',
      wrongType: '{{element}} must be {{expected}}, found {{found}}.',
      missingElement: '{{statement}} has no {{element}} element.',
      bothElements: 'A statement cannot have both {{element}} and {{negated}}.',
      invalidEffect: 'Effect must be "Allow" or "Deny" (case-sensitive), found "{{value}}".',
      emptyElement: '{{element}} is an empty list.',
      fragment: 'This is {{what}}, not a policy: it lacks {{lacks}}.',
      missingResource: 'Statement {{index}} of an identity policy has no Resource or NotResource element.',
      principalNotAllowed: '{{statement}} has a {{element}} element, which {{kinds}} do not support: {{reason}}.',
      missingPrincipal: '{{statement}} has no {{element}} element, which {{kind}} requires in every statement.',
      missingResourceForKind: '{{statement}} of {{kind}} has no Resource or NotResource element; every statement of {{kinds}} must name the resources it applies to (only role trust policies have none).',
      resourceNotAllowed: '{{statement}} has a {{element}} element, which a role trust policy does not allow: the role itself is the resource (AWS rejects it with "Has prohibited field Resource").',
      rcpAllow: '{{statement}} has "Effect": "Allow": resource control policies can only deny (Allow is reserved for the AWS-managed RCPFullAWSAccess policy).',
      rcpPrincipal: '{{statement}} of a resource control policy must have "Principal": "*", found {{found}}; narrow it with conditions such as aws:PrincipalOrgID.',
      rcpNotAction: '{{statement}} uses NotAction, which resource control policies do not support; list the denied actions with Action.',
      rcpUnsupportedService: '{{action}} in {{statement}}: {{service}} does not support resource control policies, so an RCP cannot restrict it.',
    },
  },
  create(context) {
    const checkKind = (doc: PolicyDocument, stmt: Statement) => {
      const kind = doc.kind;
      const statement = statementLabel(stmt, true);
      const principal = stmt.principal;
      const requirement = principalRequirement(kind);
      if (principal && (requirement === 'forbidden' || (principal.negated && !supportsNotPrincipal(kind)))) {
        context.report({
          node: principal.key,
          messageId: 'principalNotAllowed',
          data: { statement, element: principal.name, kinds: policyKindName(kind, true), reason: NO_PRINCIPAL_REASON[kind] },
        });
      } else if (!principal && requirement === 'required') {
        context.report({
          node: statementNode(stmt),
          messageId: 'missingPrincipal',
          data: { statement, element: supportsNotPrincipal(kind) ? 'Principal or NotPrincipal' : 'Principal', kind: policyKindName(kind) },
        });
      } else if (requirement === 'everyone' && !principal?.negated && !principal?.wildcard) {
        context.report({
          node: principal ? principal.node : statementNode(stmt),
          messageId: 'rcpPrincipal',
          data: { statement, found: principal ? 'a Principal that names specific principals' : 'no Principal element' },
        });
      }
      if (stmt.resource && !supportsResourceElement(kind)) {
        context.report({ node: stmt.resource.key, messageId: 'resourceNotAllowed', data: { statement, element: stmt.resource.name } });
      }
      if (stmt.effect?.value === 'Allow' && !supportsAllow(kind) && !(kind === 'rcp' && isRcpFullAwsAccessStatement(stmt))) {
        context.report({ node: stmt.effect, messageId: 'rcpAllow', data: { statement } });
      }
      if (stmt.action?.negated && !supportsNotAction(kind)) {
        context.report({ node: stmt.action.key, messageId: 'rcpNotAction', data: { statement } });
      }
      if (kind === 'rcp' && stmt.action && !stmt.action.negated) {
        for (const action of stmt.action.values) {
          const colon = action.value.indexOf(':');
          if (colon <= 0) continue;
          const service = action.value.slice(0, colon);
          // Unknown prefixes are unknown-service's; wildcard prefixes may cover supported services.
          if (hasWildcard(service) || !serviceExists(service) || isRcpSupportedService(service)) continue;
          context.report({ node: action, messageId: 'rcpUnsupportedService', data: { action: action.value, statement: statementLabel(stmt), service: service.toLowerCase() } });
        }
      }
    };

    return {
      document(doc) {
        for (const issue of doc.structureIssues) context.report({ node: issue.at, messageId: issue.messageId, data: issue.data });
        for (const stmt of doc.statements) checkKind(doc, stmt);
        if (!doc.fragment && requiresResourceElement(doc)) {
          for (const stmt of doc.statements) {
            if (stmt.resource) continue;
            context.report({
              node: statementNode(stmt),
              messageId: 'missingResourceForKind',
              data: { statement: statementLabel(stmt, true), kind: policyKindName(doc.kind), kinds: policyKindName(doc.kind, true) },
            });
          }
        }
        if (!context.options.requireResourceInIdentity || doc.fragment || (doc.kind !== 'identity' && doc.kind !== 'boundary')) return;
        for (const stmt of doc.statements) {
          if (!stmt.resource) context.report({ node: statementNode(stmt), messageId: 'missingResource', data: { index: stmt.index } });
        }
      },
    };
  },
});
