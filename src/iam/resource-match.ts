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
import { arnCanMatchFormat, getResourceType, serviceResourceTypes, supportsResourceArns, type ActionInfo, type ResourceTypeInfo } from './service-data.js';
import { hasWildcard, wildcardMatch } from './wildcard.js';

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
  const pattern = variablesToWildcards(resource);
  if (/^\*+$/.test(pattern)) return true;
  return shapeVariants(pattern).some((variant) => arnCanMatchFormat(variant, format));
}

/** Can the resource pattern match an ARN of this resource type (of any of its formats)? */
export function resourceFitsType(resource: string, rt: ResourceTypeInfo): boolean {
  return rt.arnFormats.some((format) => resourceFitsArnFormat(resource, format));
}

/**
 * Does the resource pattern look like something an ARN check can judge: an ARN (possibly with
 * wildcards) or a wildcard pattern such as `arn:*`? Plain text (`my-bucket`) is not: it
 * matches no ARN, and malformed-arn reports it.
 */
export function isJudgeableResource(resource: string): boolean {
  const pattern = variablesToWildcards(resource);
  return parseArn(pattern) !== undefined || (pattern.startsWith('arn') && hasWildcard(pattern)) || /^[*?]+$/.test(pattern);
}

/**
 * Can the action apply to some resource the pattern matches? Actions that take only `"*"`
 * apply to no ARN. A resource type missing from the data counts as a match (no false alarm).
 */
export function actionAppliesToResource(action: ActionInfo, resource: string): boolean {
  if (!supportsResourceArns(action)) return false;
  const named = action.resourceTypes.filter((rt) => rt.name.length > 0);
  return named.some((rt) => {
    const info = getResourceType(action.service, rt.name);
    return info === undefined || resourceFitsType(resource, info);
  });
}

/**
 * Can the Resource entry match the request resource `"*"` that IAM uses for actions without
 * resource-level permissions? Only a pattern such as `*` (after policy variables) can.
 */
export function resourceCanMatchStar(resource: string): boolean {
  return wildcardMatch(policyVariableToWildcard(resource), '*');
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
  const serviceArn = SERVICE_LEVEL_ARNS[action.service.toLowerCase()];
  if (!serviceArn) return false;
  const pattern = policyVariableToWildcard(resource);
  return ARN_PARTITIONS.some((partition) => wildcardMatch(pattern, serviceArn(partition)));
}
