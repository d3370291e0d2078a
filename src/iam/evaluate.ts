/**
 * Effective-permission reasoning across policies, on the normalized model: which concrete
 * actions a statement grants, on which resources, and whether another policy (a permissions
 * boundary, an explicit Deny) lets that grant take effect.
 *
 * The questions are asked so that a "blocked" answer is certain, never a guess:
 * - a Deny counts only when it has no Condition and its resources COVER the grant's resource
 *   (`isDefinitelyDenied`);
 * - an Allow counts when its resources merely INTERSECT the grant's resource, and its
 *   conditions are assumed satisfiable (`allowedBy`).
 *
 * Resources are wildcard patterns. Policy variables (`${aws:username}`) become `*`, which
 * widens a pattern; where widening could make a block look certain (a Deny's Resource, an
 * Allow's NotResource) patterns with variables are left out instead.
 *
 * Actions without resource-level permissions (`ecr:GetAuthorizationToken`) are requested on
 * the literal resource `*`: a statement applies to them only when one of its Resource patterns
 * matches the string `*` (or, for NotResource, none does).
 *
 * API: `grantsOf(stmt)` (Action entries → concrete actions, resource specs; cached);
 * `compilePattern`/`patternMatches` (a lowercase wildcard pattern prepared for matching many
 * short names), `PatternMemo` (answers remembered per resource pattern);
 * `requestedResource(action, spec)` (what the action is really requested on, or undefined when
 * the grant can never apply to it); `allowedBy(action, requested, doc)`,
 * `isDefinitelyDenied(action, requested, docs)` / `definiteDenials`; `evaluateGrant` combining
 * them into effective | inapplicable | notAllowed | denied; trust helpers
 * `principalIncludesService` and `servicePrincipals`.
 */
import type { ElementList, Located, PolicyDocument, Statement } from '../engine/model.js';
import { variablesToWildcards } from './placeholders.js';
import {
  actionMatches,
  allServicePrefixes,
  arnCanMatchResourceType,
  expandActionPattern,
  getResourceType,
  supportsResourceArns,
  type ActionInfo,
} from './service-data.js';
import { actionEntryFor, coversAction, isAllow, isDeny } from './statement.js';
import { hasWildcard, wildcardCovers, wildcardIntersects, wildcardMatch } from './wildcard.js';

// ---------------------------------------------------------------------------------------------
// Compiled patterns
// ---------------------------------------------------------------------------------------------

/**
 * A lowercase IAM wildcard pattern prepared for matching many short strings (action names,
 * service prefixes): runs of `*` collapsed (`**` matches what `*` matches) and the necessary
 * conditions of a match computed once: the literal text before the first and after the last
 * wildcard, and the least length of a match (its characters other than `*`; exactly that
 * length without a `*`). Most names fail those before the exact match runs, and a hostile
 * pattern (`a*a*a*…`, thousands of characters) needs more characters than any action name has,
 * so it costs O(1) per name.
 */
export interface CompiledPattern {
  /** The pattern, lowercase, runs of `*` collapsed. */
  readonly source: string;
  readonly wildcard: boolean;
  readonly star: boolean;
  readonly prefix: string;
  readonly suffix: string;
  readonly minLength: number;
}

/** Compile a pattern already lowercased (for case-insensitive matching, lowercase the values too). */
export function compilePattern(lowercase: string): CompiledPattern {
  const source = lowercase.includes('**') ? lowercase.replace(/\*{2,}/g, '*') : lowercase;
  let first = -1;
  let last = -1;
  let stars = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === STAR || c === QUESTION) {
      if (first < 0) first = i;
      last = i;
      if (c === STAR) stars++;
    }
  }
  if (first < 0) return { source, wildcard: false, star: false, prefix: source, suffix: '', minLength: source.length };
  return { source, wildcard: true, star: stars > 0, prefix: source.slice(0, first), suffix: source.slice(last + 1), minLength: source.length - stars };
}

const STAR = 42; // '*'
const QUESTION = 63; // '?'

/** `wildcardMatch(pattern, value)` for a compiled pattern; `value` in the case the pattern was compiled in. */
export function patternMatches(p: CompiledPattern, value: string): boolean {
  if (!p.wildcard) return value === p.source;
  const n = value.length;
  if (n < p.minLength || (!p.star && n !== p.minLength)) return false;
  if (!value.startsWith(p.prefix) || !value.endsWith(p.suffix)) return false;
  return wildcardMatch(p.source, value);
}

// ---------------------------------------------------------------------------------------------
// Grants of one statement
// ---------------------------------------------------------------------------------------------

