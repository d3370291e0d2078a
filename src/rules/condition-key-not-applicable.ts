import type { Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { actionPatternSupportsKey, conditionKeyHasDocumentedActions, conditionKeyHasPlaceholder, isScopedTagKey, lookupConditionKey } from '../iam/condition-keys.js';
import { expandActionPattern } from '../iam/service-data.js';
import { statementLabel } from '../iam/statement.js';
import { wildcardMatch } from '../iam/wildcard.js';

const MAX_LISTED_ACTIONS = 3;

/** The statement's Action entries as written: `s3:GetObject, s3:PutObject and 2 more`. */
function listActions(stmt: Statement): string {
  const values = stmt.action?.values.map((v) => v.value) ?? [];
  if (values.length <= MAX_LISTED_ACTIONS) return values.join(', ');
  return `${values.slice(0, MAX_LISTED_ACTIONS).join(', ')} and ${values.length - MAX_LISTED_ACTIONS} more`;
}

/** Does the Action entry match an action the AWS data knows? (`*` does, without loading every service.) */
function matchesSomeAction(pattern: string): boolean {
  return /^\*+$/.test(pattern) || expandActionPattern(pattern).length > 0;
}

export default defineRule<{ ignoreKeys: string[] }, 'notApplicable' | 'tagKeyNotApplicable'>({
  meta: {
    id: 'condition-key-not-applicable',
    docs: {
      description: 'Report condition keys that none of the statement\'s actions puts in the request context',
      why: 'A service sets its condition keys only for the actions the Service Authorization Reference lists them for (per action, or per resource type the action works on). For every other action the key is absent, so a positive operator (StringEquals, ArnLike, …) is always false and a negated or ...IfExists operator always true: an Allow grants nothing (or everything) and a Deny never applies (or always does). A key of one service on another service\'s actions (s3:prefix on ec2:*) is the typical mistake. Global keys (aws:SourceIp, aws:PrincipalOrgID, aws:SourceArn, …) are in every request and are never reported, except the tag keys aws:RequestTag/…, aws:TagKeys and aws:ResourceTag/…: only actions that list them (tag-on-create actions, resource types that support tag-based authorization) set them, and IAM Access Analyzer reports tag keys a service does not support. Statements with NotAction, statements naming an action the AWS data does not know, and keys the data documents for no action at all are skipped; unknown keys are unknown-condition-key\'s finding. Every policy kind is judged.',
      fix: 'Move the condition to a statement whose actions support the key, use a key the actions do support (see the "Condition keys" column of the service\'s actions table), or drop the condition. For tag keys on services without tag-based authorization, scope the statement by resource ARN instead.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'warning',
    tags: ['correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Condition keys never to report; `*` and `?` wildcards, case-insensitive (for example `aws:ResourceTag/*`).',
        },
      },
    },
    defaultOptions: { ignoreKeys: [] },
    messages: {
      notApplicable: 'Condition key "{{key}}" in {{statement}} is not documented for any of its actions ({{actions}}): it is never in their request context.',
      tagKeyNotApplicable:
        'Tag condition key "{{key}}" in {{statement}} is not supported by any of its actions ({{actions}}): it is never in their request context, so the tag test cannot work for them.',
    },
  },
  create(context) {
    const ignored = context.options.ignoreKeys.map((p) => p.toLowerCase());
    const isIgnored = (key: string) => ignored.some((p) => wildcardMatch(p, key.toLowerCase()));
    return {
      statement(stmt) {
        const element = stmt.action;
        if (!element || element.negated || element.values.length === 0 || stmt.conditions.length === 0) return;
        const patterns = element.values.map((v) => v.value);
        let allKnown: boolean | undefined;
        for (const c of stmt.conditions) {
          const key = c.key.value;
          if (isIgnored(key) || conditionKeyHasPlaceholder(key)) continue;
          const info = lookupConditionKey(key);
          if (!info) continue;
          const tagKey = isScopedTagKey(key);
          if (info.service === 'aws' && !tagKey) continue;
          // A key the AWS data ties to no action at all (a4b:amazonId, iottwinmaker:linkedServices): the
          // data is silent on where it applies, so there is nothing to judge against.
          if (!conditionKeyHasDocumentedActions(key, info)) continue;
          allKnown ??= patterns.every(matchesSomeAction);
          if (!allKnown) return;
          if (patterns.some((p) => actionPatternSupportsKey(p, key, info))) continue;
          context.report({
            node: c.key,
            messageId: tagKey ? 'tagKeyNotApplicable' : 'notApplicable',
            data: { key, statement: statementLabel(stmt), actions: listActions(stmt) },
          });
        }
      },
    };
  },
});
