/**
 * Which condition operators fit which condition keys, and what a condition value must look like
 * for the operator to read it. Operator grammar (families, negation) lives in
 * condition-operators.ts; key types come from the service data (service-data.ts).
 */
import { isIPv6 } from 'node:net';
import { parseArn } from './arn.js';
import type { OperatorFamily } from './condition-operators.js';
import { policyVariableToWildcard } from './policy-variables.js';
import type { ConditionKeyInfo, ConditionKeyType } from './service-data.js';

/** `ArrayOfString` → `String`: the type of each value of a key. */
export type ScalarKeyType = 'String' | 'ARN' | 'Bool' | 'Numeric' | 'Date' | 'IPAddress';

/** A multivalued key (`ArrayOf…`) can carry several values in one request (aws:TagKeys, aws:CalledVia). */
export function isMultivaluedKeyType(type: ConditionKeyType): boolean {
  return type.startsWith('ArrayOf');
}

export function scalarKeyType(type: ConditionKeyType): ScalarKeyType {
  return (isMultivaluedKeyType(type) ? type.slice('ArrayOf'.length) : type) as ScalarKeyType;
}

/**
 * Operator families that compare values of each key type. At evaluation time the operator
 * reads the request's value as text, a number, a date… So ARN keys take String
 * operators (the ARN compared as text, as IAM Access Analyzer accepts), and String keys take ARN
 * operators: many String keys hold ARNs (kms:EncryptionContext:aws:s3:arn, tag values, …) and
 * AWS managed policies compare them with ArnLike. A non-ARN value under an ARN operator is
 * caught by the value check instead. `Null` fits every key (it only tests presence).
 */
