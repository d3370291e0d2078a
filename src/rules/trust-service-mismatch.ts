import type { Located, PolicyDocument, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { principalIncludesService, servicePrincipals } from '../iam/evaluate.js';
import { actionEntryFor, coversAction, isAllow, isDeny, statementLabel } from '../iam/statement.js';

const ASSUME_ROLE = 'sts:AssumeRole';

export default defineRule<Record<string, never>, 'serviceNotTrusted' | 'notAssumable' | 'assumeDenied'>({
  meta: {
    id: 'trust-service-mismatch',
    docs: {
      description: "Report a role trust policy that does not let the service named by its policy set (`trustedService`) assume the role",
      why: 'An execution role is used by a service (SageMaker, CodeBuild, …) that calls sts:AssumeRole as its service principal. If the trust policy does not name that principal, allows only another action (sts:AssumeRoleWithWebIdentity), or denies it, creating the job, notebook or project fails, usually with a message that does not point at the trust policy.',
      fix: 'Add an Allow statement with `"Principal": {"Service": "<service>"}` and `"Action": "sts:AssumeRole"` (optionally with aws:SourceAccount/aws:SourceArn conditions), and remove any Deny that covers it.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
        'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services',
      ],
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      serviceNotTrusted: 'Trust policy {{trust}} does not trust {{service}}, which policy set {{set}} requires (it trusts {{trusted}}); the service cannot assume the role.',
      notAssumable: '{{statement}} trusts {{service}} but allows {{actions}}, not sts:AssumeRole; the service cannot assume the role.',
      assumeDenied: '{{statement}} denies sts:AssumeRole to {{service}}, which policy set {{set}} requires; an explicit Deny always wins, so the service cannot assume the role.',
    },
  },
  create(context) {
    return {
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
