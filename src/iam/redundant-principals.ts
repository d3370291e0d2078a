/**
 * Principal values of one Principal/NotPrincipal element that add nothing, and the canonical
 * form of a principal for comparing statements. IAM semantics:
 * - an account id and the account's root ARN (`111122223333`, `arn:aws:iam::111122223333:root`)
 *   name the same principal (AWS stores the ARN form);
 * - service principal names ignore case;
 * - a role ARN covers every session of the role (`arn:aws:sts::111122223333:assumed-role/Name/session`):
 *   IAM matches a session by its role, so listing both changes nothing (Access Analyzer
 *   "Redundant principal in role trust policy"). Not in NotPrincipal: there AWS documents that
 *   a Deny with NotPrincipal must list the session as well as the role;
 * - `"*"` under `AWS` covers every AWS principal.
 *
 * AWS documentation: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import type { Located, PrincipalElement, PrincipalEntry } from '../engine/model.js';
import { parseArn } from './arn.js';
import { redundantEntriesWith, type RedundantEntry } from './redundant-entries.js';

const ACCOUNT_ID = /^\d{12}$/;

/** Canonical form of a principal value under its type key, for equality. */
export function principalKey(type: string, value: string): string {
  if (type === 'AWS') {
    if (ACCOUNT_ID.test(value)) return `account:${value}`;
    const arn = parseArn(value);
    if (arn && arn.service === 'iam' && arn.resource === 'root' && ACCOUNT_ID.test(arn.account)) return `account:${arn.account}`;
    return value;
  }
  if (type === 'Service') return value.toLowerCase();
  return value;
}

/** The role an assumed-role session ARN belongs to: `{account, name}`; undefined for anything else. */
function sessionRole(value: string): { account: string; name: string } | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'sts' || !arn.resource.startsWith('assumed-role/')) return undefined;
  const [, name, session] = arn.resource.split('/');
  return name && session ? { account: arn.account, name } : undefined;
}

/** `{account, name}` of a role ARN (the name is the last path segment). */
function roleOf(value: string): { partition: string; account: string; name: string } | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('role/')) return undefined;
  const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
  return name ? { partition: arn.partition, account: arn.account, name } : undefined;
}

export type PrincipalRedundancy = RedundantEntry & {
  readonly type: Located<string>;
  /** For covered values: what covers them. */
  readonly coveredBy?: 'role' | 'wildcard';
};

/**
 * Every redundant value of the element, per type key, in list order: a value naming the same
 * principal as an earlier one (`duplicate`), or one covered by a role or `"*"` listed under the
 * same key (`covered`, Principal only).
 */
export function redundantPrincipals(el: PrincipalElement): PrincipalRedundancy[] {
  const out: PrincipalRedundancy[] = [];
  for (const entry of el.entries) out.push(...redundantInEntry(entry, el.negated));
  return out;
}

function redundantInEntry(entry: PrincipalEntry, negated: boolean): PrincipalRedundancy[] {
  const type = entry.type.value;
  const covering = !negated && type === 'AWS';
  const covers = (general: string, specific: string): boolean => {
    if (!covering) return false;
    if (general === '*') return true;
    const role = roleOf(general);
    const session = sessionRole(specific);
    if (!role || !session) return false;
    const sessionArn = parseArn(specific)!;
    return sessionArn.partition === role.partition && session.account === role.account && session.name === role.name;
  };
  const found = redundantEntriesWith(entry.values, { key: (v) => principalKey(type, v), covers }, (v) => covering && (v === '*' || roleOf(v) !== undefined));
  return found.map((r) => ({ ...r, type: entry.type, ...(r.reason === 'covered' ? { coveredBy: r.by.value === '*' ? ('wildcard' as const) : ('role' as const) } : {}) }));
}
