/**
 * Which statement resources an action can apply to: the ARN-shape questions behind
 * resource-mismatch and action-requires-star. An action applies to a resource pattern when
 * the pattern can match an ARN of ANY of the action's resource types (required or optional):
 * the Service Authorization Reference's "required" marks what a request carries, not what a
 * statement must list.
 */
import { parseArn } from './arn.js';
import { isPolicyVariable, policyVariableToWildcard } from './policy-variables.js';
import { arnCanMatchResourceType, getResourceType, serviceResourceTypes, supportsResourceArns, type ActionInfo, type ResourceTypeInfo } from './service-data.js';
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

/** `{X}`, `<X>` and `${X}` documentation placeholders (not policy variables): see unresolved-placeholder. */
const PLACEHOLDER = /\$\{([^{}]*)\}|\{([A-Za-z0-9_.-]*[A-Za-z][A-Za-z0-9_.:-]*)\}|<([A-Za-z0-9_.-]*[A-Za-z][A-Za-z0-9_.:-]*)>/g;

/**
 * The resource pattern with policy variables and documentation placeholders (`<ACCOUNT-ID>`,
 * `${AWS::Region}`) turned into `*`: placeholders are unresolved-placeholder's to report, the
 * shape check asks only whether the resource is of a kind the action works on.
 */
export function resourceShapePattern(resource: string): string {
  let pattern = resource;
  if (pattern.includes('{') || pattern.includes('<')) {
    pattern = pattern.replace(PLACEHOLDER, (text, dollar?: string) =>
      dollar !== undefined && (dollar === '*' || dollar === '?' || dollar === '$' || isPolicyVariable(dollar)) ? text : '*',
    );
  }
  return policyVariableToWildcard(pattern);
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
 * Can the resource pattern match an ARN of this resource type? `arnCanMatchResourceType` on the
 * pattern with placeholders read as wildcards, so a `*` ending an ARN field spans colons as IAM
 * documents (AWS managed policies rely on `arn:aws:logs:*:*:/aws-glue/*` reaching
 * `log-group:/aws-glue/…`). An empty partition, region or account field that every ARN of the
 * service fills counts as fitting: the missing field is malformed-arn's to report, so
 * `arn:aws:ecr:::repository/app` is still a repository here, whereas an S3 ARN without region
 * and account (S3 leaves them empty for buckets) is never read as an access point.
 */
export function resourceFitsType(resource: string, rt: ResourceTypeInfo): boolean {
  const pattern = resourceShapePattern(resource);
  if (/^\*+$/.test(pattern)) return true;
  return shapeVariants(pattern).some((variant) => arnCanMatchResourceType(variant, rt));
}

/**
 * Does the resource pattern look like something an ARN check can judge: an ARN (possibly with
 * wildcards) or a wildcard pattern such as `arn:*`? Plain text (`my-bucket`) is not: it
 * matches no ARN, and malformed-arn reports it.
 */
export function isJudgeableResource(resource: string): boolean {
  const pattern = resourceShapePattern(resource);
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
