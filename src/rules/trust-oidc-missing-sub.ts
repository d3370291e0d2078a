import type { Located, Statement } from '../engine/model.js';
import { defineRule, type ReportDescriptor } from '../engine/rule.js';
import { analyzeConditions, type ConditionAnalysis } from '../iam/conditions.js';
import { statementLabel } from '../iam/statement.js';
import {
  allowedTrustActions,
  ASSUME_ROLE_WITH_WEB_IDENTITY,
  broadSubjectScope,
  gitHubSubjectWildcard,
  principalValues,
  providerRequirements,
  webIdentityProvider,
  type ClaimRequirement,
  type WebIdentityProvider,
} from '../iam/trust.js';

type MessageIds = 'missingSub' | 'ineffectiveSub' | 'broadSub' | 'wildcardSub' | 'missingAud' | 'missingAmr';

interface Options {
  ignoreBranchWildcards: boolean;
}

/** Operators whose values are patterns: only there can `repo:*` admit more than it names. */
const PATTERN_OPERATORS = new Set(['StringLike', 'ArnLike', 'ArnEquals']);

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'trust-oidc-missing-sub',
    docs: {
      description: 'Report web identity (OIDC) role trusts that do not restrict the token subject, audience or authentication method',
      why:
        'A role that trusts an OIDC provider with sts:AssumeRoleWithWebIdentity accepts every token that provider signs, unless the trust policy checks its claims. GitHub Actions signs tokens for every workflow of every repository on GitHub, an EKS cluster for every service account, Amazon Cognito for every identity pool of every customer: without a condition on the subject (`<provider>:sub`), anyone who can run a workflow, a pod or get a Cognito identity can assume the role. ' +
        'The rule asks for what AWS and the providers document: GitHub Actions `token.actions.githubusercontent.com:sub` (`repo:<owner>/<repo>:…`) and `:aud` = `sts.amazonaws.com`; EKS `oidc.eks.<region>.amazonaws.com/id/<id>:sub` (`system:serviceaccount:<namespace>:<name>`); Cognito `cognito-identity.amazonaws.com:aud` (the identity pool id) and `:amr` (`authenticated`); Google `accounts.google.com:aud`; Facebook and Login with Amazon `…:app_id`; GitLab, HCP Terraform and other OIDC providers `:sub`. ' +
        'A condition counts only when it really restricts: `...IfExists`, `ForAllValues:` without a Null guard, negated operators and a bare `*` value (StringLike) are reported as ineffective, and a subject pattern that leaves the tenant open is reported on its own (`repo:*` or `repo:octo-org*` admits every repository owner; `system:serviceaccount:*` every namespace). ' +
        'For GitHub Actions, a wildcard that leaves the repository or the branch open is reported too (IAM Access Analyzer "Specific github repo and branch recommended"): `repo:octo-org/*` admits workflows of every repository of the organization, `repo:octo-org/octo-repo:*` every branch, tag, environment and pull request of the repository, so anyone who can push a branch or open a pull request there can assume the role. Set `ignoreBranchWildcards` to accept patterns that name the repository but not the branch. ' +
        'Reported at the Federated principal value. Judges Allow statements of trust policies that grant sts:AssumeRoleWithWebIdentity; SAML providers are not judged.',
      fix:
        'Add the conditions the provider documents, without IfExists, e.g. for GitHub Actions: `"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"}`; for EKS: `"StringEquals": {"oidc.eks.us-west-2.amazonaws.com/id/<id>:sub": "system:serviceaccount:default:my-app"}`; for Cognito: `"StringEquals": {"cognito-identity.amazonaws.com:aud": "<pool id>"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}`.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
        'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
        'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
        'https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 8.1,
    tags: ['security'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreBranchWildcards: {
          type: 'boolean',
          description: 'Accept GitHub Actions subjects that name the repository but use a wildcard for the branch, tag, environment or event (e.g. repo:octo-org/octo-repo:*).',
        },
      },
    },
    defaultOptions: { ignoreBranchWildcards: false },
    messages: {
      missingSub:
        '{{statement}} allows {{action}} to {{provider}} tokens without a condition on {{key}}: {{risk}} can assume the role. Require {{key}} = {{expected}}.',
      ineffectiveSub:
        '{{statement}} allows {{action}} to {{provider}} tokens, but its condition on {{key}} does not restrict the subject ({{reason}}): {{risk}} can assume the role.',
      broadSub:
        '{{statement}} allows {{action}} to {{provider}} tokens whose subject matches {{operator}} "{{value}}", which admits {{scope}}. Name the {{pin}} in {{key}}.',
      wildcardSub:
        '{{statement}} allows {{action}} to {{provider}} tokens whose subject matches {{operator}} "{{value}}": the wildcard admits {{scope}}. Name the repository and branch (or environment) in {{key}}, for example "{{example}}".',
      missingAud: '{{statement}} allows {{action}} to {{provider}} tokens {{problem}}: {{risk}} can assume the role. Require {{key}} = {{expected}}.',
      missingAmr: '{{statement}} allows {{action}} to {{provider}} identities {{problem}}: {{risk}} can assume the role. Require {{key}} = {{expected}}.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (!allowedTrustActions(stmt, doc).includes(ASSUME_ROLE_WITH_WEB_IDENTITY)) return;
        const providers = principalValues(stmt, 'Federated').flatMap((node) => {
          const provider = webIdentityProvider(node.value);
          return provider ? [{ node, provider }] : [];
        });
        if (providers.length === 0) return;
        const analyses = analyzeConditions(stmt);
        for (const { node, provider } of providers) {
          for (const finding of judgeProvider(stmt, node, provider, analyses, context.options)) context.report(finding);
        }
      },
    };
  },
});

