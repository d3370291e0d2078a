/**
 * New access between two versions of one policy document (the offline counterpart of Access
 * Analyzer's CheckNoNewAccess): which concrete actions, on which resources, the current version
 * allows that its reference version did not.
 *
 * The comparison is on effective (action, resource) pairs, never on text: statements may be
 * reordered, split, merged or renamed freely. For every Allow statement of the current version,
 * each Action entry (or NotAction) is expanded to concrete actions (`grantsOf`), each action is
 * taken on each Resource entry (or the NotResource complement) as it is really requested
 * (`requestedResource`), and the pair is NEW unless
 * - an unconditioned Deny of the current version certainly blocks it (`isDefinitelyDenied`), or
 * - one Allow statement of the reference covers the action, covers the whole resource pattern
 *   (`wildcardCovers`, NotResource complements compared as sets), covers the principals and has
 *   conditions no stricter than the current statement's, and every reference Deny that could
 *   have applied to the pair still has an at-least-as-strong Deny in the current version.
 *
 * Certainty runs one way: a pair is called covered only when coverage is proven, so a finding
 * may be conservative (e.g. a resource pattern covered only by the union of two reference
 * statements is reported) but new access is never missed for the (action, resource, principal)
 * pairs compared. Policy variables are compared as opaque text on both sides (the same request
 * gives them the same value); condition entries are compared per key and operator: fewer values
 * of a positive operator (or more of a negated one) are stricter, anything else is "different".
 */
import type { ConditionEntry, Located, PolicyDocument, Statement } from '../engine/model.js';
import { allowResourcesIntersect, denyResourcesCover, grantsOf, isDefinitelyDenied, requestedResource, type ResourceSpec } from './evaluate.js';
import { variablesToWildcards } from './placeholders.js';
import type { ActionInfo } from './service-data.js';
import { actionEntryFor, isAllow, isDeny } from './statement.js';
import { wildcardCovers } from './wildcard.js';

/** New access granted through one Action entry (or NotAction key) of one Allow statement. */
export interface NewAccessGrant {
  readonly statement: Statement;
  /** The Action entry, or the NotAction key. */
  readonly at: Located<string>;
  /** The new actions, unique, in sort order. */
  readonly actions: readonly string[];
  /** The resources (Resource entries as written, or `NotResource [..]`) they are new on; empty for a statement without Resource (trust policies). */
  readonly resources: readonly string[];
  /**
   * Why the reference did not allow it, when the same reason holds for every new pair of the
   * entry: `principal` (it allowed the pair to other principals only), `conditions` (only under
   * conditions this statement drops or relaxes), `deny` (an explicit Deny of the reference,
   * gone or weakened, blocked it); undefined: it did not allow the pair at all, or mixed reasons.
   */
  readonly reason: NewAccessReason | undefined;
}

export type NewAccessReason = 'principal' | 'conditions' | 'deny';

/** A resource side as written (policy variables kept as text), for coverage. */
type RawSpec = { readonly kind: 'pattern'; readonly pattern: string } | { readonly kind: 'except'; readonly patterns: readonly string[] } | { readonly kind: 'literal'; readonly value: string } | { readonly kind: 'none' };

/**
 * The grants of `current` that `reference` does not make (undefined reference: a new document,
 * every grant is new), one entry per Action entry that grants something new, in source order.
 */
export function newAccess(current: PolicyDocument, reference: PolicyDocument | undefined): NewAccessGrant[] {
  const found: NewAccessGrant[] = [];
  for (const stmt of current.statements) {
    if (!isAllow(stmt)) continue;
    const sides = resourceSides(stmt);
    for (const entry of grantsOf(stmt).entries) {
      const actions = new Set<string>();
      const on = new Set<string>();
      const reasons = new Set<NewAccessReason | undefined>();
      for (const side of sides) {
        for (const action of entry.actions) {
          const verdict = newPair(stmt, action, side.spec, side.raw, current, reference);
          if (verdict === false) continue;
          reasons.add(verdict === true ? undefined : verdict);
          actions.add(action.fullName);
          if (side.label !== undefined) on.add(side.label);
        }
      }
      const reason = reasons.size === 1 ? [...reasons][0] : undefined;
      if (actions.size > 0) found.push({ statement: stmt, at: entry.at, actions: [...actions].sort(compareText), resources: [...on], reason });
    }
  }
  return found;
}

/** false: not new; true: new (the reference never allowed it); a reason: new, and why. */
function newPair(stmt: Statement, action: ActionInfo, spec: ResourceSpec | undefined, raw: RawSpec, current: PolicyDocument, reference: PolicyDocument | undefined): boolean | NewAccessReason {
  let requested: ResourceSpec | undefined;
  let requestedRaw = raw;
  if (spec) {
    requested = requestedResource(action, spec);
    if (!requested) return false; // the grant never applies to this action (resource-mismatch's finding)
    if (requested.kind === 'literal') requestedRaw = requested;
    if (isDefinitelyDenied(action, requested, [current])) return false;
  }
  if (!reference) return true;
  const candidates = reference.statements.filter((t) => isAllow(t) && actionEntryFor(t, action.fullName) !== undefined && allowCovers(t, requestedRaw));
  if (!candidates.some((t) => principalsCover(t, stmt) && conditionsNoStricter(t.conditions, stmt.conditions))) {
    if (candidates.length === 0) return true;
    return candidates.some((t) => principalsCover(t, stmt)) ? 'conditions' : 'principal';
  }
  // A reference Deny that could apply to the pair must survive (as strong) in the current version.
  const lost = reference.statements.some((d) => isDeny(d) && actionEntryFor(d, action.fullName) !== undefined && denyMayApply(d, requestedRaw) && !denyKept(d, action, current));
  return lost ? 'deny' : false;
}

