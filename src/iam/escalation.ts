/**
 * Which published privilege escalation methods (escalation-methods.ts) a set of policies
 * allows: every action of a method must be allowed somewhere in the granting documents, on a
 * resource it can apply to, without an unconditioned Deny covering that resource and within
 * the permissions boundary (evaluate.ts `evaluateGrant`).
 *
 * - Identity mode: the Allow statements (without Principal) of one identity policy, or of all
 *   identity policies of a policy set, are pooled: one policy may allow iam:PassRole and
 *   another lambda:CreateFunction. Denies of every document (and the boundary) count.
 * - Resource mode: the Allow statements with a Principal of one resource policy (a bucket
 *   policy); a Deny counts only when it names everyone (`"Principal": "*"`) without conditions.
 *
 * Conditions of Allow statements are assumed satisfiable, with one exception: `iam:PassedToService`
 * exists only in the request context of iam:PassRole, so
 * - an iam:PassRole grant whose positive test on the key admits none of the services a method
 *   passes the role to does not enable that method (a negated test excluding all of them neither);
 *   `...IfExists`, `Null` and `ForAllValues` tests are not taken as restrictions;
 * - a statement with a positive test on the key grants its other actions nothing;
 * - a Deny of iam:PassRole conditioned only on the key removes the methods whose services it
 *   matches (positive operator) or does not exclude (negated operator).
 *
 * What cannot be known from policies and is therefore not judged: whether a role that can be
 * passed, assumed or edited is more privileged than the caller (`iam:PutRolePolicy` scoped to
 * a role path is still an escalation if the caller can assume a role on that path), whether
 * the roles' trust policies admit the caller (`sts:AssumeRole`), whether resources with roles
 * exist (instances, functions, stacks).
 */
import type { Located, PolicyDocument, Statement } from '../engine/model.js';
import { restrictingConditions } from './conditions.js';
import { coversEveryRole, isNegatedOperator, isStrictServiceTest, PASS_ROLE_ACTION, PASSED_TO_SERVICE_KEY, passedToServiceConditions } from './ecr.js';
import { compilePattern, denyResourcesCover, evaluateGrant, PatternMemo, patternMatches, requestedResource, type GrantResource, type ResourceSpec } from './evaluate.js';
import { ESCALATION_METHODS, type EscalationAction, type EscalationMethod } from './escalation-methods.js';
import { policyVariableToWildcard } from './policy-variables.js';
import {
  arnCanMatchResourceType,
  arnFormatToWildcard,
  coversEveryResourceOf,
  getResourceType,
  lookupAction,
  supportsResourceArns,
  type ActionInfo,
  type ResourceTypeInfo,
} from './service-data.js';
import { actionEntryFor, coversAction, entryMatchesAction, entryServices, isAllow, isDeny } from './statement.js';
import { wildcardCovers, wildcardIntersects, wildcardMatch } from './wildcard.js';

export interface EscalationScope {
  /** Documents whose Allow statements grant. */
  readonly grants: readonly PolicyDocument[];
  /** The permissions boundary capping identity grants. */
  readonly boundary?: PolicyDocument;
  /** Documents whose Deny statements apply (the granting documents, the boundary). */
  readonly denies: readonly PolicyDocument[];
  readonly mode: 'identity' | 'resource';
  /**
   * Do not count Allow statements with a condition that really restricts them
   * (conditions.ts `restrictingConditions`; iam:PassedToService is judged on its own).
   * Default false: conditions are assumed to hold.
   */
  readonly skipConditioned?: boolean;
}

/** One statement resource through which a required action is effectively allowed. */
export interface EscalationGrant {
  readonly document: PolicyDocument;
  readonly statement: Statement;
  /** The Action entry (or NotAction key) covering the action. */
  readonly entry: Located<string>;
  readonly resource: GrantResource;
  /** True when the resource reaches only some resources of its type (named roles, functions, …). */
  readonly scoped: boolean;
}

