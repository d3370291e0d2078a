/**
 * Role trust policies as questions on the normalized model: which statements let someone assume
 * a role, which principals they name (accounts, service principals, web identity providers),
 * and what AWS documents about limiting each of them. Shared by the trust-* rules.
 *
 * AWS documentation:
 * - Role terms and concepts (trust policy): https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
 * - The confused deputy problem: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 * - Create a role for OpenID Connect federation: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
 * - Keys for web identity federation: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
import type { ConditionEntry, Located, PolicyDocument, Statement } from '../engine/model.js';
import { parseArn } from './arn.js';
import { excludesAllButNamed } from './conditions.js';
import { coversAction, isAllow, isDeny } from './statement.js';
import { own } from '../engine/own.js';

/** The STS actions through which a trust policy lets a principal assume the role (or tag its session). */
export const ROLE_TRUST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession'] as const;

export const ASSUME_ROLE_WITH_WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';

/**
 * Is the statement part of a role trust policy? Documents of kind `trust`; also a statement
 * with a Principal and no Resource/NotResource in a document content detection called
 * `resource` (a trust policy with NotAction or `"Action": "*"` is not recognized as one, but
 * every resource-based policy statement needs a Resource).
 */
export function inTrustPolicy(stmt: Statement, doc: PolicyDocument): boolean {
  return doc.kind === 'trust' || (doc.kind === 'resource' && !stmt.resource && stmt.principal !== undefined);
}

/**
 * The role trust actions an Allow statement of a trust policy grants to its `Principal`, in
 * ROLE_TRUST_ACTIONS order; empty for Deny, NotPrincipal, other policy kinds, or no such action.
 */
export function allowedTrustActions(stmt: Statement, doc: PolicyDocument): string[] {
  if (!isAllow(stmt) || !stmt.principal || stmt.principal.negated || !inTrustPolicy(stmt, doc)) return [];
  return ROLE_TRUST_ACTIONS.filter((a) => coversAction(stmt, a));
}

/** `sts:AssumeRole`, `sts:AssumeRole and sts:TagSession`, `a, b and c`. */
export function describeActions(actions: readonly string[]): string {
  return actions.length <= 1 ? actions.join('') : `${actions.slice(0, -1).join(', ')} and ${actions[actions.length - 1]}`;
}

/** The values listed under a principal type (`AWS`, `Service`, `Federated`), as written. */
export function principalValues(stmt: Statement, type: 'AWS' | 'Service' | 'Federated'): Located<string>[] {
  return (stmt.principal?.entries ?? []).filter((e) => e.type.value === type).flatMap((e) => e.values);
}

/** `"Principal": "*"` or `{"AWS": "*"}` (not NotPrincipal): the wildcard values, as written. */
export function wildcardPrincipals(stmt: Statement): Located<string>[] {
  const p = stmt.principal;
  if (!p || p.negated) return [];
  if (p.wildcard) return [p.wildcard];
  return p.entries.filter((e) => e.type.value === 'AWS').flatMap((e) => e.values.filter((v) => v.value === '*'));
}

export interface OutsiderDeny {
  readonly statement: Statement;
  /** Its condition entries, each refusing everyone but the requesters it names. */
  readonly conditions: readonly ConditionEntry[];
}

/**
 * A Deny statement of the trust policy that refuses every one of `actions` to everyone outside
 * the principals, accounts or organizations its conditions name: the "allow broadly, deny
 * outsiders" pattern (`"Effect": "Deny", "Principal": "*", "Condition": {"StringNotEquals":
 * {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`). Every condition entry must be such a test (see
 * `excludesAllButNamed`): another entry would let outsiders escape the Deny.
 */
