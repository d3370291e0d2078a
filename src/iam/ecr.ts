/**
 * What AWS documents about pulling and pushing container images (Amazon ECR) and about passing
 * roles (`iam:PassRole`), as questions on the normalized model. Shared by the
 * missing-ecr-auth-token, ecr-push-incomplete and passrole-* rules.
 *
 * Sources: "Private repository policy examples" and "Amazon ECR managed policies" in the ECR
 * User Guide; "Grant a user permissions to pass a role to an AWS service" in the IAM User Guide.
 */
import type { ConditionEntry, Located, PolicyDocument, PolicySet, Statement } from '../engine/model.js';
import { parseArn } from './arn.js';
import { actionEntryFor, conditionsOn, coversAllResources, coversResource, entryMatchesAction, isAllow, isDeny } from './statement.js';
import { hasWildcard, wildcardCovers } from './wildcard.js';

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** Supports no resource ARN: it is authorized only on `"*"`. */
export const ECR_AUTH_TOKEN_ACTION = 'ecr:GetAuthorizationToken';

/** What a pull needs on the repository (plus the token). */
export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'] as const;

/** The actions only a push uses. */
export const ECR_LAYER_UPLOAD_ACTIONS = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'] as const;

/** What a push needs on the repository (plus the token). */
export const ECR_PUSH_ACTIONS = [...ECR_LAYER_UPLOAD_ACTIONS, 'ecr:BatchCheckLayerAvailability'] as const;

/**
 * Layer transfers only the Docker registry protocol uses (the ECR API reference says of each:
 * "not generally used by customers for pulling and pushing images; use the docker CLI"). Their
 * presence means images move through the registry, which needs the authorization token.
 * BatchGetImage, PutImage or BatchCheckLayerAvailability alone are also plain SigV4-signed API
 * calls (reading or writing a manifest) that need no token.
 */
export const ECR_REGISTRY_LAYER_ACTIONS: readonly string[] = ['ecr:GetDownloadUrlForLayer', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];

/** Every action of a pull or a push, in the order messages list them. */
export const ECR_IMAGE_ACTIONS = [...ECR_PULL_ACTIONS, ...ECR_LAYER_UPLOAD_ACTIONS] as const;

export const PASS_ROLE_ACTION = 'iam:PassRole';
export const PASSED_TO_SERVICE_KEY = 'iam:PassedToService';

// ---------------------------------------------------------------------------------------------
// Which documents grant, and together with which others
// ---------------------------------------------------------------------------------------------

/**
 * Only identity policies grant a principal its own permissions. Boundaries, SCPs and RCPs cap
 * what is granted elsewhere; resource and trust policies (with a Principal) are about who may
 * act on a resource, not about what the role may do.
 */
export function grantsIdentityPermissions(doc: PolicyDocument): boolean {
  return doc.kind === 'identity';
}

/** A document some policy set lists as an identity policy is judged with the rest of that set. */
export function judgedWithPolicySet(doc: PolicyDocument, sets: readonly PolicySet[]): boolean {
  return sets.some((set) => set.identity.some((d) => d.id === doc.id));
}

/** The identity policies of a set that grant permissions, in the set's order. */
export function grantingDocuments(set: PolicySet): PolicyDocument[] {
  return set.identity.filter(grantsIdentityPermissions);
}

export { statementLabel } from './statement.js';

// ---------------------------------------------------------------------------------------------
// Grants across the statements of one or more identity policies
// ---------------------------------------------------------------------------------------------

export interface ActionGrant {
  readonly document: PolicyDocument;
  readonly statement: Statement;
  /** The Action entry (or the NotAction key) through which the statement allows the action. */
  readonly entry: Located<string>;
}

/**
 * An Allow that can take effect: a statement without Resource/NotResource is rejected by IAM
 * (policy-structure reports it) and grants nothing. Conditions are not evaluated: they may hold.
 */
