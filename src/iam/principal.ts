/**
 * The grammar of Principal/NotPrincipal values: which principal types exist, what a value
 * written under one of them is (account, role, service, identity provider, …), and which
 * values each type accepts. See "AWS JSON policy elements: Principal" in the IAM User Guide.
 */
import { ARN_PARTITIONS, parseArn } from './arn.js';
import { allServicePrefixes } from './service-data.js';
import { editDistance } from './suggest.js';
import { hasWildcard } from './wildcard.js';

/** The principal type keys IAM knows; they are case-sensitive. */
export const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export function isPrincipalType(key: string): key is PrincipalType {
  return (PRINCIPAL_TYPES as readonly string[]).includes(key);
}

/** The principal type a mis-cased key was meant to be (`aws` → `AWS`), if any. */
export function principalTypeIgnoringCase(key: string): PrincipalType | undefined {
  const lower = key.toLowerCase();
  return PRINCIPAL_TYPES.find((t) => t.toLowerCase() === lower);
}

/** Web identity providers that a `Federated` principal names without a provider ARN. */
export const WEB_IDENTITY_PROVIDERS: readonly string[] = ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com'];

/**
 * Service principal names: `<service>.amazonaws.com`, regional forms such as
 * `logs.us-east-1.amazonaws.com`, China (`.amazonaws.com.cn`), the isolated and sovereign
 * partitions' domains, and the few `.amazon.com` principals (Alexa skills).
 */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9._-]*\.(amazonaws\.com(\.cn)?|amazon\.com|amazonaws\.eu|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$/i;
const ACCOUNT_ID = /^\d{12}$/;
const CANONICAL_USER = /^[0-9a-f]{64}$/i;
/** IAM unique IDs of users (AIDA…) and roles (AROA…): what a policy shows after the user or role was deleted. */
const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{12,}$/;
/** CloudFront origin access identities are IAM users of the pseudo-account `cloudfront`. */
const CLOUDFRONT_OAI = /^user\/CloudFront Origin Access Identity [A-Z0-9]+$/;

export type PrincipalValueKind =
  /** `*` */
  | 'everyone'
  /** `123456789012` */
  | 'account-id'
  /** `arn:aws:iam::123456789012:root` */
  | 'account'
  | 'user'
  | 'role'
  /** `arn:aws:sts::123456789012:assumed-role/Role/Session` */
  | 'assumed-role'
  /** `arn:aws:sts::123456789012:federated-user/Name` */
  | 'federated-user'
  | 'cloudfront-oai'
  | 'group'
  | 'saml-provider'
  | 'oidc-provider'
  | 'service'
  | 'web-identity-provider'
  | 'canonical-user'
  | 'unique-id'
  /** An ARN that names no kind of principal (`arn:aws:s3:::bucket`, `arn:aws:iam::1…:policy/x`). */
  | 'other-arn'
  | 'unknown';

export interface PrincipalValueInfo {
  readonly kind: PrincipalValueKind;
  /**
   * Why a recognisable principal ARN is nevertheless invalid, as a phrase for messages
   * (`the account must be a 12-digit account ID`). Wildcards are `problem: 'wildcard'`.
   */
  readonly problem?: 'wildcard' | string;
}

/** Every value each principal type accepts. */
const ACCEPTED: Readonly<Record<PrincipalType, ReadonlySet<PrincipalValueKind>>> = {
  AWS: new Set(['everyone', 'account-id', 'account', 'user', 'role', 'assumed-role', 'federated-user', 'cloudfront-oai']),
  Service: new Set(['service']),
  Federated: new Set(['saml-provider', 'oidc-provider', 'web-identity-provider']),
  CanonicalUser: new Set(['canonical-user']),
};

export function principalTypeAccepts(type: PrincipalType, kind: PrincipalValueKind): boolean {
  return ACCEPTED[type].has(kind);
}

/** The principal type whose values are of this kind (undefined for kinds no type accepts). */
export function principalTypeFor(kind: PrincipalValueKind): PrincipalType | undefined {
  return PRINCIPAL_TYPES.find((t) => ACCEPTED[t].has(kind));
}

/** A phrase naming the kind, for messages: `an IAM role ARN`, `a service principal`. */
export function describePrincipalKind(kind: PrincipalValueKind): string {
  switch (kind) {
    case 'everyone':
      return 'the wildcard for everyone';
    case 'account-id':
      return 'an AWS account ID';
    case 'account':
      return 'an AWS account ARN';
    case 'user':
      return 'an IAM user ARN';
    case 'role':
      return 'an IAM role ARN';
    case 'assumed-role':
      return 'an assumed-role session ARN';
    case 'federated-user':
      return 'a federated-user session ARN';
    case 'cloudfront-oai':
      return 'a CloudFront origin access identity';
    case 'group':
      return 'an IAM group ARN';
    case 'saml-provider':
      return 'a SAML provider ARN';
    case 'oidc-provider':
      return 'an OIDC provider ARN';
    case 'service':
      return 'a service principal';
    case 'web-identity-provider':
      return 'a web identity provider';
    case 'canonical-user':
      return 'an Amazon S3 canonical user ID';
    case 'unique-id':
      return 'an IAM unique ID';
    case 'other-arn':
      return 'an ARN that names no principal';
    case 'unknown':
      return 'not a principal';
  }
}

/** What a principal value is, whatever type key it was written under. */
export function classifyPrincipal(value: string): PrincipalValueInfo {
  if (value === '*') return { kind: 'everyone' };
  if (ACCOUNT_ID.test(value)) return { kind: 'account-id' };
  if (value.startsWith('arn:')) return classifyPrincipalArn(value);
  if (UNIQUE_ID.test(value)) return { kind: 'unique-id' };
  if (CANONICAL_USER.test(value)) return { kind: 'canonical-user' };
  if (WEB_IDENTITY_PROVIDERS.includes(value.toLowerCase())) return { kind: 'web-identity-provider' };
  if (SERVICE_PRINCIPAL.test(value)) return { kind: 'service' };
  return { kind: 'unknown' };
}

function classifyPrincipalArn(value: string): PrincipalValueInfo {
  const arn = parseArn(value);
  if (!arn) return { kind: 'other-arn', problem: 'an ARN has six colon-separated fields: arn:partition:service:region:account:resource' };
  const { kind, shape } = principalArnKind(arn.service, arn.resource, arn.account);
  if (hasWildcard(value)) return { kind, problem: 'wildcard' };
  if (kind === 'other-arn') return { kind };
  let problem: string | undefined;
  if (!ARN_PARTITIONS.includes(arn.partition)) problem = `"${arn.partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, …)`;
  else if (arn.region !== '') problem = `${arn.service.toUpperCase()} principal ARNs have no region, found "${arn.region}"`;
  else if (kind !== 'cloudfront-oai' && !ACCOUNT_ID.test(arn.account)) problem = arn.account === '' ? 'the account ID is missing' : `the account "${arn.account}" is not a 12-digit account ID`;
  else if (shape) problem = shape;
  return problem ? { kind, problem } : { kind };
}

/** The principal kind of an IAM or STS ARN resource, and what is wrong with its shape. */
function principalArnKind(service: string, resource: string, account: string): { kind: PrincipalValueKind; shape?: string } {
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const rest = slash < 0 ? '' : resource.slice(slash + 1);
  const named = (kind: PrincipalValueKind, form: string) => (rest === '' || rest.endsWith('/') ? { kind, shape: `expected ${form}` } : { kind });
  if (service === 'iam') {
    if (resource === 'root') return { kind: 'account' };
    if (account === 'cloudfront' && CLOUDFRONT_OAI.test(resource)) return { kind: 'cloudfront-oai' };
    if (type === 'user') return named('user', 'user/<name> (or user/<path>/<name>)');
    if (type === 'role') return named('role', 'role/<name> (or role/<path>/<name>)');
    if (type === 'group') return { kind: 'group' };
    if (type === 'saml-provider') return named('saml-provider', 'saml-provider/<name>');
    if (type === 'oidc-provider') return named('oidc-provider', 'oidc-provider/<provider URL without https://>');
  } else if (service === 'sts') {
    if (type === 'assumed-role') {
      const parts = rest.split('/');
      return parts.length === 2 && parts.every((p) => p !== '') ? { kind: 'assumed-role' } : { kind: 'assumed-role', shape: 'expected assumed-role/<role name>/<session name>' };
    }
    if (type === 'federated-user') return named('federated-user', 'federated-user/<name>');
  }
  return { kind: 'other-arn' };
}

// ---------------------------------------------------------------------------------------------
// Service principal names
// ---------------------------------------------------------------------------------------------

/**
 * Service principals whose first label is not an IAM service prefix (so the service data
 * does not list them). Prefixes themselves come from the data: most services' principal is
 * `<prefix>.amazonaws.com`.
 */
const EXTRA_SERVICE_PRINCIPAL_NAMES = [
  'airflow-env',
  'application-insights',
  'cloudwatch-crossaccount',
  'config-conforms',
  'config-multiaccountsetup',
  'ec2fleet',
  'ecs-tasks',
  'edgelambda',
  'eks-connector',
  'eks-fargate',
  'eks-fargate-pods',
  'eks-nodegroup',
  'emr-containers',
  'lexv2',
  'macie',
  'monitoring',
  'opensearchservice',
  'replication',
  'spotfleet',
  'transitgateway',
  'vmie',
  'vpc-flow-logs',
];

let knownServiceNames: ReadonlySet<string> | undefined;

function serviceNames(): ReadonlySet<string> {
  knownServiceNames ??= new Set([...allServicePrefixes(), ...EXTRA_SERVICE_PRINCIPAL_NAMES]);
  return knownServiceNames;
}

/**
 * The known service principal a single-label service principal (`sagemker.amazonaws.com`) was
 * probably meant to be (`sagemaker.amazonaws.com`), or undefined. Only close misspellings of
 * names of five or more characters are suggested (one edit; two from ten characters); names
 * that differ only in hyphens (`application-insights` vs the prefix `applicationinsights`)
 * are taken as written, since service principals and prefixes often differ that way.
 */
export function suggestServicePrincipal(value: string): string | undefined {
  const lower = value.toLowerCase();
  const dot = lower.indexOf('.');
  if (dot < 0) return undefined;
  const name = lower.slice(0, dot);
  const domain = lower.slice(dot + 1);
  if (domain !== 'amazonaws.com' && domain !== 'amazonaws.com.cn') return undefined;
  if (name.length < 5 || serviceNames().has(name)) return undefined;
  const limit = name.length >= 10 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const known of serviceNames()) {
    if (Math.abs(known.length - name.length) > limit) continue;
    if (known.replaceAll('-', '') === name.replaceAll('-', '')) return undefined;
    const d = editDistance(name, known, limit);
    if (d < bestDistance || (d === bestDistance && best !== undefined && known < best)) {
      best = known;
      bestDistance = d;
    }
  }
  return best === undefined ? undefined : `${best}.${domain}`;
}