/** Does the current version hold a Deny at least as strong as the reference Deny `d` for this action? */
function denyKept(d: Statement, action: ActionInfo, current: PolicyDocument): boolean {
  const denied = rawSpecsOf(d);
  return current.statements.some(
    (n) =>
      isDeny(n) &&
      actionEntryFor(n, action.fullName) !== undefined &&
      principalsCover(n, d) &&
      conditionsNoStricter(n.conditions, d.conditions) &&
      denied.every((spec) => (spec.kind === 'none' ? !n.resource : allowCovers(n, spec))),
  );
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

interface ResourceSide {
  /** As `grantsOf` reads it (variables widened); undefined for a statement without Resource (trust policies). */
  readonly spec: ResourceSpec | undefined;
  readonly raw: RawSpec;
  /** For messages; undefined without Resource. */
  readonly label: string | undefined;
}

function resourceSides(stmt: Statement): ResourceSide[] {
  const { resources } = grantsOf(stmt);
  if (resources.length > 0) return resources.map((r) => ({ spec: r.spec, raw: rawSpecOf(stmt, r.spec, r.at), label: labelOf(stmt, r.at) }));
  // An empty or non-string Resource grants nothing (policy-structure reports it).
  return stmt.resource ? [] : [{ spec: undefined, raw: { kind: 'none' }, label: undefined }];
}

function rawSpecOf(stmt: Statement, spec: ResourceSpec, at: Located<string>): RawSpec {
  if (spec.kind === 'except') return { kind: 'except', patterns: (stmt.resource?.values ?? []).map((v) => v.value) };
  return { kind: 'pattern', pattern: at.value };
}

function rawSpecsOf(stmt: Statement): RawSpec[] {
  const el = stmt.resource;
  if (!el || el.values.length === 0) return [{ kind: 'none' }];
  if (el.negated) return [{ kind: 'except', patterns: el.values.map((v) => v.value) }];
  return el.values.map((v) => ({ kind: 'pattern', pattern: v.value }));
}

function labelOf(stmt: Statement, at: Located<string>): string {
  if (!stmt.resource?.negated) return at.value;
  return `every resource except ${stmt.resource.values.map((v) => v.value).join(', ')}`;
}

/**
 * Does the statement's Resource/NotResource admit every resource of `spec`? (Sound: true only
 * when certain.) Besides `denyResourcesCover` (policy variables unknown), a Resource entry that
 * covers the pattern as written counts: both versions see one request, so a variable has one value.
 */
function allowCovers(t: Statement, spec: RawSpec): boolean {
  if (spec.kind === 'none') return !t.resource;
  if (!t.resource) return false;
  if (!t.resource.negated && spec.kind === 'pattern' && t.resource.values.some((v) => wildcardCovers(v.value, spec.pattern))) return true;
  return denyResourcesCover(t.resource, widened(spec));
}

/** Could a Deny's Resource/NotResource apply to some resource of `spec`? (Over-approximates.) */
function denyMayApply(d: Statement, spec: RawSpec): boolean {
  return spec.kind === 'none' || allowResourcesIntersect(d.resource, widened(spec));
}

/** The spec with policy variables in its pattern read as `*` (NotResource exclusions keep theirs: widening them would shrink the set). */
function widened(spec: Exclude<RawSpec, { kind: 'none' }>): ResourceSpec {
  return spec.kind === 'pattern' ? { kind: 'pattern', pattern: variablesToWildcards(spec.pattern) } : spec;
}

// ---------------------------------------------------------------------------------------------
// Principals and conditions
// ---------------------------------------------------------------------------------------------

/** Does `general`'s Principal include every principal `specific` names? (Both without Principal: identity policies.) */
function principalsCover(general: Statement, specific: Statement): boolean {
  const g = general.principal;
  const s = specific.principal;
  if (!s) return !g;
  if (!g) return false;
  if (g.negated || s.negated) return g.negated === s.negated && principalKeys(g.entries, g.wildcard).join('\n') === principalKeys(s.entries, s.wildcard).join('\n');
  const granted = new Set(principalKeys(g.entries, g.wildcard));
  if (granted.has('*') || granted.has('aws\u0000*')) return true;
  return s.wildcard === undefined && principalKeys(s.entries, undefined).every((k) => granted.has(k));
}

function principalKeys(entries: readonly { type: Located<string>; values: readonly Located<string>[] }[], wildcard: Located<string> | undefined): string[] {
  const keys = entries.flatMap((e) => e.values.map((v) => `${e.type.value.toLowerCase()}\u0000${v.value}`));
  if (wildcard) keys.push('*');
  return [...new Set(keys)].sort(compareText);
}

/**
 * Is every request that satisfies `specific` also satisfying `general`? True when each entry of
 * `general` has an entry in `specific` with the same operator and key whose values are a subset
 * (positive operators: any of the values) or a superset (negated operators: none of the values).
 */
export function conditionsNoStricter(general: readonly ConditionEntry[], specific: readonly ConditionEntry[]): boolean {
  return general.every((g) => specific.some((s) => sameOperatorAndKey(g, s) && valuesImply(g, s)));
}

function sameOperatorAndKey(a: ConditionEntry, b: ConditionEntry): boolean {
  return a.operator.value.toLowerCase() === b.operator.value.toLowerCase() && a.key.value.toLowerCase() === b.key.value.toLowerCase();
}

function valuesImply(general: ConditionEntry, specific: ConditionEntry): boolean {
  const g = new Set(general.values.map((v) => v.value));
  const s = new Set(specific.values.map((v) => v.value));
  const negated = /Not/.test(general.parsedOperator.base);
  return negated ? [...g].every((v) => s.has(v)) : [...s].every((v) => g.has(v));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
