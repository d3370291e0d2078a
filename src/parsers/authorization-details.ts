/**
 * Account dumps: the output of `aws iam get-account-authorization-details`.
 *
 * Every role is an inferred policy set (key: the role ARN, name: `role/<RoleName>`): its trust
 * policy (AssumeRolePolicyDocument), its inline policies (RolePolicyList), the default version
 * of each attached managed policy (AttachedManagedPolicies → the `Policies[]` entry with that
 * ARN, `PolicyVersionList[]` with `IsDefaultVersion`) and its permissions boundary
 * (PermissionsBoundary.PermissionsBoundaryArn → that policy). Every user is one too
 * (`user/<UserName>`): its inline and attached policies, those of the groups in its GroupList,
 * and its boundary. So boundary-missing-grant and privilege-escalation judge what each principal
 * can really do.
 *
 * A managed policy attached to several principals is one document per set, all named
 * `policy/<path><PolicyName>` with the same positions, so findings in its own text are shown once
 * (the linter drops identical findings); set findings name the set. A managed policy in
 * `Policies[]` attached to no role or user of the dump, and the policies of groups without
 * members, are linted once on their own. Attached policies missing from `Policies[]` (AWS-managed
 * policies such as arn:aws:iam::aws:policy/AdministratorAccess are listed only with
 * `--filter AWSManagedPolicy`) are not known: they are left out of the sets.
 *
 * Policy documents are objects (the CLI decodes them) or strings: URL-encoded JSON as the API
 * returns it (its findings point at the string) or JSON text (positions inside the literal).
 */
import type { PolicyKind, UnparsedDocument } from '../engine/model.js';
import { embeddedSyntaxError, parseJsonString } from './embedded-json.js';
import type { EmbeddedPolicy, FormatResult, InferredSetMembership } from './formats.js';
import { parseJson } from './json.js';
import { getMember, type ObjectNode, type SourceNode } from './tree.js';

interface ManagedPolicy {
  readonly name: string;
  readonly document?: SourceNode;
}

interface Named {
  readonly name: string;
  readonly document: SourceNode;
}

interface Group {
  readonly inline: readonly Named[];
  readonly attached: readonly string[];
}

export function extractAuthorizationDetails(filePath: string, root: SourceNode, text?: string): FormatResult {
  if (root.kind !== 'object') return { policies: [], unparsed: [], looksLikePolicy: false };
  return new Dump(filePath, root, text).extract();
}

class Dump {
  private readonly policies: EmbeddedPolicy[] = [];
  private readonly unparsed: UnparsedDocument[] = [];
  private readonly managed = new Map<string, ManagedPolicy>();
  private readonly groups = new Map<string, Group>();
  /** Managed policy ARNs and group names linted as part of some set. */
  private readonly usedPolicies = new Set<string>();
  private readonly usedGroups = new Set<string>();
  /** Parsed documents by source node: a string document is decoded and parsed once. */
  private readonly parsed = new Map<SourceNode, SourceNode | null>();

  constructor(
    private readonly filePath: string,
    private readonly root: ObjectNode,
    private readonly text: string | undefined,
  ) {}

  extract(): FormatResult {
    for (const p of items(this.root, 'Policies')) {
      const arn = str(p, 'Arn');
      if (!arn) continue;
      const path = str(p, 'Path') ?? '/';
      const name = `policy${path}${str(p, 'PolicyName') ?? arn.replace(/^.*?:policy\//, '')}`;
      this.managed.set(arn, { name, document: defaultVersion(p) });
    }
    for (const g of items(this.root, 'GroupDetailList')) {
      const groupName = str(g, 'GroupName');
      if (!groupName) continue;
      this.groups.set(groupName, {
        inline: this.inline(g, 'GroupPolicyList', `group/${groupName}`),
        attached: attachedArns(g),
      });
    }

    for (const role of items(this.root, 'RoleDetailList')) {
      const roleName = str(role, 'RoleName') ?? '?';
      const setName = `role/${roleName}`;
      const key = str(role, 'Arn') ?? setName;
      const member = (r: InferredSetMembership['role']): InferredSetMembership => ({ key, name: setName, role: r });
      const trust = getMember(role, 'AssumeRolePolicyDocument')?.value;
      if (trust) this.add(trust, `${setName} › AssumeRolePolicyDocument`, 'trust', member('trust'));
      for (const p of this.inline(role, 'RolePolicyList', setName)) this.add(p.document, p.name, 'identity', member('identity'));
      this.attach(attachedArns(role), member('identity'));
      this.boundary(role, member('boundary'));
    }

    for (const user of items(this.root, 'UserDetailList')) {
      const userName = str(user, 'UserName') ?? '?';
      const setName = `user/${userName}`;
      const key = str(user, 'Arn') ?? setName;
      const member = (r: InferredSetMembership['role']): InferredSetMembership => ({ key, name: setName, role: r });
      for (const p of this.inline(user, 'UserPolicyList', setName)) this.add(p.document, p.name, 'identity', member('identity'));
      this.attach(attachedArns(user), member('identity'));
      const groupList = getMember(user, 'GroupList')?.value;
      for (const g of groupList?.kind === 'array' ? groupList.items : []) {
        const group = g.kind === 'string' ? this.groups.get(g.value) : undefined;
        if (!group || g.kind !== 'string') continue;
        this.usedGroups.add(g.value);
        for (const p of group.inline) this.add(p.document, p.name, 'identity', member('identity'));
        this.attach(group.attached, member('identity'));
      }
      this.boundary(user, member('boundary'));
    }

    for (const [groupName, group] of this.groups) {
      if (this.usedGroups.has(groupName)) continue;
      for (const p of group.inline) this.add(p.document, p.name, 'identity');
    }
    for (const [arn, policy] of this.managed) {
      if (!this.usedPolicies.has(arn) && policy.document) this.add(policy.document, policy.name, 'identity');
    }
    return { policies: this.policies, unparsed: this.unparsed, looksLikePolicy: this.policies.length > 0 || this.unparsed.length > 0 };
  }

