import type { PolicyDocument, PolicyKind, Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import { denyResourcesCover, grantsOf, PatternMemo, requestedResource, type ActionEntryGrant, type GrantResource, type ResourceSpec } from '../iam/evaluate.js';
import { listInWords } from '../iam/grant-summary.js';
import { everyonePrincipals } from '../iam/public-grant.js';
import { arnFormatToWildcard, expandActionPattern, getResourceType, supportsResourceArns, type ActionInfo } from '../iam/service-data.js';
import { actionEntryFor, isAllow, isDeny, statementLabel } from '../iam/statement.js';
import { inTrustPolicy } from '../iam/trust.js';
import { hasWildcard, literalToken, restrictedToken, tokenize, tokensIntersect, wildcardCovers, wildcardIntersects, wildcardMatch, type WildcardToken } from '../iam/wildcard.js';

type MessageIds = 'forbidden' | 'forbiddenByName';

interface Options {
  actions: string[];
  resources: string[];
}

/**
 * Every kind whose Allow lets a principal act: identity and resource-based policies, role trust
 * policies (`sts:AssumeRole` granted to the Principal) and permissions boundaries (the ceiling
 * a guardrail is meant to hold). SCPs and RCPs are left out: the default FullAWSAccess SCP
 * allows `*` and their Allow statements grant nothing.
 */
const GRANTING_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'resource', 'trust', 'boundary']);
/** How many action names a message lists before giving the count. */
const EXAMPLES = 3;

/** The configured action patterns, split by what the bundled AWS data knows of them. */
interface ForbiddenActions {
  /** Every known action some configured pattern matches. */
  readonly known: ReadonlySet<ActionInfo>;
  /** The configured patterns, for entries the data does not know. */
  readonly patterns: readonly string[];
  /** Configured patterns that match no known action (a typo, or an action newer than the data). */
  readonly unknown: readonly string[];
}

const forbiddenCache = new WeakMap<readonly string[], ForbiddenActions>();

function forbiddenActions(patterns: readonly string[]): ForbiddenActions {
  let forbidden = forbiddenCache.get(patterns);
  if (forbidden === undefined) {
    const expansions = patterns.map((p) => expandActionPattern(p));
    forbidden = {
      known: new Set(expansions.flat()),
      patterns,
      unknown: patterns.filter((_, i) => expansions[i].length === 0),
    };
    forbiddenCache.set(patterns, forbidden);
  }
  return forbidden;
}