export interface RequiredActionGrants {
  readonly requirement: EscalationAction;
  readonly action: ActionInfo;
  /** In document, statement and resource order; never empty. */
  readonly grants: readonly EscalationGrant[];
  /** Every grant is scoped: the method reaches only the named resources. */
  readonly scoped: boolean;
}

export interface EscalationPath {
  readonly method: EscalationMethod;
  /** One per action of the method, in the method's order. */
  readonly actions: readonly RequiredActionGrants[];
  /** The entry of `actions` for the method's anchor action. */
  readonly anchor: RequiredActionGrants;
  /** For bucket-policy methods: the object actions not allowed on every granted bucket's objects. */
  readonly missing: readonly string[];
}

/** The methods (in catalogue order) whose actions the scope allows together. */
export function findEscalations(scope: EscalationScope, methods: readonly EscalationMethod[] = ESCALATION_METHODS): EscalationPath[] {
  // Most policies allow none of the catalogue's actions: look at statements only for methods
  // whose every action some granting statement names.
  const named = new Set<string>();
  const entries = new Map<Statement, ReadonlyMap<string, Located<string>>>();
  for (const doc of scope.grants) {
    for (const stmt of doc.statements) {
      if (!isAllow(stmt)) continue;
      const found = catalogueEntries(stmt);
      if (!found) continue;
      entries.set(stmt, found);
      for (const name of found.keys()) named.add(name);
    }
  }
  if (named.size === 0 && everyMethodNamesCatalogue(methods)) return [];
  const cache = new Map<string, EscalationGrant[]>();
  const grantsFor = (req: EscalationAction, action: ActionInfo): EscalationGrant[] => {
    const key = JSON.stringify([action.fullName, req.resourceTypes ?? [], !!req.everyResource, !!req.othersOnly]);
    let grants = cache.get(key);
    if (!grants) {
      grants = computeGrants(scope, req, action, entries);
      cache.set(key, grants);
    }
    return grants;
  };
  const found: EscalationPath[] = [];
  for (const method of methods) {
    if (!cataloguedNamesOf(method).every((name) => named.has(name))) continue;
    const path = evaluateMethod(scope, method, grantsFor);
    if (path) found.push(path);
  }
  return found;
}

const knownActions = new Map<string, ActionInfo | null>();

/** `lookupAction` for the catalogue's names, remembered (asked for every method of every policy). */
function knownAction(name: string): ActionInfo | undefined {
  let action = knownActions.get(name);
  if (action === undefined) {
    action = lookupAction(name) ?? null;
    knownActions.set(name, action);
  }
  return action ?? undefined;
}

const everyNamesCache = new WeakMap<readonly EscalationMethod[], boolean>();

/** Every method needs some catalogue action (so none applies when no statement names one). */
function everyMethodNamesCatalogue(methods: readonly EscalationMethod[]): boolean {
  let every = everyNamesCache.get(methods);
  if (every === undefined) {
    every = methods.every((m) => cataloguedNamesOf(m).length > 0);
    everyNamesCache.set(methods, every);
  }
  return every;
}

const methodNames = new WeakMap<EscalationMethod, readonly string[]>();

/** The method's action names that are in the catalogue (all, for the built-in methods), lowercase. */
function cataloguedNamesOf(method: EscalationMethod): readonly string[] {
  let names = methodNames.get(method);
  if (!names) {
    names = method.actions.map((a) => a.action.toLowerCase()).filter(isCatalogueName);
    methodNames.set(method, names);
  }
  return names;
}

