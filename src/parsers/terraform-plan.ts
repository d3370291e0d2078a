/**
 * Terraform plans: the output of `terraform show -json <plan>` (also `terraform show -json` of a
 * state, which has `values` instead of `planned_values`).
 *
 * Resources come from `planned_values` (root module and child modules, recursively), data
 * sources read during planning also from `prior_state`; `resource_changes[].change.after_unknown`
 * says which attributes Terraform computes at apply time, and `configuration` says which
 * resource an expression refers to when the value itself is not known yet.
 *
 * Policy attributes are JSON strings inside the plan: they are parsed with positions inside the
 * string literal (see embedded-json.ts). Names are resource addresses with the attribute,
 * e.g. `module.app.aws_iam_role.task › assume_role_policy`.
 *
 * Roles become inferred policy sets (key and name: the role's address): the trust policy, the
 * inline policies (`inline_policy` blocks, `aws_iam_role_policy`), the `aws_iam_policy`s attached
 * to the role in the same plan (`aws_iam_role_policy_attachment`, `aws_iam_policy_attachment`,
 * `managed_policy_arns`) and the `aws_iam_policy` named by `permissions_boundary`. A role is
 * matched by name, an `aws_iam_policy` by ARN, and when those are not known before apply, by the
 * references in `configuration`. An `aws_iam_policy` attached to several roles is one document
 * per role (same name and positions, so its own findings are shown once); one attached to no
 * role is linted on its own. Policies outside the plan (AWS-managed, other stacks) are not
 * known and are left out of the sets.
 *
 * A policy attribute Terraform computes at apply time cannot be checked: it becomes an
 * `uncheckable` unparsed entry (json-syntax reports it) at the attribute in `after_unknown`.
 * Optional+computed attributes (`aws_kms_key.policy`, `aws_iam_role.inline_policy`) are unknown
 * also when not configured (AWS picks the value): they are reported only when `configuration`
 * shows them set. A `data.aws_iam_policy_document` is linted when its `json` is known and no
 * policy attribute of the plan holds the same text (the consumer is linted instead, with its
 * kind and set); its unknown `json` is reported at the consumer.
 */
import type { PolicyKind, UnparsedDocument } from '../engine/model.js';
import { embeddedSyntaxError, parseJsonString } from './embedded-json.js';
import { type EmbeddedPolicy, type FormatResult, type InferredSetMembership } from './formats.js';
import { getMember, type ObjectEntry, type ObjectNode, type SourceNode, type StringNode } from './tree.js';
import { own } from '../engine/own.js';

/** Resource types whose `policy` attribute is a policy document, and its kind. */
const POLICY_ATTRIBUTE: Readonly<Record<string, PolicyKind | undefined>> = {
  aws_iam_policy: 'identity',
  aws_iam_role_policy: 'identity',
  aws_iam_user_policy: 'identity',
  aws_iam_group_policy: 'identity',
  aws_s3_bucket_policy: 'resource',
  aws_sqs_queue_policy: 'resource',
  aws_sns_topic_policy: 'resource',
  aws_kms_key: 'resource',
  aws_ecr_repository_policy: 'resource',
  aws_secretsmanager_secret_policy: 'resource',
};

/** Optional+computed policy attributes: unknown in a plan also when simply not configured. */
const OPTIONAL_COMPUTED = new Set(['aws_kms_key.policy', 'aws_iam_role.inline_policy']);

interface PlanResource {
  readonly address: string;
  /** Address without the instance key: `module.a.aws_iam_role.app` for `module.a.aws_iam_role.app["x"]`. */
  readonly base: string;
  /** Instance key as written (`[0]`, `["x"]`), or '' */
  readonly index: string;
  /** Module instance prefix (`module.a[0].`), or '' */
  readonly modulePrefix: string;
  readonly type: string;
  readonly mode: string;
  readonly values?: ObjectNode;
  readonly afterUnknown?: ObjectNode;
  readonly config?: ObjectNode;
}

interface Candidate {
  readonly resource: PlanResource;
  readonly attribute: string;
  readonly node: StringNode;
  readonly name: string;
  readonly kind?: PolicyKind;
}

export function extractTerraformPlan(filePath: string, root: SourceNode, text?: string): FormatResult {
  if (root.kind !== 'object') return { policies: [], unparsed: [], looksLikePolicy: false };
  const plan = new Plan(filePath, root, text);
  return plan.extract();
}

