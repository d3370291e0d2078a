/**
 * What a statement grants, in words for messages: its action set (Action or NotAction), its
 * resources (Resource or NotResource), the services its actions belong to, and how many known
 * actions a NotAction leaves granted. Shared by the rules that must name "the action set, the
 * resources and the statement" in every message.
 */
import type { ElementList, Located, Statement } from '../engine/model.js';
import { actionMatches, expandActionPattern, serviceName } from './service-data.js';

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
  const onlyStars = (s: string) => /^\*+$/.test(s);
  return colon < 0 ? onlyStars(value) : onlyStars(value.slice(0, colon)) && onlyStars(value.slice(colon + 1));
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
  const all = expandActionPattern('*');
  const patterns = texts(el.values);
  const granted = all.reduce((n, a) => (patterns.some((p) => actionMatches(p, a.fullName)) ? n : n + 1), 0);
  return { granted, total: all.length };
}
