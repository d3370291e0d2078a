import type { Located, PolicyDocument, Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import { evaluateGrant, grantsOf, type ActionEntryGrant, type GrantResource, type StatementRef } from '../iam/evaluate.js';
import { actionMatches, type ActionInfo } from '../iam/service-data.js';
import { actionEntryFor, isAllow, statementLabel } from '../iam/statement.js';

type MessageIds = 'blocked' | 'blockedWildcard' | 'denied';

/** How many action names a message lists before "and N more". */
const LISTED = 5;

interface Block {
  readonly action: ActionInfo;
  readonly resource: GrantResource;
  /** The Denies that block it; empty: the boundary does not allow it. */
  readonly deniedBy: readonly StatementRef[];
}

interface ReportedEntry {
  readonly entry: ActionEntryGrant;
  readonly blocks: readonly Block[];
}

export default defineRule<{ ignoreActions: string[] }, MessageIds>({
  meta: {
    id: 'boundary-missing-grant',
    docs: {
      description: 'Report actions an identity policy allows that its permissions boundary does not allow or that an explicit Deny blocks',
      why: "A role's effective permissions are the intersection of its identity policies and its permissions boundary, and an explicit Deny in any of them wins. An action the app or notebook policy grants but the boundary does not allow (missing, scoped to other resources or another region, excluded by NotAction, explicitly denied) is silently dead: the policy reads as if the role can do it, and the call fails with AccessDenied at run time.",
      fix: 'Add the action (on the needed resources) to the permissions boundary, or remove the dead grant from the identity policy so that it documents what the role can really do. A wildcard entry is reported only when none of its actions survives; exact action names are reported whenever they are blocked.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreActions: stringListOption('Action patterns (e.g. "sagemaker:CreatePresignedDomainUrl", "logs:*") never reported as blocked.'),
      },
    },
    defaultOptions: { ignoreActions: [] },
    messages: {
      blocked: '{{statement}} allows {{actions}}{{scope}}, but {{cause}}; the grant never takes effect.',
      blockedWildcard: '{{statement}} allows {{pattern}}{{scope}}, but none of the {{count}} actions it grants ({{actions}}) gets through: {{cause}}; the grant never takes effect.',
      denied: '{{statement}} allows {{actions}}{{scope}}, but {{denier}} in {{file}} explicitly denies this; an explicit Deny always wins, so the grant never takes effect.',
    },
  },
  create(context) {
    const ignored = (a: ActionInfo) => context.options.ignoreActions.some((p) => actionMatches(p, a.fullName));
    return {
      policySet(set) {
        const boundary = set.boundary;
        if (!boundary) return;
        const denyDocs = [boundary, ...set.identity.filter((d) => d !== boundary)];
        for (const doc of set.identity) {
          if (doc === boundary) continue;
          for (const stmt of doc.statements) {
            if (!isAllow(stmt) || stmt.principal) continue;
            const reported = blockedEntries(stmt, boundary, denyDocs, ignored);
            if (reported.entries.length > 0) report(doc, stmt, boundary, reported.entries, reported.touched);
          }
        }
      },
    };

    function report(doc: PolicyDocument, stmt: Statement, boundary: PolicyDocument, entries: readonly ReportedEntry[], touched: ReadonlySet<GrantResource>): void {
      const blocks = entries.flatMap((e) => e.blocks);
      const names = unique(entries.flatMap((e) => sortedIf(e.entry.wildcard, e.blocks.map((b) => b.action.fullName))));
      const notAllowedSet = new Set(blocks.filter((b) => b.deniedBy.length === 0).map((b) => b.action.fullName));
      const notAllowed = names.filter((n) => notAllowedSet.has(n));
      const deniers = chooseDeniers(blocks.filter((b) => b.deniedBy.length > 0), names);
      const blockedResources = new Set(blocks.map((b) => b.resource));
      const scope = blockedResources.size < touched.size ? ` on ${[...blockedResources].map((r) => r.at.value).join(', ')}` : '';
      const wildcardEntries = entries.filter((e) => e.entry.wildcard);
      const related = [
        { node: statementElement(boundary), document: boundary, message: `Permissions boundary ${boundary.name}` },
        ...deniers.map(({ ref, actions }) => ({
          node: actionEntryFor(ref.statement, actions[0]) ?? statementNode(ref.statement),
          document: ref.document,
          message: `Denied by ${statementLabel(ref.statement, true)} in ${ref.document.name}`,
        })),
      ];
      const base = { statement: statementLabel(stmt, true), scope };
      const node = entries[0].entry.at;
      if (notAllowed.length === 0 && deniers.length === 1) {
        const [{ ref }] = deniers;
        const itemized = entries.map((e) => (e.entry.wildcard ? `${entryText(stmt, e.entry)} (all ${unique(e.blocks.map((b) => b.action.fullName)).length} actions)` : entryText(stmt, e.entry)));
        context.report({
          node,
          document: doc,
          messageId: 'denied',
          data: { ...base, actions: listNames(itemized), denier: statementLabel(ref.statement, true), file: ref.document.name },
          related,
        });
        return;
      }
      const cause = describeCause(boundary, notAllowed, deniers, names.length > 1 || wildcardEntries.length > 0);
      if (wildcardEntries.length > 0) {
        context.report({
          node,
          document: doc,
          messageId: 'blockedWildcard',
          data: { ...base, pattern: entries.map((e) => entryText(stmt, e.entry)).join(', '), count: names.length, actions: listNames(names), cause },
          related,
        });
      } else {
        context.report({ node, document: doc, messageId: 'blocked', data: { ...base, actions: listNames(names), cause }, related });
      }
    }
  },
});

