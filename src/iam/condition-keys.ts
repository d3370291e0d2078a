/**
 * What a condition key written in a policy refers to, and which actions put it in the request
 * context. Condition key names are case-insensitive in IAM.
 */
import { editDistance } from './suggest.js';
import {
  actionMatches,
  allServicePrefixes,
  conditionKeyMatchesTemplate,
  conditionKeysWithPrefix,
  expandActionPattern,
  getConditionKey,
  getResourceType,
  globalConditionKeys,
  isConditionKeyPrefix,
  type ActionInfo,
  type ConditionKeyInfo,
} from './service-data.js';
import { wildcardMatch } from './wildcard.js';
import { remembered } from './memo.js';
import { own } from '../engine/own.js';

export type ConditionKeyProblem =
  /** No `prefix:name` shape (`bad`, `:x`, `aws:`). */
  | 'invalidFormat'
  /** A tag key without the tag's name: `aws:ResourceTag`, `aws:RequestTag/`. */
  | 'missingTagKey'
  /** `aws:` key that is not a global key. */
  | 'unknownGlobalKey'
  /** The prefix is a service, but the service defines no such key. */
  | 'unknownServiceKey'
  /** The prefix is an identity provider (`saml`, an OIDC host), which exposes no such claim. */
  | 'unknownProviderKey'
  /** The prefix is neither a service nor an identity provider. */
  | 'unknownService';

export interface ConditionKeyCheck {
  readonly key: string;
  /** Text before the first `:`, as written. */
  readonly prefix: string;
  /** Text after the first `:`. */
  readonly name: string;
  /** The documented key, when the key is known. */
  readonly info: ConditionKeyInfo | undefined;
  readonly problem: ConditionKeyProblem | undefined;
  /** For a problem: the closest known key (or, for an unknown service, prefix), when one is close. */
  readonly suggestion: string | undefined;
  /** For a key IAM no longer supports (`aws:ARN`): what to use instead. */
  readonly replacedBy: string | undefined;
}

/**
 * Global keys IAM evaluates that the global key list leaves out: `aws:PrincipalOrgMasterAccountId`
 * is filled in by the IAM policy simulator with the other organization keys and used by AWS's own
 * AWSSSOServiceRolePolicy.
 */
const UNLISTED_GLOBAL_KEYS: readonly ConditionKeyInfo[] = Object.freeze([
  Object.freeze({ key: 'aws:PrincipalOrgMasterAccountId', type: 'String', service: 'aws', isPattern: false } as const),
]);

/**
 * Two service key templates are spelled with a literal `tag-key` in the AWS data
 * (`secretsmanager:ResourceTag/tag-key`, `ssm:resourceTag/tag-key`): both mean any tag key.
 */
function asTemplate(key: string): string {
  return key.replace(/\/tag-key$/i, '/${TagKey}');
}

