/**
 * Does a statement's Condition really restrict who (or what) can use it?
 *
 * Security rules ask this of an Allow statement that is otherwise too open (`"Principal": "*"`,
 * a whole foreign account, a service principal, an OIDC provider). A condition can look like a
 * restriction and still let everyone through; this module tells the two apart, entry by entry,
 * on the normalized model (`ConditionEntry` with `parsedOperator`).
 *
 * API
 * - `classifyConditionKey(key)`: what a key is about (`kind`), its canonical spelling, and whether
 *   a positive test on it says who the requester is (`identifies`).
 * - `analyzeCondition(entry, stmt?, options?)` / `analyzeConditions(stmt, options?)`: each entry
 *   with `restricts` and, when it does not, the `weakness` and a `reason` for messages.
 * - `restrictingConditions(stmt, options?)`: the entries that really restrict, classified.
 * - `ineffectiveConditions(stmt, options?)`: the entries that look like restrictions but are not.
 * - `restrictsRequester(stmt, options?)`: some entry really limits who may use the statement.
 * - `excludesAllButNamed(entry)`: for Deny statements, the entry refuses everyone outside the
 *   principals, accounts or organizations it names (`StringNotEquals aws:PrincipalOrgID`).
 *
 * What does NOT restrict (an entry is judged on its own; entries are ANDed, so one restricting
 * entry is enough for the statement):
 * - `...IfExists` operators: true when the key is absent from the request, and the keys that
 *   matter here are absent for many requesters (aws:SourceVpce outside a VPC endpoint,
 *   aws:PrincipalOrgID for accounts outside any organization, sts:ExternalId when the caller
 *   sends none, aws:SourceAccount for anyone but a service principal). Callers that know a key is
 *   always present may pass it in `assumePresent`.
 * - `ForAllValues:` without a `Null` guard (`"Null": {"<key>": "false"}` in the same statement):
 *   true when the key is absent or its set is empty. `ForAnyValue:` is false on an empty set, so
 *   it restricts like the plain operator.
 * - Negated operators (`StringNotEquals`, `StringNotLike`, `ArnNotLike`, `NotIpAddress`, …) and
 *   `Bool "false"` on aws:MultiFactorAuthPresent / aws:PrincipalIsAWSService /
 *   aws:ViaAWSService: in an Allow they admit everyone outside the listed values, which is not a
 *   restriction of who. (This module is written for Allow statements; in a Deny a negated
 *   operator is the usual way to carve out an exception.)
 * - A value that matches everything: `*` (or only `*`/`?`) under an operator that honours
 *   wildcards (`StringLike`, `ArnLike`, `ArnEquals`), `0.0.0.0/0` or `::/0` under `IpAddress`,
 *   an ARN with a wildcard account for aws:PrincipalArn / aws:SourceArn (anyone can create a
 *   role or resource of that name in their own account), a wildcard account id, `o-*` for an
 *   organization. Values of one entry are ORed, so one such value is enough.
 * - `Null`: `"false"` only requires the key to be present, `"true"` that it is absent.
 * - An entry without values, or with an operator IAM does not know.
 *
 * Kinds: `org` (aws:PrincipalOrgID/Paths, aws:SourceOrgID/Paths, aws:ResourceOrgID/Paths),
 * `account` (aws:PrincipalAccount, aws:SourceAccount, aws:SourceOwner, aws:ResourceAccount),
 * `sourceArn`, `principalArn`, `userId` (aws:userid, aws:username), `externalId`,
 * `sourceIdentity`, `vpce` (aws:SourceVpce), `network` (aws:SourceIp, aws:SourceVpc,
 * aws:SourceVpcArn, aws:VpcSourceIp), `oidcSub` / `oidcAud` / `oidcAmr` / `oidcClaim`
 * (`<provider>:sub`, `:aud`/`:oaud`/`:azp`/`:app_id`, `:amr`, other claims of a web identity
 * provider such as token.actions.githubusercontent.com, oidc.eks.<region>.amazonaws.com/id/<id>,
 * cognito-identity.amazonaws.com), `saml`, `service` (aws:PrincipalServiceName(sList),
 * aws:PrincipalIsAWSService, aws:CalledVia*, aws:ViaAWSService), `mfa`, `principalAttribute`
 * (aws:PrincipalTag/*, aws:PrincipalType, aws:FederatedProvider), `transport`
 * (aws:SecureTransport), `time`, `session` (sts:RoleSessionName, sts:TransitiveTagKeys,
 * aws:RequestTag/*, aws:TagKeys) and `other`. `scope` says whose attribute an org/account key
 * tests: the principal, the source resource a service acts for, or the resource itself (the
 * role, in a trust policy: that never limits who).
 *
 * AWS documentation:
 * - AWS global condition context keys (Availability of each key):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * - IAM condition operators:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - ...IfExists condition operators:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
 * - Condition operator to check existence of condition keys (Null):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 * - Single-valued vs. multivalued context keys (ForAllValues / ForAnyValue):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * - Keys for web identity and SAML federation (`<provider>:sub`, `:aud`, `:amr`, `saml:*`):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
import type { ConditionEntry, Statement } from '../engine/model.js';
import { parseArn } from './arn.js';
import { own } from '../engine/own.js';

// ---------------------------------------------------------------------------------------------
// Condition keys
// ---------------------------------------------------------------------------------------------

export type RestrictionKind =
  | 'org'
  | 'account'
  | 'sourceArn'
  | 'principalArn'
  | 'userId'
  | 'externalId'
  | 'sourceIdentity'
  | 'vpce'
  | 'network'
  | 'oidcSub'
  | 'oidcAud'
  | 'oidcAmr'
  | 'oidcClaim'
  | 'saml'
  | 'service'
  | 'mfa'
  | 'principalAttribute'
  | 'transport'
  | 'time'
  | 'session'
  | 'other';

/** Whose attribute a key tests. */
export type KeyScope = 'principal' | 'source' | 'resource' | 'network' | 'federated' | 'request';

