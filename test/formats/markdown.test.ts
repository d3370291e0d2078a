/** Markdown end to end: every rule on policies in documentation fences, at the lines of the page. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../src/engine/config.js';
import { lint, type LintResult } from '../../src/engine/linter.js';
import { builtinRules } from '../../src/rules/index.js';
import { ROOT } from '../fixture-helpers.js';

const ALL = configFromObject({ extends: ['iamlint:all'] }, builtinRules);

function lintText(filePath: string, text: string): LintResult {
  return lint({ sources: [{ filePath, text }], config: ALL, rules: builtinRules, cwd: ROOT });
}
const located = (r: LintResult) => r.files.flatMap((f) => f.findings.map((m) => `${f.filePath}:${m.line}:${m.column} ${m.ruleId}`));

describe('Markdown documentation with several policies', () => {
  const file = 'fixtures/formats/markdown/notebook-permissions.md';
  const result = lintText(file, readFileSync(join(ROOT, file), 'utf8'));

  it('pins every finding to the line and column of the page, the truncated fence included', () => {
    expect(located(result)).toEqual([
      `${file}:23:18 unscoped-write`,
      `${file}:23:42 unscoped-write`,
      `${file}:33:1 policy-structure`,
      `${file}:35:13 passrole-without-passed-to-service`,
      `${file}:35:13 unscoped-write`,
      `${file}:36:15 passrole-resource-star`,
      `${file}:52:20 kms-create-grant-unconstrained`,
      `${file}:52:20 resource-exposure`,
      `${file}:52:20 service-wildcard-action`,
      `${file}:52:20 unscoped-write`,
      `${file}:80:24 json-syntax`,
      `${file}:93:35 trust-confused-deputy`,
    ]);
    // ```json policy, unlabelled statement, indented fence in a list, block-quoted trust policy; the package.json fence is skipped.
    expect(result.files[0].documentCount).toBe(4);
  });

  it('names the fence and its heading in messages', () => {
    const messages = result.files[0].findings.map((f) => f.message);
    expect(messages[2]).toBe('This is a single statement, not a policy: it lacks the Version and Statement elements around it. [## Notebook role › fence at line 32]');
    expect(messages[10]).toBe("Not valid JSON: Expected a property name after ',' but found end of input (## Bucket policy › fence at line 72).");
    expect(messages[6]).toMatch(/ \[## Setup steps › fence at line 45\]$/);
  });
});

describe('statement fragments in documentation', () => {
  it('get statement-level findings, while Version, size and Sid-uniqueness checks stay quiet', () => {
    const statement = (sid: string, action: string) => `  {"Sid": "${sid}", "Effect": "Allow", "Action": "${action}", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "${'x'.repeat(3000)}"}}}`;
    const text = ['## Statements', '', '```json', '[', `${statement('Read', 's3:GetObject')},`, `${statement('Read', 's3:*')}`, ']', '```', ''].join('\n');
    const r = lintText('docs/statements.md', text);
    const ids = r.files[0].findings.map((f) => f.ruleId);
    expect(ids).not.toContain('policy-version');
    expect(ids).not.toContain('policy-size');
    expect(ids).not.toContain('duplicate-sid');
    // Statement-level and cross-statement rules still run: s3:* makes the first statement redundant.
    expect(located(r)).toEqual(['docs/statements.md:4:1 policy-structure', 'docs/statements.md:5:3 duplicate-statement', 'docs/statements.md:6:48 service-wildcard-action']);
    // The same statements as a whole policy: all three document-level rules speak.
    const policy = `{"Statement": [\n${statement('Read', 's3:GetObject')},\n${statement('Read', 's3:*')}\n]}`;
    const whole = lintText('p.json', policy).files[0].findings.map((f) => f.ruleId);
    for (const id of ['policy-version', 'policy-size', 'duplicate-sid']) expect(whole).toContain(id);
  });
});

describe('a fence inside a list item, with blank lines (found by npm run fuzz)', () => {
  it('reports a truncated policy at the end of the fence, inside the file: blank lines keep no indentation', () => {
    const text = '1. ```json\n   [{"Sid":false,"Effect":"Allow","Resource"\n\n';
    const result = lint({ sources: [{ filePath: 'd.md', text }], config: configFromObject({ extends: ['iamlint:all'] }, builtinRules), rules: builtinRules });
    const findings = result.files[0]!.findings.map((f) => [f.ruleId, f.messageId, f.line, f.column, f.endLine, f.endColumn]);
    expect(findings).toEqual([['json-syntax', 'parseError', 4, 1, 4, 1]]);
  });
});