/** A forbidden action an entry allows: a known action, or a name matched by text only. */
interface Allowed {
  readonly name: string;
  readonly action: ActionInfo | undefined;
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'access-not-granted',
    docs: {
      description: 'Report Allow statements that grant an action the configuration says no policy may allow',
      why:
        'The offline counterpart of IAM Access Analyzer\'s CheckAccessNotGranted: a team lists the actions no policy in the repository may grant (`iam:*`, `kms:Decrypt`, `s3:DeleteBucket`, optionally only on some resources) and every policy that grants one of them fails the check before it is deployed. ' +
        'Wildcards count on both sides, case-insensitively: an entry `*`, `iam:*` or `iam:Pass*` allows a configured `iam:PassRole`, a configured `iam:*` is matched by an entry `iam:CreateUser`, and `NotAction` allows every action it does not exclude. Entries are expanded to the concrete actions of the bundled AWS service data and intersected with the configured patterns. ' +
        'A configured pattern that matches no known action (a typo, or an action newer than the data) is still compared with the entries by text (`bedrock:*` allows it; a NotAction allows it unless one of its patterns covers it), and so is an entry that names no known action: an unknown name is reported, never silently ignored. ' +
        'With `resources`, a grant counts only when one of its resources (Resource patterns, NotResource, or `*` for actions without resource-level permissions) can reach one of the configured ARN patterns of a resource type the action acts on (a protected role is no target of `iam:GetGroup`); a grant that can never apply to the action (`iam:PassRole` on an S3 ARN) does not count. A configured pattern means real ARNs: its wildcards before the resource part match no `:`, so `arn:aws:iam::*:role/admin*` is reached by `arn:aws:iam::*:role/*` but not by `arn:aws:iam::*:role/managed/*`. A grant pattern that fits the action\'s ARN format only through a `*` spanning `:` (`arn:aws:logs:*:*:/aws-glue/*`) is read as IAM reads it, as a string, and may be reported for a protected resource it reaches only in theory. A statement without Resource (a role trust policy) is about the policy\'s own resource, which is unknown here, and counts. ' +
        'An unconditioned Deny of the same document that covers the action on the whole resource and applies to every principal (no Principal, `"Principal": "*"` or `{"AWS": "*"}`) removes the grant; Denies in other policies are not seen. Conditions on the Allow do not remove it: the action is still allowed whenever the conditions hold. ' +
        'Judges identity, resource-based and trust policies and permissions boundaries; SCPs and RCPs only cap permissions and are not checked. With no `actions` configured (the default) the rule reports nothing.',
      fix: 'Remove the forbidden action from the statement (narrow a wildcard such as `iam:*` to the actions needed, replace NotAction with an Action list), scope it away from the protected resources, or add an unconditioned Deny for it. If the grant is intended, change the configuration rather than the policy.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    tags: ['security'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        actions: stringListOption('Actions no policy may allow, as IAM wildcard patterns (case-insensitive), e.g. ["iam:*", "s3:DeleteBucket", "kms:Decrypt"].'),
        resources: stringListOption('When given, only grants that can reach one of these ARN patterns (wildcards allowed) are reported.'),
      },
    },
    defaultOptions: { actions: [], resources: [] },
    messages: {
      forbidden: '{{entry}} allows {{actions}} on {{resource}} in {{statement}}, which no policy may allow (it is on the access-not-granted list).',
      forbiddenByName:
        '{{entry}} allows {{actions}} on {{resource}} in {{statement}}, which no policy may allow (it is on the access-not-granted list; matched by name: the bundled AWS data knows no such action).',
    },
  },
  create(context) {
    const { actions: patterns, resources: protectedResources } = context.options;
    if (patterns.length === 0) return {};
    const forbidden = forbiddenActions(patterns);
    const protectedArns = protectedResources.map(protectedResource);
    const reaches: Reaches = (action, requested) =>
      requested === undefined || protectedArns.length === 0 || protectedArns.some((p) => (!action || actionCanTouch(action, p)) && grantReaches(requested, p, action));
    return {
      statement(stmt, doc) {
        // An empty NotAction is malformed (policy-structure reports it), not "every action".
        if (!isAllow(stmt) || !GRANTING_KINDS.has(doc.kind) || !stmt.action || (stmt.action.negated && stmt.action.values.length === 0)) return;
        const { entries, resources } = grantsOf(stmt);
        // Without Resource (a trust policy) the grant is on the policy's own resource.
        const grantResources = resources.length > 0 ? resources : [undefined];
        let statement: string | undefined;
        for (const entry of entries) {
          const allowed: Allowed[] = [];
          let at: GrantResource | undefined;
          for (const candidate of allowedNames(stmt, entry, forbidden)) {
            const where = allowingResource(candidate, grantResources, doc, reaches);
            if (!where) continue;
            if (allowed.length === 0) at = where.at;
            allowed.push(candidate);
          }
          if (allowed.length === 0) continue;
          statement ??= statementLabel(stmt);
          const names = allowed.map((a) => a.name).sort();
          context.report({
            node: entry.at,
            messageId: allowed.some((a) => a.action) ? 'forbidden' : 'forbiddenByName',
            data: { entry: entryText(stmt, entry), actions: describeNames(names), resource: resourceText(stmt, doc, at), statement },
          });
        }
      },
    };
  },
});

