/**
 * Who can use an Allow statement of a resource-based policy (S3 bucket, SQS queue, SNS topic,
 * KMS key, ECR repository, Lambda function, Secrets Manager secret, …) that names everyone:
 * `"Principal": "*"`, `{"AWS": "*"}`, or a `NotPrincipal`.
 *
 * Such a statement is public unless a condition limits who (or from where) a request may come.
 * Built on `conditions.ts`, which tells real restrictions from look-alikes (`...IfExists`,
 * `ForAllValues:` without a Null guard, negated operators, `*` / `0.0.0.0/0` values). Here a
 * restriction counts when its key is about the requester or its network:
 * - keys that identify the principal, its account or organization, or the resource a service
 *   acts for (aws:PrincipalOrgID/OrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:userid,
 *   aws:SourceArn, aws:SourceAccount, aws:SourceOwner, aws:SourceOrgID, aws:PrincipalServiceName);
 * - network keys (aws:SourceVpce, aws:SourceVpc, aws:SourceVpcArn, aws:SourceIp, aws:VpcSourceIp):
 *   only requests from the named endpoint, VPC or address range get in;
 * - service keys that name the caller's account or delegate to an access point:
 *   `kms:CallerAccount` (the AWS-managed key policy pattern, usually with `kms:ViaService`),
 *   `s3:DataAccessPointAccount`, `s3:DataAccessPointArn` (a bucket that delegates access control
 *   to the access points of one account).
 * Keys that narrow the request but let anyone who meets them in do not count: aws:SecureTransport,
 * MFA, time, tags, aws:PrincipalType, aws:PrincipalIsAWSService, kms:ViaService alone, s3:prefix, ….
 *
 * A Deny statement of the same policy that refuses the granted actions on the granted resources
 * to everyone outside a named VPC endpoint, network, account or organization (`"Effect": "Deny",
 * "Principal": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`) also
 * limits who: `outsiderDenyFor` finds it.
 *
 * AWS documentation:
 * - Access Analyzer, how public access is determined:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
 * - Principal "*" (anonymous access): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 * - AWS KMS condition keys kms:CallerAccount, kms:ViaService: https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * - Delegating access control to access points: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html#access-points-delegating-control
 */
import type { ConditionEntry, Located, PolicyDocument, Statement } from '../engine/model.js';
import { analyzeConditions, classifyConditionKey, excludesAllButNamed, onlyWildcards, type ConditionAnalysis } from './conditions.js';
import { expandActionPattern } from './service-data.js';
import { coversAction, isDeny } from './statement.js';
import { wildcardPrincipals } from './trust.js';
import { hasWildcard, wildcardCovers, wildcardIntersects } from './wildcard.js';

/** Service condition keys whose positive test names the caller's account (or its access points). */
const SERVICE_REQUESTER_KEYS: ReadonlySet<string> = new Set(['kms:calleraccount', 's3:dataaccesspointaccount', 's3:dataaccesspointarn']);

function isServiceRequesterKey(key: string): boolean {
  return SERVICE_REQUESTER_KEYS.has(key.toLowerCase());
}

/** The key is about who sends the request or where it comes from (whatever the operator). */
export function isRequesterKey(key: string): boolean {
  const k = classifyConditionKey(key);
  return k.identifies || k.kind === 'vpce' || k.kind === 'network' || isServiceRequesterKey(key);
}

export interface RequesterConditions {
  /** Entries that really limit who (or from where) may use the statement. */
  readonly limiting: readonly ConditionAnalysis[];
  /** Entries on requester keys that let everyone through (IfExists, negated, `*`, …), with a `reason`. */
  readonly weak: readonly ConditionAnalysis[];
  /** Entries on other keys (aws:SecureTransport, kms:ViaService, …): they narrow the request, not who. */
  readonly other: readonly ConditionAnalysis[];
}

/** The statement's condition entries, sorted by whether they limit who can use it. */
export function requesterConditions(stmt: Statement): RequesterConditions {
  const limiting: ConditionAnalysis[] = [];
  const weak: ConditionAnalysis[] = [];
  const other: ConditionAnalysis[] = [];
  for (const a of analyzeConditions(stmt)) {
    if (!isRequesterKey(a.entry.key.value)) other.push(a);
    else if (!a.restricts) weak.push(a);
    else if (isServiceRequesterKey(a.entry.key.value) && a.entry.values.some((v) => hasWildcard(v.value))) {
      weak.push({ ...a, restricts: false, weakness: 'wildcard', reason: `${a.entry.operator.value} on ${a.entry.key.value} with a wildcard value matches more than one account` });
    } else limiting.push(a);
  }
  return { limiting, weak, other };
}

