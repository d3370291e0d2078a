import type { Located, PolicyDocument, Statement } from '../engine/model.js';
import { defineRule, type ReportDescriptor } from '../engine/rule.js';
import { principalIncludesService, servicePrincipals } from '../iam/evaluate.js';
import { actionEntryFor, coversAction, isAllow, isDeny, statementLabel } from '../iam/statement.js';
import {
  ASSUME_ROLE_ACTIONS,
  assumeActionFor,
  describeActions,
  inTrustPolicy,
  ROLES_ANYWHERE_ACTIONS,
  ROLES_ANYWHERE_SERVICE,
  trustPrincipalKind,
  type AssumeRoleAction,
  type TrustPrincipalKind,
} from '../iam/trust.js';
import { hasWildcard } from '../iam/wildcard.js';

const ASSUME_ROLE = 'sts:AssumeRole';

type MessageIds = 'serviceNotTrusted' | 'notAssumable' | 'assumeDenied' | 'mismatchedAction' | 'principalCannotAssume' | 'rolesAnywhereActions';

/** Who calls each assume action, for messages. */
const CALLERS: Readonly<Record<AssumeRoleAction, string>> = {
  'sts:AssumeRole': 'AWS principals (accounts, users, roles) and service principals',
  'sts:AssumeRoleWithSAML': 'a Federated SAML provider (arn:aws:iam::<account>:saml-provider/<name>)',
  'sts:AssumeRoleWithWebIdentity': 'a Federated OIDC provider (an oidc-provider ARN, cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com or www.amazon.com)',
};

