/** npm run docs: regenerate rule docs, the README rules table and the config schema from rule meta. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../src/rules/index.js';
import { renderConfigSchema, renderReadme, renderRuleDoc, ROOT } from './docs.js';

mkdirSync(join(ROOT, 'docs', 'rules'), { recursive: true });
mkdirSync(join(ROOT, 'schema'), { recursive: true });
for (const rule of builtinRules) writeFileSync(join(ROOT, 'docs', 'rules', `${rule.meta.id}.md`), renderRuleDoc(rule));
const readmePath = join(ROOT, 'README.md');
writeFileSync(readmePath, renderReadme(readFileSync(readmePath, 'utf8'), builtinRules));
writeFileSync(join(ROOT, 'schema', 'iamlintrc.schema.json'), renderConfigSchema(builtinRules));
console.log(`Generated docs for ${builtinRules.length} rules, the README rules table and schema/iamlintrc.schema.json.`);