  /** Inline policies (`RolePolicyList` …): `role/X › RolePolicyList "name"`. */
  private inline(owner: ObjectNode, list: string, ownerName: string): Named[] {
    const out: Named[] = [];
    items(owner, list).forEach((p, i) => {
      const document = getMember(p, 'PolicyDocument')?.value;
      const policyName = str(p, 'PolicyName');
      if (document) out.push({ name: `${ownerName} › ${list} ${policyName !== undefined ? JSON.stringify(policyName) : `[${i}]`}`, document });
    });
    return out;
  }

  private attach(arns: readonly string[], member: InferredSetMembership): void {
    for (const arn of arns) {
      const policy = this.managed.get(arn);
      if (!policy?.document) continue; // not in the dump (AWS-managed): not known
      this.usedPolicies.add(arn);
      this.add(policy.document, policy.name, 'identity', member);
    }
  }

  private boundary(owner: ObjectNode, member: InferredSetMembership): void {
    const b = getMember(owner, 'PermissionsBoundary')?.value;
    const arn = b?.kind === 'object' ? str(b, 'PermissionsBoundaryArn') : undefined;
    const policy = arn ? this.managed.get(arn) : undefined;
    if (!arn || !policy?.document) return;
    this.usedPolicies.add(arn);
    this.add(policy.document, policy.name, 'boundary', member);
  }

  private add(document: SourceNode, name: string, kind: PolicyKind, set?: InferredSetMembership): void {
    const root = this.document(document, name);
    if (root) this.policies.push({ root, path: document.path, name, kind, ...(set ? { set } : {}) });
  }

  /** An object document as is; a string one decoded (URL-encoding) and parsed. */
  private document(node: SourceNode, name: string): SourceNode | undefined {
    if (this.parsed.has(node)) return this.parsed.get(node) ?? undefined;
    let root: SourceNode | null = null;
    if (node.kind !== 'string') root = node;
    else if (/^\s*%7B/i.test(node.value) || (!/^\s*[{[]/.test(node.value) && /%[0-9A-F]{2}/i.test(node.value))) {
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(node.value);
      } catch {
        this.unparsed.push({ filePath: this.filePath, reason: 'syntax', message: `Invalid URL encoding (in ${name})`, at: { value: null, path: node.path, range: node.range } });
      }
      if (decoded !== undefined) {
        const at = node.range.start;
        const result = parseJson(decoded, { positionAt: () => at });
        if (result.ok) root = result.root;
        else this.unparsed.push(embeddedSyntaxError(this.filePath, node, result, name));
      }
    } else {
      const result = parseJsonString(node, this.text);
      if (result.ok) root = result.root;
      else this.unparsed.push(embeddedSyntaxError(this.filePath, node, result, name));
    }
    this.parsed.set(node, root);
    return root ?? undefined;
  }
}

/** The default version's document of a `Policies[]` entry. */
function defaultVersion(policy: ObjectNode): SourceNode | undefined {
  const versions = items(policy, 'PolicyVersionList');
  const defaultId = str(policy, 'DefaultVersionId');
  const chosen =
    versions.find((v) => getMember(v, 'IsDefaultVersion')?.value.kind === 'boolean' && (getMember(v, 'IsDefaultVersion')!.value as { value: boolean }).value) ??
    versions.find((v) => defaultId !== undefined && str(v, 'VersionId') === defaultId);
  return chosen ? getMember(chosen, 'Document')?.value : undefined;
}

function attachedArns(owner: ObjectNode): string[] {
  return items(owner, 'AttachedManagedPolicies')
    .map((a) => str(a, 'PolicyArn'))
    .filter((a): a is string => a !== undefined);
}

function items(node: ObjectNode, key: string): ObjectNode[] {
  const list = getMember(node, key)?.value;
  return list?.kind === 'array' ? list.items.filter((i): i is ObjectNode => i.kind === 'object') : [];
}

function str(node: ObjectNode, key: string): string | undefined {
  const v = getMember(node, key)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}
