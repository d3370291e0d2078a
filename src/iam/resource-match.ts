/**
 * Which statement resources an action can apply to: the ARN-shape questions behind
 * resource-mismatch and action-requires-star. An action applies to a resource pattern when
 * the pattern can match an ARN of ANY of the action's resource types (required or optional):
 * the Service Authorization Reference's "required" marks what a request carries, not what a
 * statement must list.
 */
import { ARN_PARTITIONS, parseArn } from './arn.js';
import { variablesToWildcards } from './placeholders.js';
import { policyVariableToWildcard } from './policy-variables.js';
import { arnCanMatchFormat, getResourceType, serviceResourceTypes, type ActionInfo, type ResourceTypeInfo } from './service-data.js';
import { hasWildcard, wildcardMatch } from './wildcard.js';
import { own } from '../engine/own.js';

/** The action's resource types with their ARN formats, required ones first. */
export function actionResourceTypes(action: ActionInfo): ResourceTypeInfo[] {
  const ordered = [...action.resourceTypes].filter((rt) => rt.name.length > 0).sort((x, y) => Number(y.required) - Number(x.required));
  const types: ResourceTypeInfo[] = [];
  for (const rt of ordered) {
    const info = getResourceType(action.service, rt.name);
    if (info && !types.includes(info)) types.push(info);
  }
  return types;
}

const filledFieldsCache = new Map<string, readonly boolean[]>();

/**
 * Which of the partition, region and account fields every ARN format of the service's own
 * resource types fills (`[true, true, true]` for ECR; S3 bucket ARNs leave region and account
 * empty, EC2 image ARNs the account).
 */
function fieldsAlwaysFilled(service: string): readonly boolean[] {
  const cached = filledFieldsCache.get(service);
  if (cached) return cached;
  const filled = [true, true, true];
  for (const rt of serviceResourceTypes(service)) {
    for (const format of rt.arnFormats) {
      const arn = parseArn(format);
      // Some services list other services' types (ssm lists S3 buckets): only their own count.
      if (!arn || arn.service !== service) continue;
      [arn.partition, arn.region, arn.account].forEach((field, i) => {
        if (field === '') filled[i] = false;
      });
    }
  }
  filledFieldsCache.set(service, filled);
  return filled;
}

/**
 * The pattern, and variants in which a partition/region/account field that is empty although
 * every ARN format of its service fills it holds a stand-in value. The stand-in is a literal,
 * so it cannot swallow a `:` the way a `*` would.
 */
function shapeVariants(pattern: string): string[] {
  const arn = parseArn(pattern);
  if (!arn || hasWildcard(arn.service) || arn.service.includes('${')) return [pattern];
  const fields = [arn.partition, arn.region, arn.account];
  if (!fields.includes('')) return [pattern];
  const alwaysFilled = fieldsAlwaysFilled(arn.service);
  const missing = fields.flatMap((f, i) => (f === '' && alwaysFilled[i] ? [i] : []));
  const variants = [pattern];
  for (let mask = 1; mask < 1 << missing.length; mask++) {
    const filled = [...fields];
    missing.forEach((field, bit) => {
      if (mask & (1 << bit)) filled[field] = 'x';
    });
    variants.push(`arn:${filled[0]}:${arn.service}:${filled[1]}:${filled[2]}:${arn.resource}`);
  }
  return variants;
}

// ---------------------------------------------------------------------------------------------
// Per-entry facts, computed once per distinct Resource string
// ---------------------------------------------------------------------------------------------

/**
 * Everything the checks below derive from one Resource entry. The same ARNs recur across
 * statements and policies (AWS managed policies repeat them by the hundred), and a fit of an
 * entry to an ARN format is the same wherever it is asked, so each is computed once.
 */