export interface ConditionKeyClass {
  /** The key as AWS documents it (`aws:PrincipalOrgID`); other keys as written. */
  readonly canonical: string;
  readonly kind: RestrictionKind;
  readonly scope: KeyScope;
  /**
   * A positive test on this key limits who can use the statement: it names the principal, its
   * account or organization, the resource a service principal acts for, or the subject of a
   * web identity token. ExternalId, source identity, network, MFA, tags, audience and time
   * keys narrow the request but let anyone who meets them in.
   */
  readonly identifies: boolean;
  /** For federated keys: the provider part (`token.actions.githubusercontent.com`). */
  readonly provider?: string;
  /** For federated keys: the claim (`sub`, `aud`, `amr`, …), lower case. */
  readonly claim?: string;
}

type KeyRow = readonly [canonical: string, kind: RestrictionKind, scope: KeyScope, identifies: boolean];

const KEY_ROWS: readonly KeyRow[] = [
  ['aws:PrincipalOrgID', 'org', 'principal', true],
  ['aws:PrincipalOrgPaths', 'org', 'principal', true],
  ['aws:SourceOrgID', 'org', 'source', true],
  ['aws:SourceOrgPaths', 'org', 'source', true],
  ['aws:ResourceOrgID', 'org', 'resource', false],
  ['aws:ResourceOrgPaths', 'org', 'resource', false],
  ['aws:PrincipalAccount', 'account', 'principal', true],
  ['aws:SourceAccount', 'account', 'source', true],
  ['aws:SourceOwner', 'account', 'source', true],
  ['aws:ResourceAccount', 'account', 'resource', false],
  ['aws:SourceArn', 'sourceArn', 'source', true],
  ['aws:PrincipalArn', 'principalArn', 'principal', true],
  ['aws:userid', 'userId', 'principal', true],
  ['aws:username', 'userId', 'principal', true],
  ['sts:ExternalId', 'externalId', 'request', false],
  ['sts:SourceIdentity', 'sourceIdentity', 'request', false],
  ['aws:SourceIdentity', 'sourceIdentity', 'request', false],
  ['aws:SourceVpce', 'vpce', 'network', false],
  ['aws:SourceVpc', 'network', 'network', false],
  ['aws:SourceVpcArn', 'network', 'network', false],
  ['aws:SourceIp', 'network', 'network', false],
  ['aws:VpcSourceIp', 'network', 'network', false],
  ['aws:PrincipalServiceName', 'service', 'principal', true],
  ['aws:PrincipalServiceNamesList', 'service', 'principal', true],
  ['aws:PrincipalIsAWSService', 'service', 'principal', false],
  ['aws:CalledVia', 'service', 'request', false],
  ['aws:CalledViaFirst', 'service', 'request', false],
  ['aws:CalledViaLast', 'service', 'request', false],
  ['aws:ViaAWSService', 'service', 'request', false],
  ['aws:MultiFactorAuthPresent', 'mfa', 'principal', false],
  ['aws:MultiFactorAuthAge', 'mfa', 'principal', false],
  ['aws:PrincipalType', 'principalAttribute', 'principal', false],
  ['aws:FederatedProvider', 'principalAttribute', 'principal', false],
  ['aws:SecureTransport', 'transport', 'request', false],
  ['aws:CurrentTime', 'time', 'request', false],
  ['aws:EpochTime', 'time', 'request', false],
  ['aws:TokenIssueTime', 'time', 'request', false],
  ['sts:RoleSessionName', 'session', 'request', false],
  ['sts:TransitiveTagKeys', 'session', 'request', false],
  ['aws:TagKeys', 'session', 'request', false],
];