/**
 * The Action entries of an Allow statement that are blocked: an exact action name when it is
 * blocked on some resource, a wildcard entry (or NotAction) only when, on some resource,
 * every action it stands for is blocked. `touched` holds the resources some evaluated action
 * really applies to (for saying "on <resource>" only when not all of them are blocked).
 */
function blockedEntries(
  stmt: Statement,
  boundary: PolicyDocument,
  denyDocs: readonly PolicyDocument[],
  ignored: (a: ActionInfo) => boolean,
): { entries: ReportedEntry[]; touched: Set<GrantResource> } {
  const { entries, resources } = grantsOf(stmt);
  const touched = new Set<GrantResource>();
  const reported: ReportedEntry[] = [];
  if (resources.length === 0) return { entries: reported, touched };
  const verdict = (action: ActionInfo, resource: GrantResource) => evaluateGrant(action, resource.spec, boundary, denyDocs);
  for (const entry of entries) {
    const blocks: Block[] = [];
    const actions = entry.actions.filter((a) => !ignored(a));
    for (const resource of resources) {
      const here: Block[] = [];
      let applicable = false;
      let dead = true;
      for (const action of actions) {
        const v = verdict(action, resource);
        if (v.kind === 'inapplicable') continue;
        applicable = true;
        if (v.kind === 'effective') {
          dead = false;
          if (entry.wildcard) break;
          continue;
        }
        here.push({ action, resource, deniedBy: v.kind === 'denied' ? v.by : [] });
      }
      if (applicable) touched.add(resource);
      if (entry.wildcard ? applicable && dead : here.length > 0) blocks.push(...here);
    }
    if (blocks.length > 0) reported.push({ entry, blocks });
  }
  return { entries: reported, touched };
}

/**
 * Few Denies explain many blocked actions: greedily pick the Deny that blocks the most
 * still-unexplained (action, resource) pairs. Actions keep the order of `names`.
 */
function chooseDeniers(denied: readonly Block[], names: readonly string[]): { ref: StatementRef; actions: string[] }[] {
  const chosen: { ref: StatementRef; actions: string[] }[] = [];
  let left = [...denied];
  while (left.length > 0) {
    const counts = new Map<Statement, { ref: StatementRef; n: number }>();
    for (const b of left) {
      for (const ref of b.deniedBy) {
        const c = counts.get(ref.statement) ?? { ref, n: 0 };
        c.n++;
        counts.set(ref.statement, c);
      }
    }
    let best: { ref: StatementRef; n: number } | undefined;
    for (const c of counts.values()) if (!best || c.n > best.n) best = c;
    const ref = best!.ref;
    const explained = left.filter((b) => b.deniedBy.some((r) => r.statement === ref.statement));
    left = left.filter((b) => !explained.includes(b));
    const actions = unique(explained.map((b) => b.action.fullName)).sort((a, b) => names.indexOf(a) - names.indexOf(b));
    chosen.push({ ref, actions });
  }
  return chosen;
}

function describeCause(boundary: PolicyDocument, notAllowed: readonly string[], deniers: readonly { ref: StatementRef; actions: string[] }[], plural: boolean): string {
  const denials = deniers.map(({ ref, actions }) => `${statementLabel(ref.statement, true)} in ${ref.document.name} denies ${listNames(actions)}`);
  if (deniers.length === 0) return `the permissions boundary ${boundary.name} does not allow ${plural ? 'them' : 'it'}`;
  const parts = notAllowed.length > 0 ? [`the permissions boundary ${boundary.name} does not allow ${listNames(notAllowed)}`, ...denials] : denials;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** An Action entry as written, or what a NotAction stands for. */
function entryText(stmt: Statement, entry: ActionEntryGrant): string {
  if (!stmt.action?.negated) return entry.at.value;
  return `every action except ${stmt.action.values.map((v) => v.value).join(', ')}`;
}

function listNames(names: readonly string[]): string {
  if (names.length <= LISTED) return names.join(', ');
  return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}

function sortedIf(sort: boolean, list: string[]): string[] {
  return sort ? list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : list;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function statementNode(stmt: Statement): Located<unknown> {
  return { value: null, path: stmt.path, range: stmt.range };
}

/** The boundary's `Statement` key (or the whole document for a fragment): where a reader looks for what it allows. */
function statementElement(doc: PolicyDocument): Located<unknown> {
  const root = doc.root;
  const member = root.kind === 'object' ? root.entries.findLast((e) => e.key === 'Statement') : undefined;
  return member ? { value: 'Statement', path: ['Statement'], range: member.keyRange } : { value: null, path: [], range: doc.range };
}