interface ResourceFacts {
  /** The entry with variables and placeholders as wildcards (variablesToWildcards). */
  readonly pattern: string;
  /** shapeVariants of the pattern (empty for a pattern of only `*`), once a format is asked about. */
  variants: readonly ShapeVariant[] | undefined;
  /** Answers of resourceFitsArnFormat by format. */
  formatFits: Map<string, boolean> | undefined;
  judgeable: boolean | undefined;
  canMatchStar: boolean | undefined;
  /** starOnlyActionCanMatchResource's answer for a service with a service-level ARN, by service. */
  serviceLevel: Map<string, boolean> | undefined;
}

interface ShapeVariant {
  readonly text: string;
  /**
   * The variant's service field when it is a literal: arnCanMatchFormat never matches a format
   * whose literal service differs. Undefined when that shortcut does not apply.
   */
  readonly service: string | undefined;
}

const FACTS_LIMIT = 1 << 15;
const factsCache = new Map<string, ResourceFacts>();

function factsOf(resource: string): ResourceFacts {
  let facts = factsCache.get(resource);
  if (facts === undefined) {
    facts = {
      pattern: variablesToWildcards(resource),
      variants: undefined,
      formatFits: undefined,
      judgeable: undefined,
      canMatchStar: undefined,
      serviceLevel: undefined,
    };
    // A long-running process lints ever new text: start over rather than grow without bound.
    if (factsCache.size >= FACTS_LIMIT) factsCache.clear();
    factsCache.set(resource, facts);
  }
  return facts;
}

const ONLY_STARS = /^\*+$/;

/** The service field exactly as arnCanMatchFormat reads it from a policy pattern, when literal. */
function toShapeVariant(text: string): ShapeVariant {
  const service = parseArn(policyVariableToWildcard(text))?.service;
  return { text, service: service === undefined || hasWildcard(service) ? undefined : service };
}

const formatServices = new Map<string, string | null>();

/** The format's service field when it is a literal (no variable, no wildcard), else null. */
function formatService(format: string): string | null {
  let service = formatServices.get(format);
  if (service === undefined) {
    const field = parseArn(format)?.service;
    service = field === undefined || field.includes('${') || hasWildcard(field) ? null : field;
    formatServices.set(format, service);
  }
  return service;
}

function fitsFormat(facts: ResourceFacts, format: string): boolean {
  const variants = (facts.variants ??= ONLY_STARS.test(facts.pattern) ? [] : shapeVariants(facts.pattern).map(toShapeVariant));
  if (variants.length === 0) return true; // only `*`
  const answers = (facts.formatFits ??= new Map());
  let fits = answers.get(format);
  if (fits === undefined) {
    fits = false;
    const service = formatService(format);
    for (const variant of variants) {
      // arnCanMatchFormat's own first test, answered without re-parsing both ARNs.
      if (service !== null && variant.service !== undefined && variant.service !== service) continue;
      if (arnCanMatchFormat(variant.text, format)) {
        fits = true;
        break;
      }
    }
    answers.set(format, fits);
  }
  return fits;
}

function fitsType(facts: ResourceFacts, rt: ResourceTypeInfo): boolean {
  for (const format of rt.arnFormats) if (fitsFormat(facts, format)) return true;
  return false;
}

/**
 * Can the resource pattern match an ARN of this format? `arnCanMatchFormat` on the pattern with
 * policy variables and documentation placeholders read as wildcards, so a `*` ending an ARN
 * field spans colons as IAM matches the whole string (AWS managed policies rely on
 * `arn:aws:logs:*:*:/aws-glue/*` reaching `log-group:/aws-glue/…`). An empty partition, region
 * or account field that every ARN of the service fills counts as fitting: the missing field is
 * malformed-arn's to report, so `arn:aws:ecr:::repository/app` is still a repository here,
 * whereas an S3 ARN without region and account (S3 leaves them empty for buckets) is never
 * read as an access point. malformed-arn asks this too before it reports that an entry's
 * resource part fits no resource type, so both read entries alike.
 */
export function resourceFitsArnFormat(resource: string, format: string): boolean {
  return fitsFormat(factsOf(resource), format);
}