type Reaches = (action: ActionInfo | undefined, requested: ResourceSpec | undefined) => boolean;

/**
 * The first resource of the statement (undefined: its own resource) on which the candidate is
 * allowed, reaches a protected resource and is not denied by the document; undefined when none.
 */
function allowingResource(
  c: Allowed,
  grantResources: readonly (GrantResource | undefined)[],
  doc: PolicyDocument,
  reaches: Reaches,
): { at: GrantResource | undefined } | undefined {
  for (const g of grantResources) {
    const requested = g && (c.action ? requestedResource(c.action, g.spec) : g.spec);
    if (g && !requested) continue; // the grant never applies to the action there
    if (reaches(c.action, requested) && !deniedInDocument(doc, c.name, requested)) return { at: g };
  }
  return undefined;
}

/**
 * The forbidden actions an entry stands for: known actions through the data, configured
 * patterns the data does not know by text, and, for an entry the data does not know, every
 * configured pattern it can match by text.
 */
function allowedNames(stmt: Statement, entry: ActionEntryGrant, forbidden: ForbiddenActions): Allowed[] {
  const allowed: Allowed[] = entry.actions.filter((a) => forbidden.known.has(a)).map((a) => ({ name: a.fullName, action: a }));
  const el = stmt.action!;
  if (el.negated) {
    for (const p of forbidden.unknown) if (!el.values.some((v) => wildcardCovers(v.value, p, true))) allowed.push({ name: p, action: undefined });
    return allowed;
  }
  const text = entry.at.value;
  const byText = entry.actions.length === 0 ? forbidden.patterns : forbidden.unknown;
  for (const p of byText) {
    // Name the narrower side: the entry `iam:CreateUserr` under `iam:*`, the pattern `bedrock:NewAction` under `bedrock:*`.
    if (wildcardIntersects(text, p, true)) allowed.push({ name: wildcardCovers(p, text, true) ? text : p, action: undefined });
  }
  return [...new Map(allowed.map((a) => [a.name.toLowerCase(), a])).values()];
}

/** A configured resource pattern, read as the set of real ARNs it matches. */
interface ProtectedResource {
  readonly pattern: string;
  readonly tokens: readonly WildcardToken[];
}

function protectedResource(pattern: string): ProtectedResource {
  return { pattern, tokens: arnTokens(pattern) };
}

/**
 * The pattern's tokens, with the wildcards of an ARN's partition, service, region and account
 * fields unable to produce `:`. A grant's Resource keeps IAM's string matching (its `*` crosses
 * `:`, and AWS managed policies rely on it), but the configured `arn:aws:iam::*:role/admin*`
 * means admin roles in any account, not `arn:aws:iam::1:role/admin:role/service-role/x`: without
 * this, every grant on any role would reach it.
 */
function arnTokens(pattern: string): WildcardToken[] {
  if (!pattern.startsWith('arn:')) return tokenize(pattern);
  const tokens: WildcardToken[] = [];
  let colons = 0;
  for (const ch of pattern) {
    const exclude = colons < ARN_FIELD_COLONS ? ':' : undefined;
    if (ch === ':') colons++;
    tokens.push(ch === '*' ? restrictedToken('star', exclude) : ch === '?' ? restrictedToken('one', exclude) : literalToken(ch));
  }
  return tokens;
}

/** Colons before an ARN's resource part. */
const ARN_FIELD_COLONS = 5;

const reachMemo = new PatternMemo<boolean>();

/**
 * Can a grant's (requested) resource name a resource the protected pattern matches? ARNs are
 * case-sensitive. A grant pattern that fits one of the action's ARN formats field by field is
 * read field by field too (`arn:aws:iam::*:role/managed/*` does not reach `role/admin*`); one
 * that fits only through a `*` crossing `:` keeps IAM's string reading
 * (`arn:aws:logs:*:*:/aws-glue/*`, whose account `*` spans `111122223333:log-group`).
 */
