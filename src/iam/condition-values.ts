/**
 * What the value of a particular condition key must look like, beyond the operator's own format
 * (condition-types.ts): Region codes, VPC and VPC endpoint IDs, KMS key ARNs, service principal
 * names, epoch dates, CIDR ranges with host bits, private IP ranges, wildcards under operators
 * that compare literally, and condition entries that match every request or none.
 *
 * These are the value checks of IAM Access Analyzer's policy validation ("IAM policy validation
 * check reference": Invalid Region, Invalid vpc format, Invalid vpce format, Invalid kms key
 * value, Invalid service principal format, Invalid date value, Improve IP range, Wildcard without
 * like operator, Private IP address, Redundant key due to wildcard in condition, Equivalent to
 * null true/false, Redundant condition value num):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 *
 * Values holding policy variables (`${aws:username}`) or documentation placeholders are the
 * caller's to skip: they are not literal values.
 */
import { isIPv6 } from 'node:net';
import type { ConditionEntry } from '../engine/model.js';
import { isIpAddressOrCidr } from './condition-types.js';
import { hasWildcard, wildcardIntersects, wildcardMatch } from './wildcard.js';
import { own } from '../engine/own.js';

// ---------------------------------------------------------------------------------------------
// Which keys hold which kind of value
// ---------------------------------------------------------------------------------------------

export type KeyValueKind = 'region' | 'vpcId' | 'vpceId' | 'kmsKeyArn' | 'servicePrincipal' | 'viaService';

/**
 * Keys whose value is one of these kinds (lower case). Region keys: aws:RequestedRegion and the
 * service keys documented as holding a Region code. Service principal keys: the global keys
 * whose values are service principals (aws:PrincipalServiceName, aws:CalledVia…) and
 * iam:PassedToService / iam:AWSServiceName. kms:ViaService takes `service.region.amazonaws.com`
 * (AWS KMS developer guide, "kms:ViaService"). The KMS key ARN keys are the S3 SSE-KMS keys,
 * whose value "must be the key ARN" (Amazon S3 user guide, "Specifying server-side encryption
 * with AWS KMS").
 */
const KEY_VALUE_KINDS: ReadonlyMap<string, KeyValueKind> = new Map([
  ['aws:requestedregion', 'region'],
  ['ec2:region', 'region'],
  ['kms:primaryregion', 'region'],
  ['kms:replicaregion', 'region'],
  ['secretsmanager:addreplicaregions', 'region'],
  ['secretsmanager:secretprimaryregion', 'region'],
  ['account:targetregion', 'region'],
  ['cloudformation:targetregion', 'region'],
  ['ses:replicaregion', 'region'],
  ['sso:primaryregion', 'region'],
  ['identitystore:primaryregion', 'region'],
  ['dsql:witnessregion', 'region'],
  ['aws:sourcevpc', 'vpcId'],
  ['aws:sourcevpce', 'vpceId'],
  ['s3:x-amz-server-side-encryption-aws-kms-key-id', 'kmsKeyArn'],
  ['s3express:x-amz-server-side-encryption-aws-kms-key-id', 'kmsKeyArn'],
  ['aws:principalservicename', 'servicePrincipal'],
  ['aws:principalservicenameslist', 'servicePrincipal'],
  ['aws:calledvia', 'servicePrincipal'],
  ['aws:calledviafirst', 'servicePrincipal'],
  ['aws:calledvialast', 'servicePrincipal'],
  ['iam:passedtoservice', 'servicePrincipal'],
  ['iam:awsservicename', 'servicePrincipal'],
  ['kms:viaservice', 'viaService'],
]);