const TEMPLATE = /\$\{|<[^>]+>/;

// ---------------------------------------------------------------------------------------------
// Answers remembered per key as written: a policy set repeats the same few hundred keys
// thousands of times. Each cache starts over when full (a long-running process lints ever new text).
// ---------------------------------------------------------------------------------------------

const CACHE_LIMIT = 1 << 14;

const documentedKeys = new Map<string, ConditionKeyInfo | undefined>();

/** `getConditionKey`, remembered per key as written. */
export function findConditionKey(key: string): ConditionKeyInfo | undefined {
  return remembered(documentedKeys, key, getConditionKey, CACHE_LIMIT);
}

const lookedUpKeys = new Map<string, ConditionKeyInfo | undefined>();

/**
 * The documented key a policy's key refers to: `getConditionKey`, plus the unlisted global keys
 * and the `…/tag-key` templates it does not recognize. Case-insensitive.
 */
export function lookupConditionKey(key: string): ConditionKeyInfo | undefined {
  return remembered(lookedUpKeys, key, computeLookup, CACHE_LIMIT);
}

function computeLookup(key: string): ConditionKeyInfo | undefined {
  const found = findConditionKey(key);
  if (found) return found;
  const lower = key.toLowerCase();
  const unlisted = UNLISTED_GLOBAL_KEYS.find((k) => k.key.toLowerCase() === lower);
  if (unlisted) return unlisted;
  const colon = lower.indexOf(':');
  if (colon <= 0 || !isConditionKeyPrefix(lower.slice(0, colon))) return undefined;
  for (const info of conditionKeysWithPrefix(lower.slice(0, colon))) {
    const template = asTemplate(info.key);
    if (template !== info.key && conditionKeyMatchesTemplate(template, key)) return Object.freeze({ ...info, key: template, isPattern: true });
  }
  return undefined;
}

/** Keys IAM no longer supports, with what to use instead (Access Analyzer "Unsupported global condition key"). */
const REPLACED_GLOBAL_KEYS: Readonly<Record<string, string>> = {
  'aws:arn': 'aws:PrincipalArn or aws:SourceArn',
};

/** Tag keys whose presence depends on the action: only actions (or their resource types) that list them set them. */
const TAG_KEY = /^aws:(requesttag\/|resourcetag\/|tagkeys$)/i;

/** `aws:RequestTag/…`, `aws:ResourceTag/…` and `aws:TagKeys`: global keys that only tag-aware actions set. */
export function isScopedTagKey(key: string): boolean {
  return TAG_KEY.test(key);
}

/** Claims IAM exposes for every OIDC provider ("Available keys for AWS web identity federation"). */
const OIDC_CLAIMS = ['aud', 'sub', 'azp', 'amr', 'email', 'oaud'];

function providerClaim(key: string): ConditionKeyInfo {
  return { key, type: 'String', service: 'sts', isPattern: false };
}

/** A provider prefix: `saml`, or an OIDC issuer host (`token.actions.githubusercontent.com`, `oidc.eks.…/id/…`). */
function isProviderPrefix(prefix: string): boolean {
  return prefix === 'saml' || prefix.includes('.') || prefix.includes('/');
}

const checkedKeys = new Map<string, ConditionKeyCheck>();

/** Classifies a condition key as written in a policy. */
export function checkConditionKey(key: string): ConditionKeyCheck {
  return remembered(checkedKeys, key, computeCheck, CACHE_LIMIT);
}

function computeCheck(key: string): ConditionKeyCheck {
  const colon = key.indexOf(':');
  const written = colon > 0 ? key.slice(0, colon) : '';
  const prefix = written.toLowerCase();
  const name = colon > 0 ? key.slice(colon + 1) : key;
  const result = (problem: ConditionKeyProblem | undefined, info?: ConditionKeyInfo, suggestion?: string): ConditionKeyCheck => ({
    key,
    prefix: written,
    name,
    info,
    problem,
    suggestion,
    replacedBy: own(REPLACED_GLOBAL_KEYS, key.toLowerCase()),
  });
  if (colon <= 0 || name.length === 0) {
    // `SourceAccount` for `aws:SourceAccount`: a global key without its prefix.
    const global = colon < 0 ? lookupConditionKey(`aws:${key}`) : undefined;
    return result('invalidFormat', undefined, global && !global.isPattern ? global.key : undefined);
  }
  const info = lookupConditionKey(key);
  if (info) return result(undefined, info);
  const tagTemplate = missingTagKeyTemplate(key);
  if (tagTemplate) return result('missingTagKey', undefined, tagTemplate);
  if (prefix === 'aws') return result('unknownGlobalKey', undefined, closestKey(key, [...globalConditionKeys(), ...UNLISTED_GLOBAL_KEYS]));
  if (isProviderPrefix(prefix)) {
    const claims = prefix === 'saml' ? [] : OIDC_CLAIMS.map((claim) => providerClaim(`${written}:${claim}`));
    return result('unknownProviderKey', undefined, closestKey(key, [...conditionKeysWithPrefix(prefix), ...claims]));
  }
  if (isConditionKeyPrefix(prefix)) return result('unknownServiceKey', undefined, closestKey(key, conditionKeysWithPrefix(prefix)));
  return result('unknownService', undefined, suggestPrefix(prefix, name));
}

/** `aws:ResourceTag` or `aws:ResourceTag/` → `aws:ResourceTag/${TagKey}` (same for every `…/${X}` key). */
function missingTagKeyTemplate(key: string): string | undefined {
  const base = key.endsWith('/') ? key.slice(0, -1) : key;
  const info = lookupConditionKey(`${base}/x`);
  if (!info?.isPattern) return undefined;
  const slash = info.key.lastIndexOf('/');
  return slash > 0 && info.key.slice(0, slash).toLowerCase() === base.toLowerCase() ? info.key : undefined;
}

/**
 * The known key closest to `key` (ignoring case). A pattern key (`aws:ResourceTag/${TagKey}`)
 * is compared on its fixed part and suggested with the tail that was written
 * (`aws:ResourceTags/Env` → `aws:ResourceTag/Env`).
 */
function closestKey(key: string, candidates: readonly ConditionKeyInfo[]): string | undefined {
  const lower = key.toLowerCase();
  const slash = lower.indexOf('/');
  const nameLength = key.length - key.indexOf(':') - 1;
  // Distances above what counts as a typo are not worth computing exactly (a 20,000-character key
  // against every known key would take seconds): editDistance stops at the limit.
  const allowed = Math.max(1, Math.floor(nameLength / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const template = asTemplate(candidate.key);
    const placeholder = template.search(TEMPLATE);
    let distance: number;
    let suggestion: string;
    if (placeholder > 0 && template[placeholder - 1] === '/' && slash > 0) {
      const head = template.slice(0, placeholder);
      distance = editDistance(lower.slice(0, slash + 1), head.toLowerCase(), Math.min(allowed, bestDistance));
      suggestion = head + key.slice(slash + 1);
    } else {
      distance = editDistance(lower, template.toLowerCase(), Math.min(allowed, bestDistance));
      suggestion = template;
    }
    if (distance < bestDistance) {
      best = suggestion;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** For an unknown prefix: the closest service prefix, with the name when that makes a known key. */
function suggestPrefix(prefix: string, name: string): string | undefined {
  const allowed = Math.max(1, Math.floor(prefix.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of ['aws', ...allServicePrefixes()]) {
    const distance = editDistance(prefix, candidate, Math.min(allowed, bestDistance));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined || bestDistance > allowed) return undefined;
  const full = lookupConditionKey(`${best}:${name}`);
  return full ? `${best}:${name}` : best;
}

// ---------------------------------------------------------------------------------------------
// Which actions set a key
// ---------------------------------------------------------------------------------------------

/** The keys a set of actions documents: exact keys and templates as wildcard patterns, all lowercase. */
interface KeySupport {
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly string[];
}

/** `aws:resourcetag/${tagkey}` → `aws:resourcetag/?*`: a placeholder stands for one or more characters. */
function templatePattern(template: string): string {
  return template.toLowerCase().replace(/\$\{[^}]*\}|<[^>]+>/g, '?*');
}

const actionKeyCache = new WeakMap<ActionInfo, readonly string[]>();

/**
 * Keys AWS documents for an action outside the Service Authorization Reference. The Amazon
 * Bedrock user guide ("Grant IAM permissions to request access to Amazon Bedrock foundation
 * models with a product ID") conditions the Marketplace subscription actions on
 * `aws-marketplace:ProductId`, which the reference lists only for the agreement actions.
 */
const KEYS_DOCUMENTED_ELSEWHERE: Readonly<Record<string, readonly string[]>> = {
  'aws-marketplace:subscribe': ['aws-marketplace:ProductId'],
  'aws-marketplace:unsubscribe': ['aws-marketplace:ProductId'],
  'aws-marketplace:viewsubscriptions': ['aws-marketplace:ProductId'],
};

/**
 * The condition keys documented for an action: its own keys, the keys its row lists per resource
 * type, and the keys of those resource types (`aws:ResourceTag/${TagKey}` on an S3 bucket).
 */
export function conditionKeysForAction(action: ActionInfo): readonly string[] {
  const cached = actionKeyCache.get(action);
  if (cached) return cached;
  const keys = new Set([...action.conditionKeys, ...(KEYS_DOCUMENTED_ELSEWHERE[action.fullName.toLowerCase()] ?? [])]);
  for (const rt of action.resourceTypes) {
    for (const k of rt.conditionKeys) keys.add(k);
    if (rt.name) for (const k of getResourceType(action.service, rt.name)?.conditionKeys ?? []) keys.add(k);
  }
  const list = Object.freeze([...keys]);
  actionKeyCache.set(action, list);
  return list;
}

const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
const SUPPORT_CACHE_LIMIT = 2048;
const supportCache = new Map<string, KeySupport>();

/** A documented key as KeySupport holds it: lowercase, or a lowercase wildcard pattern for a template. */
interface DocumentedForm {
  readonly text: string;
  readonly isPattern: boolean;
}

/** The same documented keys recur on most actions of a service (aws:ResourceTag/${TagKey}…): each is read once. */
const documentedForms = new Map<string, DocumentedForm>();

function documentedForm(documented: string): DocumentedForm {
  let form = documentedForms.get(documented);
  if (form === undefined) {
    const key = asTemplate(documented);
    form = TEMPLATE.test(key) ? { text: templatePattern(key), isPattern: true } : { text: key.toLowerCase(), isPattern: false };
    documentedForms.set(documented, form);
  }
  return form;
}

function supportFor(pattern: string): KeySupport {
  const lower = pattern.toLowerCase();
  const cached = supportCache.get(lower);
  if (cached) return cached;
  const exact = new Set<string>();
  const patterns = new Set<string>();
  for (const action of expandActionPattern(lower)) {
    for (const documented of conditionKeysForAction(action)) {
      const form = documentedForm(documented);
      if (form.isPattern) patterns.add(form.text);
      else exact.add(form.text);
    }
  }
  const support: KeySupport = { exact, patterns: [...patterns] };
  if (supportCache.size >= SUPPORT_CACHE_LIMIT) {
    const oldest = supportCache.keys().next().value;
    if (oldest !== undefined) supportCache.delete(oldest);
  }
  supportCache.set(lower, support);
  return support;
}

/** supports' answers: by Action pattern, then by key, both as written. */
const supportAnswers = new Map<string, Map<string, boolean>>();

function supports(pattern: string, key: string): boolean {
  let byKey = supportAnswers.get(pattern);
  if (byKey === undefined) {
    if (supportAnswers.size >= CACHE_LIMIT) supportAnswers.clear();
    supportAnswers.set(pattern, (byKey = new Map()));
  }
  let answer = byKey.get(key);
  if (answer === undefined) {
    const support = supportFor(pattern);
    const lower = key.toLowerCase();
    answer = support.exact.has(lower) || support.patterns.some((p) => wildcardMatch(p, lower));
    byKey.set(key, answer);
  }
  return answer;
}

/**
 * Does the AWS data list the key for at least one action of the service that defines it? A few
 * keys are defined but tied to no action (`a4b:amazonId`); global keys count as tied.
 */
export function conditionKeyHasDocumentedActions(key: string, info: ConditionKeyInfo): boolean {
  if (info.service === 'aws' || info.key.startsWith('${OidcProvider}:')) return true;
  return supports(wholeServiceOf(info), key);
}

const wholeServicePatterns = new WeakMap<ConditionKeyInfo, string>();

/** `s3:*` for a key the s3 data defines, built once per key. */
function wholeServiceOf(info: ConditionKeyInfo): string {
  let pattern = wholeServicePatterns.get(info);
  if (pattern === undefined) wholeServicePatterns.set(info, (pattern = `${info.service}:*`));
  return pattern;
}

/** `*`, `s3:*`, `s*:*`: the entry matches every action of the services its prefix matches. */
function wholeServicePattern(pattern: string): string | undefined {
  if (pattern === '*') return '*';
  const colon = pattern.indexOf(':');
  return colon > 0 && /^\*+$/.test(pattern.slice(colon + 1)) ? pattern.slice(0, colon) : undefined;
}

/**
 * Does some action matched by the `Action` entry (`s3:ListBucket`, `s3:Get*`, `*`) document the
 * key? Generic web-identity claims (`oidc.eks.….amazonaws.com/id/…:sub`) belong to
 * `sts:AssumeRoleWithWebIdentity`. An entry covering the whole service that defines the key
 * (or `*`, for a global tag key) is answered without expanding it, so that `"Action": "*"` does
 * not load the data of every service.
 */
export function actionPatternSupportsKey(pattern: string, key: string, info: ConditionKeyInfo): boolean {
  let byKey = patternAnswers.get(info);
  if (byKey === undefined) patternAnswers.set(info, (byKey = new Map()));
  let byPattern = byKey.get(key);
  if (byPattern === undefined) {
    if (byKey.size >= CACHE_LIMIT) byKey.clear();
    byKey.set(key, (byPattern = new Map()));
  }
  let answer = byPattern.get(pattern);
  if (answer === undefined) {
    answer = patternSupportsKey(pattern, key, info);
    if (byPattern.size >= CACHE_LIMIT) byPattern.clear();
    byPattern.set(pattern, answer);
  }
  return answer;
}

/** actionPatternSupportsKey's answers: by documented key, then by key and Action pattern as written. */
const patternAnswers = new WeakMap<ConditionKeyInfo, Map<string, Map<string, boolean>>>();

function patternSupportsKey(pattern: string, key: string, info: ConditionKeyInfo): boolean {
  if (info.key.startsWith('${OidcProvider}:')) return actionMatches(pattern, WEB_IDENTITY_ACTION);
  const servicePattern = wholeServicePattern(pattern.toLowerCase());
  if (servicePattern !== undefined) {
    if (info.service === 'aws') {
      if (servicePattern === '*') return true;
    } else if (wildcardMatch(servicePattern, info.service) && supports(wholeServiceOf(info), key)) {
      return true;
    }
  }
  return supports(pattern, key);
}
