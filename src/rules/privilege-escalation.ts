import type { PolicyDocument } from '../engine/model.js';
import { defineRule, type RelatedInfo, type RuleContext } from '../engine/rule.js';
import { grantingDocuments, judgedWithPolicySet } from '../iam/ecr.js';
import { findEscalations, type EscalationGrant, type EscalationPath, type EscalationScope } from '../iam/escalation.js';
import { ESCALATION_METHODS, type EscalationMethod } from '../iam/escalation-methods.js';
import { perOptions } from '../iam/risk-categories.js';
import { statementLabel } from '../iam/statement.js';

type MessageIds = 'escalation' | 'escalationScoped' | 'resourcePolicyEscalation' | 'escalationMany';
type Options = { ignoreMethods: string[]; ignoreConditionedGrants: boolean };

/** How many statements or resources a message names before "and N more". */
const LISTED = 3;

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'privilege-escalation',
    docs: {
      description: 'Report combinations of allowed actions that are published AWS IAM privilege escalation methods',
      why: "Some permissions let a principal give itself more permissions: a new default version of a policy attached to it (iam:CreatePolicyVersion), an access key for another user, a role passed to a new Lambda function, EC2 instance, CodeBuild project or SageMaker notebook whose code it controls (iam:PassRole with the service's create action), a shell in an instance or container that has a role (ssm:SendCommand, ecs:ExecuteCommand). Such a policy is as strong as the strongest role or policy it can reach. The rule knows the 21 methods published by Rhino Security Labs and the newer paths of pathfinding.cloud and Cloudsplaining (see src/iam/escalation-methods.ts for the list and sources). A method is reported when every one of its actions is allowed (by Action wildcards or NotAction) in a resource it can apply to, not removed by an unconditioned Deny on those resources, and within the permissions boundary; across the identity policies of a policy set, one policy may hold half a method and another the rest. Conditions on the Allow statements are assumed to hold, except iam:PassedToService: a PassRole grant limited to other services (e.g. only sagemaker.amazonaws.com) does not enable methods passing the role to Lambda, EC2, Glue or CloudFormation. iam:PassRole (or another action) limited to named resources still escalates, to those resources only; the message says so. What policies cannot tell is not judged: whether the reachable roles and policies are more privileged than the caller (iam:PutRolePolicy scoped to a role path is still reported), whether a role's trust policy admits the caller (sts:AssumeRole), whether such resources exist. A grant of iam:CreateAccessKey, iam:CreateLoginProfile or iam:UpdateLoginProfile only on the caller's own user (user/${aws:username}) is not an escalation. Identity policies are judged; permissions boundaries cap them; SCPs, RCPs and trust policies are not judged. In resource policies (bucket policies) and identity policies alike, s3:PutBucketPolicy or s3:PutBucketAcl on a bucket whose objects the principal may not fully read, write and delete is Parliament's resource policy privilege escalation: a new bucket policy or ACL grants the missing access.",
      fix: 'Remove the action that completes the method, or scope it: iam:PassRole to the named roles the workload needs with an iam:PassedToService condition, IAM write actions to resources the principal cannot use to raise its own permissions, shell and code-update actions (ssm:SendCommand, lambda:UpdateFunctionCode, codebuild:StartBuild) to resources whose roles are no stronger than the principal. A permissions boundary that does not allow the action, or an explicit Deny, also removes the method. Where a method is intended (an administrator role), disable the rule for that file or list the method in ignoreMethods.',
      recommended: true,
      references: [
        'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
        'https://pathfinding.cloud',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
      ],
    },
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    tags: ['security'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreMethods: {
          type: 'array',
          items: { type: 'string', enum: ESCALATION_METHODS.map((m) => m.id) },
          description: 'Escalation method ids (e.g. "PassExistingRoleToNewLambdaThenInvoke") never reported.',
        },
        ignoreConditionedGrants: {
          type: 'boolean',
          description:
            'Do not count Allow statements whose Condition really restricts them (e.g. iam:PolicyARN limiting which policies iam:AttachRolePolicy may attach, aws:ResourceTag). Default false: conditions are assumed to hold, since a static reading cannot tell whether they stop an escalation.',
        },
      },
    },
    defaultOptions: { ignoreMethods: [], ignoreConditionedGrants: false },
    messages: {
      escalation: '{{scope}} allows privilege escalation {{method}}: {{grants}}. {{description}} ({{link}})',
      escalationMany:
        '{{scope}} allows {{count}} privilege escalation methods through "{{entry}}" alone ({{statement}}): {{methods}}. Each lets the principal raise its own permissions; see the rule documentation for the methods.',
      escalationScoped:
        '{{scope}} allows privilege escalation {{method}}: {{grants}}; {{limits}}, so it reaches only as far as those resources (and their roles) do. {{description}} ({{link}})',
      resourcePolicyEscalation:
        '{{scope}} allows privilege escalation {{method}}: {{grants}} on {{resources}}, but not {{missing}} on every object of {{buckets}}. {{description}} ({{link}})',
    },
  },
  create(context) {
    const { methods, resourceMethods } = perOptions(methodLists, context.options.ignoreMethods, methodsWithout);
    const skipConditioned = context.options.ignoreConditionedGrants;
    return {
      'document:exit'(doc) {
        if (doc.kind === 'identity') {
          if (judgedWithPolicySet(doc, context.policySetsFor(doc))) return;
          check(context, { grants: [doc], denies: [doc], mode: 'identity', skipConditioned }, methods, 'This policy');
        } else if (doc.kind === 'resource') {
          check(context, { grants: [doc], denies: [doc], mode: 'resource', skipConditioned }, resourceMethods, 'This resource policy');
        }
      },
      policySet(set) {
        const docs = grantingDocuments(set);
        if (docs.length === 0) return;
        const boundary = set.boundary && !docs.includes(set.boundary) ? set.boundary : undefined;
        const scope: EscalationScope = { grants: docs, boundary, denies: boundary ? [...docs, boundary] : docs, mode: 'identity', skipConditioned };
        check(context, scope, methods, `Policy set "${set.name}"`);
      },
    };
  },
});