function evaluateMethod(
  scope: EscalationScope,
  method: EscalationMethod,
  grantsFor: (req: EscalationAction, action: ActionInfo) => EscalationGrant[],
): EscalationPath | undefined {
  const actions: RequiredActionGrants[] = [];
  for (const requirement of method.actions) {
    const action = knownAction(requirement.action);
    if (!action) return undefined;
    let grants = grantsFor(requirement, action);
    if (action.fullName === PASS_ROLE_ACTION && method.passedTo) grants = passRoleGrantsFor(grants, action, method.passedTo, scope);
    if (grants.length === 0) return undefined;
    actions.push({ requirement, action, grants, scoped: grants.every((g) => g.scoped) });
  }
  const anchor = actions.find((a) => a.action.fullName.toLowerCase() === method.anchor.toLowerCase()) ?? actions[0];
  let missing: string[] = [];
  if (method.unlessAllowedOnObjects) {
    missing = missingObjectActions(anchor, method.unlessAllowedOnObjects, grantsFor);
    if (missing.length === 0) return undefined;
  }
  return { method, actions, anchor, missing };
}

// ---------------------------------------------------------------------------------------------
// Grants of one action
// ---------------------------------------------------------------------------------------------

/** `entries`: the catalogue entries (`catalogueEntries`) of the Allow statements of `scope.grants` that have any. */
function computeGrants(
  scope: EscalationScope,
  req: EscalationAction,
  action: ActionInfo,
  entries: ReadonlyMap<Statement, ReadonlyMap<string, Located<string>>>,
): EscalationGrant[] {
  const grants: EscalationGrant[] = [];
  const identity = scope.mode === 'identity';
  const name = action.fullName.toLowerCase();
  const catalogued = isCatalogueName(name);
  for (const document of scope.grants) {
    for (const statement of document.statements) {
      if (!isAllow(statement) || !statement.resource) continue;
      if (identity === (statement.principal !== undefined)) continue;
      const entry = entries.get(statement)?.get(name) ?? (catalogued ? undefined : actionEntryFor(statement, name));
      if (!entry) continue;
      if (action.fullName !== PASS_ROLE_ACTION && passedToServiceConditions(statement).some(isStrictServiceTest)) continue;
      if (scope.skipConditioned && restrictedByConditions(statement)) continue;
      for (const resource of resourcesOf(statement)) {
        if (!fitsTypes(resource.spec, action, req.resourceTypes)) continue;
        if (req.othersOnly && onlyOwnUser(resource)) continue;
        const scoped = isScoped(resource, action);
        if (req.everyResource && scoped) continue;
        if (!effective(scope, action, resource.spec)) continue;
        grants.push({ document, statement, entry, resource, scoped });
      }
    }
  }
  return grants;
}

/**
 * Every action a method of the catalogue names, lowercase: by lowercase service prefix, and
 * within a service by the first character of the action name.
 */
let catalogueByService: Map<string, string[]> | undefined;
let catalogueByFirstChar: Map<string, Map<number, string[]>> = new Map();
let catalogueNames: string[] = [];

function catalogue(): Map<string, string[]> {
  if (!catalogueByService) {
    catalogueByService = new Map();
    catalogueByFirstChar = new Map();
    const names = ESCALATION_METHODS.flatMap((m) => [...m.actions.map((a) => a.action), ...(m.unlessAllowedOnObjects ?? [])]);
    for (const name of new Set(names.map((n) => n.toLowerCase()))) {
      const colon = name.indexOf(':');
      const service = name.slice(0, colon);
      const list = catalogueByService.get(service) ?? [];
      list.push(name);
      catalogueByService.set(service, list);
      const byChar = catalogueByFirstChar.get(service) ?? new Map<number, string[]>();
      const first = name.charCodeAt(colon + 1);
      byChar.set(first, [...(byChar.get(first) ?? []), name]);
      catalogueByFirstChar.set(service, byChar);
    }
    catalogueNames = [...catalogueByService.values()].flat();
  }
  return catalogueByService;
}

function isCatalogueName(lowercaseName: string): boolean {
  return catalogue().get(lowercaseName.slice(0, lowercaseName.indexOf(':')))?.includes(lowercaseName) ?? false;
}

/**
 * The entry through which the statement covers each catalogue action (lowercase name → first
 * matching Action entry, or the NotAction key), or undefined when it covers none: `actionEntryFor`
 * for ~100 actions at once, trying an entry only on the actions of the service it names (those
 * starting with the letter its action part starts with).
 */
