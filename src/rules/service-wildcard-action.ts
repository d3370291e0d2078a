import type { PolicyKind, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { expandActionPattern, serviceExists, serviceName } from '../iam/service-data.js';
import { isAllow, statementLabel } from '../iam/statement.js';

type MessageIds = 'allActions' | 'serviceWildcard';

/** Boundaries, SCPs and RCPs only cap permissions: an `s3:*` there grants nothing. */
const GRANTING_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'resource', 'trust']);
const ONLY_STARS = /^\*+$/;

export default defineRule<{ allowServices: string[] }, MessageIds>({
  meta: {
    id: 'service-wildcard-action',
    docs: {
      description: 'Report Allow statements whose Action is `*` or a whole service (`service:*`)',
      why:
        '`service:*` grants every action of the service, including the permissions-management, tagging and destructive ones and every action AWS adds to the service later; `*` does that for every service. ' +
        'Such grants are far beyond what a workload needs and turn any compromise of the principal into control of the service. ' +
        'Deny statements with wildcards are fine (they only take away). Boundaries, SCPs and RCPs are not checked: they cap permissions rather than grant them. ' +
        'A prefix that is not an AWS service is left to unknown-service.',
      fix: 'List the actions the workload calls (the access-level columns of the Service Authorization Reference help), or narrower patterns such as `s3:Get*`. Accept a service deliberately granted in full with the `allowServices` option.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowServices: {
          type: 'array',
          items: { type: 'string' },
          description: 'Service prefixes whose `service:*` is accepted (case-insensitive), e.g. ["logs"].',
        },
      },
    },
    defaultOptions: { allowServices: [] },
    messages: {
      allActions: '"{{entry}}" in {{statement}} allows every action of every AWS service.',
      serviceWildcard: '"{{entry}}" in {{statement}} allows all {{count}} actions of {{serviceName}}, including ones the workload does not need; list the actions it calls.',
    },
  },
  create(context) {
    const allowed = new Set(context.options.allowServices.map((s) => s.toLowerCase()));
    return {
      statement(stmt, doc) {
        if (!isAllow(stmt) || !GRANTING_KINDS.has(doc.kind) || !stmt.action || stmt.action.negated) return;
        for (const entry of stmt.action.values) {
          const colon = entry.value.indexOf(':');
          const servicePart = colon < 0 ? entry.value : entry.value.slice(0, colon);
          const actionPart = colon < 0 ? '' : entry.value.slice(colon + 1);
          if (ONLY_STARS.test(servicePart) && (colon < 0 || ONLY_STARS.test(actionPart))) {
            context.report({ node: entry, messageId: 'allActions', data: { entry: entry.value, statement: statementLabel(stmt) } });
            continue;
          }
          if (colon < 0 || !ONLY_STARS.test(actionPart)) continue;
          const service = servicePart.toLowerCase();
          if (allowed.has(service) || !serviceExists(service)) continue;
          const name = serviceName(service);
          context.report({
            node: entry,
            messageId: 'serviceWildcard',
            data: {
              entry: entry.value,
              statement: statementLabel(stmt),
              count: expandActionPattern(`${service}:*`).length,
              serviceName: name ? `${name} (${service})` : service,
            },
          });
        }
      },
    };
  },
});
