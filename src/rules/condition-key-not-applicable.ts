import type { ConditionEntry, ElementList, Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import { actionPatternSupportsKey, conditionKeyHasDocumentedActions, isScopedTagKey, lookupConditionKey } from '../iam/condition-keys.js';
import { hasPlaceholder } from '../iam/placeholders.js';
import { isNegatedOperator } from '../iam/condition-operators.js';
import { actionMatches, expandActionPattern, type ConditionKeyInfo } from '../iam/service-data.js';
import { isAllow, isDeny, statementLabel } from '../iam/statement.js';
import { hasWildcard, wildcardMatch } from '../iam/wildcard.js';

const MAX_LISTED_ACTIONS = 3;

/** The statement's Action entries as written: `s3:GetObject, s3:PutObject and 2 more`. */
function listActions(stmt: Statement): string {
  const values = stmt.action?.values.map((v) => v.value) ?? [];
  if (values.length <= MAX_LISTED_ACTIONS) return values.join(', ');
  return `${values.slice(0, MAX_LISTED_ACTIONS).join(', ')} and ${values.length - MAX_LISTED_ACTIONS} more`;
}

const CACHE_LIMIT = 1 << 15;
const knownEntries = new Map<string, boolean>();

/** Does the Action entry match an action the AWS data knows? (`*` does, without loading every service.) */
function matchesSomeAction(pattern: string): boolean {
  let known = knownEntries.get(pattern);
  if (known === undefined) {
    known = /^\*+$/.test(pattern) || expandActionPattern(pattern).length > 0;
    if (knownEntries.size >= CACHE_LIMIT) knownEntries.clear();
    knownEntries.set(pattern, known);
  }
  return known;
}

/** What the rule needs to know about an Action entry as written, once per distinct entry. */
interface EntryFacts {
  /** servicePrefix of the entry. */
  readonly prefix: string | undefined;
  readonly wildcard: boolean;
  /** Matches sts:AssumeRole, sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity. */
  readonly assumes: boolean;
  /** Matches sts:TagSession or sts:SetSourceIdentity. */
  readonly sessionCompanion: boolean;
  /** Which companion actions (companionAction) it matches. */
  readonly companions: ReadonlySet<string>;
}

const entryFactsCache = new Map<string, EntryFacts>();

function entryFacts(pattern: string): EntryFacts {
  let facts = entryFactsCache.get(pattern);
  if (facts === undefined) {
    const companions = new Set(SESSION_COMPANIONS.filter((a) => actionMatches(pattern, a)));
    facts = {
      prefix: servicePrefix(pattern),
      wildcard: hasWildcard(pattern),
      assumes: ASSUME_ACTIONS.some((a) => actionMatches(pattern, a)),
      sessionCompanion: companions.size > 0,
      companions,
    };
    if (entryFactsCache.size >= CACHE_LIMIT) entryFactsCache.clear();
    entryFactsCache.set(pattern, facts);
  }
  return facts;
}

/** What the rule needs to know about a condition key as written, once per distinct key. */
interface KeyFacts {
  readonly placeholder: boolean;
  readonly serviceScoped: boolean;
  readonly companion: string | undefined;
  readonly tagKey: boolean;
  /**
   * The documented key when the actions' support for it is to be judged (null when it is not: an
   * unknown key, a global key other than the tag keys, a key the data ties to no action); looked
   * up when first needed.
   */
  judged: ConditionKeyInfo | null | undefined;
}

const keyFactsCache = new Map<string, KeyFacts>();

function keyFacts(key: string): KeyFacts {
  let facts = keyFactsCache.get(key);
  if (facts === undefined) {
    facts = {
      placeholder: hasPlaceholder(key),
      serviceScoped: SERVICE_SCOPED_KEYS.has(key.toLowerCase()),
      companion: companionAction(key),
      tagKey: isScopedTagKey(key),
      judged: undefined,
    };
    if (keyFactsCache.size >= CACHE_LIMIT) keyFactsCache.clear();
    keyFactsCache.set(key, facts);
  }
  return facts;
}

function judgedKey(key: string, facts: KeyFacts): ConditionKeyInfo | undefined {
  if (facts.judged === undefined) {
    const info = lookupConditionKey(key);
    // A key the AWS data ties to no action at all (a4b:amazonId, iottwinmaker:linkedServices): the
    // data is silent on where it applies, so there is nothing to judge against.
    facts.judged = info && !(info.service === 'aws' && !facts.tagKey) && conditionKeyHasDocumentedActions(key, info) ? info : null;
  }
  return facts.judged ?? undefined;
}

/** `a, b, c and 2 more` for a list of names. */
function listNames(names: readonly string[]): string {
  if (names.length <= MAX_LISTED_ACTIONS) return names.join(', ');
  return `${names.slice(0, MAX_LISTED_ACTIONS).join(', ')} and ${names.length - MAX_LISTED_ACTIONS} more`;
}

/** The service prefix of an Action entry, lower case; undefined when the prefix has a wildcard (`*`, `*:Get*`). */
function servicePrefix(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  const prefix = colon > 0 ? pattern.slice(0, colon) : pattern;
  return hasWildcard(prefix) || colon <= 0 ? undefined : prefix.toLowerCase();
}

/**
 * Keys that only some services set and that a policy must scope to them (Access Analyzer "Use
 * condition key only with supported services"): the VPC endpoint owner keys.
 */
const SERVICE_SCOPED_KEYS = new Set(['aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths']);

/** The role-assumption actions whose session keys need a companion action to be set. */
const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];
const SESSION_COMPANIONS = ['sts:TagSession', 'sts:SetSourceIdentity'];

