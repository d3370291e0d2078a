/**
 * The public API (src/index.ts, `import … from 'iamlint'`): a typed plugin rule written against it
 * compiles (npm run typecheck covers this file) and runs through lint() like a built-in rule.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { builtinRules, configFromObject, defineRule, lint, statementLabel, type AnyRule } from '../src/index.js';

const maxStatements = defineRule<{ max: number }, 'tooMany'>({
  meta: {
    id: 'acme/max-statements',
    docs: { description: 'Policies have at most N statements', why: 'Long policies hide grants in review.', fix: 'Split the policy.', recommended: true, url: 'https://example.com/max' },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: { max: { type: 'integer', minimum: 1 } } },
    defaultOptions: { max: 20 },
    messages: { tooMany: 'The policy has {{count}} statements; {{first}} is over the limit of {{max}}.' },
  },
  create(context) {
    return {
      document(doc) {
        const over = doc.statements[context.options.max];
        if (!over) return;
        context.report({ node: over.effect ?? { value: null, path: over.path, range: over.range }, messageId: 'tooMany', data: { count: doc.statements.length, first: statementLabel(over), max: context.options.max } });
        // @ts-expect-error a message id the rule does not define does not compile
        if (doc.statements.length > 99) context.report({ node: over.sid!, messageId: 'tooMnay' });
      },
    };
  },
});

describe('public API', () => {
  it('exports what docs/plugins.md documents', () => {
    for (const name of ['defineRule', 'stringListOption', 'formatMessage', 'lint', 'loadConfig', 'loadConfigAsync', 'configFromObject', 'ConfigError', 'builtinRules', 'isAllow', 'isDeny', 'actionEntryFor', 'coversAction', 'coversAllResources', 'coversResource', 'conditionsOn', 'hasConditionOn', 'statementLabel', 'wildcardMatch', 'wildcardCovers', 'wildcardIntersects', 'hasWildcard', 'lookupAction', 'getAction', 'expandActionPattern', 'serviceActions', 'serviceExists', 'allServicePrefixes', 'supportsResourceArns', 'getConditionKey', 'globalConditionKeys', 'parseArn', 'iamDataVersion', 'POLICY_KINDS']) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it('runs a typed plugin rule through lint() with its options validated by the config', () => {
    const rules: readonly AnyRule[] = [...builtinRules, maxStatements];
    const config = configFromObject({ rules: { 'acme/max-statements': ['error', { max: 1 }] } }, rules);
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-b/*' }, { Sid: 'Two', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-b' }] }, null, 2);
    const result = lint({ config, rules, cwd: '/repo', sources: [{ filePath: 'p.json', text }] });
    const found = result.files[0].findings.filter((f) => f.ruleId === 'acme/max-statements');
    expect(found.map((f) => [f.messageId, f.severity, f.line, f.column, f.message])).toEqual([['tooMany', 'error', 11, 17, 'The policy has 2 statements; statement "Two" is over the limit of 1.']]);
    expect(() => configFromObject({ rules: { 'acme/max-statements': ['error', { max: 0 }] } }, rules)).toThrow('rules.acme/max-statements.1.max: must be >= 1');
  });
});

describe('formatMessage', () => {
  it('fills {{name}} from the data object only, leaving unknown placeholders as written', async () => {
    const { formatMessage } = await import('../src/index.js');
    expect(formatMessage('{{a}} and {{ b }} of {{constructor}} {{missing}}', { a: 'x', b: 2 })).toBe('x and 2 of {{constructor}} {{missing}}');
  });
});