function grantReaches(spec: ResourceSpec, p: ProtectedResource, action: ActionInfo | undefined): boolean {
  switch (spec.kind) {
    case 'pattern': {
      const fieldwise = action !== undefined && spec.pattern.startsWith('arn:') && fitsSomeType(spec.pattern, action, arnTokens(spec.pattern));
      return reachMemo.get(spec.pattern, fieldwise ? `f\u0000${p.pattern}` : p.pattern, () => tokensIntersect(fieldwise ? arnTokens(spec.pattern) : tokenize(spec.pattern), p.tokens));
    }
    case 'except':
      return !spec.patterns.some((n) => wildcardCovers(n, p.pattern));
    case 'literal':
      return wildcardMatch(p.pattern, spec.value);
  }
}

/**
 * Can a protected pattern name a resource the action acts on? A role ARN is no target of
 * iam:GetGroup; an action without resource-level permissions is requested on `*` only.
 */
function actionCanTouch(action: ActionInfo, p: ProtectedResource): boolean {
  if (!supportsResourceArns(action)) return wildcardMatch(p.pattern, '*');
  return fitsSomeType(p.pattern, action, p.tokens);
}

const fitsMemo = new PatternMemo<boolean>();

/** Do the pattern's tokens (see arnTokens) match an ARN of one of the action's resource types? Unknown types: yes. */
function fitsSomeType(pattern: string, action: ActionInfo, tokens: readonly WildcardToken[]): boolean {
  return action.resourceTypes.some(
    (t) =>
      t.name.length > 0 &&
      fitsMemo.get(pattern, `${action.service}\u0000${t.name}`, () => {
        const info = getResourceType(action.service, t.name);
        return !info || info.arnFormats.some((f) => tokensIntersect(tokens, arnTokens(arnFormatToWildcard(f))));
      }),
  );
}

/**
 * Does an unconditioned Deny of the document that applies to every principal cover the action
 * (a name, or a pattern for a name matched by text) on all of the requested resource? Without a
 * requested resource (a trust policy) only a Deny without Resource covers it.
 */
function deniedInDocument(doc: PolicyDocument, name: string, requested: ResourceSpec | undefined): boolean {
  return doc.statements.some(
    (s) =>
      isDeny(s) &&
      s.conditions.length === 0 &&
      !s.conditionKey &&
      (!s.principal || everyonePrincipals(s).some((p) => !p.negated)) &&
      denyCoversAction(s, name) &&
      (requested ? denyResourcesCover(s.resource, requested) : !s.resource),
  );
}

function denyCoversAction(stmt: Statement, name: string): boolean {
  if (!hasWildcard(name)) return actionEntryFor(stmt, name) !== undefined;
  const el = stmt.action;
  if (!el) return false;
  return el.negated ? !el.values.some((v) => wildcardIntersects(v.value, name, true)) : el.values.some((v) => wildcardCovers(v.value, name, true));
}

/** `iam:PassRole`, `a, b and c`, or `12 forbidden actions (a, b, c, …)`. */
function describeNames(names: readonly string[]): string {
  return names.length <= EXAMPLES ? listInWords(names) : `${names.length} forbidden actions (${names.slice(0, EXAMPLES).join(', ')}, …)`;
}

function entryText(stmt: Statement, entry: ActionEntryGrant): string {
  const el = stmt.action!;
  return el.negated ? `NotAction (every action except ${listInWords(el.values.map((v) => v.value))})` : `"${entry.at.value}"`;
}

function resourceText(stmt: Statement, doc: PolicyDocument, at: GrantResource | undefined): string {
  if (!at) return inTrustPolicy(stmt, doc) ? 'the role this trust policy belongs to' : "the policy's own resource";
  if (at.spec.kind === 'except') return `every resource except ${listInWords(stmt.resource!.values.map((v) => `"${v.value}"`))}`;
  return `"${at.at.value}"`;
}
