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
  arnCanMatchResourceType,
  expandActionPattern,
  getResourceType,
  supportsResourceArns,
  type ActionInfo,
} from './service-data.js';
import { coversAction, isAllow, isDeny } from './statement.js';
import { hasWildcard, wildcardCovers, wildcardIntersects, wildcardMatch } from './wildcard.js';

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
  if (el.negated) {
    const excluded = el.values.map((v) => v.value);
    const actions = expandActionPattern('*').filter((a) => !excluded.some((p) => actionMatches(p, a.fullName)));
    return [{ at: el.key, wildcard: true, actions }];
  }
  return el.values.map((v) => ({ at: v, wildcard: hasWildcard(v.value), actions: expandActionPattern(v.value) }));
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

// Many actions share a resource type (`*` stands for ~22k actions, ~3k types): remember the answer.
const FIT_CACHE_LIMIT = 16384;
const fitCache = new Map<string, boolean>();

function patternFitsType(pattern: string, service: string, typeName: string): boolean {
  const key = `${service}\u0000${typeName}\u0000${pattern}`;
  const cached = fitCache.get(key);
  if (cached !== undefined) return cached;
  const info = getResourceType(service, typeName);
  const fits = !info || arnCanMatchResourceType(pattern, info);
  if (fitCache.size >= FIT_CACHE_LIMIT) fitCache.clear();
  fitCache.set(key, fits);
  return fits;
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
      if (!coversAction(statement, action.fullName)) continue;
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
  return doc.statements.find(
    (s) => isAllow(s) && coversAction(s, action.fullName) && allowResourcesIntersect(s.resource, resource),
  );
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