export interface EveryonePrincipal {
  /** Where to report: the `*` value, or the NotPrincipal key. */
  readonly node: Located<unknown>;
  /** As written, for messages: `"Principal": "*"`, `{"AWS": "*"}`, `"NotPrincipal"`. */
  readonly text: string;
  readonly negated: boolean;
}

/**
 * The principal values through which a statement names everyone: each `*` of `"Principal": "*"`
 * or `{"AWS": "*"}`, or the NotPrincipal element (everyone except the listed principals).
 */
export function everyonePrincipals(stmt: Statement): EveryonePrincipal[] {
  const p = stmt.principal;
  if (!p) return [];
  if (p.negated) return [{ node: p.key, text: '"NotPrincipal"', negated: true }];
  return wildcardPrincipals(stmt).map((node) => ({ node, text: p.wildcard ? '"Principal": "*"' : '{"AWS": "*"}', negated: false }));
}

const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);

/**
 * For a Deny statement: the entry is true for every request except those from the principals,
 * accounts, organizations, VPC endpoints, VPCs or address ranges it names, so the Deny refuses
 * everyone else (`StringNotEquals aws:SourceVpce`, `NotIpAddress aws:SourceIp`,
 * `StringNotEquals aws:PrincipalOrgID`). `...IfExists` is fine: an absent key makes the Deny apply.
 */
export function refusesAllButNamed(entry: ConditionEntry): boolean {
  if (excludesAllButNamed(entry)) return true;
  const { base, setOperator } = entry.parsedOperator;
  if (setOperator || entry.values.length === 0) return false;
  const key = classifyConditionKey(entry.key.value);
  if (!(key.kind === 'vpce' || key.kind === 'network' || isServiceRequesterKey(entry.key.value))) return false;
  switch (base) {
    case 'NotIpAddress':
      return entry.values.every((v) => !OPEN_CIDRS.has(v.value.trim()));
    case 'StringNotEquals':
    case 'StringNotEqualsIgnoreCase':
      return true;
    case 'StringNotLike':
    case 'ArnNotLike':
    case 'ArnNotEquals':
      return entry.values.every((v) => !onlyWildcards(v.value));
    default:
      return false;
  }
}

/**
 * A Deny statement of `doc` with `"Principal": "*"` (or `{"AWS": "*"}`) that refuses every action
 * and resource `allow` grants to everyone outside what its conditions name; every one of its
 * condition entries must be such a test (another entry would let outsiders escape the Deny).
 * Undefined when there is none, or when `allow` uses NotAction.
 */
export function outsiderDenyFor(doc: PolicyDocument, allow: Statement): Statement | undefined {
  if (!allow.action || allow.action.negated) return undefined;
  const allowActions = allow.action.values;
  return doc.statements.find(
    (deny) =>
      isDeny(deny) &&
      wildcardPrincipals(deny).length > 0 &&
      deny.conditions.length > 0 &&
      deny.conditions.every(refusesAllButNamed) &&
      allowActions.every((a) => deniesActionPattern(deny, a.value)) &&
      deniesResourcesOf(deny, allow),
  );
}

function deniesActionPattern(deny: Statement, pattern: string): boolean {
  const actions = expandActionPattern(pattern);
  if (actions.length > 0) return actions.every((a) => coversAction(deny, a.fullName));
  const el = deny.action;
  return el !== undefined && !el.negated && el.values.some((d) => wildcardCovers(d.value, pattern, true));
}

function deniesResourcesOf(deny: Statement, allow: Statement): boolean {
  const d = deny.resource;
  const a = allow.resource;
  if (!d) return !a;
  if (!a || a.negated) return !d.negated && d.values.some((v) => /^\*+$/.test(v.value));
  if (d.negated) return a.values.every((r) => !d.values.some((x) => wildcardIntersects(x.value, r.value)));
  return a.values.every((r) => d.values.some((x) => wildcardCovers(x.value, r.value)));
}
