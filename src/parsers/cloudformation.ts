/**
 * CloudFormation, SAM and CDK (`cdk.out/*.template.json`) templates → the policies they hold:
 * role trust and inline policies, managed and standalone policies, permission boundaries, and
 * the resource policies of buckets, queues, topics, keys, repositories and friends.
 *
 * Policy sets come from the template itself: a role's trust policy, its inline policies, the
 * managed and standalone policies attached to it in the same template and the managed policy
 * its `PermissionsBoundary` references form one set keyed by the role's logical id, so the
 * cross-policy rules (boundary-missing-grant, …) see what the template deploys.
 *
 * Intrinsic functions are turned into what a rule can read (see IntrinsicResolver): references
 * become `${LogicalId}` / `${LogicalId.Attribute}` template expressions, which the ARN checks
 * read as wildcards and unresolved-placeholder leaves alone in documents marked
 * `templateExpressions`.
 */
import type { InlineSuppression, PolicyKind, UnparsedDocument } from '../engine/model.js';
import { findPlaceholders } from '../iam/placeholders.js';
import { locatedAt, type EmbeddedPolicy, type FormatResult, type InferredSetMembership } from './formats.js';
import type { TextFormatParser, TreeFormatParser } from './index.js';
import { parseJson } from './json.js';
import type { JsonPath, ObjectEntry, ObjectNode, SourceNode, StringNode } from './tree.js';
import { parseYamlTree } from './yaml.js';
import { own } from '../engine/own.js';

const NOTHING: FormatResult = { policies: [], unparsed: [], looksLikePolicy: false };