const KEYS = new Map(KEY_ROWS.map(([canonical, kind, scope, identifies]) => [canonical.toLowerCase(), { canonical, kind, scope, identifies }]));

/** Tag keys with a path: the tag name is part of the key. */
const TAG_PREFIXES: readonly (readonly [prefix: string, kind: RestrictionKind, scope: KeyScope])[] = [
  ['aws:PrincipalTag/', 'principalAttribute', 'principal'],
  ['aws:RequestTag/', 'session', 'request'],
  ['aws:ResourceTag/', 'other', 'resource'],
];

const AUDIENCE_CLAIMS = new Set(['aud', 'oaud', 'azp', 'app_id']);

/**
 * What a condition key is about. Keys are case-insensitive. A key `<provider>:<claim>` whose
 * provider part contains a dot (`token.actions.githubusercontent.com:sub`,
 * `oidc.eks.us-east-1.amazonaws.com/id/ABC:aud`, `accounts.google.com:aud`) is a claim of a
 * web identity token; `saml:*` keys are SAML assertion attributes.
 */
export function classifyConditionKey(key: string): ConditionKeyClass {
  const lower = key.toLowerCase();
  const known = KEYS.get(lower);
  if (known) return known;
  for (const [prefix, kind, scope] of TAG_PREFIXES) {
    if (lower.startsWith(prefix.toLowerCase())) return { canonical: prefix + key.slice(prefix.length), kind, scope, identifies: false };
  }
  const colon = key.lastIndexOf(':');
  if (colon > 0) {
    const provider = key.slice(0, colon);
    const claim = key.slice(colon + 1).toLowerCase();
    if (provider.toLowerCase() === 'saml') return { canonical: key, kind: 'saml', scope: 'federated', identifies: false, provider: 'saml', claim };
    if (provider.includes('.')) {
      const kind: RestrictionKind = claim === 'sub' ? 'oidcSub' : AUDIENCE_CLAIMS.has(claim) ? 'oidcAud' : claim === 'amr' ? 'oidcAmr' : 'oidcClaim';
      return { canonical: key, kind, scope: 'federated', identifies: kind === 'oidcSub', provider, claim };
    }
  }
  return { canonical: key, kind: 'other', scope: 'request', identifies: false };
}

// ---------------------------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------------------------

/** Base operators that hold for the listed values only. */
const POSITIVE_OPERATORS = new Set([
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'NumericEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'ArnEquals',
  'ArnLike',
]);

/** Base operators that hold for every value except the listed ones. */
const NEGATED_OPERATORS = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** Operators whose values may hold `*` and `?` wildcards (ARN operators match each ARN field with wildcards). */
const WILDCARD_OPERATORS = new Set(['StringLike', 'StringNotLike', 'ArnLike', 'ArnEquals', 'ArnNotLike', 'ArnNotEquals']);

/** Bool keys whose `"false"` admits everyone without the attribute (no MFA, not a service). */
const BOOL_FALSE_INVERTS = new Set(['aws:multifactorauthpresent', 'aws:principalisawsservice', 'aws:viaawsservice']);

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

export type Weakness =
  /** The operator is not an IAM operator (IAM rejects the policy). */
  | 'unknownOperator'
  /** `Null` only tests presence or absence. */
  | 'nullCheck'
  /** No values to compare with. */
  | 'noValues'
  /** Negated operator, or `Bool "false"` on an attribute flag: everyone outside the values passes. */
  | 'negated'
  /** `...IfExists`: true when the key is absent. */
  | 'ifExists'
  /** `ForAllValues:` without a Null guard: true when the key is absent or empty. */
  | 'forAllValues'
  /** A value matches every request (`*`, `0.0.0.0/0`, an ARN or account id with a wildcard account). */
  | 'wildcard';