function judgeProvider(
  stmt: Statement,
  node: Located<string>,
  provider: WebIdentityProvider,
  analyses: readonly ConditionAnalysis[],
  options: Readonly<Options>,
): ReportDescriptor<MessageIds>[] {
  const req = providerRequirements(provider);
  const base = { statement: statementLabel(stmt, true), action: ASSUME_ROLE_WITH_WEB_IDENTITY, provider: provider.name };
  const out: ReportDescriptor<MessageIds>[] = [];
  const on = (claim: ClaimRequirement) => analyses.filter((a) => a.entry.key.value.toLowerCase() === claim.key.toLowerCase());
  const claimData = (claim: ClaimRequirement) => ({ ...base, key: claim.key, expected: claim.expected, risk: claim.risk });

  if (req.subject) {
    const conditions = on(req.subject);
    const restricting = conditions.filter((a) => a.restricts);
    if (restricting.length === 0) {
      const weak = conditions[0];
      if (weak) out.push({ node, messageId: 'ineffectiveSub', data: { ...claimData(req.subject), reason: weak.reason ?? '' } });
      else out.push({ node, messageId: 'missingSub', data: claimData(req.subject) });
    } else {
      // Entries are ANDed: one entry whose every value is scoped is enough. Values of one entry are ORed.
      const broad = restricting.map((a) => broadValue(provider, a));
      if (broad.every((b) => b !== undefined)) {
        const first = broad[0]!;
        out.push({
          node,
          messageId: 'broadSub',
          data: { ...base, key: req.subject.key, operator: first.operator, value: first.value, scope: first.scope, pin: PIN[provider.kind] ?? 'tenant' },
        });
      } else if (provider.kind === 'github') {
        // The least open entry decides (entries are ANDed); a pinned entry (rank 0) closes the subject.
        const open = restricting.map((a) => openGitHubValue(a, options)).reduce((least, o) => (o.rank < least.rank ? o : least));
        if (open.rank > 0) {
          out.push({ node, messageId: 'wildcardSub', data: { ...base, key: req.subject.key, operator: open.operator, value: open.value, scope: open.scope, example: open.example } });
        }
      }
    }
  }
  for (const [claim, messageId] of [
    [req.audience, 'missingAud'],
    [req.amr, 'missingAmr'],
  ] as const) {
    if (!claim) continue;
    const conditions = on(claim);
    if (conditions.some((a) => a.restricts)) continue;
    const weak = conditions[0];
    const problem = weak ? `with a condition on ${claim.key} that does not restrict it (${weak.reason})` : `without a condition on ${claim.key}`;
    out.push({ node, messageId, data: { ...claimData(claim), problem } });
  }
  return out;
}

const PIN: Partial<Record<WebIdentityProvider['kind'], string>> = {
  github: 'repository owner (repo:<owner>/<repo>:…)',
  eks: 'namespace (system:serviceaccount:<namespace>:<name>)',
  gitlab: 'group (project_path:<group>/<project>:…)',
  terraform: 'organization (organization:<org>:…)',
};

function broadValue(provider: WebIdentityProvider, a: ConditionAnalysis): { operator: string; value: string; scope: string } | undefined {
  if (!PATTERN_OPERATORS.has(a.entry.parsedOperator.base)) return undefined;
  for (const v of a.entry.values) {
    const scope = broadSubjectScope(provider.kind, v.value);
    if (scope) return { operator: a.entry.operator.value, value: v.value, scope };
  }
  return undefined;
}

interface OpenSubject {
  /** 0: every value pinned; 1: the branch, tag, environment or event open; 2: the repository open; 3: the owner open (broadSub's case). */
  readonly rank: number;
  readonly operator: string;
  readonly value: string;
  readonly scope: string;
  readonly example: string;
}

/**
 * How far the values of a GitHub `sub` entry leave the subject open, and its most open value
 * (values of one entry are ORed). A literal operator (StringEquals: `*` is a character) pins.
 */
function openGitHubValue(a: ConditionAnalysis, options: Readonly<Options>): OpenSubject {
  const operator = a.entry.operator.value;
  let most: OpenSubject = { rank: 0, operator, value: '', scope: '', example: '' };
  if (!PATTERN_OPERATORS.has(a.entry.parsedOperator.base)) return most;
  for (const v of a.entry.values) {
    const candidate = classifyGitHubValue(operator, v.value, options);
    if (candidate.rank > most.rank) most = candidate;
  }
  return most;
}

function classifyGitHubValue(operator: string, value: string, options: Readonly<Options>): OpenSubject {
  const at = (rank: number, scope: string, example: string): OpenSubject => ({ rank, operator, value, scope, example });
  if (broadSubjectScope('github', value) !== undefined) return at(3, '', '');
  const open = gitHubSubjectWildcard(value);
  if (!open) return at(0, '', '');
  switch (open.open) {
    case 'repository':
      return at(2, `workflows of every repository of ${open.pinned} that the pattern matches`, `repo:${open.pinned}/<repo>:ref:refs/heads/main`);
    case 'context':
      return at(options.ignoreBranchWildcards ? 0 : 1, `workflows of ${open.pinned} on every branch, tag, environment or pull request that the pattern matches`, `repo:${open.pinned}:ref:refs/heads/main`);
    case 'other':
      return at(options.ignoreBranchWildcards ? 0 : 1, 'every subject that the pattern matches', 'repo:<owner>/<repo>:ref:refs/heads/main');
  }
}