const KIND_NAMES: Readonly<Record<TrustPrincipalKind, string>> = {
  aws: 'AWS principal',
  service: 'service principal',
  saml: 'SAML provider',
  oidc: 'OIDC provider',
};

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'trust-service-mismatch',
    docs: {
      description:
        'Report a role trust policy whose assume-role actions do not fit its principals, a Roles Anywhere trust without the actions it needs, or a trust policy that does not let the service named by its policy set (`trustedService`) assume the role',
      why:
        'Each kind of principal assumes a role through one STS call: AWS principals (accounts, users, roles) and service principals call sts:AssumeRole, a Federated SAML provider sts:AssumeRoleWithSAML, a Federated OIDC provider (GitHub Actions, EKS, Cognito, Google, …) sts:AssumeRoleWithWebIdentity. ' +
        'A trust statement that pairs a principal with another call never matches: `"Federated": "…:oidc-provider/…"` with sts:AssumeRole does not let the provider\'s users in, sts:AssumeRoleWithWebIdentity for an account does not let the account in (IAM Access Analyzer "Mismatched action for principal"), and a Deny written that way denies nothing. ' +
        'IAM Roles Anywhere assumes the role with sts:AssumeRole and always sets the source identity and session tags, so its trust must allow sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession (Access Analyzer "Missing action for roles anywhere trust policy"). ' +
        'An execution role is used by a service (SageMaker, CodeBuild, …) that calls sts:AssumeRole as its service principal. If the trust policy of a policy set with `trustedService` does not name that principal, allows only another action (sts:AssumeRoleWithWebIdentity), or denies it, creating the job, notebook or project fails, usually with a message that does not point at the trust policy. ' +
        'Judges role trust policies (kind `trust`, or a resource-based statement with a Principal and no Resource); action wildcards (`sts:*`, `sts:AssumeRole*`) and `"Principal": "*"` fit every caller and are not judged.',
      fix:
        'Pair each principal with its call: `"AWS"` and `"Service"` principals with sts:AssumeRole, a SAML provider with sts:AssumeRoleWithSAML, an OIDC provider with sts:AssumeRoleWithWebIdentity (split principals that need different calls into separate statements). ' +
        'For IAM Roles Anywhere allow `["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]`. ' +
        'For a policy set\'s service, add an Allow statement with `"Principal": {"Service": "<service>"}` and `"Action": "sts:AssumeRole"` (optionally with aws:SourceAccount/aws:SourceArn conditions), and remove any Deny that covers it.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
        'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
        'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
      ],
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      serviceNotTrusted: 'Trust policy {{trust}} does not trust {{service}}, which policy set {{set}} requires (it trusts {{trusted}}); the service cannot assume the role.',
      notAssumable: '{{statement}} trusts {{service}} but allows {{actions}}, not sts:AssumeRole; the service cannot assume the role.',
      assumeDenied: '{{statement}} denies sts:AssumeRole to {{service}}, which policy set {{set}} requires; an explicit Deny always wins, so the service cannot assume the role.',
      mismatchedAction:
        '"{{action}}" in {{statement}} fits none of its principals ({{principals}}): only {{callers}} can call {{action}}, so this entry never matches a request.',
      principalCannotAssume:
        '{{kindName}} "{{principal}}" in {{statement}} assumes a role with {{needed}}, which the statement does not allow (it allows {{allowed}}); this principal cannot assume the role through it.',
      rolesAnywhereActions:
        '{{statement}} trusts {{service}} without {{missing}}: IAM Roles Anywhere assumes the role with sts:AssumeRole and always sets the source identity and session tags, so it needs {{required}}, and creating sessions fails.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (!inTrustPolicy(stmt, doc)) return;
        // A statement the policySet hook reports as notAssumable is left to it (same mismatch, with the set named).
        if (context.policySetsFor(doc).some((set) => set.trust === doc && notAssumableStatement(set.trust, set.trustedService) === stmt)) return;
        for (const finding of mismatches(stmt)) context.report(finding);
      },
      'document:exit'(doc) {
        const trusting = doc.statements.filter((s) => isAllow(s) && inTrustPolicy(s, doc) && s.principal && !s.principal.negated && rolesAnywherePrincipal(s));
        if (trusting.length === 0) return;
        const missing = ROLES_ANYWHERE_ACTIONS.filter((a) => !trusting.some((s) => coversAction(s, a)));
        if (missing.length === 0) return;
        const stmt = trusting[0];
        context.report({
          node: rolesAnywherePrincipal(stmt)!,
          messageId: 'rolesAnywhereActions',
          data: { statement: statementLabel(stmt, true), service: ROLES_ANYWHERE_SERVICE, missing: describeActions(missing), required: describeActions(ROLES_ANYWHERE_ACTIONS) },
        });
      },
      policySet(set) {
        const { trust, trustedService: service } = set;
        if (!trust || !service) return;
        const allows = trust.statements.filter(isAllow);
        const trusting = allows.filter((s) => principalIncludesService(s, service));
        if (trusting.length === 0) {
          const trusted = [...new Set(allows.flatMap((s) => servicePrincipals(s).map((v) => v.value)))];
          const firstAllow = allows[0];
          const first = firstAllow ?? trust.statements[0];
          context.report({
            node: firstAllow?.principal ? firstAllow.principal.node : first ? statementNode(first) : documentNode(trust),
            document: trust,
            messageId: 'serviceNotTrusted',
            data: { trust: trust.name, service, set: set.name, trusted: trusted.length > 0 ? trusted.join(', ') : 'no service principal' },
          });
          return;
        }
        const assumers = trusting.filter((s) => coversAction(s, ASSUME_ROLE));
        if (assumers.length === 0) {
          const stmt = trusting[0];
          const el = stmt.action;
          const actions = !el ? 'no action' : el.negated ? `every action except ${el.values.map((v) => v.value).join(', ')}` : el.values.map((v) => v.value).join(', ');
          context.report({
            node: el ? (el.negated ? el.key : el.node) : statementNode(stmt),
            document: trust,
            messageId: 'notAssumable',
            data: { statement: statementLabel(stmt, true), service, actions },
          });
          return;
        }
        const deny = trust.statements.find(
          (s) => isDeny(s) && s.conditions.length === 0 && !s.conditionKey && principalIncludesService(s, service) && coversAction(s, ASSUME_ROLE),
        );
        if (!deny) return;
        const allow = assumers[0];
        context.report({
          node: actionEntryFor(deny, ASSUME_ROLE) ?? statementNode(deny),
          document: trust,
          messageId: 'assumeDenied',
          data: { statement: statementLabel(deny, true), service, set: set.name },
          related: [{ node: servicePrincipalNode(allow, service), document: trust, message: `${statementLabel(allow, true)} trusts ${service} here` }],
        });
      },
    };
  },
});