export interface ConditionAnalysis {
  readonly entry: ConditionEntry;
  readonly key: ConditionKeyClass;
  readonly kind: RestrictionKind;
  readonly restricts: boolean;
  /** Why the entry does not restrict; undefined when it does. */
  readonly weakness: Weakness | undefined;
  /** The weakness in words, for messages (`StringEqualsIfExists is also true when aws:SourceVpce is absent`). */
  readonly reason: string | undefined;
}

export interface RestrictingCondition extends ConditionAnalysis {
  readonly restricts: true;
  readonly weakness: undefined;
  readonly reason: undefined;
}

export interface ConditionAnalysisOptions {
  /**
   * Keys known to be present in every request the statement is about: `...IfExists` on them is
   * as strict as the plain operator. Default none.
   */
  readonly assumePresent?: readonly string[];
}

/**
 * Judges one condition entry. `stmt` (the statement holding the entry) lets a `ForAllValues:`
 * test count when the same statement guards the key with `"Null": {"<key>": "false"}`.
 */
export function analyzeCondition(entry: ConditionEntry, stmt?: Statement, options: ConditionAnalysisOptions = {}): ConditionAnalysis {
  const key = classifyConditionKey(entry.key.value);
  const found = findWeakness(entry, key, stmt, options);
  return { entry, key, kind: key.kind, restricts: !found, weakness: found?.weakness, reason: found?.reason };
}

/** Every condition entry of the statement, judged, in source order. */
export function analyzeConditions(stmt: Statement, options: ConditionAnalysisOptions = {}): ConditionAnalysis[] {
  return stmt.conditions.map((c) => analyzeCondition(c, stmt, options));
}

/** The condition entries that really restrict the statement, in source order. */
export function restrictingConditions(stmt: Statement, options: ConditionAnalysisOptions = {}): RestrictingCondition[] {
  return analyzeConditions(stmt, options).filter((a): a is RestrictingCondition => a.restricts);
}

/** The condition entries that look like restrictions but let everyone through, in source order. */
export function ineffectiveConditions(stmt: Statement, options: ConditionAnalysisOptions = {}): ConditionAnalysis[] {
  return analyzeConditions(stmt, options).filter((a) => !a.restricts);
}

/** True when some entry really limits who can use the statement (a restricting test on an identifying key). */
export function restrictsRequester(stmt: Statement, options: ConditionAnalysisOptions = {}): boolean {
  return restrictingConditions(stmt, options).some((r) => r.key.identifies);
}

/** The positive operator a negated one inverts (`StringNotLike` → `StringLike`). */
const POSITIVE_OF: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

/**
 * For a Deny statement: is the entry true for every requester except the ones it names, so the
 * Deny refuses everyone else? That is a negated operator on an identifying key
 * (`"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}`), without a set qualifier and
 * without a value that matches everything. `...IfExists` is fine here: an absent key makes the
 * Deny apply, which only refuses more.
 */
export function excludesAllButNamed(entry: ConditionEntry): boolean {
  const { base, setOperator } = entry.parsedOperator;
  const positive = own(POSITIVE_OF, base);
  const key = classifyConditionKey(entry.key.value);
  return (
    positive !== undefined &&
    !setOperator &&
    key.identifies &&
    entry.values.length > 0 &&
    entry.values.every((v) => matchesEverything(positive, key, v.value) === undefined)
  );
}