/** Can the resource pattern match an ARN of this resource type (of any of its formats)? */
export function resourceFitsType(resource: string, rt: ResourceTypeInfo): boolean {
  return fitsType(factsOf(resource), rt);
}

/**
 * Does the resource pattern look like something an ARN check can judge: an ARN (possibly with
 * wildcards) or a wildcard pattern such as `arn:*`? Plain text (`my-bucket`) is not: it
 * matches no ARN, and malformed-arn reports it.
 */
export function isJudgeableResource(resource: string): boolean {
  const facts = factsOf(resource);
  if (facts.judgeable === undefined) {
    const pattern = facts.pattern;
    facts.judgeable = parseArn(pattern) !== undefined || (pattern.startsWith('arn') && hasWildcard(pattern)) || /^[*?]+$/.test(pattern);
  }
  return facts.judgeable;
}

/**
 * The resource types of each named resource type entry of the action (undefined where the data
 * lacks the type); empty for an action that takes only `"*"`.
 */
const namedTypesCache = new WeakMap<ActionInfo, readonly (ResourceTypeInfo | undefined)[]>();

function namedTypes(action: ActionInfo): readonly (ResourceTypeInfo | undefined)[] {
  let types = namedTypesCache.get(action);
  if (types === undefined) {
    types = action.resourceTypes.filter((rt) => rt.name.length > 0).map((rt) => getResourceType(action.service, rt.name));
    namedTypesCache.set(action, types);
  }
  return types;
}

/**
 * Can the action apply to some resource the pattern matches? Actions that take only `"*"`
 * apply to no ARN. A resource type missing from the data counts as a match (no false alarm).
 */
export function actionAppliesToResource(action: ActionInfo, resource: string): boolean {
  const types = namedTypes(action); // empty exactly when !supportsResourceArns(action)
  if (types.length === 0) return false;
  const facts = factsOf(resource);
  for (const info of types) if (info === undefined || fitsType(facts, info)) return true;
  return false;
}

/**
 * Can the Resource entry match the request resource `"*"` that IAM uses for actions without
 * resource-level permissions? Only a pattern such as `*` (after policy variables) can.
 */
export function resourceCanMatchStar(resource: string): boolean {
  const facts = factsOf(resource);
  facts.canMatchStar ??= wildcardMatch(policyVariableToWildcard(resource), '*');
  return facts.canMatchStar;
}

/**
 * The ARN a service authorizes its actions without resource-level permissions against, where
 * that is not `*`. S3 authorizes service-level calls (`s3:ListAllMyBuckets`, `s3:ListJobs`,
 * `s3:GetAccountPublicAccessBlock`, …) against the service ARN `arn:<partition>:s3:::`, so
 * `"Resource": "arn:aws:s3:::*"`, the pattern AWS documentation examples used for years next to
 * the bucket and object ARNs, does grant them.
 */
const SERVICE_LEVEL_ARNS: Readonly<Record<string, (partition: string) => string>> = {
  s3: (partition) => `arn:${partition}:s3:::`,
};

/**
 * Can the Resource entry match the request resource of an action that supports no
 * resource-level permissions? `"*"` always can (resourceCanMatchStar); for S3 actions, so can
 * a pattern matching the service ARN `arn:<partition>:s3:::` (`arn:aws:s3:::*`, `arn:*:s3:::*`).
 */
export function starOnlyActionCanMatchResource(action: ActionInfo, resource: string): boolean {
  if (resourceCanMatchStar(resource)) return true;
  const service = action.service.toLowerCase();
  const serviceArn = own(SERVICE_LEVEL_ARNS, service);
  if (!serviceArn) return false;
  const facts = factsOf(resource);
  facts.serviceLevel ??= new Map();
  let matches = facts.serviceLevel.get(service);
  if (matches === undefined) {
    const pattern = policyVariableToWildcard(resource);
    matches = ARN_PARTITIONS.some((partition) => wildcardMatch(pattern, serviceArn(partition)));
    facts.serviceLevel.set(service, matches);
  }
  return matches;
}