class Plan {
  private readonly resources: PlanResource[] = [];
  private readonly byAddress = new Map<string, PlanResource>();
  private readonly policies: EmbeddedPolicy[] = [];
  private readonly unparsed: UnparsedDocument[] = [];

  constructor(
    private readonly filePath: string,
    private readonly root: ObjectNode,
    private readonly text: string | undefined,
  ) {
    this.collect();
  }

  extract(): FormatResult {
    const roles = this.resources.filter((r) => r.mode === 'managed' && r.type === 'aws_iam_role');
    const managed = this.resources.filter((r) => r.mode === 'managed' && r.type === 'aws_iam_policy');
    /** aws_iam_policy address → the roles it is attached to / is the boundary of. */
    const attachedTo = new Map<string, PlanResource[]>();
    const boundaryOf = new Map<string, PlanResource[]>();
    const push = (map: Map<string, PlanResource[]>, policy: PlanResource, role: PlanResource) => {
      const list = map.get(policy.address) ?? [];
      if (!list.includes(role)) list.push(role);
      map.set(policy.address, list);
    };

    for (const role of roles) {
      const set = (r: InferredSetMembership['role']): InferredSetMembership => ({ key: role.address, name: role.address, role: r });
      this.attribute(role, 'assume_role_policy', 'trust', set('trust'));
      this.inlinePolicies(role, set('identity'));
      const boundary = this.referenced(role, 'permissions_boundary', managed, (p) => this.matchesArn(p));
      if (boundary) push(boundaryOf, boundary, role);
      for (const policy of this.referencedList(role, 'managed_policy_arns', managed)) push(attachedTo, policy, role);
    }
    for (const r of this.resources) {
      if (r.mode !== 'managed') continue;
      if (r.type === 'aws_iam_role_policy') {
        const role = this.referenced(r, 'role', roles, (x) => this.matchesRoleName(x));
        this.attribute(r, 'policy', 'identity', role ? { key: role.address, name: role.address, role: 'identity' } : undefined);
      } else if (r.type === 'aws_iam_role_policy_attachment') {
        const role = this.referenced(r, 'role', roles, (x) => this.matchesRoleName(x));
        const policy = this.referenced(r, 'policy_arn', managed, (p) => this.matchesArn(p));
        if (role && policy) push(attachedTo, policy, role);
      } else if (r.type === 'aws_iam_policy_attachment') {
        const policy = this.referenced(r, 'policy_arn', managed, (p) => this.matchesArn(p));
        if (policy) for (const role of this.referencedList(r, 'roles', roles, (x) => this.matchesRoleName(x))) push(attachedTo, policy, role);
      } else if (r.type !== 'aws_iam_policy' && r.type !== 'aws_iam_role' && own(POLICY_ATTRIBUTE, r.type)) {
        this.attribute(r, 'policy', own(POLICY_ATTRIBUTE, r.type)!);
      }
    }
    for (const policy of managed) {
      const attached = attachedTo.get(policy.address) ?? [];
      const bounded = boundaryOf.get(policy.address) ?? [];
      for (const role of attached) this.attribute(policy, 'policy', 'identity', { key: role.address, name: role.address, role: 'identity' });
      for (const role of bounded) this.attribute(policy, 'policy', 'boundary', { key: role.address, name: role.address, role: 'boundary' });
      if (attached.length === 0 && bounded.length === 0) this.attribute(policy, 'policy', 'identity');
    }
    this.policyDocuments();
    const seen = new Set<string>();
    const unparsed = this.unparsed.filter((u) => {
      const key = `${u.at.range.start.offset}\u0000${u.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { policies: this.policies, unparsed, looksLikePolicy: this.policies.length > 0 || unparsed.length > 0 };
  }

  /** Lints one policy attribute, or reports it as computed at apply time. */
  private attribute(r: PlanResource, attribute: string, kind: PolicyKind | undefined, set?: InferredSetMembership): void {
    const name = `${r.address} › ${attribute}`;
    const value = r.values && getMember(r.values, attribute)?.value;
    if (value?.kind === 'string') {
      this.add({ resource: r, attribute, node: value, name, kind }, set);
      return;
    }
    if (value && value.kind !== 'null') return;
    const unknown = r.afterUnknown && getMember(r.afterUnknown, attribute);
    if (unknown && isUnknown(unknown.value) && (!OPTIONAL_COMPUTED.has(`${r.type}.${attribute}`) || this.configured(r, attribute))) {
      this.computed(r, `${attribute}`, unknown);
    }
  }

  /** `inline_policy { name, policy }` blocks of an aws_iam_role. */
  private inlinePolicies(role: PlanResource, set: InferredSetMembership): void {
    const blocks = role.values && getMember(role.values, 'inline_policy')?.value;
    const unknown = role.afterUnknown && getMember(role.afterUnknown, 'inline_policy');
    const configured = this.configured(role, 'inline_policy');
    if (blocks?.kind === 'array') {
      blocks.items.forEach((block, i) => {
        if (block.kind !== 'object') return;
        const policy = getMember(block, 'policy')?.value;
        const label = getMember(block, 'name')?.value;
        const name = `${role.address} › inline_policy[${i}]${label?.kind === 'string' && label.value ? ` "${label.value}"` : ''}`;
        if (policy?.kind === 'string') {
          if (policy.value.trim() !== '') this.add({ resource: role, attribute: `inline_policy[${i}].policy`, node: policy, name, kind: 'identity' }, set);
          return;
        }
        const blockUnknown = unknown?.value.kind === 'array' ? unknown.value.items[i] : undefined;
        const policyUnknown = blockUnknown?.kind === 'object' ? getMember(blockUnknown, 'policy') : undefined;
        if (configured && policyUnknown && isUnknown(policyUnknown.value)) this.computed(role, `inline_policy[${i}].policy`, policyUnknown);
      });
      if (unknown?.value.kind === 'array' && configured) {
        for (let i = blocks.items.length; i < unknown.value.items.length; i++) {
          const u = unknown.value.items[i];
          const policyUnknown = u.kind === 'object' ? getMember(u, 'policy') : undefined;
          if (policyUnknown && isUnknown(policyUnknown.value)) this.computed(role, `inline_policy[${i}].policy`, policyUnknown);
        }
      }
    }
    if (unknown?.value.kind === 'boolean' && unknown.value.value && configured) this.computed(role, 'inline_policy', unknown);
  }

  /** `data.aws_iam_policy_document` outputs not consumed by a policy attribute linted in the plan. */
  private policyDocuments(): void {
    const consumedDocs = new Set<string>();
    for (const r of this.resources) {
      if (!this.linted.has(r.address) || !r.config) continue;
      for (const ref of configReferences(r.config)) {
        const m = /^(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.json$/.exec(ref);
        if (m) consumedDocs.add(r.modulePrefix + m[1]);
      }
    }
    for (const r of this.resources) {
      if (r.mode !== 'data' || r.type !== 'aws_iam_policy_document') continue;
      const json = r.values && getMember(r.values, 'json')?.value;
      if (json?.kind !== 'string' || this.texts.has(json.value) || consumedDocs.has(r.base)) continue;
      this.add({ resource: r, attribute: 'json', node: json, name: `${r.address} › json` });
    }
  }

  /** Decoded texts of the policy attributes linted, and the addresses of their resources. */
  private readonly texts = new Set<string>();
  private readonly linted = new Set<string>();

  private add(c: Candidate, set?: InferredSetMembership): void {
    if (c.node.value.trim() === '') return;
    this.texts.add(c.node.value);
    this.linted.add(c.resource.address);
    const parsed = parseJsonString(c.node, this.text);
    if (!parsed.ok) {
      this.unparsed.push(embeddedSyntaxError(this.filePath, c.node, parsed, c.name));
      return;
    }
    this.policies.push({ root: parsed.root, path: c.node.path, name: c.name, ...(c.kind ? { kind: c.kind } : {}), ...(set ? { set } : {}) });
  }

  private computed(r: PlanResource, attribute: string, at: ObjectEntry): void {
    this.unparsed.push({
      filePath: this.filePath,
      reason: 'uncheckable',
      message: `${r.address} ${attribute} is computed at apply time (known after apply)`,
      at: { value: null, path: at.value.path, range: { start: at.keyRange.start, end: at.value.range.end } },
    });
  }

  // ── Matching: by value, else by the references in `configuration` ──

  private matchesRoleName(value: string): (r: PlanResource) => boolean {
    return (r) => stringAttr(r, 'name') === value || stringAttr(r, 'id') === value || stringAttr(r, 'arn') === value;
  }

  private matchesArn(value: string): (r: PlanResource) => boolean {
    return (r) => {
      const arn = stringAttr(r, 'arn');
      if (arn !== undefined) return arn === value;
      // ARN not known before apply: the policy's path and name in an ARN of any account.
      const name = stringAttr(r, 'name');
      const path = stringAttr(r, 'path') ?? '/';
      return name !== undefined && new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:policy${escapeRegExp(path)}${escapeRegExp(name)}$`).test(value);
    };
  }