function statementNode(stmt: Statement): Located<unknown> {
  return { value: null, path: stmt.path, range: stmt.range };
}

function documentNode(doc: PolicyDocument): Located<unknown> {
  return { value: null, path: [], range: doc.range };
}

function servicePrincipalNode(stmt: Statement, service: string): Located<unknown> {
  const wanted = service.toLowerCase();
  return servicePrincipals(stmt).find((v) => v.value.toLowerCase() === wanted) ?? stmt.principal?.node ?? statementNode(stmt);
}

/** The statement the policySet hook reports as notAssumable: the first Allow trusting the service, when no such statement allows sts:AssumeRole. */
function notAssumableStatement(trust: PolicyDocument, service: string | undefined): Statement | undefined {
  if (!service) return undefined;
  const trusting = trust.statements.filter((s) => isAllow(s) && principalIncludesService(s, service));
  return trusting.length > 0 && !trusting.some((s) => coversAction(s, ASSUME_ROLE)) ? trusting[0] : undefined;
}

function rolesAnywherePrincipal(stmt: Statement): Located<string> | undefined {
  return servicePrincipals(stmt).find((v) => v.value.toLowerCase() === ROLES_ANYWHERE_SERVICE);
}

interface ClassifiedPrincipal {
  readonly node: Located<string>;
  readonly kind: TrustPrincipalKind;
}

/**
 * Assume actions that fit none of the statement's principals (reported at the Action entry),
 * or, when every listed action fits some principal, Allow principals whose own call the
 * statement does not allow (reported at the principal). Statements with `"Principal": "*"`,
 * NotPrincipal or a principal of unknown kind (CanonicalUser, a Federated value that is
 * neither a SAML nor an OIDC provider) are not judged for the first; a principal of unknown
 * kind is skipped for the second.
 */
function mismatches(stmt: Statement): ReportDescriptor<MessageIds>[] {
  const el = stmt.principal;
  if (!el || el.negated || el.wildcard) return [];
  const principals: ClassifiedPrincipal[] = [];
  let unknown = false;
  for (const entry of el.entries) {
    for (const node of entry.values) {
      const kind = trustPrincipalKind(entry.type.value, node.value);
      if (kind) principals.push({ node, kind });
      else unknown = true;
    }
  }
  if (principals.length === 0) return [];
  const statement = statementLabel(stmt);
  const out: ReportDescriptor<MessageIds>[] = [];
  if (!unknown && stmt.action && !stmt.action.negated) {
    for (const entry of stmt.action.values) {
      if (hasWildcard(entry.value)) continue;
      const action = ASSUME_ROLE_ACTIONS.find((a) => a.toLowerCase() === entry.value.toLowerCase());
      if (!action || principals.some((p) => assumeActionFor(p.kind) === action)) continue;
      out.push({
        node: entry,
        messageId: 'mismatchedAction',
        data: { action: entry.value, statement, principals: describePrincipals(principals), callers: CALLERS[action] },
      });
    }
  }
  if (out.length > 0 || !isAllow(stmt)) return out;
  const allowed = ASSUME_ROLE_ACTIONS.filter((a) => coversAction(stmt, a));
  if (allowed.length === 0) return out; // e.g. a statement that only allows sts:TagSession
  for (const p of principals) {
    const needed = assumeActionFor(p.kind);
    if (allowed.includes(needed)) continue;
    out.push({
      node: p.node,
      messageId: 'principalCannotAssume',
      data: { kindName: capitalize(KIND_NAMES[p.kind]), principal: p.node.value, statement, needed, allowed: describeActions(allowed) },
    });
  }
  return out;
}

/** `the OIDC provider "arn:…"`, `2 AWS principals and a SAML provider`. */
function describePrincipals(principals: readonly ClassifiedPrincipal[]): string {
  if (principals.length === 1) return `the ${KIND_NAMES[principals[0].kind]} "${principals[0].node.value}"`;
  const counts = new Map<TrustPrincipalKind, number>();
  for (const p of principals) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => (n === 1 ? `1 ${KIND_NAMES[kind]}` : `${n} ${KIND_NAMES[kind]}s`));
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
