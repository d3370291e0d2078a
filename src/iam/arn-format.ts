/**
 * Is a Resource/NotResource entry a well-formed ARN, judged field by field against the ARN
 * formats of the service authorization data? Partition, service namespace, region and account
 * are checked against the resource types whose resource part the entry fits, so
 * `arn:aws:s3:us-east-1::bucket/*` (an object ARN never has a region) and
 * `arn:aws:ecr:::repository/app` (a repository ARN always has one) are both caught. Whether the
 * resource part fits a resource type at all is decided as resource-match decides it
 * (`resourceFitsArnFormat`): a `*` ending the region or account field spans colons as IAM
 * matches the whole string, so `arn:aws:logs:*:*:/aws-glue/*` is a log group ARN.
 *
 * Wildcards, IAM policy variables (`${aws:username}`) and documentation placeholders
 * (`{AWS_REGION}`, `<ACCOUNT-ID>`, `${AWS::Region}`) are read as wildcards: a field holding one
 * is never reported here (placeholders are the unresolved-placeholder rule's business).
 */
import { ARN_PARTITIONS, parseArn, type ParsedArn } from './arn.js';
import {
  allServicePrefixes,
  arnCanMatchFormat,
  serviceActions,
  serviceExists,
  serviceResourceTypes,
  type ResourceTypeInfo,
} from './service-data.js';
import { findPlaceholders, replacePlaceholders, variablesToWildcards } from './placeholders.js';
import { resourceFitsArnFormat } from './resource-match.js';
import { editDistance } from './suggest.js';
import { hasWildcard, wildcardIntersects, wildcardMatch } from './wildcard.js';

/** One ARN format of the service data (`arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`), split. */
export interface ArnFormat {
  /** The resource type the format belongs to; its `service` is the action prefix whose data lists it. */
  readonly resourceType: ResourceTypeInfo;
  /** The format as the data writes it. */
  readonly format: string;
  readonly fields: ParsedArn;
}

/** An ArnFormat with what the matcher needs precomputed. */
interface IndexedFormat extends ArnFormat {
  /** The resource part's text before its first variable (`repository/` of `repository/${RepositoryName}`). */
  readonly head: string;
  /**
   * The format's first five fields hold no `*`, `?` or `:` outside their variables (which cannot
   * hold `:`), so its five separators are the first five colons of any matching ARN.
   */
  readonly literalHeader: boolean;
  /** Whether the resource part has a variable right after `head` (not a literal `*`, `?` or the end). */
  readonly variableAfterHead: boolean;
  /** The resource part behind a fixed header (HEADER), as arnCanMatchFormat judges it. */
  readonly resourceFormat: string;
  /** `service:type` of its resource type, lowercase (typeKey). */
  readonly typeKey: string;
  /** The account field with typeKey: formats alike in both accept the same accounts. */
  readonly accountKey: string;
}

export type ArnProblem =
  /** Not `arn:…` at all. `suggestion`: a likely intended ARN, when one can be guessed. */
  | { readonly kind: 'notArn'; readonly suggestion: string | undefined }
  /** Fewer than six fields. `example`: a format of the named service; `suggestion`: the ARN with one field separator added. */
  | {
      readonly kind: 'missingFields';
      readonly fieldCount: number;
      readonly service: string | undefined;
      readonly example: ArnFormat | undefined;
      readonly suggestion: string | undefined;
    }
  | { readonly kind: 'unknownPartition'; readonly partition: string; readonly example: ArnFormat | undefined }
  /** The service field holds `*` or `?`: IAM refuses the policy. */
  | { readonly kind: 'serviceWildcard'; readonly service: string; readonly namespaces: readonly string[] }
  /**
   * `isActionPrefix`: an action prefix of exactly that name exists, but no ARN format uses it as
   * a namespace (`applicationinsights`). `suggestion`: the ARN rewritten with a namespace where it
   * is well formed (`S3` → `s3`, `sagemakr` → `sagemaker`).
   */
  | { readonly kind: 'unknownService'; readonly service: string; readonly isActionPrefix: boolean; readonly suggestion: string | undefined }
  /**
   * `examples`: the formats of the namespace closest to what was written. `suggestion`: the ARN in
   * another namespace of the same service where it fits (`servicecatalog` products are `catalog`).
   */
  | {
      readonly kind: 'resourceMismatch';
      readonly service: string;
      readonly resource: string;
      readonly examples: readonly ArnFormat[];
      readonly suggestion: string | undefined;
    }
  | { readonly kind: 'unexpectedRegion' | 'missingRegion' | 'invalidRegion'; readonly region: string; readonly example: ArnFormat }
  | { readonly kind: 'unexpectedAccount' | 'missingAccount' | 'invalidAccount'; readonly account: string; readonly example: ArnFormat };