/** What a statement says about resources, one entry at a time. */
export type ResourceSpec =
  /** One Resource entry (wildcards allowed, policy variables and placeholders already turned into `*`). */
  | { readonly kind: 'pattern'; readonly pattern: string }
  /** NotResource: every resource except those matched by these patterns. */
  | { readonly kind: 'except'; readonly patterns: readonly string[] }
  /** A concrete resource string, e.g. `*` for an action without resource-level permissions. */
  | { readonly kind: 'literal'; readonly value: string };

/** A resource side of a grant, with the element it was written in. */
export interface GrantResource {
  readonly spec: Extract<ResourceSpec, { kind: 'pattern' | 'except' }>;
  /** The Resource entry, or the NotResource key. */
  readonly at: Located<string>;
}

/** One Action entry (or the NotAction key) and the concrete actions it stands for. */
export interface ActionEntryGrant {
  readonly at: Located<string>;
  /** True for a wildcard entry and for NotAction: the entry stands for many actions. */
  readonly wildcard: boolean;
  readonly actions: readonly ActionInfo[];
}

export interface StatementGrants {
  /** In source order; NotAction gives one entry (all known actions minus the excluded ones). */
  readonly entries: readonly ActionEntryGrant[];
  /** Empty when the statement has no (string) Resource/NotResource. */
  readonly resources: readonly GrantResource[];
}

const grantsCache = new WeakMap<Statement, StatementGrants>();

/**
 * The concrete actions and resource patterns a statement names, whatever its Effect.
 * Cached per statement: `*` and NotAction stand for ~22k actions.
 */
export function grantsOf(stmt: Statement): StatementGrants {
  const cached = grantsCache.get(stmt);
  if (cached) return cached;
  const grants: StatementGrants = { entries: actionEntries(stmt.action), resources: resourceEntries(stmt.resource) };
  grantsCache.set(stmt, grants);
  return grants;
}

function actionEntries(el: ElementList | undefined): ActionEntryGrant[] {
  if (!el) return [];
  if (el.negated) return [{ at: el.key, wildcard: true, actions: actionsOutside(el) }];
  return el.values.map((v) => ({ at: v, wildcard: hasWildcard(v.value), actions: expandActionPattern(v.value) }));
}

// NotAction lists repeat across policies (PowerUserAccess and its copies): remember the answer.
const OUTSIDE_CACHE_LIMIT = 256;
/** Longer NotAction lists (fuzzed ones) are not kept: they would hold megabytes. */
const REMEMBERED_KEY_LENGTH = 4096;
const outsideCache = new Map<string, readonly ActionInfo[]>();

/** Every known action no NotAction pattern matches (`actionMatches` semantics), in data order. */
function actionsOutside(el: ElementList): readonly ActionInfo[] {
  const lower = el.values.map((v) => v.value.toLowerCase());
  const key = JSON.stringify(lower); // unambiguous, whatever the patterns hold
  const cached = outsideCache.get(key);
  if (cached) return cached;
  const remember = key.length <= REMEMBERED_KEY_LENGTH;
  const patterns = lower.map(compilePattern);
  const actions = Object.freeze(
    expandActionPattern('*').filter((a) => {
      const name = a.fullName.toLowerCase();
      return !patterns.some((p) => patternMatches(p, name));
    }),
  );
  if (!remember) return actions;
  if (outsideCache.size >= OUTSIDE_CACHE_LIMIT) outsideCache.clear();
  outsideCache.set(key, actions);
  return actions;
}

function resourceEntries(el: ElementList | undefined): GrantResource[] {
  if (!el || el.values.length === 0) return [];
  if (el.negated) return [{ spec: { kind: 'except', patterns: el.values.map((v) => variablesToWildcards(v.value)) }, at: el.key }];
  return el.values.map((v) => ({ spec: { kind: 'pattern', pattern: variablesToWildcards(v.value) }, at: v }));
}

/**
 * The resource an action is actually requested on under this grant resource, or undefined
 * when the grant can never apply to the action (an action without resource-level permissions
 * scoped to an ARN: that is a defect of the grant itself, not of another policy).
 */
export function requestedResource(action: ActionInfo, resource: ResourceSpec): ResourceSpec | undefined {
  if (resource.kind === 'literal') return resource;
  if (!supportsResourceArns(action)) return specAdmitsLiteral(resource, '*') ? { kind: 'literal', value: '*' } : undefined;
  return resource.kind === 'pattern' && !patternFitsAction(resource.pattern, action) ? undefined : resource;
}

/**
 * Can the pattern name a resource of one of the action's resource types? (`s3:ListBucket`
 * on `arn:aws:s3:::b/*` cannot: that grant is broken on its own, resource-mismatch says so.)
 * Unknown resource types are given the benefit of the doubt.
 */