interface MethodLists {
  readonly methods: readonly EscalationMethod[];
  readonly resourceMethods: readonly EscalationMethod[];
}

/** The rule is created per document: compute the method lists once per `ignoreMethods` value. */
const methodLists = new Map<string, MethodLists>();

function methodsWithout(ignoreMethods: readonly string[]): MethodLists {
  const ignored = new Set(ignoreMethods.map((id) => id.toLowerCase()));
  // Stable arrays: findEscalations remembers a fact about each method list it is given.
  const methods = ignored.size === 0 ? ESCALATION_METHODS : ESCALATION_METHODS.filter((m) => !ignored.has(m.id.toLowerCase()));
  return { methods, resourceMethods: methods.filter((m) => m.inResourcePolicies) };
}

/** How many method names a grouped finding lists before "and N more". */
const LISTED_METHODS = 8;

/**
 * One finding per method, except that methods granted entirely by one Action entry (`*`,
 * `iam:*`) are reported once at that entry with the list of methods: AdministratorAccess would
 * otherwise repeat the same location 60 times.
 */
function check(context: RuleContext<Options, MessageIds>, scope: EscalationScope, methods: readonly EscalationMethod[], scopeText: string): void {
  const byEntry = new Map<string, EscalationPath[]>();
  const single: EscalationPath[] = [];
  for (const path of findEscalations(scope, methods)) {
    const at = path.anchor.grants[0];
    const simple = !path.method.unlessAllowedOnObjects && path.actions.every((a) => !a.scoped && a.grants.every((g) => entryKey(g) === entryKey(at)));
    if (!simple) {
      single.push(path);
      continue;
    }
    const key = entryKey(at);
    byEntry.set(key, [...(byEntry.get(key) ?? []), path]);
  }
  for (const group of byEntry.values()) {
    if (group.length === 1) {
      single.push(group[0]);
      continue;
    }
    const at = group[0].anchor.grants[0];
    const names = group.map((p) => p.method.id);
    const methodsText = names.length <= LISTED_METHODS ? joinAnd(names) : `${names.slice(0, LISTED_METHODS).join(', ')} and ${names.length - LISTED_METHODS} more`;
    context.report({
      node: at.entry,
      document: at.document,
      messageId: 'escalationMany',
      data: { scope: scopeText, count: group.length, entry: at.entry.value, statement: grantLabel(at, at.document), methods: methodsText },
    });
  }
  for (const path of single) report(context, path, scopeText);
}