// ---------------------------------------------------------------------------------------------
// Placeholders and variables as wildcards
// ---------------------------------------------------------------------------------------------

function startsWithPlaceholder(s: string): boolean {
  const first = findPlaceholders(s)[0];
  return first !== undefined && s.startsWith(first.text);
}

/** An entry of only `*` and `?` (after variables and placeholders became `*`): not judged as an ARN. */
export function isWildcardOnly(s: string): boolean {
  return /^[*?]+$/.test(variablesToWildcards(s));
}

/**
 * parseArn, except that a colon inside `{…}` or `<…>` (a placeholder such as `{AWS::Region}`)
 * does not separate fields either. Fields keep their text as written.
 */
export function splitArn(s: string): ParsedArn | undefined {
  if (!s.includes('{') && !s.includes('<')) return parseArn(s);
  // parseArn already keeps `${…}` together.
  const masked = replacePlaceholders(s, (p) => (p.text.startsWith('$') ? p.text : p.text.replaceAll(':', '\u0000')));
  const parsed = parseArn(masked);
  if (!parsed) return undefined;
  const unmask = (f: string) => f.replaceAll('\u0000', ':');
  return {
    partition: unmask(parsed.partition),
    service: unmask(parsed.service),
    region: unmask(parsed.region),
    account: unmask(parsed.account),
    resource: unmask(parsed.resource),
  };
}

// ---------------------------------------------------------------------------------------------
// Field shapes
// ---------------------------------------------------------------------------------------------

/** The text before the first wildcard (policy) or variable (format). */
function literalHead(s: string, stop: RegExp): string {
  const at = s.search(stop);
  return at < 0 ? s : s.slice(0, at);
}

/** Can the field pattern (wildcards allowed) be empty? */
const canBeEmpty = (pattern: string): boolean => /^\**$/.test(pattern);

/** Is the partition pattern (variables already wildcards) able to name an AWS partition? */
export function isValidPartition(pattern: string): boolean {
  if (!hasWildcard(pattern)) return ARN_PARTITIONS.includes(pattern);
  return ARN_PARTITIONS.some((p) => wildcardMatch(pattern, p));
}

/**
 * Region names: `us-east-1`, `eu-central-2`, `ap-southeast-5`, `us-gov-west-1`, `cn-northwest-1`,
 * `us-iso-east-1`, `us-isob-east-1`, `eu-isoe-west-1`, `us-isof-south-1`, `eusc-de-east-1`.
 */
const REGION = /^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1,2}$/;

/**
 * Does the region pattern look like a region name? A pattern with wildcards (`us-*`,
 * `eu-west-?`) passes when its literal characters could occur in a region name; an
 * availability zone (`us-east-1a`) or upper case (`US-EAST-1`) does not.
 */
export function looksLikeRegion(pattern: string): boolean {
  if (pattern === '') return false;
  if (!hasWildcard(pattern)) return REGION.test(pattern);
  return /^[a-z0-9*?-]+$/.test(pattern);
}

/** A 12-digit account ID; a pattern with wildcards passes when it can still be one (`1111*`, `11112222333?`). */
export function looksLikeAccountId(pattern: string): boolean {
  if (pattern === '') return false;
  if (!hasWildcard(pattern)) return /^\d{12}$/.test(pattern);
  if (!/^[0-9*?]+$/.test(pattern)) return false;
  const fixed = pattern.replaceAll('*', '').length;
  return pattern.includes('*') ? fixed <= 12 : fixed === 12;
}

const isFormatVariable = (field: string): boolean => field.includes('${');

/**
 * Resource types whose AWS-owned resources carry `aws` in the account field although the data
 * writes `${Account}`: AWS managed policies (`arn:aws:iam::aws:policy/AdministratorAccess`) and
 * the SageMaker public model hub (`arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub`).
 */