  /** The resource among `targets` an attribute names: by its known value, else by configuration references. */
  private referenced(r: PlanResource, attribute: string, targets: readonly PlanResource[], byValue: (v: string) => (t: PlanResource) => boolean): PlanResource | undefined {
    const value = stringAttr(r, attribute);
    if (value !== undefined && value !== '') {
      const found = targets.filter(byValue(value));
      return found.length === 1 ? found[0] : found.find((t) => t.index === r.index);
    }
    return this.byReference(r, attribute, targets)[0];
  }

  /** Resources a list attribute names (`managed_policy_arns`, `roles`). */
  private referencedList(r: PlanResource, attribute: string, targets: readonly PlanResource[], byValue?: (v: string) => (t: PlanResource) => boolean): PlanResource[] {
    const list = r.values && getMember(r.values, attribute)?.value;
    const out = new Set<PlanResource>();
    if (list?.kind === 'array') {
      for (const item of list.items) {
        if (item.kind !== 'string') continue;
        const match = byValue ?? ((v: string) => this.matchesArn(v));
        for (const t of targets.filter(match(item.value))) out.add(t);
      }
    }
    for (const t of this.byReference(r, attribute, targets)) out.add(t);
    return [...out];
  }

  private byReference(r: PlanResource, attribute: string, targets: readonly PlanResource[]): PlanResource[] {
    const expression = r.config && getMember(r.config, 'expressions')?.value;
    const e = expression?.kind === 'object' ? getMember(expression, attribute)?.value : undefined;
    const out: PlanResource[] = [];
    for (const ref of e ? references(e) : []) {
      const m = /^((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(ref);
      if (!m) continue;
      const base = r.modulePrefix + m[1];
      const found = targets.filter((t) => t.base === base);
      const chosen = found.length === 1 ? found[0] : found.find((t) => t.index === r.index);
      if (chosen && !out.includes(chosen)) out.push(chosen);
    }
    return out;
  }

  /** Whether the configuration sets an attribute of the resource (a block or an expression). */
  private configured(r: PlanResource, attribute: string): boolean {
    const expression = r.config && getMember(r.config, 'expressions')?.value;
    return expression?.kind === 'object' && getMember(expression, attribute) !== undefined;
  }

  // ── Collecting resources ──

  private collect(): void {
    const changes = new Map<string, ObjectNode>();
    const rc = getMember(this.root, 'resource_changes')?.value;
    if (rc?.kind === 'array') {
      for (const c of rc.items) {
        if (c.kind !== 'object') continue;
        const address = stringOf(getMember(c, 'address')?.value);
        const change = getMember(c, 'change')?.value;
        if (address && change?.kind === 'object') changes.set(address, change);
      }
    }
    const configs = new Map<string, ObjectNode>();
    const configuration = getMember(this.root, 'configuration')?.value;
    const configRoot = configuration?.kind === 'object' ? getMember(configuration, 'root_module')?.value : undefined;
    if (configRoot?.kind === 'object') collectConfig(configRoot, '', configs);

    const addResource = (node: ObjectNode, fromChange?: ObjectNode) => {
      const address = stringOf(getMember(node, 'address')?.value);
      if (!address || this.byAddress.has(address)) return;
      const change = fromChange ?? changes.get(address);
      const values = fromChange ? getMember(fromChange, 'after')?.value : getMember(node, 'values')?.value;
      const afterUnknown = change ? getMember(change, 'after_unknown')?.value : undefined;
      const parsed = parseAddress(address);
      const resource: PlanResource = {
        address,
        ...parsed,
        type: stringOf(getMember(node, 'type')?.value) ?? '',
        mode: stringOf(getMember(node, 'mode')?.value) ?? 'managed',
        values: values?.kind === 'object' ? values : undefined,
        afterUnknown: afterUnknown?.kind === 'object' ? afterUnknown : undefined,
        config: configs.get(parsed.configAddress),
      };
      this.resources.push(resource);
      this.byAddress.set(address, resource);
    };

    for (const key of ['planned_values', 'values']) {
      const v = getMember(this.root, key)?.value;
      const module = v?.kind === 'object' ? getMember(v, 'root_module')?.value : undefined;
      if (module?.kind === 'object') walkModule(module, (n) => addResource(n));
    }
    // Resources only in resource_changes (data sources read at apply time); deleted ones are gone.
    if (rc?.kind === 'array') {
      for (const c of rc.items) {
        if (c.kind !== 'object') continue;
        const change = getMember(c, 'change')?.value;
        if (change?.kind !== 'object') continue;
        const actions = getMember(change, 'actions')?.value;
        if (actions?.kind === 'array' && actions.items.length === 1 && stringOf(actions.items[0]) === 'delete') continue;
        addResource(c, change);
      }
    }
    // Data sources read while planning are in prior_state.
    const prior = getMember(this.root, 'prior_state')?.value;
    const priorValues = prior?.kind === 'object' ? getMember(prior, 'values')?.value : undefined;
    const priorRoot = priorValues?.kind === 'object' ? getMember(priorValues, 'root_module')?.value : undefined;
    if (priorRoot?.kind === 'object') walkModule(priorRoot, (n) => (stringOf(getMember(n, 'mode')?.value) === 'data' ? addResource(n) : undefined));
  }
}

function walkModule(module: ObjectNode, visit: (resource: ObjectNode) => void): void {
  const stack: ObjectNode[] = [module];
  while (stack.length > 0) {
    const m = stack.pop()!;
    const resources = getMember(m, 'resources')?.value;
    if (resources?.kind === 'array') for (const r of resources.items) if (r.kind === 'object') visit(r);
    const children = getMember(m, 'child_modules')?.value;
    if (children?.kind === 'array') for (const c of [...children.items].reverse()) if (c.kind === 'object') stack.push(c);
  }
}

/** configuration.root_module → config resources by module-relative address with the module path (`module.a.aws_iam_role.x`). */
function collectConfig(module: ObjectNode, prefix: string, out: Map<string, ObjectNode>): void {
  const resources = getMember(module, 'resources')?.value;
  if (resources?.kind === 'array') {
    for (const r of resources.items) {
      const address = r.kind === 'object' ? stringOf(getMember(r, 'address')?.value) : undefined;
      if (address && r.kind === 'object') out.set(prefix + address, r);
    }
  }
  const calls = getMember(module, 'module_calls')?.value;
  if (calls?.kind !== 'object') return;
  for (const call of calls.entries) {
    const child = call.value.kind === 'object' ? getMember(call.value, 'module')?.value : undefined;
    if (child?.kind === 'object') collectConfig(child, `${prefix}module.${call.key}.`, out);
  }
}

/** Splits `module.a["k"].aws_iam_role.app[0]` into its parts. */
function parseAddress(address: string): { base: string; index: string; modulePrefix: string; configAddress: string } {
  const segment = /module\.[A-Za-z0-9_-]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\./y;
  let i = 0;
  let configPrefix = '';
  for (;;) {
    segment.lastIndex = i;
    const m = segment.exec(address);
    if (!m) break;
    configPrefix += m[0].replace(/\[.*\]\.$/, '.');
    i += m[0].length;
  }
  const modulePrefix = address.slice(0, i);
  const rest = address.slice(i);
  const bracket = rest.indexOf('[');
  const local = bracket >= 0 ? rest.slice(0, bracket) : rest;
  return { base: modulePrefix + local, index: bracket >= 0 ? rest.slice(bracket) : '', modulePrefix, configAddress: configPrefix + local };
}

function configReferences(config: ObjectNode): string[] {
  const expressions = getMember(config, 'expressions')?.value;
  return expressions ? references(expressions) : [];
}

/** Every `references` string anywhere in an expression (blocks nest expressions). */
function references(node: SourceNode): string[] {
  const out: string[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'object') {
      for (const e of n.entries) {
        if (e.key === 'references' && e.value.kind === 'array') {
          for (const r of e.value.items) if (r.kind === 'string') out.push(r.value);
        } else stack.push(e.value);
      }
    } else if (n.kind === 'array') stack.push(...n.items);
  }
  return out;
}

/** after_unknown marks a value computed at apply time with `true`. */
function isUnknown(node: SourceNode): boolean {
  return node.kind === 'boolean' && node.value;
}

function stringOf(node: SourceNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

function stringAttr(r: PlanResource, attribute: string): string | undefined {
  return r.values ? stringOf(getMember(r.values, attribute)?.value) : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