export function outsiderDeny(doc: PolicyDocument, actions: readonly string[]): OutsiderDeny | undefined {
  for (const stmt of doc.statements) {
    if (!isDeny(stmt) || !inTrustPolicy(stmt, doc) || wildcardPrincipals(stmt).length === 0) continue;
    if (stmt.conditions.length === 0 || !stmt.conditions.every(excludesAllButNamed)) continue;
    if (actions.every((a) => coversAction(stmt, a))) return { statement: stmt, conditions: stmt.conditions };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// AWS principals
// ---------------------------------------------------------------------------------------------

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The 12-digit account of an `AWS` principal value: `111122223333`,
 * `arn:aws:iam::111122223333:root`, `…:role/name`, `…:user/name`,
 * `arn:aws:sts::111122223333:assumed-role/name/session`. Undefined for `*`, unique ids
 * (`AROA…`), and accounts that are not a literal id (`${AWS::AccountId}`, `<ACCOUNT-ID>`).
 */
export function principalAccountId(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const arn = parseArn(value);
  if (!arn || (arn.service !== 'iam' && arn.service !== 'sts')) return undefined;
  return ACCOUNT_ID.test(arn.account) ? arn.account : undefined;
}

// ---------------------------------------------------------------------------------------------
// Service principals
// ---------------------------------------------------------------------------------------------

/** The keys AWS recommends in a service role's trust policy against the cross-service confused deputy. */
export const CONFUSED_DEPUTY_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SourceOrgPaths'] as const;

/**
 * Service principals not expected to carry aws:SourceArn / aws:SourceAccount when they assume a
 * role, so a trust policy cannot use those keys for them.
 *
 * - `ec2.amazonaws.com`: instance-profile roles. EC2 gets the credentials for an instance of
 *   the role's own account (an instance profile can only be attached, with iam:PassRole, in that
 *   account); its documentation shows no source keys for the role trust, and users report that
 *   adding them stops instances from getting credentials (prowler-cloud/prowler#2810).
 *
 * AWS publishes no list of the services that send these keys; service guides that recommend
 * them ("Cross-service confused deputy prevention": SageMaker, CodeBuild, ECS tasks, Lambda, …)
 * are checked. Rules take this list as the default of an `ignoreServices` option.
 */
export const SERVICES_WITHOUT_SOURCE_KEYS: readonly string[] = Object.freeze(['ec2.amazonaws.com']);

// ---------------------------------------------------------------------------------------------
// Web identity providers
// ---------------------------------------------------------------------------------------------

export type WebIdentityProviderKind = 'github' | 'eks' | 'cognito' | 'google' | 'facebook' | 'amazon' | 'gitlab' | 'terraform' | 'oidc';

export interface WebIdentityProvider {
  readonly kind: WebIdentityProviderKind;
  /** The provider part of its condition keys (`token.actions.githubusercontent.com`), as written. */
  readonly keyPrefix: string;
  /** For messages: `GitHub Actions`, `the EKS cluster OIDC provider`, … */
  readonly name: string;
}

/** Providers a `Federated` principal names without a provider ARN. */
const BARE_PROVIDERS: Readonly<Record<string, readonly [WebIdentityProviderKind, string]>> = {
  'cognito-identity.amazonaws.com': ['cognito', 'Amazon Cognito'],
  'accounts.google.com': ['google', 'Google'],
  'graph.facebook.com': ['facebook', 'Facebook'],
  'www.amazon.com': ['amazon', 'Login with Amazon'],
};

/**
 * The web identity provider a `Federated` principal names: an IAM OIDC provider ARN
 * (`arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`) or one of the
 * bare provider names (`cognito-identity.amazonaws.com`, `accounts.google.com`,
 * `graph.facebook.com`, `www.amazon.com`). Undefined for SAML providers and anything else.
 */
export function webIdentityProvider(federated: string): WebIdentityProvider | undefined {
  const bare = own(BARE_PROVIDERS, federated.toLowerCase());
  if (bare) return { kind: bare[0], keyPrefix: federated, name: bare[1] };
  const arn = parseArn(federated);
  if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('oidc-provider/')) return undefined;
  const host = arn.resource.slice('oidc-provider/'.length);
  if (host === '') return undefined;
  const lower = host.toLowerCase();
  if (lower === 'token.actions.githubusercontent.com' || lower.startsWith('token.actions.githubusercontent.com/')) {
    return { kind: 'github', keyPrefix: host, name: 'GitHub Actions' };
  }
  if (/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\//.test(lower)) return { kind: 'eks', keyPrefix: host, name: 'the EKS cluster OIDC provider' };
  if (lower === 'app.terraform.io' || lower.startsWith('app.terraform.io/')) return { kind: 'terraform', keyPrefix: host, name: 'HCP Terraform' };
  if (/(^|\.)gitlab\./.test(lower)) return { kind: 'gitlab', keyPrefix: host, name: 'GitLab' };
  return { kind: 'oidc', keyPrefix: host, name: `the OIDC provider ${host}` };
}

export interface ClaimRequirement {
  /** The condition key (`token.actions.githubusercontent.com:aud`). */
  readonly key: string;
  /** What its value should be, for messages. */
  readonly expected: string;
  /** Who gets in without it, for messages. */
  readonly risk: string;
}

export interface ProviderRequirements {
  /** The `sub` claim must be restricted: the provider issues tokens to subjects outside your control. */
  readonly subject: ClaimRequirement | undefined;
  /** The audience (or app id) claim must be restricted. */
  readonly audience: ClaimRequirement | undefined;
  /** The authentication method reference must be restricted (Cognito: authenticated identities only). */
  readonly amr: ClaimRequirement | undefined;
}

/**
 * What AWS and the providers document for a web identity trust:
 * - GitHub Actions: `sub` (`repo:<owner>/<repo>:…`) and `aud` = `sts.amazonaws.com`
 *   (GitHub "Configuring OpenID Connect in Amazon Web Services"; IAM "Configuring a role for
 *   GitHub OIDC identity provider").
 * - EKS IRSA: `sub` = `system:serviceaccount:<namespace>:<name>` (EKS "Assign IAM roles to
 *   Kubernetes service accounts").
 * - Cognito identity pools: `aud` = the identity pool id, and `amr` = `authenticated` unless the
 *   role is for guests (Cognito "Role trust and permissions").
 * - Google: `accounts.google.com:aud`; Facebook / Login with Amazon: `…:app_id`.
 * - Other OIDC providers (GitLab, HCP Terraform, …): `sub`.
 */
export function providerRequirements(p: WebIdentityProvider): ProviderRequirements {
  const claim = (name: string, expected: string, risk: string): ClaimRequirement => ({ key: `${p.keyPrefix}:${name}`, expected, risk });
  switch (p.kind) {
    case 'github':
      return {
        subject: claim('sub', '"repo:<owner>/<repo>:…"', 'a workflow in any GitHub repository'),
        audience: claim('aud', '"sts.amazonaws.com"', 'a token minted for any audience'),
        amr: undefined,
      };
    case 'eks':
      return { subject: claim('sub', '"system:serviceaccount:<namespace>:<name>"', 'any service account of the cluster'), audience: undefined, amr: undefined };
    case 'cognito':
      return {
        subject: undefined,
        audience: claim('aud', 'the identity pool id', 'an identity of any Cognito identity pool in any account'),
        amr: claim('amr', '"authenticated" (ForAnyValue:StringLike)', 'unauthenticated (guest) identities of the pool'),
      };
    case 'google':
      return { subject: undefined, audience: claim('aud', 'your OAuth client id', 'a Google user signed in to any application'), amr: undefined };
    case 'facebook':
    case 'amazon':
      return { subject: undefined, audience: claim('app_id', 'your application id', `a ${p.name} user of any application`), amr: undefined };
    case 'gitlab':
      return { subject: claim('sub', '"project_path:<group>/<project>:…"', 'a pipeline of any GitLab project'), audience: undefined, amr: undefined };
    case 'terraform':
      return { subject: claim('sub', '"organization:<org>:project:<project>:workspace:<workspace>:run_phase:…"', 'a run of any HCP Terraform organization'), audience: undefined, amr: undefined };
    case 'oidc':
      return { subject: claim('sub', 'the subjects allowed to assume the role', `any identity ${p.name} issues tokens for`), audience: undefined, amr: undefined };
  }
}

/**
 * Who a `sub` pattern admits when it pins the provider's tenant only in appearance: the
 * repository owner of a GitHub subject (`repo:*`, `repo:octo-org*` also matches
 * `octo-org-attacker/…`), the namespace of an EKS service account
 * (`system:serviceaccount:*`), the group of a GitLab project, the organization of an HCP
 * Terraform run. Undefined when the pattern is scoped.
 */
export function broadSubjectScope(kind: WebIdentityProviderKind, value: string): string | undefined {
  const pinned = (prefix: string, separator: string, who: string): string | undefined => {
    if (/^[*?]/.test(value)) return who;
    if (!value.startsWith(prefix)) return undefined;
    const fixed = value.slice(prefix.length).split(/[*?]/)[0];
    return /[*?]/.test(value) && !fixed.includes(separator) ? who : undefined;
  };
  switch (kind) {
    case 'github':
      return pinned('repo:', '/', 'workflows of repositories of any owner');
    case 'eks':
      return pinned('system:serviceaccount:', ':', 'service accounts of any namespace of the cluster');
    case 'gitlab':
      return pinned('project_path:', '/', 'pipelines of projects of any group');
    case 'terraform':
      return pinned('organization:', ':', 'runs of any organization');
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Which assume action each principal calls
// ---------------------------------------------------------------------------------------------

/** The three STS calls that assume a role; sts:TagSession, sts:SetSourceIdentity and sts:SetContext only accompany them. */
export const ASSUME_ROLE_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'] as const;
export type AssumeRoleAction = (typeof ASSUME_ROLE_ACTIONS)[number];

/**
 * How a trust policy principal assumes the role: `aws` (accounts, users, roles, sessions, `*`
 * under AWS) and `service` principals call sts:AssumeRole; a Federated SAML provider
 * (`arn:aws:iam::<account>:saml-provider/<name>`) calls sts:AssumeRoleWithSAML; a Federated
 * OIDC provider (an `oidc-provider/` ARN or cognito-identity.amazonaws.com,
 * accounts.google.com, graph.facebook.com, www.amazon.com) calls sts:AssumeRoleWithWebIdentity.
 */
export type TrustPrincipalKind = 'aws' | 'service' | 'saml' | 'oidc';

/** The kind of a principal value under its type key; undefined for CanonicalUser, unknown types and Federated values that are neither SAML nor OIDC providers. */
export function trustPrincipalKind(type: string, value: string): TrustPrincipalKind | undefined {
  if (type === 'AWS') return 'aws';
  if (type === 'Service') return 'service';
  if (type !== 'Federated') return undefined;
  if (webIdentityProvider(value)) return 'oidc';
  const arn = parseArn(value);
  return arn && arn.service === 'iam' && arn.resource.startsWith('saml-provider/') ? 'saml' : undefined;
}

/** The STS call through which a principal of this kind assumes a role. */
export function assumeActionFor(kind: TrustPrincipalKind): AssumeRoleAction {
  switch (kind) {
    case 'aws':
    case 'service':
      return 'sts:AssumeRole';
    case 'saml':
      return 'sts:AssumeRoleWithSAML';
    case 'oidc':
      return 'sts:AssumeRoleWithWebIdentity';
  }
}

/**
 * IAM Roles Anywhere assumes the role with sts:AssumeRole and always sets the session's source
 * identity and tags, so its trust must allow all three ("Trust model in IAM Roles Anywhere";
 * Access Analyzer "Missing action for roles anywhere trust policy").
 */
export const ROLES_ANYWHERE_SERVICE = 'rolesanywhere.amazonaws.com';
export const ROLES_ANYWHERE_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] as const;

// ---------------------------------------------------------------------------------------------
// GitHub Actions subjects
// ---------------------------------------------------------------------------------------------

/**
 * What a wildcard leaves open in a GitHub Actions `sub` pattern (`repo:<owner>/<repo>:<context>`)
 * that names the owner: `repository` when the repository name has a wildcard (`repo:octo-org/*`),
 * `context` when only the branch, tag, environment or event does (`repo:octo-org/octo-repo:*`),
 * `other` for a wildcard in a customized subject that does not start with `repo:`. Undefined
 * when the value has no wildcard, or leaves the owner open (see `broadSubjectScope`).
 */
export interface GitHubSubjectWildcard {
  readonly open: 'repository' | 'context' | 'other';
  /** `octo-org` (repository) or `octo-org/octo-repo` (context); empty for `other`. */
  readonly pinned: string;
}

export function gitHubSubjectWildcard(value: string): GitHubSubjectWildcard | undefined {
  if (!/[*?]/.test(value) || broadSubjectScope('github', value) !== undefined) return undefined;
  if (!value.startsWith('repo:')) return { open: 'other', pinned: '' };
  const fixed = value.slice('repo:'.length).split(/[*?]/)[0];
  const slash = fixed.indexOf('/');
  const colon = fixed.indexOf(':', slash + 1);
  if (colon < 0) return { open: 'repository', pinned: fixed.slice(0, slash) };
  return { open: 'context', pinned: fixed.slice(0, colon) };
}