const AWS_ACCOUNT_TYPES: ReadonlySet<string> = new Set(['iam:policy', 'sagemaker:hub', 'sagemaker:hub-content']);

/**
 * Resource types whose AWS-owned resources have an empty account field although the data
 * writes `${Account}`: Systems Manager documents, automation runbooks and public parameters
 * owned by AWS (`arn:aws:ssm:*::document/AWS-RunShellScript`,
 * `arn:aws:ssm:*::automation-definition/AWS-*:*`, `arn:aws:ssm:*::parameter/aws/service/*`) and
 * Resource Explorer service views, which belong to AWS services rather than to an account.
 */
const EMPTY_ACCOUNT_TYPES: ReadonlySet<string> = new Set([
  'ssm:document',
  'ssm:automation-definition',
  'ssm:parameter',
  'resource-explorer-2:view',
]);

/**
 * Resource ARNs that AWS documents and uses in its own managed policies but that the service
 * authorization data does not list (as resource types of the given action prefix).
 */
const SUPPLEMENTARY_FORMATS: Readonly<Record<string, readonly { name: string; arn: string }[]>> = {
  // CloudFormation macros run by AWS: CreateChangeSet on arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31.
  cloudformation: [{ name: 'transform', arn: 'arn:${Partition}:cloudformation:${Region}:aws:transform/${TransformName}' }],
  // Application Auto Scaling policies (DynamoDB, ECS, …) keep the `autoscaling` namespace.
  'application-autoscaling': [
    {
      name: 'scalingPolicy',
      arn: 'arn:${Partition}:autoscaling:${Region}:${Account}:scalingPolicy:${PolicyId}:resource/${ServiceNamespace}/${ResourceId}:policyName/${PolicyName}',
    },
  ],
};

const typeKey = (f: ArnFormat): string => (f as Partial<IndexedFormat>).typeKey ?? `${f.resourceType.service}:${f.resourceType.name.toLowerCase()}`;

function formatAcceptsRegion(f: ArnFormat, region: string): boolean {
  const field = f.fields.region;
  if (field === '') return canBeEmpty(region);
  if (isFormatVariable(field)) return canBeEmpty(region) ? region !== '' : looksLikeRegion(region);
  return wildcardIntersects(field, region);
}

function formatAcceptsAccount(f: ArnFormat, account: string): boolean {
  const field = f.fields.account;
  if (field === '') return canBeEmpty(account);
  if (isFormatVariable(field) || (field !== 'aws' && !hasWildcard(field))) {
    // `offering` in `arn:${Partition}:mediaconnect:${Region}:offering:${OfferingId}` is read as an account too.
    if (canBeEmpty(account)) return account !== '' || EMPTY_ACCOUNT_TYPES.has(typeKey(f));
    if (looksLikeAccountId(account) || wildcardIntersects(field, account)) return true;
    return AWS_ACCOUNT_TYPES.has(typeKey(f)) && wildcardIntersects('aws', account);
  }
  return wildcardIntersects(field, account);
}

// ---------------------------------------------------------------------------------------------
// ARN formats by namespace
// ---------------------------------------------------------------------------------------------

/** A fixed header for judging resource parts alone. */
const HEADER = 'arn:x:x:x:x:';

const formatsOfPrefix = new Map<string, readonly IndexedFormat[]>();

