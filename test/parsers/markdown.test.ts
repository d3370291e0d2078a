import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../src/parsers/index.js';
import { extractMarkdown, markdownFences } from '../../src/parsers/markdown.js';
import type { ArrayNode, ObjectNode, SourceNode } from '../../src/parsers/tree.js';

const POLICY = ['{', '  "Version": "2012-10-17",', '  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }]', '}'];
const md = (...lines: string[]) => lines.join('\n');
const extract = (text: string) => extractMarkdown('doc.md', text, {});
/** Start of the node at `path` (object keys and array indexes) as line:column. */
function at(root: SourceNode, ...path: (string | number)[]): string {
  let node = root;
  for (const p of path) node = typeof p === 'number' ? (node as ArrayNode).items[p] : (node as ObjectNode).entries.find((e) => e.key === p)!.value;
  return `${node.range.start.line}:${node.range.start.column}`;
}

describe('Markdown fences', () => {
  it('finds a ```json policy at its lines in the Markdown file, named after the nearest heading', () => {
    const r = extract(md('# Guide', '', '## Notebook role', '', '```json', ...POLICY, '```', 'after'));
    expect(r.looksLikePolicy).toBe(true);
    expect(r.unparsed).toEqual([]);
    expect(r.policies.map((p) => p.name)).toEqual(['## Notebook role › fence at line 5']);
    expect(at(r.policies[0].root)).toBe('6:1');
    expect(at(r.policies[0].root, 'Statement', 0, 'Action')).toBe('8:48');
    expect(r.policies[0].root.range.start.offset).toBe(md('# Guide', '', '## Notebook role', '', '```json', '').length);
  });

  it('reads ~~~ fences, longer fences holding ``` lines, info strings with attributes, and upper-case JSON', () => {
    const text = md('~~~JSON', ...POLICY, '~~~', '', '````json title="policy.json"', '{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Sid": "```"}', '```', '````');
    const fences = markdownFences(text);
    expect(fences.map((f) => [f.line, f.language])).toEqual([
      [1, 'json'],
      [8, 'json'],
    ]);
    const r = extract(text);
    expect(r.policies.map((p) => p.name)).toEqual(['fence at line 1']);
    expect(r.unparsed.map((u) => [u.at.range.start.line, u.at.range.start.column, u.message])).toEqual([[10, 1, "Unexpected '`' after the end of the JSON value (fence at line 8)"]]);
  });

  it('strips list and block quote indentation and keeps the columns of the file', () => {
    const indented = POLICY.map((l) => `   ${l}`);
    const quoted = POLICY.map((l) => `> ${l}`);
    const r = extract(md('1. Attach it:', '', '   ```json', ...indented, '   ```', '', '> Trust:', '>', '> ```json', ...quoted, '> ```', '', '- > ```json', ...POLICY.map((l) => `  > ${l}`), '  > ```'));
    expect(r.unparsed).toEqual([]);
    expect(r.policies.map((p) => at(p.root, 'Statement', 0, 'Action'))).toEqual(['6:51', '15:50', '22:52']);
    expect(r.policies.map((p) => at(p.root))).toEqual(['4:4', '13:3', '20:5']);
  });

  it('maps block quote lines that lack the space after ">"', () => {
    const r = extract(md('> ```json', '> {', '>"Version": "2012-10-17",', '>   "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}', '> }', '> ```'));
    expect(r.unparsed).toEqual([]);
    expect(at(r.policies[0].root)).toBe('2:3');
    expect(at(r.policies[0].root, 'Version')).toBe('3:13');
    expect(at(r.policies[0].root, 'Statement', 'Action')).toBe('4:48');
  });

  it('ends a fence with its block quote, and runs an unclosed fence to the end of the file', () => {
    expect(markdownFences(md('> ```json', '> {"Effect": "Allow"}', 'next paragraph', '```json', '{"Effect": "Deny"}')).map((f) => [f.line, f.content])).toEqual([
      [1, '{"Effect": "Allow"}'],
      [4, '{"Effect": "Deny"}'],
    ]);
  });

  it('lints an unlabelled fence holding a statement, and skips shell, YAML, jsonc and non-policy JSON fences', () => {
    const text = md(
      '```',
      '{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }',
      '```',
      '```',
      'aws iam put-role-policy --policy-document \'{"Effect": "Allow"}\'',
      '```',
      '```yaml',
      'Effect: Allow',
      '```',
      '```jsonc',
      '// "Effect": "Allow"',
      '```',
      '```json',
      '{ "name": "x", "dependencies": {} }',
      '```',
    );
    const r = extract(text);
    expect(r.policies.map((p) => p.name)).toEqual(['fence at line 1']);
    expect(r.unparsed).toEqual([]);
    expect(extract(md('# Readme', '```json', '{ "name": "x" }', '```', 'The Effect of "Statement" in prose.')).looksLikePolicy).toBe(false);
  });

  it('reports a fence with an ellipsis placeholder at the error and still reads the other fences', () => {
    const text = md('Setup', '=====', '', '```json', '{', '  "Statement": [', '    ...', '  ]', '}', '```', '', 'Step two', '--------', '```json', ...POLICY, '```');
    const r = extract(text);
    expect(r.looksLikePolicy).toBe(true);
    expect(r.unparsed.map((u) => [u.reason, u.at.range.start.line, u.at.range.start.column, u.message])).toEqual([
      ['syntax', 7, 5, "Unexpected '.': expected a value (# Setup › fence at line 4)"],
    ]);
    expect(r.policies.map((p) => p.name)).toEqual(['## Step two › fence at line 14']);
  });

  it('ignores front matter and reads CRLF files', () => {
    const r = extract(['---', 'title: x', '---', '```json', ...POLICY, '```'].join('\r\n'));
    expect(r.policies.map((p) => p.name)).toEqual(['fence at line 4']);
    expect(at(r.policies[0].root, 'Statement', 0, 'Action')).toBe('7:48');
  });

  it('is chosen for .md and .mdx files and turns fragments into one-statement documents', () => {
    const text = md('```json', '[{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]', '```');
    for (const name of ['doc.md', 'doc.MDX']) {
      const x = extractDocuments(name, text);
      expect(x.format).toBe('markdown');
      expect(x.documents.map((d) => [d.name, d.fragment, d.statements.length])).toEqual([['fence at line 1', 'statement-list', 1]]);
    }
    expect(extractDocuments('doc.txt', text, { format: 'markdown' }).documents).toHaveLength(1);
  });
});
