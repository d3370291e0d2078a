/**
 * What each kind of policy lets a statement contain, as AWS enforces it when the policy is
 * created: identity policies and permissions boundaries (IAM), role trust policies (IAM
 * CreateRole/UpdateAssumeRolePolicy), resource-based policies, and the AWS Organizations
 * authorization policies (SCPs and RCPs).
 */
import type { PolicyKind, Statement } from '../engine/model.js';

/**
 * How a kind treats the Principal element: `forbidden` (the policy applies to whoever it is
 * attached to), `required` (the policy must say whom it applies to), or `everyone` (RCPs:
 * only `"Principal": "*"`, narrowed by conditions).
 */
export type PrincipalRequirement = 'forbidden' | 'required' | 'everyone';

export function principalRequirement(kind: PolicyKind): PrincipalRequirement {
  switch (kind) {
    case 'identity':
    case 'boundary':
    case 'scp':
      return 'forbidden';
    case 'resource':
    case 'trust':
      return 'required';
    case 'rcp':
      return 'everyone';
  }
}

/** NotPrincipal exists only in resource-based policies (not in trust policies, SCPs or RCPs). */
export function supportsNotPrincipal(kind: PolicyKind): boolean {
  return kind === 'resource';
}

/** A role trust policy's resource is the role itself: Resource/NotResource are prohibited fields. */
export function supportsResourceElement(kind: PolicyKind): boolean {
  return kind !== 'trust';
}

/** RCPs support Action but not NotAction. */
export function supportsNotAction(kind: PolicyKind): boolean {
  return kind !== 'rcp';
}

/** RCPs may only deny; Allow is reserved for the AWS-managed RCPFullAWSAccess. */
export function supportsAllow(kind: PolicyKind): boolean {
  return kind !== 'rcp';
}

/** `an identity policy`, `a role trust policy`, … (plural: `identity policies`, …). */
export function policyKindName(kind: PolicyKind, plural = false): string {
  const [singular, many] = KIND_NAMES[kind];
  return plural ? many : singular;
}

const KIND_NAMES: Readonly<Record<PolicyKind, readonly [string, string]>> = {
  identity: ['an identity policy', 'identity policies'],
  boundary: ['a permissions boundary', 'permissions boundaries'],
  trust: ['a role trust policy', 'role trust policies'],
  resource: ['a resource-based policy', 'resource-based policies'],
  scp: ['a service control policy', 'service control policies'],
  rcp: ['a resource control policy', 'resource control policies'],
};

/**
 * The statement of the AWS-managed `RCPFullAWSAccess` policy (Allow `*` to `*` on `*`), the one
 * RCP statement that may allow.
 */
export function isRcpFullAwsAccessStatement(stmt: Statement): boolean {
  const only = (el: Statement['action'] | Statement['resource']) => el !== undefined && !el.negated && el.values.length === 1 && el.values[0].value === '*';
  return (
    stmt.effect?.value === 'Allow' &&
    stmt.principal?.name === 'Principal' &&
    stmt.principal.wildcard !== undefined &&
    only(stmt.action) &&
    only(stmt.resource) &&
    stmt.conditions.length === 0 &&
    stmt.conditionKey === undefined
  );
}