/** The ARN formats listed by one service's data (whatever namespace they name), then the supplementary ones. */
function prefixFormats(prefix: string): readonly IndexedFormat[] {
  const cached = formatsOfPrefix.get(prefix);
  if (cached) return cached;
  const out: IndexedFormat[] = [];
  const add = (rt: ResourceTypeInfo, format: string): void => {
    const fields = parseArn(format);
    if (!fields || fields.service === '') return;
    const head = literalHead(fields.resource, /\$\{/);
    const key = `${rt.service}:${rt.name.toLowerCase()}`;
    const header = format.slice(0, format.length - fields.resource.length);
    const indexed = {
      head,
      literalHeader: !/[*?]/.test(header) && header.split(':').length === 6,
      variableAfterHead: fields.resource.startsWith('${', head.length) && fields.resource.indexOf('}', head.length + 2) > 0,
      resourceFormat: HEADER + fields.resource,
      typeKey: key,
      accountKey: `${fields.account} ${key}`,
    };
    // `arn:${Partition}:${Vendor}:…:${ResourceType}:${RecoveryPointId}` (AWS Backup recovery points)
    // would fit nearly anything in every namespace: keep it for the service's own namespace only.
    if (isFormatVariable(fields.service)) out.push(Object.freeze({ resourceType: rt, format, fields: { ...fields, service: prefix }, ...indexed }));
    else out.push(Object.freeze({ resourceType: rt, format, fields, ...indexed }));
  };
  for (const rt of serviceResourceTypes(prefix)) for (const format of rt.arnFormats) add(rt, format);
  for (const extra of SUPPLEMENTARY_FORMATS[prefix] ?? []) {
    add(Object.freeze({ service: prefix, name: extra.name, arnFormats: [extra.arn], conditionKeys: [] }), extra.arn);
  }
  const frozen = Object.freeze(out);
  formatsOfPrefix.set(prefix, frozen);
  return frozen;
}

/** Formats whose namespace equals their own action prefix: enough for most ARNs, one data file. */
function ownFormats(namespace: string): readonly IndexedFormat[] {
  let own = ownFormatsCache.get(namespace);
  if (!own) {
    own = serviceExists(namespace) && namespace === namespace.toLowerCase() ? prefixFormats(namespace).filter((f) => f.fields.service === namespace) : [];
    ownFormatsCache.set(namespace, own);
  }
  return own;
}

const ownFormatsCache = new Map<string, readonly IndexedFormat[]>();

let namespaceIndex: ReadonlyMap<string, readonly IndexedFormat[]> | undefined;
/** The namespaces each action prefix's data names (`servicecatalog` → `servicecatalog`, `catalog`). */
let namespacesOfPrefix: ReadonlyMap<string, readonly string[]> | undefined;

/** Every service's formats by namespace (reads every resource-type file once). */
function fullIndex(): ReadonlyMap<string, readonly IndexedFormat[]> {
  if (namespaceIndex) return namespaceIndex;
  const index = new Map<string, IndexedFormat[]>();
  const byPrefix = new Map<string, string[]>();
  for (const prefix of allServicePrefixes()) {
    for (const f of prefixFormats(prefix)) {
      const list = index.get(f.fields.service);
      if (list) list.push(f);
      else index.set(f.fields.service, [f]);
      const names = byPrefix.get(prefix) ?? [];
      if (!names.includes(f.fields.service)) names.push(f.fields.service);
      byPrefix.set(prefix, names);
    }
  }
  // The namespace's own service first: its formats make the best examples (kms keys before the
  // kms formats that `events` lists).
  for (const [namespace, list] of index) {
    list.sort((a, b) => Number(b.resourceType.service === namespace) - Number(a.resourceType.service === namespace));
  }
  namespacesOfPrefix = byPrefix;
  namespaceIndex = index;
  return index;
}

/** Every ARN format with this service namespace (`s3`, `catalog`, `ec2`…), from every service's data. */
export function arnFormatsForNamespace(namespace: string): readonly ArnFormat[] {
  return indexedFormats(namespace);
}

function indexedFormats(namespace: string): readonly IndexedFormat[] {
  return fullIndex().get(namespace) ?? [];
}

/** Is the text the service field of some ARN format in the data? Case-sensitive, like ARNs. */
export function isArnNamespace(namespace: string): boolean {
  return ownFormats(namespace).length > 0 || indexedFormats(namespace).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Judging one entry
// ---------------------------------------------------------------------------------------------

/**
 * Can the policy's resource part (variables as wildcards) be the resource part of an ARN of this
 * format? arnCanMatchFormat on both behind a fixed header, after two shortcuts that need no
 * matching. Every format's resource part matches some text, and all of it begins with the
 * format's literal head. So a pattern `X*` (X without wildcards) fits when the head begins with X
 * (`role/*`, `*` on `role/${RoleNameWithPath}`), and when X begins with the head and goes on
 * with text that the variable after the head can hold (`role/idt-*`, `function:br-*`): format
 * variables exclude at most `/` and `:` (see the exclusions in service-data's formatTokens; a
 * test checks every character against arnCanMatchFormat).
 */
function resourcePartFits(p: Patterns, f: IndexedFormat): boolean {
  // Cheap rejection first: the literal beginnings must agree (`volume/*` is no `instance/${Id}`).
  const x = p.head;
  if (f.head.startsWith(x)) {
    if (p.prefixOnly) return true;
  } else if (!x.startsWith(f.head)) {
    return false;
  } else if (p.prefixOnly && f.variableAfterHead && !/[/:]/.test(x.slice(f.head.length))) {
    return true;
  }
  return arnCanMatchFormat(p.resourcePattern, f.resourceFormat);
}

/** The leading literal of a resource part (`repository` of `repository/${RepositoryName}`). */
const leadingWord = (resource: string): string => /^[^/:*?$]*/.exec(resource)?.[0] ?? '';

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

const usageCounts = new Map<string, ReadonlyMap<string, number>>();

/** How many of its service's actions name the resource type: the main types (log-group, bucket) first in examples. */
function typeUsage(rt: ResourceTypeInfo): number {
  let counts = usageCounts.get(rt.service);
  if (!counts) {
    const m = new Map<string, number>();
    for (const action of serviceActions(rt.service)) {
      for (const t of action.resourceTypes) m.set(t.name.toLowerCase(), (m.get(t.name.toLowerCase()) ?? 0) + 1);
    }
    counts = m;
    usageCounts.set(rt.service, counts);
  }
  return counts.get(rt.name.toLowerCase()) ?? 0;
}

/**
 * Up to `count` formats to show as examples: those whose resource type word is closest to the
 * policy's first, then those whose region and account fields fit, then the most used types.
 */
function closestFormats(formats: readonly ArnFormat[], p: Patterns, count: number): ArnFormat[] {
  const word = leadingWord(p.resource).toLowerCase();
  const scored = formats.map((f, i) => ({
    f,
    i,
    header: (formatAcceptsRegion(f, p.region) ? 1 : 0) + (formatAcceptsAccount(f, p.account) ? 1 : 0),
    score: commonPrefixLength(word, leadingWord(f.fields.resource).toLowerCase()),
  }));
  // Among equals, the namespace's own service's most used types (its main resources) first.
  const usage = (f: ArnFormat): number => (f.resourceType.service === f.fields.service ? 1 + typeUsage(f.resourceType) : 0);
  scored.sort((a, b) => b.score - a.score || b.header - a.header || usage(b.f) - usage(a.f) || a.i - b.i);
  const out: ArnFormat[] = [];
  for (const { f } of scored) {
    if (!out.some((o) => o.format === f.format)) out.push(f);
    if (out.length === count) break;
  }
  return out;
}

interface Patterns {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
  /** The resource part's text before its first wildcard. */
  readonly head: string;
  /** The resource part is its head and then one or more `*` (and holds no `$`, so it stays as is). */
  readonly prefixOnly: boolean;
  /** The resource part behind a fixed header (HEADER), as arnCanMatchFormat judges it. */
  readonly resourcePattern: string;
  /** Partition, region and account are literals without `:` (LITERAL_FIELD). */
  readonly literalHeader: boolean;
}

const STARS_AFTER_HEAD = /^\*+$/;

function patternsOf(partition: string, region: string, account: string, resource: string): Patterns {
  const head = literalHead(resource, /[*?]/);
  const prefixOnly = !head.includes('$') && STARS_AFTER_HEAD.test(resource.slice(head.length));
  const literalHeader = LITERAL_FIELD.test(partition) && LITERAL_FIELD.test(region) && LITERAL_FIELD.test(account);
  return { partition, region, account, resource, head, prefixOnly, resourcePattern: HEADER + resource, literalHeader };
}

function judgeAgainst(formats: readonly IndexedFormat[], p: Patterns, service: string): ArnProblem | undefined {
  // The usual case first: some format takes all three fields. A namespace's formats share a
  // handful of region and account fields, so those answers are remembered for this entry.
  const regionAnswers = new Map<string, boolean>();
  const accountAnswers = new Map<string, boolean>();
  const regionFits = (f: IndexedFormat): boolean => {
    let fits = regionAnswers.get(f.fields.region);
    if (fits === undefined) regionAnswers.set(f.fields.region, (fits = formatAcceptsRegion(f, p.region)));
    return fits;
  };
  const accountFits = (f: IndexedFormat): boolean => {
    let fits = accountAnswers.get(f.accountKey);
    if (fits === undefined) accountAnswers.set(f.accountKey, (fits = formatAcceptsAccount(f, p.account)));
    return fits;
  };
  // Each format's resource-part answer, asked at most once for this entry.
  const partAnswers: (boolean | undefined)[] = [];
  const partFits = (f: IndexedFormat, i: number): boolean => (partAnswers[i] ??= resourcePartFits(p, f));
  for (let i = 0; i < formats.length; i++) {
    const f = formats[i];
    // The literal beginnings of the resource parts must agree (resourcePartFits' first test, inlined:
    // most of a namespace's formats fail it, before any region or account question).
    if (!(p.head.startsWith(f.head) || f.head.startsWith(p.head))) continue;
    if (regionFits(f) && accountFits(f) && partFits(f, i)) return undefined;
  }

  let fitting = formats.filter(partFits);
  // A `*` ending the region or account field may also cover the resource type word
  // (`arn:aws:logs:*:*:/aws-glue/*` reaches `log-group:/aws-glue/…`): judged as the resource checks judge it.
  if (fitting.length === 0) fitting = formats.filter((f) => wholeArnFits(p, f));
  if (fitting.length === 0) {
    return { kind: 'resourceMismatch', service, resource: p.resource, examples: closestFormats(formats, p, 3), suggestion: undefined };
  }

  const regionOk = fitting.filter(regionFits);
  if (regionOk.length === 0) {
    if (canBeEmpty(p.region)) {
      // Only an empty region can fail here: `*` fits every region field.
      return { kind: 'missingRegion', region: p.region, example: fitting.find((f) => f.fields.region !== '') ?? fitting[0] };
    }
    const withRegion = fitting.find((f) => f.fields.region !== '');
    return withRegion
      ? { kind: 'invalidRegion', region: p.region, example: withRegion }
      : { kind: 'unexpectedRegion', region: p.region, example: fitting[0] };
  }

  if (regionOk.some(accountFits)) return undefined;
  if (canBeEmpty(p.account)) return { kind: 'missingAccount', account: p.account, example: regionOk.find((f) => f.fields.account !== '') ?? regionOk[0] };
  const withAccount = regionOk.find((f) => f.fields.account !== '');
  return withAccount
    ? { kind: 'invalidAccount', account: p.account, example: withAccount }
    : { kind: 'unexpectedAccount', account: p.account, example: regionOk[0] };
}

/** The entry in the format's namespace, fields as patterns. */
const wholePattern = (p: Patterns, f: ArnFormat): string => `arn:${p.partition}:${f.fields.service}:${p.region}:${p.account}:${p.resource}`;

/** Text that stays as it is as a pattern (no wildcard, variable or placeholder) and holds no `:`. */
const LITERAL_FIELD = /^[^*?$:{<]*$/;

/**
 * Can the whole entry, in the format's namespace, match an ARN of the format
 * (resourceFitsArnFormat)? Asked only where the resource part fits no format by itself, which it
 * then cannot unless a wildcard in the entry's first fields (or the format's) spans colons: with
 * literal fields on both sides the five separators of any ARN matching both are at the same
 * places, so its resource part would fit the format's resource part.
 */
function wholeArnFits(p: Patterns, f: IndexedFormat): boolean {
  if (f.literalHeader && p.literalHeader && LITERAL_FIELD.test(f.fields.service) && !/[${<]/.test(p.resource)) return false;
  return resourceFitsArnFormat(wholePattern(p, f), f.format);
}

/** A likely intended ARN for text that is not one (`my-bucket`, `s3:::my-bucket`, `aws:s3:::b`, `ARN:aws:…`). */
function suggestArn(value: string): string | undefined {
  if (/^arn:/i.test(value) && !value.startsWith('arn:')) return `arn:${value.slice(4)}`;
  const parts = value.split(':');
  if (parts.length === 1) {
    // An S3 bucket name, maybe with a key: lowercase letters, digits, dots and hyphens.
    return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:\/.*)?$/.test(value) ? `arn:aws:s3:::${value}` : undefined;
  }
  if (parts.length >= 5 && isValidPartition(parts[0]) && isArnNamespace(parts[1])) return `arn:${value}`;
  if (parts.length >= 4 && isArnNamespace(parts[0])) return `arn:aws:${value}`;
  return undefined;
}

/** For `arn:aws:s3::bucket`: the service (when known), the format the last field seems to be, and a repair. */
function missingFieldsProblem(value: string): ArnProblem {
  const parts = value.split(':');
  const service = parts.length >= 3 && isArnNamespace(parts[2]) ? parts[2] : undefined;
  let example: ArnFormat | undefined;
  if (service) {
    const formats = indexedFormats(service);
    const last = patternsOf('*', '*', '*', variablesToWildcards(parts[parts.length - 1]));
    example = formats.find((f) => resourcePartFits(last, f)) ?? closestFormats(formats, last, 1)[0];
  }
  return { kind: 'missingFields', fieldCount: parts.length, service, example, suggestion: oneFieldMore(value, parts.length) };
}

/**
 * With one field missing, the slips worth suggesting: a colon left out next to another
 * (`arn:aws:s3::bucket` → `arn:aws:s3:::bucket`) or a `/` written for the last colon
 * (`arn:aws:sagemaker:us-east-1:111122223333/*` → `…:111122223333:*`). Only a repair that
 * yields a well-formed ARN is returned.
 */
function oneFieldMore(value: string, fieldCount: number): string | undefined {
  if (fieldCount !== 5) return undefined;
  const candidates: string[] = [];
  for (let i = value.indexOf('::'); i >= 0; i = value.indexOf('::', i + 1)) candidates.push(`${value.slice(0, i)}:${value.slice(i)}`);
  const slash = value.indexOf('/', value.lastIndexOf(':'));
  if (slash >= 0) candidates.push(`${value.slice(0, slash)}:${value.slice(slash + 1)}`);
  return candidates.find((c) => splitArn(c) !== undefined && computeProblem(c) === undefined);
}

/** Normalized resource type word: `stateMachine`, `statemachine`, `state-machine` compare equal. */
const looseWord = (word: string): string => word.toLowerCase().replace(/[-_]/g, '');

/**
 * Resource parts one slip away from fitting: the resource type word in the wrong case or
 * hyphenation (`statemachine:x` → `stateMachine:x`, `endpointconfig/x` → `endpoint-config/x`),
 * a stray leading `:` or `/` (`:config-rule/*`, `/domains/x`), or the type word left out where
 * the namespace has only one (`sqlworkbench!*` → `secret:sqlworkbench!*`).
 */
function repairedResource(resource: string, formats: readonly IndexedFormat[], p: Patterns): string | undefined {
  const candidates: string[] = [];
  if (resource.startsWith(':') || resource.startsWith('/')) candidates.push(resource.slice(1));
  const word = leadingWord(resource);
  for (const f of formats) {
    const formatWord = leadingWord(f.fields.resource);
    if (word !== '' && formatWord !== word && looseWord(formatWord) === looseWord(word)) candidates.push(formatWord + resource.slice(word.length));
  }
  const heads = new Set(formats.map((f) => /^[A-Za-z][\w-]*[:/](?=\$\{)/.exec(f.fields.resource)?.[0]));
  const [onlyHead] = heads;
  const hasOwnTypeWord = word !== '' && /^[/:]/.test(resource.slice(word.length)); // `repo/x` names a type, a wrong one
  if (heads.size === 1 && onlyHead !== undefined && !hasOwnTypeWord && /^[A-Za-z0-9]/.test(resource)) candidates.push(onlyHead + resource);
  return candidates.find((c) => judgeAgainst(formats, patternsOf(p.partition, p.region, p.account, variablesToWildcards(c)), '') === undefined);
}

const RESULT_CACHE_LIMIT = 1 << 15;
/** Problems by entry (null for a well-formed one): the same ARNs recur across statements and policies. */
const resultCache = new Map<string, ArnProblem | null>();

/**
 * What is wrong with a Resource/NotResource entry as an ARN, or undefined when nothing is.
 * Entries of only wildcards (`*`) are fine; so is every field that holds a wildcard, a policy
 * variable or a placeholder, as far as that field goes.
 */
export function checkResourceArn(value: string): ArnProblem | undefined {
  const cached = resultCache.get(value);
  if (cached !== undefined) return cached ?? undefined;
  const result = computeProblem(value);
  // A long-running process lints ever new text: start over rather than grow without bound.
  if (resultCache.size >= RESULT_CACHE_LIMIT) resultCache.clear();
  resultCache.set(value, result ?? null);
  return result;
}

function computeProblem(value: string): ArnProblem | undefined {
  if (isWildcardOnly(value)) return undefined;
  // `${Bucket.Arn}/*`, `<BUCKET-ARN>/*`: the placeholder stands for the ARN's leading fields.
  if (startsWithPlaceholder(value)) return undefined;
  if (!value.startsWith('arn:')) return { kind: 'notArn', suggestion: suggestArn(value) };
  const arn = splitArn(value);
  if (!arn) return missingFieldsProblem(value);

  const patterns = patternsOf(
    variablesToWildcards(arn.partition),
    variablesToWildcards(arn.region),
    variablesToWildcards(arn.account),
    variablesToWildcards(arn.resource),
  );
  const service = variablesToWildcards(arn.service);
  const partition = variablesToWildcards(arn.partition);
  if (!isValidPartition(partition)) {
    const formats = service === arn.service && !hasWildcard(service) ? arnFormatsForNamespace(service) : [];
    return { kind: 'unknownPartition', partition: arn.partition, example: closestFormats(formats, patterns, 1)[0] };
  }

  if (service !== arn.service) return undefined; // a placeholder names the service: nothing more to know
  if (hasWildcard(service)) {
    const namespaces = [...fullIndex().keys()].filter((ns) => wildcardMatch(service, ns)).sort();
    return { kind: 'serviceWildcard', service, namespaces };
  }
  const own = ownFormats(service);
  let problem: ArnProblem | undefined;
  if (own.length > 0) {
    problem = judgeAgainst(own, patterns, service);
    if (!problem) return undefined;
  }
  // Other services' data may list more formats in this namespace (ec2 volumes under `ebs`…).
  const all = indexedFormats(service);
  if (all.length === 0) {
    const isActionPrefix = service === service.toLowerCase() && serviceExists(service);
    return { kind: 'unknownService', service, isActionPrefix, suggestion: otherNamespaceArn(arn, service, patterns, true) };
  }
  if (all.length !== own.length) problem = judgeAgainst(all, patterns, service);
  // Report fields as written (the patterns have variables and placeholders as `*`).
  switch (problem?.kind) {
    case 'resourceMismatch': {
      const repaired = repairedResource(arn.resource, all, patterns);
      const suggestion =
        repaired !== undefined ? `arn:${arn.partition}:${service}:${arn.region}:${arn.account}:${repaired}` : otherNamespaceArn(arn, service, patterns, false);
      return { ...problem, resource: arn.resource, suggestion };
    }
    case 'unexpectedRegion':
    case 'missingRegion':
    case 'invalidRegion':
      return { ...problem, region: arn.region };
    case 'unexpectedAccount':
    case 'missingAccount':
    case 'invalidAccount':
      return { ...problem, account: arn.account };
    default:
      return problem;
  }
}

/**
 * The ARN rewritten with a namespace where it is well formed: the lowercase spelling (`S3` →
 * `s3`), a namespace of the same service whose name contains the other (`servicecatalog` →
 * `catalog`) and, for an unknown service, a namespace one or two typos away (`sagemakr`).
 */
function otherNamespaceArn(arn: ParsedArn, service: string, p: Patterns, typos: boolean): string | undefined {
  fullIndex();
  const lower = service.toLowerCase();
  const related = (namespacesOfPrefix?.get(lower) ?? []).filter((ns) => ns.includes(lower) || lower.includes(ns));
  const candidates = [lower, ...related, ...(typos ? nearbyNamespaces(lower) : [])].filter(
    (ns, i, all) => ns !== service && all.indexOf(ns) === i,
  );
  const fits = candidates.find((ns) => {
    const formats = indexedFormats(ns);
    return formats.length > 0 && judgeAgainst(formats, p, ns) === undefined;
  });
  return fits === undefined ? undefined : `arn:${arn.partition}:${fits}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** Namespaces one or two edits away (`sagemakr` → `sagemaker`), nearest first. */
function nearbyNamespaces(name: string): string[] {
  const found: { ns: string; d: number }[] = [];
  for (const ns of fullIndex().keys()) {
    if (Math.abs(ns.length - name.length) > 2) continue;
    const d = editDistance(name, ns, 2);
    if (d <= 2 && d < ns.length / 2) found.push({ ns, d });
  }
  return found.sort((a, b) => a.d - b.d || a.ns.localeCompare(b.ns)).map((x) => x.ns);
}