const FAMILIES_BY_TYPE: Readonly<Record<ScalarKeyType, readonly OperatorFamily[]>> = {
  String: ['String', 'Arn'],
  ARN: ['Arn', 'String'],
  Bool: ['Bool'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  IPAddress: ['IpAddress'],
};

/**
 * Keys whose documentation allows more operator families than the type in the service data.
 * aws:EpochTime: "Data type: Date, Numeric" (global condition context keys).
 * glacier:ArchiveAgeInDays: typed String, but the S3 Glacier vault lock examples compare it with
 * NumericLessThan (it holds a number of days).
 */
const EXTRA_FAMILIES_BY_KEY: ReadonlyMap<string, readonly OperatorFamily[]> = new Map([
  ['aws:epochtime', ['Numeric']],
  ['glacier:archiveageindays', ['Numeric']],
]);

/** The operator families that fit a documented key, in the order they should be suggested. */
const familiesOfKey = new WeakMap<ConditionKeyInfo, readonly OperatorFamily[]>();

export function operatorFamiliesForKey(info: ConditionKeyInfo): readonly OperatorFamily[] {
  let families = familiesOfKey.get(info);
  if (families === undefined) familiesOfKey.set(info, (families = Object.freeze(computeFamilies(info))));
  return families;
}

function computeFamilies(info: ConditionKeyInfo): OperatorFamily[] {
  const scalar = scalarKeyType(info.type);
  const families = [...FAMILIES_BY_TYPE[scalar]];
  for (const extra of EXTRA_FAMILIES_BY_KEY.get(info.key.toLowerCase()) ?? []) {
    if (!families.includes(extra)) families.push(extra);
  }
  return families;
}

/** Does an operator of `family` compare values of this key? `Null` fits every key. */
export function operatorFitsKey(family: OperatorFamily, info: ConditionKeyInfo): boolean {
  return family === 'Null' || operatorFamiliesForKey(info).includes(family);
}

// ---------------------------------------------------------------------------------------------
// Value formats
// ---------------------------------------------------------------------------------------------

/**
 * What a value of an operator family must be; undefined for String (any text) and Binary
 * (no documented key has a binary type, so a BinaryEquals value is never compared).
 */
export type ValueFormat = 'date' | 'number' | 'bool' | 'ipAddress' | 'arn' | 'nullFlag';

const FORMAT_BY_FAMILY: Readonly<Record<OperatorFamily, ValueFormat | undefined>> = {
  String: undefined,
  Numeric: 'number',
  Date: 'date',
  Bool: 'bool',
  Binary: undefined,
  IpAddress: 'ipAddress',
  Arn: 'arn',
  Null: 'nullFlag',
};

export function valueFormatOf(family: OperatorFamily): ValueFormat | undefined {
  return FORMAT_BY_FAMILY[family];
}

/**
 * Is `value` readable by an operator of `family`? IAM substitutes policy variables in condition
 * values of String and ARN operators only ("Where you can use policy variables", IAM User Guide):
 * in a Numeric, Date or IpAddress value `${…}` stays literal text and never parses. A Bool or Null
 * value holding a variable is given the benefit of the doubt.
 */
export function isValidConditionValue(family: OperatorFamily, value: string): boolean {
  switch (FORMAT_BY_FAMILY[family]) {
    case undefined:
      return true;
    case 'number':
      return isConditionNumber(value);
    case 'date':
      return isConditionDate(value);
    case 'bool':
      return hasPolicyVariable(value) || isConditionBool(value);
    case 'nullFlag':
      return hasPolicyVariable(value) || isConditionBool(value);
    case 'ipAddress':
      return isIpAddressOrCidr(value);
    case 'arn':
      return isArnConditionValue(value);
  }
}

function hasPolicyVariable(value: string): boolean {
  return policyVariableToWildcard(value) !== value;
}

/** `true` / `false` in any case (JSON booleans arrive here as these strings). */
export function isConditionBool(value: string): boolean {
  return /^(true|false)$/i.test(value);
}

/** An integer or decimal: `10`, `-3`, `0.5`. */
export function isConditionNumber(value: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value);
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?$/;

/**
 * An ISO 8601 date or date-time as IAM reads it (W3C profile: `2026`, `2026-01`, `2026-01-01`,
 * `2026-01-01T12:00Z`, `2026-01-01T12:00:00Z`, `2026-01-01T12:00:00.000+02:00`), or epoch
 * seconds (`1767225600`). Field ranges are checked: `2026-02-30` is not a date.
 */
export function isConditionDate(value: string): boolean {
  if (/^\d+$/.test(value)) return true; // epoch seconds (or a bare year)
  const date = ISO_DATE.exec(value);
  if (date) return validDay(date[1], date[2], date[3]);
  const dt = ISO_DATE_TIME.exec(value);
  if (!dt) return false;
  const [, y, mo, d, h, mi, s, , offH, offM] = dt;
  return (
    validDay(y, mo, d) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    (s === undefined || Number(s) <= 59) &&
    (offH === undefined || Number(offH) <= 23) &&
    (offM === undefined || Number(offM) <= 59)
  );
}

function validDay(year: string, month: string | undefined, day: string | undefined): boolean {
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 or IPv6 address, or a CIDR range of either (`203.0.113.0/24`, `2001:db8::/32`). */
export function isIpAddressOrCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash >= 0 ? value.slice(0, slash) : value;
  const prefix = slash >= 0 ? value.slice(slash + 1) : undefined;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return false;
  const v4 = IPV4.exec(address);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255) && (prefix === undefined || Number(prefix) <= 32);
  return isIPv6(address) && (prefix === undefined || Number(prefix) <= 128);
}

/**
 * A value an Arn operator can compare: `*`, or an ARN with its six fields
 * (`arn:partition:service:region:account:resource`, fields may be empty or hold wildcards and
 * policy variables). ArnLike matches field by field, so a value with fewer fields matches nothing.
 */
export function isArnConditionValue(value: string): boolean {
  if (/^\*+$/.test(value)) return true;
  const arn = parseArn(value);
  return arn !== undefined && arn.resource !== '';
}
