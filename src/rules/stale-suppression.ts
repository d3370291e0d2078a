/**
 * Suppressions that no longer do their job. The engine produces these findings
 * (src/engine/suppressions.ts): whether a suppression is used is known only after every rule has
 * run, and config entries live outside any policy document. This rule object carries the meta
 * (docs, messages, severity) so the findings are documented, configurable and described in SARIF.
 */
import { defineRule } from '../engine/rule.js';

export default defineRule<Record<string, never>, 'expired' | 'unused' | 'invalid'>({
  meta: {
    id: 'stale-suppression',
    docs: {
      description: 'Report suppressions (config "ignore" entries, CloudFormation Metadata) that expired, match no finding, or are malformed',
      why: 'A suppression hides a finding on purpose, for a stated reason, until a stated date. Past that date the exception was meant to be reviewed: it stops hiding the findings it covered and is reported itself. A suppression that matches nothing (the policy was fixed, the file moved, a Sid changed) is dead weight that would silently hide the same mistake if it came back. A malformed Metadata entry (no rule, no reason, a bad date) suppresses nothing.',
      fix: 'For an expired suppression, fix the findings it covered or renew it with a new "expires" date and reason. Remove a suppression that matches nothing. Give a Metadata entry a "rule", a "reason" and, if any, an "expires" date as YYYY-MM-DD.',
      recommended: true,
      references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-metadata.html'],
    },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      expired: 'Suppression {{what}} expired on {{expires}} and no longer applies (reason given: {{reason}}). Fix what it covered or renew it.',
      unused: 'Suppression {{what}} matches no finding (reason given: {{reason}}): remove it.',
      invalid: 'Suppression {{what}} in Metadata iamlint.ignore is ignored: {{problem}}.',
    },
  },
  create() {
    return {};
  },
});