function report(context: RuleContext<Options, MessageIds>, path: EscalationPath, scopeText: string): void {
  const { method, anchor } = path;
  const at = anchor.grants[0];
  const base = { scope: scopeText, method: method.id, grants: describeGrants(path, at.document), description: method.description, link: method.link };
  const related = relatedEntries(path, at);
  if (method.unlessAllowedOnObjects) {
    const names = unique(anchor.grants.map((g) => resourceText(g)));
    const data = { ...base, resources: listed(names), missing: joinAnd(path.missing), buckets: names.length === 1 && !names[0].includes('*') ? 'that bucket' : 'those buckets' };
    context.report({ node: at.entry, document: at.document, messageId: 'resourcePolicyEscalation', data, related });
    return;
  }
  const limited = path.actions.filter((a) => a.scoped);
  if (limited.length === 0) {
    context.report({ node: at.entry, document: at.document, messageId: 'escalation', data: base, related });
    return;
  }
  const limits = limited.map((a) => `${a.action.fullName} is allowed only on ${listed(unique(a.grants.map(resourceText)))}`).join('; ');
  context.report({ node: at.entry, document: at.document, messageId: 'escalationScoped', data: { ...base, limits }, related });
}

/**
 * `iam:PassRole (statement "PassRole"), lambda:CreateFunction and lambda:InvokeFunction
 * (statement "Lambda")`: each action with the statements that grant it, actions granted by the
 * same statements grouped, in the method's order.
 */
function describeGrants(path: EscalationPath, home: PolicyDocument): string {
  const groups: { where: string; actions: string[] }[] = [];
  for (const a of path.actions) {
    const where = listed(unique(a.grants.map((g) => grantLabel(g, home))));
    const group = groups.find((g) => g.where === where);
    if (group) group.actions.push(a.action.fullName);
    else groups.push({ where, actions: [a.action.fullName] });
  }
  return groups.map((g) => `${joinAnd(g.actions)} (${g.where})`).join(', ');
}

function grantLabel(g: EscalationGrant, home: PolicyDocument): string {
  return g.document.id === home.id ? statementLabel(g.statement) : `${statementLabel(g.statement)} of ${g.document.name}`;
}

function resourceText(g: EscalationGrant): string {
  const el = g.statement.resource;
  return el?.negated ? `NotResource ${el.values.map((v) => `"${v.value}"`).join(', ')}` : `"${g.resource.at.value}"`;
}

/** The first grant of every other action, where its entry is not the anchor's own entry. */
function relatedEntries(path: EscalationPath, at: EscalationGrant): RelatedInfo[] {
  const related: RelatedInfo[] = [];
  const seen = new Set<string>([entryKey(at)]);
  for (const a of path.actions) {
    if (a === path.anchor) continue;
    const g = a.grants[0];
    const key = entryKey(g);
    if (seen.has(key)) continue;
    seen.add(key);
    related.push({ node: g.entry, document: g.document, message: `${a.action.fullName} allowed here (${statementLabel(g.statement)})` });
  }
  return related;
}

function entryKey(g: EscalationGrant): string {
  return `${g.document.id}\u0000${JSON.stringify(g.entry.path)}`;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function listed(items: readonly string[]): string {
  if (items.length <= LISTED) return joinAnd(items);
  return `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