function patternFitsAction(pattern: string, action: ActionInfo): boolean {
  return action.resourceTypes.some((t) => t.name.length > 0 && patternFitsType(pattern, action.service, t.name));
}

/**
 * Answers remembered per (resource pattern, short key): policies repeat the same few patterns
 * (`*`, `arn:aws:iam::*:role/*`) for many actions and resource types. Keyed by the pattern
 * first: one key string holding the pattern would copy and hash a long pattern (a fuzzed
 * 236k-character ARN) on every lookup, ~22k of them for `*`. Bounded in answers and in the
 * characters of the patterns kept: cleared when full.
 */
export class PatternMemo<T> {
  private readonly byPattern = new Map<string, Map<string, T>>();
  private size = 0;
  private chars = 0;

  constructor(
    private readonly limit = 16384,
    private readonly charLimit = 1 << 22,
  ) {}

  get(pattern: string, key: string, compute: () => T): T {
    let byKey = this.byPattern.get(pattern);
    if (byKey?.has(key)) return byKey.get(key)!;
    const value = compute();
    if (this.size >= this.limit || (!byKey && this.chars + pattern.length > this.charLimit)) {
      this.byPattern.clear();
      this.size = 0;
      this.chars = 0;
      byKey = undefined;
    }
    if (!byKey) {
      byKey = new Map();
      this.byPattern.set(pattern, byKey);
      this.chars += pattern.length;
    }
    byKey.set(key, value);
    this.size++;
    return value;
  }
}

// Many actions share a resource type (`*` stands for ~22k actions, ~3k types): remember the answer.
const fits = new PatternMemo<boolean>();

function patternFitsType(pattern: string, service: string, typeName: string): boolean {
  return fits.get(pattern, `${service}\u0000${typeName}`, () => {
    const info = getResourceType(service, typeName);
    return !info || arnCanMatchResourceType(pattern, info);
  });
}

function specAdmitsLiteral(spec: ResourceSpec, value: string): boolean {
  switch (spec.kind) {
    case 'pattern':
      return wildcardMatch(spec.pattern, value);
    case 'except':
      return !spec.patterns.some((p) => wildcardMatch(p, value));
    case 'literal':
      return spec.value === value;
  }
}

// ---------------------------------------------------------------------------------------------
// Statement-level questions
// ---------------------------------------------------------------------------------------------

const isAllStars = (p: string): boolean => /^\*+$/.test(p);
/** Policy variables and template placeholders (`${AWS::Region}`, `${Bucket.Arn}`) stand for values unknown here. */
const hasPolicyVariable = (raw: string): boolean => variablesToWildcards(raw) !== raw;

/**
 * Can an Allow statement's Resource/NotResource apply to some resource the grant names?
 * Over-approximates (intersection, variables widened). A statement without Resource is
 * malformed (policy-structure reports it) and is given the benefit of the doubt.
 */
export function allowResourcesIntersect(el: ElementList | undefined, spec: ResourceSpec): boolean {
  if (!el) return true;
  if (!el.negated) {
    const patterns = el.values.map((v) => variablesToWildcards(v.value));
    switch (spec.kind) {
      case 'literal':
        return patterns.some((p) => wildcardMatch(p, spec.value));
      case 'pattern':
        return patterns.some((p) => wildcardIntersects(p, spec.pattern));
      case 'except':
        return patterns.some((p) => !spec.patterns.some((g) => wildcardCovers(g, p)));
    }
  }
  // NotResource excludes a grant resource only when a pattern certainly covers it all.
  const excluded = el.values.filter((v) => !hasPolicyVariable(v.value)).map((v) => v.value);
  switch (spec.kind) {
    case 'literal':
      return !excluded.some((n) => wildcardMatch(n, spec.value));
    case 'pattern':
      return !excluded.some((n) => wildcardCovers(n, spec.pattern));
    case 'except':
      return true; // two "everything except" sets always share resources
  }
}

/**
 * Does a Deny statement's Resource/NotResource certainly apply to every resource the grant
 * names? Under-approximates (coverage; Resource patterns with variables ignored).
 */