function isGrantingStatement(stmt: Statement): boolean {
  return isAllow(stmt) && stmt.resource !== undefined;
}

/**
 * The unconditioned Deny that removes `action` on every resource, or undefined. A Deny with
 * conditions may not apply, and a Deny on some resources leaves the others allowed.
 */
export function denyEverywhere(docs: readonly PolicyDocument[], action: string): ActionGrant | undefined {
  for (const document of docs) {
    for (const statement of document.statements) {
      if (!isDeny(statement) || statement.conditions.length > 0 || !coversAllResources(statement)) continue;
      const entry = actionEntryFor(statement, action);
      if (entry) return { document, statement, entry };
    }
  }
  return undefined;
}

/** Which of `actions` some Allow covers and no unconditioned Deny removes everywhere, in `actions` order. */
export function allowedActions(docs: readonly PolicyDocument[], actions: readonly string[]): string[] {
  return actions.filter(
    (action) => docs.some((d) => d.statements.some((s) => isGrantingStatement(s) && actionEntryFor(s, action))) && !denyEverywhere(docs, action),
  );
}

/**
 * The first entry, in document order, through which an Allow covers one of `actions`: an
 * Action pattern matching one of them, or the NotAction key when it does not exclude all.
 */
export function firstGrant(docs: readonly PolicyDocument[], actions: readonly string[]): ActionGrant | undefined {
  if (actions.length === 0) return undefined;
  const lowercase = actions.map((a) => a.toLowerCase());
  for (const document of docs) {
    for (const statement of document.statements) {
      if (!isGrantingStatement(statement) || !statement.action) continue;
      const el = statement.action;
      const entry = el.negated
        ? lowercase.some((a) => !el.values.some((v) => entryMatchesAction(v.value, a))) ? el.key : undefined
        : el.values.find((v) => lowercase.some((a) => entryMatchesAction(v.value, a)));
      if (entry) return { document, statement, entry };
    }
  }
  return undefined;
}

/** `pull`, `push` or `pull and push`, from which image actions are allowed. */
export function imageOperations(actions: readonly string[]): string {
  const push = actions.some((a) => (ECR_LAYER_UPLOAD_ACTIONS as readonly string[]).includes(a));
  const pull = actions.some((a) => a === 'ecr:GetDownloadUrlForLayer' || a === 'ecr:BatchGetImage') || !push;
  return pull && push ? 'pull and push' : push ? 'push' : 'pull';
}

export type AuthTokenStatus =
  | { readonly status: 'allowed' }
  | { readonly status: 'denied'; readonly deny: ActionGrant }
  /** Allowed only by entries naming the action exactly, in statements scoped to ARNs: never matches. */
  | { readonly status: 'onlyOnArns'; readonly grants: readonly ActionGrant[] }
  | { readonly status: 'missing' };

/**
 * Whether `ecr:GetAuthorizationToken` is allowed on `"*"` (the only resource it is authorized
 * on): a Resource pattern matching the literal `*`, or a NotResource that does not exclude it.
 */
export function authTokenStatus(docs: readonly PolicyDocument[]): AuthTokenStatus {
  for (const document of docs) {
    for (const statement of document.statements) {
      if (!isDeny(statement) || statement.conditions.length > 0 || !coversResource(statement, '*')) continue;
      const entry = actionEntryFor(statement, ECR_AUTH_TOKEN_ACTION);
      if (entry) return { status: 'denied', deny: { document, statement, entry } };
    }
  }
  const scoped: ActionGrant[] = [];
  for (const document of docs) {
    for (const statement of document.statements) {
      if (!isGrantingStatement(statement)) continue;
      const entry = actionEntryFor(statement, ECR_AUTH_TOKEN_ACTION);
      if (!entry) continue;
      if (coversResource(statement, '*')) return { status: 'allowed' };
      // Only an entry that names the token itself shows the author meant to grant it here;
      // `ecr:*` on a repository is a different mistake (the token was never considered).
      if (!statement.action?.negated && !hasWildcard(entry.value)) scoped.push({ document, statement, entry });
    }
  }
  return scoped.length > 0 ? { status: 'onlyOnArns', grants: scoped } : { status: 'missing' };
}

