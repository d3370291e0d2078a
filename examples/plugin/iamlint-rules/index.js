// An iamlint rule plugin: two organisation rules written with the same defineRule as iamlint's
// built-in rules (docs/plugins.md walks through it). Load it from a config:
//   { "plugins": ["./iamlint-rules/index.js"] }
import { defineRule, parseArn, statementLabel, stringListOption } from 'iamlint';

/** Every statement carries a Sid in the organisation's style: reviews and suppressions name statements by Sid. */
const requireSid = defineRule({
  meta: {
    id: 'acme/require-sid',
    docs: {
      description: 'Every statement has a Sid in PascalCase',
      why: 'Reviews, suppressions (`ignore` by `sid`) and CloudTrail investigations name statements by Sid; a statement without one is "Statement 3" until someone inserts another.',
      fix: 'Add a Sid such as "ReadReports" to the statement.',
      recommended: true,
      url: 'https://github.com/iamlint/iamlint/blob/main/docs/plugins.md',
    },
    defaultSeverity: 'warning',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { pattern: { type: 'string', description: 'Regular expression a Sid must match.' } },
    },
    defaultOptions: { pattern: '^[A-Z][A-Za-z0-9]*$' },
    messages: {
      missing: '{{statement}} has no Sid.',
      style: 'Sid "{{sid}}" does not match {{pattern}}.',
    },
  },
  create(context) {
    const pattern = new RegExp(context.options.pattern);
    return {
      statement(stmt) {
        if (!stmt.sid) context.report({ node: { value: null, path: stmt.path, range: stmt.range }, messageId: 'missing', data: { statement: statementLabel(stmt, true) } });
        else if (!pattern.test(stmt.sid.value)) context.report({ node: stmt.sid, messageId: 'style', data: { sid: stmt.sid.value, pattern: context.options.pattern } });
      },
    };
  },
});

/** S3 resources name only the organisation's buckets. */
const bucketPrefix = defineRule({
  meta: {
    id: 'acme/bucket-prefix',
    docs: {
      description: 'S3 resources name buckets with an allowed prefix',
      why: 'Bucket names are global: a policy naming `reports` instead of `acme-reports` grants access to somebody else\'s bucket.',
      fix: 'Use the organisation\'s bucket name, e.g. "arn:aws:s3:::acme-reports/*".',
      recommended: true,
      url: 'https://github.com/iamlint/iamlint/blob/main/docs/plugins.md',
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: { prefixes: stringListOption('Allowed bucket name prefixes.') } },
    defaultOptions: { prefixes: ['acme-'] },
    messages: { foreign: '{{statement}} names bucket "{{bucket}}", which does not start with {{prefixes}}.' },
  },
  create(context) {
    const { prefixes } = context.options;
    return {
      statement(stmt) {
        if (!stmt.resource || stmt.resource.negated) return;
        for (const entry of stmt.resource.values) {
          const arn = parseArn(entry.value);
          if (!arn || arn.service !== 's3' || arn.resource === '*') continue;
          const bucket = arn.resource.split('/')[0];
          if (bucket.includes('*') || prefixes.some((p) => bucket.startsWith(p))) continue;
          context.report({ node: entry, messageId: 'foreign', data: { statement: statementLabel(stmt, true), bucket, prefixes: prefixes.map((p) => `"${p}"`).join(' or ') } });
        }
      },
    };
  },
});

export const rules = [requireSid, bucketPrefix];