/**
 * The action that must be allowed next to the assume action for the key to get a value: session
 * tags (aws:RequestTag/…, aws:TagKeys, sts:TransitiveTagKeys) are passed with sts:TagSession and
 * a source identity with sts:SetSourceIdentity (IAM User Guide, "Passing session tags in AWS STS",
 * "Monitor and control actions taken with assumed roles").
 */
function companionAction(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:requesttag/') || lower === 'aws:tagkeys' || lower === 'sts:transitivetagkeys') return 'sts:TagSession';
  if (lower === 'sts:sourceidentity') return 'sts:SetSourceIdentity';
  return undefined;
}

/**
 * What the statement does for actions without the key: a test that is true without the key
 * (…IfExists, negated operators, ForAllValues) lets them through, any other never does.
 */
function effectWithoutKey(stmt: Statement, c: ConditionEntry): string {
  const { base, ifExists, setOperator } = c.parsedOperator;
  const trueWithoutKey = ifExists || isNegatedOperator(base) || setOperator === 'ForAllValues' || (base === 'Null' && c.values.some((v) => v.value.toLowerCase() === 'true'));
  if (isDeny(stmt)) return trueWithoutKey ? 'this Deny denies them whatever the key would hold' : 'this Deny never denies them';
  return trueWithoutKey ? 'this Allow grants them whatever the key would hold' : 'this Allow never grants them';
}

type MessageIds =
  | 'notApplicable'
  | 'tagKeyNotApplicable'
  | 'unsupportedActions'
  | 'tagKeyUnsupportedServices'
  | 'notActionTagKey'
  | 'supportedServicesOnly'
  | 'missingActionForKey';