function findWeakness(
  entry: ConditionEntry,
  key: ConditionKeyClass,
  stmt: Statement | undefined,
  options: ConditionAnalysisOptions,
): { weakness: Weakness; reason: string } | undefined {
  const op = entry.operator.value;
  const { base, ifExists, setOperator } = entry.parsedOperator;
  const name = entry.key.value;
  const isNull = base === 'Null';
  if (!isNull && !POSITIVE_OPERATORS.has(base) && !NEGATED_OPERATORS.has(base)) {
    return { weakness: 'unknownOperator', reason: `${op} is not an IAM condition operator` };
  }
  if (isNull) {
    const present = entry.values.length > 0 && entry.values.every((v) => v.value.toLowerCase() === 'false');
    return { weakness: 'nullCheck', reason: `Null only tests whether ${name} is ${present ? 'present' : 'absent'}, not its value` };
  }
  if (entry.values.length === 0) return { weakness: 'noValues', reason: `${op} on ${name} lists no values` };
  if (NEGATED_OPERATORS.has(base)) {
    return { weakness: 'negated', reason: `${op} on ${name} matches every value except ${listValues(entry)}` };
  }
  if (base === 'Bool' && BOOL_FALSE_INVERTS.has(name.toLowerCase())) {
    const falseValue = entry.values.find((v) => v.value.toLowerCase() !== 'true');
    if (falseValue) return { weakness: 'negated', reason: `${op} "${falseValue.value}" on ${name} matches the requests without that attribute` };
  }
  const present = options.assumePresent?.some((k) => k.toLowerCase() === name.toLowerCase()) ?? false;
  if (ifExists && !present) return { weakness: 'ifExists', reason: `${op} is also true when ${name} is absent from the request` };
  if (setOperator === 'ForAllValues' && !(stmt && hasPresenceGuard(stmt, name))) {
    return { weakness: 'forAllValues', reason: `${op} is also true when ${name} is absent or empty, and no "Null": {"${name}": "false"} requires it` };
  }
  for (const v of entry.values) {
    const what = matchesEverything(base, key, v.value);
    if (what) return { weakness: 'wildcard', reason: `${op} "${v.value}" on ${name} matches ${what}` };
  }
  return undefined;
}

/** `"Null": {"<key>": "false"}` in the statement: the key must be present. */
function hasPresenceGuard(stmt: Statement, key: string): boolean {
  const lower = key.toLowerCase();
  return stmt.conditions.some(
    (c) =>
      c.parsedOperator.base === 'Null' &&
      !c.parsedOperator.setOperator &&
      c.key.value.toLowerCase() === lower &&
      c.values.length > 0 &&
      c.values.every((v) => v.value.toLowerCase() === 'false'),
  );
}

function listValues(entry: ConditionEntry): string {
  return entry.values.map((v) => `"${v.value}"`).join(', ');
}

/**
 * Only `*` and `?`, at least one `*`: matches every value. A scan rather than the regular
 * expression `^[*?]*\*[*?]*$`, which backtracks quadratically on a long run of `*` ending in
 * another character (a fuzzed 16k-character value took ~200 ms).
 */
export function onlyWildcards(value: string): boolean {
  let star = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 42) star = true;
    else if (c !== 63) return false;
  }
  return star;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * What the value matches when it matches every request the key can describe (for messages:
 * `every value`, `every account`); undefined when it restricts.
 */
function matchesEverything(base: string, key: ConditionKeyClass, value: string): string | undefined {
  if (base === 'IpAddress') return value.trim() === '0.0.0.0/0' || value.trim() === '::/0' ? 'every IP address' : undefined;
  if (!WILDCARD_OPERATORS.has(base)) return undefined;
  if (onlyWildcards(value)) return 'every value';
  switch (key.kind) {
    case 'account':
      return ACCOUNT_ID.test(value) || !/[*?]/.test(value) ? undefined : 'more than one account';
    case 'org':
      return orgPatternIsOpen(key.canonical, value) ? 'every organization' : undefined;
    case 'principalArn':
    case 'sourceArn':
      return openArnPattern(value);
    default:
      return undefined;
  }
}

/** The organization id is not pinned: `o-*` (or `o-*` followed by a path for the Paths keys). */
function orgPatternIsOpen(canonical: string, value: string): boolean {
  const orgId = canonical.endsWith('Paths') ? value.split('/')[0] : value;
  const fixed = orgId.split(/[*?]/)[0];
  return /[*?]/.test(orgId) && fixed.replace(/^o-/i, '').length === 0;
}

/**
 * An ARN pattern that pins no account: a wildcard in the account field
 * (`arn:aws:iam::*:role/deployer`: anyone can create a role of that name in an account of their
 * own), or, for ARNs without an account field (S3 buckets), a resource part of only wildcards.
 */
function openArnPattern(value: string): string | undefined {
  const arn = parseArn(value);
  if (!arn) return /^[*?]/.test(value) ? 'every ARN' : undefined;
  if (arn.account === '') return onlyWildcards(arn.resource) || arn.resource === '' ? 'every resource of that service' : undefined;
  return /[*?]/.test(arn.account) ? 'that name in every account' : undefined;
}