function catalogueEntries(stmt: Statement): Map<string, Located<string>> | undefined {
  const el = stmt.action;
  if (!el) return undefined;
  let entries: Map<string, Located<string>> | undefined;
  const byService = catalogue();
  if (el.negated) {
    const excluded = el.values.map((v) => compilePattern(v.value.toLowerCase()));
    for (const name of catalogueNames) if (!excluded.some((p) => patternMatches(p, name))) (entries ??= new Map()).set(name, el.key);
    return entries;
  }
  const services = entryServices(el);
  for (let i = 0; i < services.length; i++) {
    // A known service: its catalogue actions (those starting with the entry's first letter,
    // when the name part starts with one); an unknown one: none; a wildcard (or no `:`): all.
    const service = services[i];
    if (service === null) continue;
    let candidates: readonly string[] = catalogueNames;
    const v = el.values[i];
    if (service !== undefined) {
      const byChar = catalogueByFirstChar.get(service);
      if (!byChar) continue;
      const first = foldedCharAt(v.value, service.length + 1);
      candidates = first < 0 ? (byService.get(service) ?? NO_NAMES) : (byChar.get(first) ?? NO_NAMES);
    } else if (v.value === '*') {
      for (const name of catalogueNames) if (!entries?.has(name)) (entries ??= new Map()).set(name, v);
      continue;
    }
    for (const name of candidates) if (!entries?.has(name) && entryMatchesAction(v.value, name)) (entries ??= new Map()).set(name, v);
  }
  return entries;
}

const NO_NAMES: readonly string[] = [];

/**
 * The lowercase ASCII letter, digit or other literal at `index`, or -1 when there is none there,
 * or it is a wildcard or a character other than ASCII (anything may follow then).
 */
function foldedCharAt(value: string, index: number): number {
  if (index >= value.length) return -1;
  const c = value.charCodeAt(index);
  if (c === 42 || c === 63 || c >= 128) return -1;
  return c >= 65 && c <= 90 ? c + 32 : c;
}

const resourcesCache = new WeakMap<Statement, readonly GrantResource[]>();

/**
 * The statement's Resource entries (policy variables widened to `*`) or its NotResource, as
 * evaluate.ts `grantsOf` gives them, without expanding the statement's actions.
 */
function resourcesOf(stmt: Statement): readonly GrantResource[] {
  const cached = resourcesCache.get(stmt);
  if (cached) return cached;
  const el = stmt.resource;
  let list: GrantResource[] = [];
  if (el && el.values.length > 0) {
    list = el.negated
      ? [{ spec: { kind: 'except', patterns: el.values.map((v) => policyVariableToWildcard(v.value)) }, at: el.key }]
      : el.values.map((v) => ({ spec: { kind: 'pattern', pattern: policyVariableToWildcard(v.value) }, at: v }));
  }
  resourcesCache.set(stmt, list);
  return list;
}

function restrictedByConditions(stmt: Statement): boolean {
  return restrictingConditions(stmt).some((c) => c.entry.key.value.toLowerCase() !== PASSED_TO_SERVICE_KEY.toLowerCase());
}

function effective(scope: EscalationScope, action: ActionInfo, spec: ResourceSpec): boolean {
  if (scope.mode === 'identity') return evaluateGrant(action, spec, scope.boundary, scope.denies).kind === 'effective';
  const requested = requestedResource(action, spec);
  return requested !== undefined && !deniedToEveryone(action, requested, scope.denies);
}

/** Resource mode: an unconditioned Deny naming everyone that covers the action on all of `requested`. */
function deniedToEveryone(action: ActionInfo, requested: ResourceSpec, docs: readonly PolicyDocument[]): boolean {
  return docs.some((d) =>
    d.statements.some(
      (s) =>
        isDeny(s) &&
        s.conditions.length === 0 &&
        !s.conditionKey &&
        namesEveryone(s) &&
        coversAction(s, action.fullName) &&
        denyResourcesCover(s.resource, requested),
    ),
  );
}