export default defineRule<{ ignoreKeys: string[] }, MessageIds>({
  meta: {
    id: 'condition-key-not-applicable',
    docs: {
      description: 'Report condition keys that none of the statement\'s actions puts in the request context',
      why: 'A service sets its condition keys only for the actions the Service Authorization Reference lists them for (per action, or per resource type the action works on). For every other action the key is absent, so a positive operator (StringEquals, ArnLike, …) is always false and a negated or ...IfExists operator always true: an Allow grants nothing (or everything) and a Deny never applies (or always does). A key of one service on another service\'s actions (s3:prefix on ec2:*) is the typical mistake. Global keys (aws:SourceIp, aws:PrincipalOrgID, aws:SourceArn, …) are in every request and are never reported, except the tag keys aws:RequestTag/…, aws:TagKeys and aws:ResourceTag/…: only actions that list them (tag-on-create actions, resource types that support tag-based authorization) set them, and IAM Access Analyzer reports tag keys a service does not support. When some actions support a key and others do not, the others are reported too: a service key listed actions do not support (Access Analyzer "Unsupported action for condition key"; like Access Analyzer, Action entries with wildcards are not judged for it), and the services whose actions do not support a tag key ("Allow/Deny with unsupported tag condition key for service"). With NotAction a tag key always misses the services that do not support it: a Deny then never denies their actions and an Allow grants only the actions that support the key ("Allow/Deny NotAction with unsupported tag condition key for service"). aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths are set only by some services, so a statement using them must name its services, not NotAction or a wildcard service ("Use condition key only with supported services"). Session keys of role assumption get a value only when the companion action is allowed too: session tags (aws:RequestTag/…, aws:TagKeys, sts:TransitiveTagKeys) need sts:TagSession and sts:SourceIdentity needs sts:SetSourceIdentity next to sts:AssumeRole* in an Allow ("Missing action for condition key"). Statements naming an action the AWS data does not know, and keys the data documents for no action at all, are skipped; unknown keys are unknown-condition-key\'s finding. Every policy kind is judged.',
      fix: 'Move the condition to a statement whose actions support the key, use a key the actions do support (see the "Condition keys" column of the service\'s actions table), or drop the condition. For tag keys on services without tag-based authorization, scope the statement by resource ARN instead, and list actions instead of NotAction. Scope aws:VpceAccount/aws:VpceOrgID/aws:VpceOrgPaths conditions to the services that support them. Add sts:TagSession (session tags) or sts:SetSourceIdentity (source identity) to the Action of the trust statement.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html',
      ],
    },
    defaultSeverity: 'warning',
    tags: ['correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: stringListOption('Condition keys never to report; `*` and `?` wildcards, case-insensitive (for example `aws:ResourceTag/*`).', true),
      },
    },
    defaultOptions: { ignoreKeys: [] },
    messages: {
      notApplicable: 'Condition key "{{key}}" in {{statement}} is not documented for any of its actions ({{actions}}): it is never in their request context.',
      tagKeyNotApplicable:
        'Tag condition key "{{key}}" in {{statement}} is not supported by any of its actions ({{actions}}): it is never in their request context, so the tag test cannot work for them.',
      unsupportedActions:
        'Condition key "{{key}}" in {{statement}} is not supported by {{actions}}: it is never in their request context, so {{consequence}}. Move these actions to a statement without this condition key.',
      tagKeyUnsupportedServices:
        'Tag condition key "{{key}}" in {{statement}} is not supported by the {{services}} actions of the statement ({{actions}}): the key is never in their request context, so {{consequence}}. Move these actions to a statement without this condition key and scope them by resource ARN.',
      notActionTagKey:
        'Tag condition key "{{key}}" in {{effect}} {{statement}} with NotAction: the actions of services that do not support the key never carry it, so {{consequence}}. List the actions in Action instead of NotAction.',
      supportedServicesOnly:
        'Condition key "{{key}}" in {{statement}} works only with specific AWS services, but the statement applies to {{scope}}: scope it to the services that support the key.',
      missingActionForKey:
        'The {{action}} action must be in the Action element of {{statement}} to allow setting values for the condition key "{{key}}": without it a request that sets the key is refused, and a request without it never matches the condition. Add {{action}} to the action block.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreKeys.map((p) => p.toLowerCase());
    const isIgnored = (key: string) => ignored.length > 0 && ignored.some((p) => wildcardMatch(p, key.toLowerCase()));

    function checkNotAction(stmt: Statement, element: ElementList): void {
      for (const c of stmt.conditions) {
        const key = c.key.value;
        if (isIgnored(key) || hasPlaceholder(key)) continue;
        const statement = statementLabel(stmt);
        if (SERVICE_SCOPED_KEYS.has(key.toLowerCase())) {
          context.report({ node: c.key, messageId: 'supportedServicesOnly', data: { key, statement, scope: `every action outside NotAction (${listNames(element.values.map((v) => v.value))})` } });
        } else if (isScopedTagKey(key) && (isAllow(stmt) || isDeny(stmt))) {
          const effect = isDeny(stmt) ? 'Deny' : 'Allow';
          context.report({ node: c.key, messageId: 'notActionTagKey', data: { key, effect, statement, consequence: effectWithoutKey(stmt, c) } });
        }
      }
    }

    /**
     * The Action entries (as written) that none of the matched actions supports the key for. Next
     * to sts:AssumeRole*, sts:TagSession and sts:SetSourceIdentity are authorized in the same
     * request, whose context has the session keys of all three.
     */
    function unsupportedEntries(patterns: readonly string[], key: string, info: ConditionKeyInfo, literalOnly: boolean): string[] {
      const assumes = patterns.some((p) => entryFacts(p).assumes);
      return patterns.filter((p) => {
        const facts = entryFacts(p);
        return facts.prefix !== undefined && !(literalOnly && facts.wildcard) && !(assumes && facts.sessionCompanion) && !actionPatternSupportsKey(p, key, info);
      });
    }

    return {
      statement(stmt) {
        const element = stmt.action;
        if (!element || element.values.length === 0 || stmt.conditions.length === 0) return;
        if (element.negated) {
          checkNotAction(stmt, element);
          return;
        }
        const patterns = element.values.map((v) => v.value);
        let allKnown: boolean | undefined;
        let label: string | undefined;
        for (const c of stmt.conditions) {
          const key = c.key.value;
          const facts = keyFacts(key);
          if (facts.placeholder || isIgnored(key)) continue;
          const statement = (label ??= statementLabel(stmt));
          if (facts.serviceScoped) {
            const open = patterns.filter((p) => servicePrefix(p) === undefined);
            if (open.length > 0) context.report({ node: c.key, messageId: 'supportedServicesOnly', data: { key, statement, scope: `every service (${listNames(open)})` } });
            continue;
          }
          const companion = facts.companion;
          if (companion && isAllow(stmt) && patterns.some((p) => entryFacts(p).assumes) && !patterns.some((p) => entryFacts(p).companions.has(companion))) {
            context.report({ node: c.key, messageId: 'missingActionForKey', data: { key, statement, action: companion } });
            continue;
          }
          const info = judgedKey(key, facts);
          if (!info) continue;
          const tagKey = facts.tagKey;
          allKnown ??= patterns.every(matchesSomeAction);
          if (!allKnown) return;
          if (!patterns.some((p) => actionPatternSupportsKey(p, key, info))) {
            context.report({ node: c.key, messageId: tagKey ? 'tagKeyNotApplicable' : 'notApplicable', data: { key, statement, actions: listActions(stmt) } });
            continue;
          }
          const unsupported = unsupportedEntries(patterns, key, info, !tagKey);
          if (unsupported.length === 0) continue;
          const consequence = effectWithoutKey(stmt, c);
          if (tagKey) {
            const services = [...new Set(unsupported.map((p) => servicePrefix(p) as string))];
            context.report({ node: c.key, messageId: 'tagKeyUnsupportedServices', data: { key, statement, services: services.join(', '), actions: listNames(unsupported), consequence } });
          } else {
            context.report({ node: c.key, messageId: 'unsupportedActions', data: { key, statement, actions: listNames(unsupported), consequence } });
          }
        }
      },
    };
  },
});