export function denyResourcesCover(el: ElementList | undefined, spec: ResourceSpec): boolean {
  if (!el) return false;
  if (!el.negated) {
    const patterns = el.values.filter((v) => !hasPolicyVariable(v.value)).map((v) => v.value);
    switch (spec.kind) {
      case 'literal':
        return patterns.some((p) => wildcardMatch(p, spec.value));
      case 'pattern':
        return patterns.some((p) => wildcardCovers(p, spec.pattern));
      case 'except':
        return patterns.some(isAllStars);
    }
  }
  // The Deny applies outside its NotResource; widened variables only shrink that outside.
  const spared = el.values.map((v) => variablesToWildcards(v.value));
  switch (spec.kind) {
    case 'literal':
      return !spared.some((n) => wildcardMatch(n, spec.value));
    case 'pattern':
      return !spared.some((n) => wildcardIntersects(n, spec.pattern));
    case 'except':
      // complement(G) ⊆ complement(N) ⇔ N ⊆ G
      return spared.every((n) => spec.patterns.some((g) => wildcardCovers(g, n)));
  }
}

// ---------------------------------------------------------------------------------------------
// Document-level questions
// ---------------------------------------------------------------------------------------------

export interface StatementRef {
  readonly document: PolicyDocument;
  readonly statement: Statement;
}

/**
 * The first unconditioned Deny statement in `docs` that covers the action and every resource
 * of `resource` (already the requested resource: see `requestedResource`), or undefined.
 */
export function isDefinitelyDenied(action: ActionInfo, resource: ResourceSpec, docs: readonly PolicyDocument[]): StatementRef | undefined {
  return definiteDenials(action, resource, docs, true)[0];
}

/** Every unconditioned Deny statement in `docs` that covers the action on all of `resource`, in order. */
export function definiteDenials(action: ActionInfo, resource: ResourceSpec, docs: readonly PolicyDocument[], firstOnly = false): StatementRef[] {
  const found: StatementRef[] = [];
  for (const document of docs) {
    for (const statement of document.statements) {
      if (!isDeny(statement) || statement.conditions.length > 0 || statement.conditionKey) continue;
      if (statement.principal) continue; // a resource-policy Deny is about other principals
      if (!actionEntryFor(statement, action.fullName)) continue;
      if (!denyResourcesCover(statement.resource, resource)) continue;
      found.push({ document, statement });
      if (firstOnly) return found;
    }
  }
  return found;
}

/**
 * The first Allow statement of `doc` that covers the action on some resource of `resource`
 * (already the requested resource: see `requestedResource`; conditions assumed satisfiable),
 * or undefined.
 */
export function allowedBy(action: ActionInfo, resource: ResourceSpec, doc: PolicyDocument): Statement | undefined {
  return doc.statements.find((s) => isAllow(s) && coversAction(s, action.fullName) && allowResourcesIntersect(s.resource, resource));
}

export type GrantVerdict =
  /** The grant can take effect (as far as a static reading can tell). */
  | { readonly kind: 'effective' }
  /** The grant never applies to this action in the first place (see `requestedResource`). */
  | { readonly kind: 'inapplicable' }
  /** The boundary allows the action on none of the grant's resources. */
  | { readonly kind: 'notAllowed' }
  /** Every Deny that blocks it, in document order (never empty). */
  | { readonly kind: 'denied'; readonly by: readonly StatementRef[] };

/**
 * Can an identity grant of `action` on `resource` take effect under a permissions boundary
 * (undefined: no boundary) and the explicit Denies of `denyDocs`? A Deny is reported before
 * a missing Allow: it is the more specific cause.
 */
export function evaluateGrant(
  action: ActionInfo,
  resource: ResourceSpec,
  boundary: PolicyDocument | undefined,
  denyDocs: readonly PolicyDocument[],
): GrantVerdict {
  const requested = requestedResource(action, resource);
  if (!requested) return { kind: 'inapplicable' };
  const by = definiteDenials(action, requested, denyDocs);
  if (by.length > 0) return { kind: 'denied', by };
  if (boundary && !allowedBy(action, requested, boundary)) return { kind: 'notAllowed' };
  return { kind: 'effective' };
}

// ---------------------------------------------------------------------------------------------
// Trust
// ---------------------------------------------------------------------------------------------

/**
 * Does the statement's Principal name this service principal (case-insensitive), or everyone
 * (`"*"`, `{"AWS": "*"}`)? NotPrincipal names everyone except the listed principals.
 */
export function principalIncludesService(stmt: Statement, service: string): boolean {
  const el = stmt.principal;
  if (!el) return false;
  const wanted = service.toLowerCase();
  const listed =
    el.wildcard !== undefined ||
    el.entries.some((e) => e.values.some((v) => (e.type.value === 'Service' && v.value.toLowerCase() === wanted) || (e.type.value === 'AWS' && v.value === '*')));
  return el.negated ? !listed : listed;
}

/** The service principals an element lists (`Service` entries), as written. */
export function servicePrincipals(stmt: Statement): Located<string>[] {
  return (stmt.principal?.entries ?? []).filter((e) => e.type.value === 'Service').flatMap((e) => e.values);
}
