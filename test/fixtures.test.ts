/** Every rule's fixtures: valid ones give no finding of the rule, invalid ones at least one (output snapshotted). */
import { describe, expect, it } from 'vitest';
import { getFormatter } from '../src/formatters/index.js';
import { builtinRules } from '../src/rules/index.js';
import { lintFixture, listFixtures, ROOT } from './fixture-helpers.js';

for (const rule of builtinRules) {
  describe(`fixtures/${rule.meta.id}`, () => {
    for (const fixture of listFixtures(rule.meta.id, 'valid')) {
      it(`valid/${fixture.name}`, () => {
        const findings = lintFixture(rule, fixture).files.flatMap((f) => f.findings);
        expect(findings.filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'internal-error').map((f) => `${f.filePath}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const fixture of listFixtures(rule.meta.id, 'invalid')) {
      it(`invalid/${fixture.name}`, async () => {
        const result = lintFixture(rule, fixture);
        const findings = result.files.flatMap((f) => f.findings);
        expect(findings.some((f) => f.ruleId === rule.meta.id)).toBe(true);
        expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
        const text = getFormatter('text')(result, { cwd: ROOT, rules: [rule], color: false, toolVersion: '0' });
        await expect(text).toMatchFileSnapshot(`${ROOT}/${fixture.path}${fixture.isDirectory ? '/expected' : ''}.snap`);
      });
    }
  });
}
