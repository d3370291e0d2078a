import type { PolicyKind, Statement } from '../engine/model.js';
import { defineRule, type ReportDescriptor, stringListOption } from '../engine/rule.js';
import { parseArn } from '../iam/arn.js';
import { allServicePrefixes, expandActionPattern, serviceExists, serviceName } from '../iam/service-data.js';
import { isAllow, statementLabel } from '../iam/statement.js';
import { hasWildcard, wildcardMatch } from '../iam/wildcard.js';
import { remembered } from '../iam/memo.js';

type MessageIds = 'allActions' | 'serviceWildcard' | 'wildcardInActionService' | 'wildcardInArnService';

/** Boundaries, SCPs and RCPs only cap permissions: an `s3:*` there grants nothing. */
const GRANTING_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'resource', 'trust']);
const ONLY_STARS = /^\*+$/;

export default defineRule<{ allowServices: string[] }, MessageIds>({
  meta: {
    id: 'service-wildcard-action',
    docs: {
      description: 'Report Allow statements whose Action is `*` or a whole service (`service:*`), and wildcards in the service name of an action or a resource ARN',
      why:
        '`service:*` grants every action of the service, including the permissions-management, tagging and destructive ones and every action AWS adds to the service later; `*` does that for every service. ' +
        'Such grants are far beyond what a workload needs and turn any compromise of the principal into control of the service. ' +
        'Deny statements with wildcards are fine (they only take away). Boundaries, SCPs and RCPs are not checked: they cap permissions rather than grant them. ' +
        'A prefix that is not an AWS service is left to unknown-service. ' +
        'A wildcard inside a service name is reported in every statement and policy kind (IAM Access Analyzer "Wildcard in service name"): IAM rejects an action whose service prefix contains `*` or `?` (`s*:GetObject`, `*:Describe*`; MalformedPolicyDocument "Action vendors … must not contain wildcards"), and a resource ARN such as `arn:aws:*code*:…` matches the resources of every service whose name fits, today and in future (CodeBuild, CodeCommit, CodeDeploy, CodePipeline, …). An ARN whose service is just `*` (`arn:aws:*:*:111122223333:*`, any service) is left alone: it says what it means.',
      fix:
        'List the actions the workload calls (the access-level columns of the Service Authorization Reference help), or narrower patterns such as `s3:Get*`. Accept a service deliberately granted in full with the `allowServices` option. ' +
        'Write each service name in full: one entry per service (`s3:GetObject`, `s3express:CreateSession`) and one ARN per service.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowServices: stringListOption('Service prefixes whose `service:*` is accepted (case-insensitive), e.g. ["logs"].'),
      },
    },
    defaultOptions: { allowServices: [] },
    messages: {
      allActions: '"{{entry}}" in {{statement}} allows every action of every AWS service.',
      serviceWildcard: '"{{entry}}" in {{statement}} allows all {{count}} actions of {{serviceName}}, including ones the workload does not need; list the actions it calls.',
      wildcardInActionService:
        '"{{entry}}" in {{statement}} has a wildcard in its service prefix "{{prefix}}": IAM rejects the policy ("Action vendors … must not contain wildcards"), and the pattern would match {{matches}}. Name each service.',
      wildcardInArnService:
        '"{{entry}}" in {{statement}} has a wildcard in its service name "{{service}}", so it matches resources of {{matches}}, and of any service AWS adds later whose name fits. Name each service.',
    },
  },
  create(context) {
    const allowed = new Set(context.options.allowServices.map((s) => s.toLowerCase()));
    return {
      statement(stmt, doc) {
        let statement: string | undefined;
        const label = () => (statement ??= statementLabel(stmt));
        reportServiceNameWildcards(stmt, label, (finding) => context.report(finding));
        if (!isAllow(stmt) || !GRANTING_KINDS.has(doc.kind) || !stmt.action || stmt.action.negated) return;
        for (const entry of stmt.action.values) {
          const breadth = breadthOf(entry.value);
          if (breadth === null) continue;
          if (breadth === ALL) {
            context.report({ node: entry, messageId: 'allActions', data: { entry: entry.value, statement: label() } });
            continue;
          }
          if (allowed.has(breadth.service)) continue;
          context.report({
            node: entry,
            messageId: 'serviceWildcard',
            data: { entry: entry.value, statement: label(), count: breadth.count, serviceName: breadth.serviceName },
          });
        }
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Answers per distinct entry, remembered: policies repeat the same entries by the thousand. Each
// cache starts over when full, so a long-running process does not grow without bound.
// ---------------------------------------------------------------------------------------------

const ALL = 'all';
/** A `service:*` entry of a known service: its prefix (lower case), action count and name for the message. */
interface ServiceBreadth {
  readonly service: string;
  readonly count: number;
  readonly serviceName: string;
}

const breadths = new Map<string, typeof ALL | ServiceBreadth | null>();

/** `all` for an entry matching every action, the service for a known `service:*`, else null. */
function breadthOf(value: string): typeof ALL | ServiceBreadth | null {
  // Both end in `*`: most entries are answered without a lookup.
  if (value.charCodeAt(value.length - 1) !== STAR) return null;
  return remembered(breadths, value, computeBreadth);
}

const STAR = 42; // `*`
const QUESTION = 63; // `?`

/** Does `value` hold a `*` or `?` between `from` and `to`? */
function wildcardBetween(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c === STAR || c === QUESTION) return true;
  }
  return false;
}

function computeBreadth(value: string): typeof ALL | ServiceBreadth | null {
  const colon = value.indexOf(':');
  const servicePart = colon < 0 ? value : value.slice(0, colon);
  const actionPart = colon < 0 ? '' : value.slice(colon + 1);
  if (ONLY_STARS.test(servicePart) && (colon < 0 || ONLY_STARS.test(actionPart))) return ALL;
  if (colon < 0 || !ONLY_STARS.test(actionPart)) return null;
  const service = servicePart.toLowerCase();
  if (!serviceExists(service)) return null;
  const name = serviceName(service);
  return { service, count: expandActionPattern(`${service}:*`).length, serviceName: name ? `${name} (${service})` : service };
}

/** A wildcard in a service field: the field as written and the services it matches, for the message. */
interface ServiceFieldWildcard {
  readonly field: string;
  readonly matches: string;
}

const actionServiceWildcards = new Map<string, ServiceFieldWildcard | null>();
const arnServiceWildcards = new Map<string, ServiceFieldWildcard | null>();

function actionServiceWildcard(value: string): ServiceFieldWildcard | null {
  const colon = value.indexOf(':');
  if (colon < 0) return null;
  const prefix = value.slice(0, colon);
  if (!hasWildcard(prefix) || (ONLY_STARS.test(prefix) && ONLY_STARS.test(value.slice(colon + 1)))) return null;
  return { field: prefix, matches: describeMatches(prefix) };
}

/**
 * False when the ARN's service field surely holds no wildcard: no `*` or `?` between the second
 * and third colon, with no `${` to move the field boundaries (parseArn keeps `${…}` whole).
 */
function mayHaveServiceWildcard(value: string): boolean {
  if (!value.startsWith('arn:')) return false;
  if (value.includes('${')) return true;
  const first = value.indexOf(':', 4);
  if (first < 0) return false;
  const second = value.indexOf(':', first + 1);
  return second >= 0 && wildcardBetween(value, first + 1, second);
}

function arnServiceWildcard(value: string): ServiceFieldWildcard | null {
  const service = parseArn(value)?.service;
  if (service === undefined || !hasWildcard(service) || ONLY_STARS.test(service)) return null;
  return { field: service, matches: describeMatches(service) };
}

/**
 * Action and NotAction entries whose service prefix holds `*` or `?` (except the `*:*` spelling
 * of every action, which allActions judges), and Resource/NotResource ARNs whose service field
 * holds a wildcard without being just `*`.
 */
function reportServiceNameWildcards(stmt: Statement, statement: () => string, report: (finding: ReportDescriptor<MessageIds>) => void): void {
  for (const entry of stmt.action?.values ?? []) {
    // Most prefixes hold no wildcard: answered without a lookup.
    const colon = entry.value.indexOf(':');
    if (colon < 0 || !wildcardBetween(entry.value, 0, colon)) continue;
    const found = remembered(actionServiceWildcards, entry.value, actionServiceWildcard);
    if (found === null) continue;
    report({ node: entry, messageId: 'wildcardInActionService', data: { entry: entry.value, statement: statement(), prefix: found.field, matches: found.matches } });
  }
  for (const entry of stmt.resource?.values ?? []) {
    if (!mayHaveServiceWildcard(entry.value)) continue;
    const found = remembered(arnServiceWildcards, entry.value, arnServiceWildcard);
    if (found === null) continue;
    report({ node: entry, messageId: 'wildcardInArnService', data: { entry: entry.value, statement: statement(), service: found.field, matches: found.matches } });
  }
}

/** `3 services (ec2, ecr, ecs)`, `61 services (s3, s3-object-lambda, …)`, `every service (456)`, `no known service`. */
function describeMatches(pattern: string): string {
  const lower = pattern.toLowerCase();
  const hits = allServicePrefixes().filter((p) => wildcardMatch(lower, p));
  if (hits.length === 0) return 'no known service';
  if (hits.length === allServicePrefixes().length) return `every service (${hits.length})`;
  if (hits.length === 1) return `1 service (${hits[0]})`;
  const shown = hits.slice(0, 5).join(', ');
  return `${hits.length} services (${shown}${hits.length > 5 ? ', …' : ''})`;
}