/** What kind of value the key holds, when iamlint knows its format. Keys are case-insensitive. */
export function keyValueKind(key: string): KeyValueKind | undefined {
  return KEY_VALUE_KINDS.get(key.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------------

/**
 * AWS Region codes ("Regions and Zones", AWS General Reference), in every partition: commercial,
 * China, GovCloud, the ISO partitions and the European Sovereign Cloud.
 */
export const AWS_REGIONS: readonly string[] = Object.freeze([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1',
  'us-gov-east-1', 'us-gov-west-1',
  'cn-north-1', 'cn-northwest-1',
  'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'us-isob-west-1', 'us-isof-south-1', 'us-isof-east-1', 'eu-isoe-west-1',
  'eusc-de-east-1',
]);

/**
 * The shape of a Region code (`ap-southeast-8`, `us-gov-east-1`, `us-isob-east-1`,
 * `eusc-de-east-1`): a Region AWS opens after this list was written has it too, so a
 * well-shaped code is never reported just for being new.
 */
const REGION_SHAPE = /^[a-z]{2,4}(?:-(?:gov|iso[a-z]?|[a-z]{2}))?-[a-z]+-\d{1,2}$/;

/**
 * Can the value (a Region code, or a pattern with `*`/`?` under a Like operator) match a Region?
 * With `ignoreCase` (StringEqualsIgnoreCase) `US-EAST-1` is a Region too.
 */
export function matchesSomeRegion(value: string, wildcards: boolean, ignoreCase: boolean): boolean {
  if (wildcards && hasWildcard(value)) return AWS_REGIONS.some((r) => wildcardMatch(value, r, ignoreCase));
  const v = ignoreCase ? value.toLowerCase() : value;
  return AWS_REGIONS.includes(v) || REGION_SHAPE.test(v);
}

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

/** `vpc-` / `vpce-` followed by 8 or 17 alphanumeric characters ("Invalid vpc format"). */
function resourceIdPatterns(prefix: string): RegExp {
  return new RegExp(`^${prefix}-(?:[0-9a-zA-Z]{8}|[0-9a-zA-Z]{17})$`);
}

const VPC_ID = resourceIdPatterns('vpc');
const VPCE_ID = resourceIdPatterns('vpce');

/** `arn:aws:kms:us-east-1:111122223333:key/1234abcd-…` (also `mrk-…` multi-Region keys). */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
/** The DNS suffixes of service principals: commercial and GovCloud, China, the ISO partitions. */
const PRINCIPAL_SUFFIX = '(?:amazonaws\\.com(?:\\.cn)?|amazon\\.com|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)';
const SERVICE_PRINCIPAL = new RegExp(`^(?:${LABEL}\\.)+${PRINCIPAL_SUFFIX}$`);
/** kms:ViaService: `<service>.<region>.amazonaws.com`. */
const VIA_SERVICE = new RegExp(`^(?:${LABEL}\\.)+[a-z]{2}(?:-[a-z]+)+-\\d{1,2}\\.${PRINCIPAL_SUFFIX}$`);

/** The format a value of this kind must have, in words, for messages. */
export const EXPECTED_FORMAT: Readonly<Record<Exclude<KeyValueKind, 'region'>, string>> = {
  vpcId: "the prefix 'vpc-' followed by 8 or 17 alphanumeric characters (vpc-1a2b3c4d)",
  vpceId: "the prefix 'vpce-' followed by 8 or 17 alphanumeric characters (vpce-1a2b3c4d)",
  kmsKeyArn: 'a KMS key ARN (arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab)',
  servicePrincipal: 'a service principal in lower case (service-name.amazonaws.com)',
  viaService: 'service-name.region.amazonaws.com in lower case (ec2.us-east-1.amazonaws.com)',
};

/** Patterns a wildcard value must be able to match, per kind. */
const WILDCARD_SHAPES: Readonly<Record<Exclude<KeyValueKind, 'region'>, readonly string[]>> = {
  vpcId: ['vpc-????????', 'vpc-?????????????????'],
  vpceId: ['vpce-????????', 'vpce-?????????????????'],
  kmsKeyArn: ['arn:aws*:kms:*:????????????:key/?*'],
  servicePrincipal: ['?*.amazonaws.com', '?*.amazonaws.com.cn', '?*.amazon.com', '?*.c2s.ic.gov', '?*.sc2s.sgov.gov'],
  viaService: ['?*.?*-?*-?.amazonaws.com', '?*.?*-?*-??.amazonaws.com', '?*.?*-?*-?.amazonaws.com.cn', '?*.?*-?*-?.c2s.ic.gov', '?*.?*-?*-?.sc2s.sgov.gov'],
};

const LITERAL_FORMATS: Readonly<Record<Exclude<KeyValueKind, 'region'>, RegExp>> = {
  vpcId: VPC_ID,
  vpceId: VPCE_ID,
  kmsKeyArn: KMS_KEY_ARN,
  servicePrincipal: SERVICE_PRINCIPAL,
  viaService: VIA_SERVICE,
};

/**
 * Does the value have the format of its kind? A value with wildcards (under a Like operator) is
 * accepted when it can still match a value of that format (`vpc-*`, `*.amazonaws.com`).
 */
export function hasKeyValueFormat(kind: Exclude<KeyValueKind, 'region'>, value: string, wildcards: boolean): boolean {
  if (wildcards && hasWildcard(value)) return WILDCARD_SHAPES[kind].some((shape) => wildcardIntersects(value, shape));
  return LITERAL_FORMATS[kind].test(value);
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/**
 * A Date value written as Unix epoch seconds (`1767225600`), which Access Analyzer says "might
 * not resolve as expected" ("Invalid date value"). A bare four-digit year is ISO 8601, not epoch.
 */
export function isEpochDate(value: string): boolean {
  return /^\d{5,}$/.test(value);
}

// ---------------------------------------------------------------------------------------------
// IP addresses
// ---------------------------------------------------------------------------------------------

interface Cidr {
  readonly v6: boolean;
  readonly address: bigint;
  readonly prefix: number;
}

const V4_BITS = 32;
const V6_BITS = 128;

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  if (!isIPv6(text)) return undefined;
  let groups: string[];
  let tail: string[] = [];
  let head = text;
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) is two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (v4) {
    const n = parseIPv4(v4[1]);
    if (n === undefined) return undefined;
    tail = [(n >> 16n).toString(16), (n & 0xffffn).toString(16)];
    head = head.slice(0, -v4[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const double = head.indexOf('::');
  if (double >= 0) {
    const left = head.slice(0, double).split(':').filter((g) => g !== '');
    const right = head.slice(double + 2).split(':').filter((g) => g !== '');
    const missing = 8 - left.length - right.length - tail.length;
    groups = [...left, ...Array<string>(missing).fill('0'), ...right, ...tail];
  } else {
    groups = [...head.split(':').filter((g) => g !== ''), ...tail];
  }
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses an IPv4/IPv6 address or CIDR range; a bare address is a /32 or /128. */
export function parseCidr(value: string): Cidr | undefined {
  if (!isIpAddressOrCidr(value)) return undefined;
  const slash = value.indexOf('/');
  const text = slash >= 0 ? value.slice(0, slash) : value;
  const v4 = parseIPv4(text);
  const v6 = v4 === undefined ? parseIPv6(text) : undefined;
  const address = v4 ?? v6;
  if (address === undefined) return undefined;
  const bits = v4 !== undefined ? V4_BITS : V6_BITS;
  const prefix = slash >= 0 ? Number(value.slice(slash + 1)) : bits;
  return { v6: v4 === undefined, address, prefix };
}

function hostMask(c: Cidr): bigint {
  const bits = BigInt((c.v6 ? V6_BITS : V4_BITS) - c.prefix);
  return (1n << bits) - 1n;
}

function formatAddress(v6: boolean, n: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => ((n >> s) & 0xffn).toString()).join('.');
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((n >> s) & 0xffffn).toString(16));
  // Compress the longest run of two or more zero groups (RFC 5952).
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLength).join(':')}`;
}

/**
 * For a CIDR range with bits set after the prefix (`203.0.113.7/24`), the range as IAM reads it
 * (`203.0.113.0/24`): "The non-zero bits in the IP address after the masked bits are ignored".
 * Undefined for a bare address or a clean range.
 */
export function normalizedCidr(value: string): string | undefined {
  if (!value.includes('/')) return undefined;
  const c = parseCidr(value);
  if (!c || (c.address & hostMask(c)) === 0n) return undefined;
  return `${formatAddress(c.v6, c.address & ~hostMask(c))}/${c.prefix}`;
}

/** RFC 1918 private IPv4 ranges and IPv6 unique local addresses (RFC 4193, fc00::/7). */
const PRIVATE_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map((r) => parseCidr(r) as Cidr);

/**
 * Is every address of the range private? aws:SourceIp never holds one: "aws:SourceIp works only
 * for public IP address ranges" (Access Analyzer "Private IP address").
 */
export function isPrivateRange(value: string): boolean {
  const c = parseCidr(value);
  if (!c) return false;
  return PRIVATE_RANGES.some((p) => p.v6 === c.v6 && c.prefix >= p.prefix && ((c.address ^ p.address) & ~hostMask(p)) === 0n);
}

// ---------------------------------------------------------------------------------------------
// Wildcards
// ---------------------------------------------------------------------------------------------

/** The operators that read `*` and `?` as wildcards, and the one to use instead of each literal one. */
const LIKE_FOR: Readonly<Record<string, string>> = {
  StringEquals: 'StringLike',
  StringNotEquals: 'StringNotLike',
  StringEqualsIgnoreCase: 'StringLike',
  StringNotEqualsIgnoreCase: 'StringNotLike',
};

/**
 * For a String operator that compares literally (`StringEquals`), the `Like` operator that
 * would read wildcards; undefined for operators that already do (StringLike, ArnLike, ArnEquals).
 */
export function likeOperatorFor(base: string): string | undefined {
  return own(LIKE_FOR, base);
}

/** Text outside policy variables: `${*}` is an escaped literal `*`, `${aws:username}` no wildcard. */
function withoutVariables(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, '');
}

/** Does the value hold a `*` or `?` (outside policy variables)? */
export function hasLiteralWildcard(value: string): boolean {
  return hasWildcard(withoutVariables(value));
}

// ---------------------------------------------------------------------------------------------
// Entries that match every request, or none
// ---------------------------------------------------------------------------------------------

/** Operators whose values are wildcard patterns (ARN operators match each field with wildcards). */
const PATTERN_POSITIVE = new Set(['StringLike', 'ArnLike', 'ArnEquals']);
const PATTERN_NEGATED = new Set(['StringNotLike', 'ArnNotLike', 'ArnNotEquals']);

export type WildcardOutcome =
  /** True for every request: the key is redundant. */
  | 'always'
  /** True for no request: the statement never applies. */
  | 'never'
  /** True exactly when the key is present: `"Null": {"<key>": "false"}`. */
  | 'present'
  /** True exactly when the key is absent: `"Null": {"<key>": "true"}`. */
  | 'absent';

/**
 * What an entry with a match-everything value (`*`) amounts to. A positive pattern operator is
 * true for any present value, so it tests presence (plain, ForAnyValue) or nothing at all
 * (IfExists, ForAllValues, both true without the key). A negated one is false for any present
 * value, so it tests absence (plain, IfExists, ForAllValues) or never holds (ForAnyValue, false
 * on an empty set). Undefined when no value matches everything.
 */
export function wildcardOutcome(entry: ConditionEntry): WildcardOutcome | undefined {
  const { base, ifExists, setOperator } = entry.parsedOperator;
  const positive = PATTERN_POSITIVE.has(base);
  if (!positive && !PATTERN_NEGATED.has(base)) return undefined;
  if (!entry.values.some((v) => /^\*+$/.test(v.value))) return undefined;
  if (positive) return ifExists || setOperator === 'ForAllValues' ? 'always' : 'present';
  if (setOperator === 'ForAnyValue') return ifExists ? 'absent' : 'never';
  return 'absent';
}

/**
 * For a Numeric bound operator with several values (`NumericLessThan [2700, 3600]`), the one
 * value that decides it: values are ORed, so the greatest upper bound or least lower bound.
 * Undefined for other operators, a single value, or values that are not numbers.
 */
export function decisiveNumericValue(entry: ConditionEntry): { value: string; which: 'greatest' | 'least' } | undefined {
  const { base } = entry.parsedOperator;
  const upper = base === 'NumericLessThan' || base === 'NumericLessThanEquals';
  const lower = base === 'NumericGreaterThan' || base === 'NumericGreaterThanEquals';
  if ((!upper && !lower) || entry.values.length < 2) return undefined;
  const numbers = entry.values.map((v) => Number(v.value));
  if (numbers.some((n) => !Number.isFinite(n)) || entry.values.some((v) => v.value.trim() === '')) return undefined;
  const target = upper ? Math.max(...numbers) : Math.min(...numbers);
  const index = numbers.indexOf(target);
  return { value: entry.values[index].value, which: upper ? 'greatest' : 'least' };
}
