/**
 * What a statement grants, in words for messages: its action set (Action or NotAction), its
 * resources (Resource or NotResource), the services its actions belong to, and how many known
 * actions a NotAction leaves granted. Shared by the rules that must name "the action set, the
 * resources and the statement" in every message.
 */
import type { ElementList, Located, Statement } from '../engine/model.js';
import { compilePattern, patternMatches } from './evaluate.js';
import { expandActionPattern, serviceName } from './service-data.js';

/** How many entries a message lists before "and N more". */
const LISTED = 3;

/** `a`, `a and b`, `a, b and c`, `a, b, c and 4 more`. */
export function listInWords(values: readonly string[], limit = LISTED): string {
  if (values.length === 0) return 'nothing';
  if (values.length > limit) return `${values.slice(0, limit).join(', ')} and ${values.length - limit} more`;
  return values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

const texts = (values: readonly Located<string>[]): string[] => values.map((v) => v.value);

/** `s3:GetObject and s3:PutObject`, `every action (*)`, `every action except iam:* and organizations:*`. */
export function describeActionSet(stmt: Statement): string {
  const el = stmt.action;
  if (!el || el.values.length === 0) return 'no action';
  if (el.negated) return `every action except ${listInWords(texts(el.values))}`;
  const all = el.values.find((v) => isEveryActionPattern(v.value));
  return all ? `every action (${all.value})` : listInWords(texts(el.values));
}

/**
 * `arn:aws:s3:::bucket/*`, `every resource (*)`, `every resource except arn:…`, or, without a
 * Resource element (role trust and ECR repository policies), the policy's own resource.
 */
export function describeResourceSet(stmt: Statement): string {
  const el = stmt.resource;
  if (!el || el.values.length === 0) return "the policy's own resource";
  if (el.negated) return `every resource except ${listInWords(texts(el.values))}`;
  const all = el.values.find((v) => isEveryResourcePattern(v.value));
  return all ? `every resource (${all.value})` : listInWords(texts(el.values));
}

/** `*`, `*:*`, `**`: an Action entry that matches every action of every service. */
export function isEveryActionPattern(value: string): boolean {
  const colon = value.indexOf(':');
  return colon < 0 ? onlyStars(value, 0, value.length) : onlyStars(value, 0, colon) && onlyStars(value, colon + 1, value.length);
}

/** `value[from..to)` is one or more `*` (asked of every Action entry: no allocation). */
function onlyStars(value: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (value.charCodeAt(i) !== 42) return false;
  return true;
}

/**
 * A Resource entry that matches every resource: `*`, or an ARN pattern whose fields after the
 * partition are all wildcards (`arn:aws:*:*:*:*`, `arn:*:*`). A pinned partition still counts:
 * it is every resource the account can reach.
 */
export function isEveryResourcePattern(value: string): boolean {
  return /^\*+$/.test(value) || /^arn:[^:]*:\*+(?::\*+)*$/.test(value);
}

/**
 * The services a statement's Action entries belong to, by name: `Amazon S3`,
 * `Amazon SQS and Amazon SNS`; `every AWS service` for `*` and NotAction.
 */
export function describeServices(stmt: Statement): string {
  const el = stmt.action;
  if (!el || el.negated || el.values.some((v) => isEveryActionPattern(v.value))) return 'every AWS service';
  const prefixes = [...new Set(el.values.map((v) => v.value.split(':')[0].toLowerCase()).filter((p) => p !== ''))];
  if (prefixes.some((p) => /[*?]/.test(p))) return 'several AWS services';
  return listInWords(prefixes.map((p) => serviceName(p) ?? p));
}

export interface NotActionCount {
  /** Known actions the NotAction does not exclude (so the statement grants them). */
  readonly granted: number;
  /** Every known action of every service. */
  readonly total: number;
}

/** How many of today's known actions a NotAction element leaves in the statement. */
export function notActionCount(el: ElementList): NotActionCount {
  const lower = el.values.map((v) => v.value.toLowerCase());
  const key = JSON.stringify(lower); // unambiguous, whatever the patterns hold
  let count = countCache.get(key);
  if (!count) {
    const all = expandActionPattern('*');
    const patterns = lower.map(compilePattern);
    let granted = 0;
    for (const a of all) {
      const name = a.fullName.toLowerCase();
      if (!patterns.some((p) => patternMatches(p, name))) granted++;
    }
    count = Object.freeze({ granted, total: all.length });
    if (key.length > REMEMBERED_KEY_LENGTH) return count; // a fuzzed list: do not hold it
    if (countCache.size >= COUNT_CACHE_LIMIT) countCache.clear();
    countCache.set(key, count);
  }
  return count;
}

// NotAction lists repeat across policies (PowerUserAccess and its copies).
const COUNT_CACHE_LIMIT = 256;
const REMEMBERED_KEY_LENGTH = 4096;
const countCache = new Map<string, NotActionCount>();