/** YAML (or JSON) text of a template → its policies. A YAML file that is no template holds none. */
export const extractCloudFormationText: TextFormatParser = (filePath, text, options) => {
  const parsed = /^\uFEFF?\s*[{[]/.test(text) ? parseJson(text, { maxDepth: options.maxDepth }) : parseYamlTree(text, { maxDepth: options.maxDepth });
  if (!parsed.ok) {
    const { message, position } = parsed.error;
    const yaml = message.startsWith('YAML: ');
    const unparsed: UnparsedDocument = { filePath, reason: 'syntax', language: yaml ? 'YAML' : 'JSON', message: yaml ? message.slice('YAML: '.length) : message, at: { value: null, path: [], range: { start: position, end: position } } };
    // A broken docker-compose or Helm file in a directory walk is none of our business; a broken template is.
    return { policies: [], unparsed: [unparsed], looksLikePolicy: /AWSTemplateFormatVersion|Type:\s*['"]?AWS::|"Statement"|^Statement:/m.test(text) };
  }
  const root = parsed.root;
  if (isTemplate(root)) return extractCloudFormation(filePath, root);
  // A policy written in YAML: the whole file is the policy.
  if (root.kind === 'object' && root.entries.some((e) => e.key === 'Statement')) return { policies: [{ root, path: [], name: filePath }], unparsed: [], looksLikePolicy: true };
  return NOTHING;
};

/** A template: a Resources map of typed resources (AWSTemplateFormatVersion alone is not enough to hold policies). */
function isTemplate(root: SourceNode): boolean {
  const resources = root.kind === 'object' ? member(root, 'Resources') : undefined;
  return resources?.kind === 'object' && resources.entries.some((e) => e.value.kind === 'object' && member(e.value, 'Type')?.kind === 'string');
}

interface Resource {
  readonly id: string;
  readonly type: string;
  readonly properties: ObjectNode | undefined;
  readonly path: JsonPath;
  /** `Metadata.iamlint.ignore`: suppressions for every policy of this resource. */
  readonly suppressions: readonly InlineSuppression[];
}

/** Where a resource type keeps a policy document, and the policy's kind. */
const RESOURCE_POLICIES: Readonly<Record<string, readonly { readonly property: string; readonly kind?: PolicyKind }[]>> = {
  'AWS::IAM::Policy': [{ property: 'PolicyDocument' }],
  'AWS::IAM::ManagedPolicy': [{ property: 'PolicyDocument' }],
  'AWS::IAM::RolePolicy': [{ property: 'PolicyDocument' }],
  'AWS::IAM::UserPolicy': [{ property: 'PolicyDocument' }],
  'AWS::IAM::GroupPolicy': [{ property: 'PolicyDocument' }],
  'AWS::SSO::PermissionSet': [{ property: 'InlinePolicy' }],
  'AWS::S3::BucketPolicy': [{ property: 'PolicyDocument', kind: 'resource' }],
  'AWS::S3Express::BucketPolicy': [{ property: 'PolicyDocument', kind: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ property: 'PolicyDocument', kind: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ property: 'PolicyDocument', kind: 'resource' }],
  'AWS::KMS::Key': [{ property: 'KeyPolicy', kind: 'resource' }],
  'AWS::KMS::ReplicaKey': [{ property: 'KeyPolicy', kind: 'resource' }],
  'AWS::ECR::Repository': [{ property: 'RepositoryPolicyText', kind: 'resource' }],
  'AWS::ECR::RegistryPolicy': [{ property: 'PolicyText', kind: 'resource' }],
  'AWS::SecretsManager::ResourcePolicy': [{ property: 'ResourcePolicy', kind: 'resource' }],
  'AWS::Logs::ResourcePolicy': [{ property: 'PolicyDocument', kind: 'resource' }],
  'AWS::EFS::FileSystem': [{ property: 'FileSystemPolicy', kind: 'resource' }],
  'AWS::Backup::BackupVault': [{ property: 'AccessPolicy', kind: 'resource' }],
  'AWS::OpenSearchService::Domain': [{ property: 'AccessPolicies', kind: 'resource' }],
  'AWS::Elasticsearch::Domain': [{ property: 'AccessPolicies', kind: 'resource' }],
  'AWS::ApiGateway::RestApi': [{ property: 'Policy', kind: 'resource' }],
  'AWS::CodeArtifact::Domain': [{ property: 'PermissionsPolicyDocument', kind: 'resource' }],
  'AWS::CodeArtifact::Repository': [{ property: 'PermissionsPolicyDocument', kind: 'resource' }],
};

/** Principals that can carry a boundary and form a policy set (the SAM function stands for the role SAM creates). */
const SET_OWNERS = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);
/** Properties naming the principals a standalone policy is attached to. */
const ATTACHMENT_PROPERTIES = ['Roles', 'Users', 'RoleName', 'UserName'];
const ORGANIZATIONS_KINDS: Readonly<Record<string, PolicyKind>> = { SERVICE_CONTROL_POLICY: 'scp', RESOURCE_CONTROL_POLICY: 'rcp' };

/** The policies of a parsed template (JSON or YAML). */
export const extractCloudFormation: TreeFormatParser = (filePath, root) => {
  if (!isTemplate(root)) return NOTHING;
  const resourcesNode = member(root as ObjectNode, 'Resources') as ObjectNode;
  const resources = new Map<string, Resource>();
  for (const entry of resourcesNode.entries) {
    const node = entry.value;
    if (node.kind !== 'object') continue;
    const type = member(node, 'Type');
    const props = pickBranch(member(node, 'Properties'));
    resources.set(entry.key, {
      id: entry.key,
      type: type?.kind === 'string' ? type.value : '',
      properties: props?.kind === 'object' ? props : undefined,
      path: ['Resources', entry.key],
      suppressions: metadataSuppressions(node),
    });
  }
  const collector = new Collector(filePath, resources);
  for (const resource of resources.values()) collector.resource(resource);
  collector.managedPolicies();
  return { policies: collector.policies, unparsed: collector.unparsed, looksLikePolicy: true };
};

class Collector {
  readonly policies: EmbeddedPolicy[] = [];
  readonly unparsed: UnparsedDocument[] = [];
  /** Managed policies → the sets they join (as identity policy or boundary). */
  private readonly memberships = new Map<string, InferredSetMembership[]>();

  constructor(
    private readonly filePath: string,
    private readonly resources: ReadonlyMap<string, Resource>,
  ) {}

  resource(r: Resource): void {
    const props = r.properties;
    if (!props) return;
    const owner = SET_OWNERS.has(r.type) ? r.id : undefined;
    const set = (role: InferredSetMembership['role']): InferredSetMembership | undefined => (owner ? { key: owner, name: owner, role } : undefined);

    if (r.type === 'AWS::IAM::Role' || r.type.startsWith('AWS::Serverless::')) this.document(r, 'AssumeRolePolicyDocument', 'AssumeRolePolicyDocument', 'trust', set('trust'));
    if (r.type === 'AWS::IAM::Role' || r.type === 'AWS::IAM::User' || r.type === 'AWS::IAM::Group') this.inlinePolicies(r, set('identity'));
    if (r.type.startsWith('AWS::Serverless::')) this.samPolicies(r, set('identity'));
    if (owner) {
      const boundary = this.localManagedPolicy(pickBranch(member(props, 'PermissionsBoundary')));
      if (boundary) this.join(boundary, { key: owner, name: owner, role: 'boundary' });
      for (const item of listItems(member(props, 'ManagedPolicyArns'))) {
        const attached = this.localManagedPolicy(item);
        if (attached) this.join(attached, { key: owner, name: owner, role: 'identity' });
      }
    }
    if (r.type === 'AWS::Organizations::Policy') {
      const type = member(props, 'Type');
      const kind = type?.kind === 'string' ? own(ORGANIZATIONS_KINDS, type.value) : undefined;
      if (kind) this.document(r, 'Content', 'Content', kind);
    }
    const standalone = own(RESOURCE_POLICIES, r.type);
    if (!standalone) return;
    if (r.type === 'AWS::IAM::ManagedPolicy') {
      for (const owner of this.attachedTo(props)) this.join(r.id, { key: owner, name: owner, role: 'identity' });
      return; // emitted by managedPolicies(), once per set it joins
    }
    const owners = r.type.startsWith('AWS::IAM::') ? this.attachedTo(props) : [];
    for (const { property, kind } of standalone) {
      if (owners.length === 0) this.document(r, property, property, kind);
      for (const o of owners) this.document(r, property, property, kind, { key: o, name: o, role: 'identity' });
    }
  }

  /** Every managed policy of the template, once per policy set it joins (findings repeated across sets are shown once). */
  managedPolicies(): void {
    for (const r of this.resources.values()) {
      if (r.type !== 'AWS::IAM::ManagedPolicy' || !r.properties) continue;
      const sets = this.memberships.get(r.id) ?? [];
      if (sets.length === 0) this.document(r, 'PolicyDocument', 'PolicyDocument');
      for (const set of sets) this.document(r, 'PolicyDocument', 'PolicyDocument', set.role === 'boundary' ? 'boundary' : undefined, set);
    }
  }

  private join(policyId: string, set: InferredSetMembership): void {
    const list = this.memberships.get(policyId) ?? [];
    if (!list.some((s) => s.key === set.key && s.role === set.role)) list.push(set);
    this.memberships.set(policyId, list);
  }

  /** Logical ids of the template's roles and users that `Roles`/`Users`/`RoleName`/`UserName` reference. */
  private attachedTo(props: ObjectNode): string[] {
    const out: string[] = [];
    for (const property of ATTACHMENT_PROPERTIES) {
      for (const item of listItems(member(props, property))) {
        const id = refTarget(item);
        const target = id ? this.resources.get(id) : undefined;
        if (target && SET_OWNERS.has(target.type) && !out.includes(target.id)) out.push(target.id);
      }
    }
    return out;
  }

  /** The logical id of a managed policy of this template that `!Ref M` / `!GetAtt M.PolicyArn` names. */
  private localManagedPolicy(node: SourceNode | undefined): string | undefined {
    if (!node) return undefined;
    const id = refTarget(node) ?? getAttTarget(node, 'PolicyArn');
    return id && this.resources.get(id)?.type === 'AWS::IAM::ManagedPolicy' ? id : undefined;
  }

  /** `Policies: [{PolicyName, PolicyDocument}]` of roles, users and groups. */
  private inlinePolicies(r: Resource, set: InferredSetMembership | undefined): void {
    const policies = pickBranch(member(r.properties!, 'Policies'));
    if (policies?.kind !== 'array') return;
    policies.items.forEach((raw, i) => {
      const item = pickBranch(raw);
      if (item?.kind !== 'object') return;
      const nameNode = member(item, 'PolicyName');
      const policyName = nameNode ? new IntrinsicResolver().valueString(nameNode) : undefined;
      const label = `Policies[${i}]${policyName ? ` ${JSON.stringify(policyName)}` : ''}`;
      this.emit(r, pickBranch(member(item, 'PolicyDocument')), label, undefined, set);
    });
  }

  /** SAM `Policies`: a managed policy name or ARN, a SAM policy template (`S3ReadPolicy: …`), or an inline document. */
  private samPolicies(r: Resource, set: InferredSetMembership | undefined): void {
    const policies = pickBranch(member(r.properties!, 'Policies'));
    if (!policies) return;
    const inline = (node: SourceNode | undefined) => node?.kind === 'object' && node.entries.some((e) => e.key === 'Statement');
    if (policies.kind === 'array') {
      policies.items.forEach((raw, i) => {
        const item = pickBranch(raw);
        if (inline(item)) this.emit(r, item, `Policies[${i}]`, undefined, set);
      });
    } else if (inline(policies)) this.emit(r, policies, 'Policies', undefined, set);
  }

  private document(r: Resource, property: string, label: string, kind?: PolicyKind, set?: InferredSetMembership): void {
    this.emit(r, pickBranch(member(r.properties!, property)), label, kind, set);
  }

  private emit(r: Resource, raw: SourceNode | undefined, label: string, kind: PolicyKind | undefined, set: InferredSetMembership | undefined): void {
    if (!raw) return;
    const name = `${r.id} (${r.type}) › ${label}`;
    const resolver = new IntrinsicResolver();
    let root = resolver.resolve(raw);
    if (!root) return;
    if (root.kind === 'string') {
      // Some properties take the policy as a JSON string. Its inner positions are not kept: findings point at the string.
      const at = root.range.start;
      const parsed = parseJson(root.value, { positionAt: () => at });
      if (!parsed.ok) {
        if (/^\s*\{/.test(root.value)) this.unparsed.push({ filePath: this.filePath, reason: 'syntax', message: `${parsed.error.message} [${name}]`, at: { value: null, path: [], range: root.range } });
        return;
      }
      root = parsed.root;
    }
    this.policies.push({ root, path: raw.path, name, kind, set, templateExpressions: resolver.used || undefined, suppressions: r.suppressions.length ? r.suppressions : undefined });
  }
}

/**
 * Turns CloudFormation intrinsic functions into plain values a rule can read, keeping the
 * source range of the intrinsic:
 * - `Ref X` → `${X}`, `Fn::GetAtt [X, Attr]` → `${X.Attr}` (pseudo parameters stay `${AWS::Region}`);
 * - `Fn::Sub` → its template, with the variables of its map substituted and `${!Literal}` unescaped;
 * - `Fn::Join` → the joined string, `Fn::Select` of a literal list → the selected item;
 * - `Fn::If` → its first branch (the second when the first is `AWS::NoValue`); an `AWS::NoValue`
 *   result removes the member. Linting both branches would double every finding, and the
 *   first branch is the one authors write as the main case.
 * - anything else (`Fn::ImportValue`, `Fn::FindInMap`, `Fn::GetAZs`, `Fn::Split`, …) → a
 *   `${Fn::Name.args}` expression: an opaque value the ARN checks read as a wildcard.
 */
class IntrinsicResolver {
  /** Some intrinsic was converted: the document holds template expressions. */
  used = false;

  resolve(node: SourceNode): SourceNode | undefined {
    const fn = intrinsic(node);
    if (fn) {
      this.used = true;
      if (fn.name === 'Fn::If') {
        const branch = ifBranch(fn.args);
        return branch ? this.resolve(branch) : undefined;
      }
      if (isNoValue(node)) return undefined;
      const value: StringNode = { kind: 'string', value: this.intrinsicString(fn.name, fn.args), path: node.path, range: node.range };
      return value;
    }
    if (node.kind === 'object') {
      const entries: ObjectEntry[] = [];
      for (const e of node.entries) {
        const value = this.resolve(e.value);
        if (value) entries.push({ key: e.key, keyRange: e.keyRange, value });
      }
      return { ...node, entries };
    }
    if (node.kind === 'array') {
      const items = node.items.map((i) => this.resolve(i)).filter((i): i is SourceNode => i !== undefined);
      return { ...node, items };
    }
    return node;
  }

  /** A value as the string CloudFormation would put in its place. */
  valueString(node: SourceNode): string {
    switch (node.kind) {
      case 'string':
        return node.value;
      case 'number':
        return node.raw;
      case 'boolean':
        return String(node.value);
      case 'null':
        return '';
      default: {
        const fn = intrinsic(node);
        if (!fn) return expression('Value', []);
        this.used = true;
        if (fn.name === 'Fn::If') {
          const branch = ifBranch(fn.args);
          return branch ? this.valueString(branch) : '';
        }
        return this.intrinsicString(fn.name, fn.args);
      }
    }
  }

  private intrinsicString(name: string, args: SourceNode): string {
    switch (name) {
      case 'Ref':
        return `\${${this.valueString(args)}}`;
      case 'Fn::GetAtt': {
        if (args.kind === 'string') return `\${${args.value}}`;
        if (args.kind === 'array') return `\${${args.items.map((i) => sanitize(this.valueString(i))).join('.')}}`;
        break;
      }
      case 'Fn::Sub':
        return this.sub(args);
      case 'Fn::Join': {
        const [delimiter, list] = args.kind === 'array' ? args.items : [];
        if (delimiter?.kind === 'string' && list?.kind === 'array') return list.items.map((i) => this.valueString(i)).join(delimiter.value);
        break;
      }
      case 'Fn::Select': {
        const [index, list] = args.kind === 'array' ? args.items : [];
        const i = index && (index.kind === 'number' || index.kind === 'string') ? Number(index.value) : NaN;
        if (list?.kind === 'array' && Number.isInteger(i) && list.items[i]) return this.valueString(list.items[i]);
        break;
      }
    }
    return expression(name, this.flatArgs(args));
  }

  private sub(args: SourceNode): string {
    const [template, variables] = args.kind === 'array' ? args.items : [args];
    if (template?.kind !== 'string') return expression('Fn::Sub', this.flatArgs(args));
    const values = new Map<string, string>();
    if (variables?.kind === 'object') for (const e of variables.entries) values.set(e.key, this.valueString(e.value));
    if (variables) this.used = true;
    return template.value.replace(/\$\{(!?)([^}]*)\}/g, (text, escape: string, inner: string) => {
      if (escape) return `\${${inner}}`;
      return values.get(inner.trim()) ?? text;
    });
  }

  private flatArgs(args: SourceNode): string[] {
    if (args.kind === 'array') return args.items.flatMap((i) => this.flatArgs(i));
    if (args.kind === 'object' && !intrinsic(args)) return [];
    return [this.valueString(args)];
  }
}

/** `${Fn::FindInMap.RegionMap.AWS::Region.Ami}`: a name findPlaceholders recognizes, so ARN checks read it as `*`. */
function expression(name: string, args: readonly string[]): string {
  const parts = args.map(sanitize).filter((p) => p.length > 0);
  const text = `\${${[name, ...parts].join('.')}}`;
  return findPlaceholders(text).length === 1 ? text : `\${${name}}`;
}

function sanitize(value: string): string {
  return value
    .replace(/\$\{!?([^}]*)\}/g, '$1')
    .replace(/[^A-Za-z0-9_.:-]+/g, '-')
    .replace(/:+/g, (m) => (m.length === 2 ? '::' : '-'))
    .replace(/^[-.:]+|[-.:]+$/g, '');
}

/** `{"Ref": …}` or `{"Fn::X": …}` with nothing beside it. */
function intrinsic(node: SourceNode): { name: string; args: SourceNode } | undefined {
  if (node.kind !== 'object' || node.entries.length !== 1) return undefined;
  const [{ key, value }] = node.entries;
  return key === 'Ref' || key.startsWith('Fn::') ? { name: key, args: value } : undefined;
}

function isNoValue(node: SourceNode | undefined): boolean {
  const fn = node && intrinsic(node);
  return fn?.name === 'Ref' && fn.args.kind === 'string' && fn.args.value === 'AWS::NoValue';
}

/** The branch of `Fn::If [Condition, A, B]` that is linted: A, or B when A is `AWS::NoValue`. */
function ifBranch(args: SourceNode): SourceNode | undefined {
  if (args.kind !== 'array' || args.items.length !== 3) return undefined;
  const [, first, second] = args.items;
  if (!isNoValue(first)) return first;
  return isNoValue(second) ? undefined : second;
}

/** A node with any `Fn::If` around it replaced by the linted branch. */
function pickBranch(node: SourceNode | undefined): SourceNode | undefined {
  let current = node;
  for (let i = 0; current && i < 100; i++) {
    const fn = intrinsic(current);
    if (fn?.name !== 'Fn::If') return isNoValue(current) ? undefined : current;
    current = ifBranch(fn.args);
  }
  return current;
}

function listItems(node: SourceNode | undefined): SourceNode[] {
  const picked = pickBranch(node);
  if (!picked) return [];
  if (picked.kind !== 'array') return [picked];
  return picked.items.map(pickBranch).filter((i): i is SourceNode => i !== undefined);
}

function refTarget(node: SourceNode): string | undefined {
  const fn = intrinsic(node);
  return fn?.name === 'Ref' && fn.args.kind === 'string' ? fn.args.value : undefined;
}

function getAttTarget(node: SourceNode, attribute: string): string | undefined {
  const fn = intrinsic(node);
  if (fn?.name !== 'Fn::GetAtt') return undefined;
  const [id, attr] = fn.args.kind === 'array' ? fn.args.items : fn.args.kind === 'string' ? fn.args.value.split(/\.(.*)/s).map((v) => ({ kind: 'string', value: v }) as StringNode) : [];
  return id?.kind === 'string' && attr?.kind === 'string' && attr.value === attribute ? id.value : undefined;
}

/** `Metadata: {iamlint: {ignore: [{rule, reason, expires}]}}` as written; the engine validates each entry. */
function metadataSuppressions(resource: ObjectNode): InlineSuppression[] {
  const metadata = member(resource, 'Metadata');
  const iamlint = metadata?.kind === 'object' ? member(metadata, 'iamlint') : undefined;
  const ignore = iamlint?.kind === 'object' ? member(iamlint, 'ignore') : undefined;
  if (!ignore) return [];
  const text = (entry: SourceNode, key: string) => {
    const value = entry.kind === 'object' ? member(entry, key) : undefined;
    return value?.kind === 'string' ? value.value : value?.kind === 'number' || value?.kind === 'boolean' ? String(value.value) : undefined;
  };
  const items = ignore.kind === 'array' ? ignore.items : [ignore];
  return items.map((entry) => ({ rule: text(entry, 'rule'), reason: text(entry, 'reason'), expires: text(entry, 'expires'), at: locatedAt(entry) }));
}

function member(node: ObjectNode, key: string): SourceNode | undefined {
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i].value;
  return undefined;
}