function namesEveryone(stmt: Statement): boolean {
  const p = stmt.principal;
  if (!p || p.negated) return false;
  return p.wildcard !== undefined || p.entries.some((e) => e.type.value === 'AWS' && e.values.some((v) => v.value === '*'));
}

/** Can the grant's resource name a resource of one of these types of the action? */
function fitsTypes(spec: GrantResource['spec'], action: ActionInfo, types: readonly string[] | undefined): boolean {
  if (!types || spec.kind === 'except' || !supportsResourceArns(action)) return true;
  // A bucket name has no `/`: `arn:aws:s3:::reports/*` names objects only.
  if (action.service === 's3' && types.includes('bucket') && /^arn:[^:]*:s3:::[^/]*\//.test(spec.pattern)) return false;
  return types.some((t) => {
    const info = getResourceType(action.service, t);
    return !info || namesResourceOfType(spec.pattern, info);
  });
}

/**
 * Does the pattern name a resource of this type, reading the ARN field by field? IAM's `*`
 * crosses `:`, so `arn:aws:iam::*:policy/app*` matches the string
 * `arn:aws:iam::1:role/x:policy/app` and `arnCanMatchResourceType` says it can be a role; no real
 * role ARN looks like that. Patterns with fewer than six fields (`arn:aws:iam::*`, `*`) keep the
 * string reading.
 */
function namesResourceOfType(pattern: string, info: ResourceTypeInfo): boolean {
  return namesMemo.get(pattern, `${info.service}\u0000${info.name}`, () => readNamesResourceOfType(pattern, info));
}

const namesMemo = new PatternMemo<boolean>();
const fieldsMemo = new PatternMemo<string[] | undefined>(1024);

function readNamesResourceOfType(pattern: string, info: ResourceTypeInfo): boolean {
  const p = fieldsMemo.get(pattern, '', () => arnFields(pattern));
  if (!p) return arnCanMatchResourceType(pattern, info);
  return info.arnFormats.some((format) => {
    const f = arnFields(arnFormatToWildcard(format));
    return f ? p.every((field, i) => wildcardIntersects(field, f[i])) : arnCanMatchResourceType(pattern, info);
  });
}

/** partition, service, region, account, resource (the resource keeps its own colons). */
function arnFields(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [parts[1], parts[2], parts[3], parts[4], parts.slice(5).join(':')];
}

const OWN_USER = /:user\/(?:.*\/)?\$\{aws:username\}$/i;

/** `arn:aws:iam::*:user/${aws:username}`: the caller's own user only. */
function onlyOwnUser(resource: GrantResource): boolean {
  return resource.spec.kind === 'pattern' && OWN_USER.test(resource.at.value);
}

/**
 * Does the grant reach only some resources of its type? NotResource, `*`, and patterns covering
 * every resource of a type (`arn:aws:iam::*:role/*`, `arn:aws:lambda:*:*:function:*`) do not;
 * a pattern with a policy variable is a real scope (`role/${aws:PrincipalTag/team}-*`).
 */
function isScoped(resource: GrantResource, action: ActionInfo): boolean {
  const spec = resource.spec;
  if (spec.kind === 'except' || !supportsResourceArns(action)) return false;
  if (policyVariableToWildcard(resource.at.value) !== resource.at.value) return true;
  const pattern = spec.pattern;
  if (/^\*+$/.test(pattern)) return false;
  if (action.resourceTypes.some((t) => t.name === 'role') && coversEveryRole(pattern)) return false;
  return !coversMemo.get(pattern, action.fullName, () => coversEveryResourceOf(widenedMemo.get(pattern, '', () => anyAccountAndRegion(pattern)), action));
}

const coversMemo = new PatternMemo<boolean>();
const widenedMemo = new PatternMemo<string>(1024);

/**
 * The pattern with its region and account fields widened: every function of one account is no
 * real scope for an escalation inside that account (`arn:aws:lambda:us-east-1:111122223333:function:*`).
 */
function anyAccountAndRegion(pattern: string): string {
  const fields = pattern.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return pattern;
  return [fields[0], fields[1], fields[2], fields[3] === '' ? '' : '*', fields[4] === '' ? '' : '*', ...fields.slice(5)].join(':');
}

// ---------------------------------------------------------------------------------------------
// iam:PassRole and iam:PassedToService
// ---------------------------------------------------------------------------------------------

/** The PassRole grants through which a role can be passed to one of `services`. */
function passRoleGrantsFor(grants: readonly EscalationGrant[], action: ActionInfo, services: readonly string[], scope: EscalationScope): EscalationGrant[] {
  return grants.filter((g) => {
    // Most PassRole statements have no iam:PassedToService test: every service is admitted.
    const admitted = passedToServiceConditions(g.statement).length === 0 ? services : services.filter((s) => admitsService(g.statement, s));
    if (admitted.length === 0) return false;
    const requested = requestedResource(action, g.resource.spec);
    return !requested || !admitted.every((s) => serviceDenied(scope, requested, s));
  });
}

/** Does an Allow statement's iam:PassedToService test let the role go to `service`? */
export function admitsService(stmt: Statement, service: string): boolean {
  for (const c of passedToServiceConditions(stmt)) {
    const op = c.parsedOperator;
    if (op.ifExists || op.base === 'Null' || op.setOperator === 'ForAllValues') continue;
    const matches = c.values.some((v) => serviceMatches(v.value, service));
    if (isNegatedOperator(c) ? matches : !matches) return false;
  }
  return true;
}

function serviceMatches(value: string, service: string): boolean {
  const v = value.toLowerCase();
  return wildcardMatch(v, service) || wildcardMatch(v, `${service}.cn`);
}

/**
 * Is passing to `service` denied on every resource of `requested` by a Deny of iam:PassRole
 * whose only conditions test iam:PassedToService (and `service` satisfies them)?
 */
function serviceDenied(scope: EscalationScope, requested: ResourceSpec, service: string): boolean {
  return scope.denies.some((d) =>
    d.statements.some((s) => {
      if (!isDeny(s) || s.conditions.length === 0) return false;
      if (scope.mode === 'identity' ? s.principal !== undefined : !namesEveryone(s)) return false;
      if (!coversAction(s, PASS_ROLE_ACTION) || !denyResourcesCover(s.resource, requested)) return false;
      const tests = passedToServiceConditions(s);
      if (tests.length !== s.conditions.length) return false;
      return tests.every((c) => {
        if (c.parsedOperator.base === 'Null' || c.parsedOperator.setOperator) return false;
        const matches = c.values.some((v) => serviceMatches(v.value, service));
        return isNegatedOperator(c) ? !matches : matches;
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Bucket-policy methods
// ---------------------------------------------------------------------------------------------

/**
 * The object actions (`s3:GetObject`, …) not allowed on the objects of some bucket the anchor
 * (s3:PutBucketPolicy) is allowed on: what rewriting the bucket's policy would add. A bucket
 * granted through NotResource counts as every bucket.
 */
function missingObjectActions(
  anchor: RequiredActionGrants,
  objectActions: readonly string[],
  grantsFor: (req: EscalationAction, action: ActionInfo) => EscalationGrant[],
): string[] {
  const buckets = [...new Set(anchor.grants.map((g) => (g.resource.spec.kind === 'pattern' ? g.resource.spec.pattern : '*')))];
  const missing: string[] = [];
  for (const name of objectActions) {
    const action = knownAction(name);
    if (!action) continue;
    const grants = grantsFor({ action: name }, action);
    const coversObjects = (bucket: string) => grants.some((g) => objectsCovered(g.resource.spec, `${bucket}/*`));
    if (!buckets.every(coversObjects)) missing.push(action.fullName);
  }
  return missing;
}

function objectsCovered(spec: GrantResource['spec'], objects: string): boolean {
  if (spec.kind === 'pattern') return wildcardCovers(spec.pattern, objects);
  return !spec.patterns.some((n) => wildcardIntersects(n, objects));
}