// ---------------------------------------------------------------------------------------------
// iam:PassRole
// ---------------------------------------------------------------------------------------------

/** Condition entries of a statement on `iam:PassedToService` (keys are case-insensitive). */
export function passedToServiceConditions(stmt: Statement): ConditionEntry[] {
  return conditionsOn(stmt, PASSED_TO_SERVICE_KEY);
}

/** `StringNotEquals`, `StringNotLike`, … : true for every value but the listed ones. */
export function isNegatedOperator(c: ConditionEntry): boolean {
  return c.parsedOperator.base.includes('Not');
}

/**
 * A test on `iam:PassedToService` that only named services pass: a positive operator without
 * `IfExists` (absent key fails), not `Null` (presence only), not `ForAllValues` (an absent
 * key passes it vacuously).
 */
export function isStrictServiceTest(c: ConditionEntry): boolean {
  const op = c.parsedOperator;
  return !op.ifExists && op.base !== 'Null' && op.setOperator !== 'ForAllValues' && !isNegatedOperator(c);
}

/** A condition that says something about which service receives the role (a `Null` test does not). */
export function isServiceTest(c: ConditionEntry): boolean {
  return c.parsedOperator.base !== 'Null';
}

/**
 * A Deny in these documents that refuses `iam:PassRole`, on every role `allow` grants, to all
 * but named services (`StringNotEquals`/`StringNotLike` on `iam:PassedToService`, no other
 * condition): it makes the unconditioned Allow safe.
 */
export function passRoleServiceGuard(docs: readonly PolicyDocument[], allow: Statement): ActionGrant | undefined {
  for (const document of docs) {
    for (const statement of document.statements) {
      if (!isDeny(statement) || !resourcesCovered(statement, allow)) continue;
      const entry = actionEntryFor(statement, PASS_ROLE_ACTION);
      if (!entry) continue;
      const guards = passedToServiceConditions(statement);
      const others = statement.conditions.filter((c) => !guards.includes(c));
      if (others.length === 0 && guards.some((c) => isNegatedOperator(c) && c.parsedOperator.setOperator === undefined)) {
        return { document, statement, entry };
      }
    }
  }
  return undefined;
}

/** Does `outer`'s Resource cover every resource of `inner` (sound, not complete)? */
function resourcesCovered(outer: Statement, inner: Statement): boolean {
  const o = outer.resource;
  const i = inner.resource;
  if (!o || !i || o.negated) return false;
  if (coversAllResources(outer)) return true;
  if (i.negated) return false;
  return i.values.every((r) => o.values.some((p) => wildcardCovers(p.value, r.value)));
}

/**
 * Does a Resource pattern cover every role (of an account, or of every account)? `*`,
 * `arn:aws:iam::*:role/*`, `arn:aws:iam::111122223333:role/*`, `arn:*:iam::*:*`,
 * `arn:aws:iam::111122223333:role*`. A name prefix or a path (`role/service-role/sagemaker-*`,
 * `role/service-role/*`) is a real scope. ARNs are case-sensitive.
 */
export function coversEveryRole(pattern: string): boolean {
  const arn = parseArn(pattern);
  let partition: string;
  let account: string;
  if (arn) {
    partition = arn.partition;
    account = arn.account;
  } else {
    // A short pattern such as `arn:*` or `arn:aws:iam::111*`: its `*` crosses the colons.
    const fields = pattern.split(':');
    partition = fields[1] ?? 'aws';
    account = fields[4] ?? '*';
  }
  return wildcardCovers(pattern, `arn:${partition}:iam::${account}:role/*`);
}
