/** Generated files must match rule meta: run `npm run docs` after changing a rule. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
import { renderConfigSchema, renderReadme, renderRuleDoc, ROOT } from '../scripts/docs.js';

const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const STALE = 'stale: run `npm run docs`';

describe('generated files are fresh', () => {
  for (const rule of builtinRules) {
    it(`docs/rules/${rule.meta.id}.md`, () => {
      expect(read(`docs/rules/${rule.meta.id}.md`), STALE).toBe(renderRuleDoc(rule));
    });
  }
  it('README rules table', () => {
    const readme = read('README.md');
    expect(readme, STALE).toBe(renderReadme(readme, builtinRules));
  });
  it('schema/iamlintrc.schema.json', () => {
    expect(read('schema/iamlintrc.schema.json'), STALE).toBe(renderConfigSchema(builtinRules));
  });
});
