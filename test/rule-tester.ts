/**
 * RuleTester: table-driven rule tests as STYLE.md describes. Only the rule under test runs;
 * valid cases must produce nothing; invalid cases exactly the listed findings, in source order.
 */
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../src/engine/config.js';
import { lint, type Finding, type SourceFile } from '../src/engine/linter.js';
import type { PolicyKind } from '../src/engine/model.js';
import type { PolicySetConfig } from '../src/engine/config.js';
import type { AnyRule, Rule } from '../src/engine/rule.js';

export interface TestCase<Options> {
  readonly name: string;
  /** The policy text (file `policy.json`), or several files for policy-set cases. */
  readonly code?: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly options?: Partial<Options>;
  readonly kind?: PolicyKind;
  readonly policySets?: readonly PolicySetConfig[];
  readonly variables?: Readonly<Record<string, string>>;
  readonly knownAccounts?: readonly string[];
  /** Simulates a file that cannot be read (the text is ignored). */
  readonly readError?: string;
  /** Reference versions (no-new-access) by file name, labelled `main`; null: the file is new. */
  readonly reference?: Readonly<Record<string, string | null>>;
}

export interface ExpectedError<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly file?: string;
  readonly path?: readonly (string | number)[];
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message?: string | RegExp;
  readonly related?: readonly { file?: string; line: number; column?: number; message?: string | RegExp }[];
}

export interface InvalidCase<Options, MessageIds extends string> extends TestCase<Options> {
  readonly errors: readonly ExpectedError<MessageIds>[];
}

/** A policy document text with the given statements, pretty-printed with 2-space indentation. */
export function policy(...statements: readonly object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

export function runRule<Options extends object, MessageIds extends string>(rule: Rule<Options, MessageIds>, testCase: TestCase<Options>): Finding[] {
  const files: SourceFile[] = testCase.files
    ? Object.entries(testCase.files).map(([filePath, text]) => ({ filePath, text }))
    : [{ filePath: 'policy.json', text: testCase.code ?? '', ...(testCase.readError ? { readError: testCase.readError } : {}) }];
  const overrides = testCase.kind ? [{ files: ['**'], kind: testCase.kind }] : undefined;
  const config = configFromObject(
    {
      rules: { [rule.meta.id]: ['error', testCase.options ?? {}] },
      ...(overrides ? { overrides } : {}),
      ...(testCase.policySets ? { policySets: testCase.policySets } : {}),
      ...(testCase.variables ? { variables: testCase.variables } : {}),
      ...(testCase.knownAccounts ? { knownAccounts: testCase.knownAccounts } : {}),
    },
    [rule as AnyRule],
  );
  const refs = testCase.reference;
  const reference = refs ? (p: string) => (p in refs ? (refs[p] === null ? { label: 'main', missing: true as const } : { label: 'main', text: refs[p]! }) : undefined) : undefined;
  const result = lint({ sources: files, config, rules: [rule as AnyRule], freeze: true, reference });
  return result.files.flatMap((f) => f.findings);
}

export class RuleTester {
  run<Options extends object, MessageIds extends string>(
    rule: Rule<Options, MessageIds>,
    tests: { valid: readonly TestCase<Options>[]; invalid: readonly InvalidCase<Options, MessageIds>[] },
  ): void {
    const names = [...tests.valid, ...tests.invalid].map((t) => t.name);
    describe(rule.meta.id, () => {
      it('has unique case names', () => {
        expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
      });
      it('hits every message id in some invalid case', () => {
        const hit = new Set(tests.invalid.flatMap((t) => t.errors.map((e) => e.messageId)));
        expect(Object.keys(rule.meta.messages).filter((m) => !hit.has(m as MessageIds))).toEqual([]);
      });
      for (const t of tests.valid) {
        it(`valid: ${t.name}`, () => {
          const found = runRule(rule, t).filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'internal-error');
          expect(found.map(summarize)).toEqual([]);
        });
      }
      for (const t of tests.invalid) {
        it(`invalid: ${t.name}`, () => {
          const found = runRule(rule, t).filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'internal-error');
          expect(found.map(summarize), 'number of findings').toHaveLength(t.errors.length);
          t.errors.forEach((want, i) => {
            const got = found[i];
            expect(got.ruleId).toBe(rule.meta.id);
            expect(got.messageId, `finding ${i} messageId`).toBe(want.messageId);
            expect(got.message, 'message placeholders filled').not.toMatch(/\{\{/);
            if (want.file !== undefined) expect(got.filePath).toBe(want.file);
            if (want.path !== undefined) expect(got.path, `finding ${i} path`).toEqual(want.path);
            if (want.line !== undefined) expect(got.line, `finding ${i} line`).toBe(want.line);
            if (want.column !== undefined) expect(got.column, `finding ${i} column`).toBe(want.column);
            if (want.endLine !== undefined) expect(got.endLine, `finding ${i} endLine`).toBe(want.endLine);
            if (want.endColumn !== undefined) expect(got.endColumn, `finding ${i} endColumn`).toBe(want.endColumn);
            if (typeof want.message === 'string') expect(got.message).toBe(want.message);
            else if (want.message) expect(got.message).toMatch(want.message);
            if (want.related) {
              expect(got.related).toHaveLength(want.related.length);
              want.related.forEach((r, j) => {
                const g = got.related[j];
                if (r.file !== undefined) expect(g.filePath).toBe(r.file);
                expect(g.line).toBe(r.line);
                if (r.column !== undefined) expect(g.column).toBe(r.column);
                if (typeof r.message === 'string') expect(g.message).toBe(r.message);
                else if (r.message) expect(g.message).toMatch(r.message);
              });
            }
          });
        });
      }
    });
  }
}

function summarize(f: Finding): string {
  return `${f.filePath}:${f.line}:${f.column} ${f.ruleId}/${f.messageId} ${JSON.stringify(f.path)} ${f.message}`;
}

export const ruleTester = new RuleTester();
