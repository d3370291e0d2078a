import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/parsers/json.js';
import { toPlainValue, type ObjectNode, type SourceNode } from '../../src/parsers/tree.js';

function ok(text: string, options = {}): SourceNode {
  const r = parseJson(text, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.root;
}

function err(text: string, options = {}) {
  const r = parseJson(text, options);
  if (r.ok) throw new Error('expected a syntax error');
  return { message: r.error.message, line: r.error.position.line, column: r.error.position.column };
}

describe('parseJson', () => {
  it('parses values like JSON.parse', () => {
    const samples = ['{"a":[1,-2.5e3,true,false,null,"x\\ny\\u00e9"],"b":{}}', '[]', '"s"', '0', '{"k": {"k": {"k": []}}}'];
    for (const s of samples) expect(toPlainValue(ok(s))).toEqual(JSON.parse(s));
  });

  it('gives 1-based line/column ranges and JSON paths for values and keys', () => {
    const root = ok('{\n  "Statement": [\n    {"Action": "s3:GetObject"}\n  ]\n}') as ObjectNode;
    const stmt = root.entries[0];
    expect(stmt.keyRange.start).toEqual({ line: 2, column: 3, offset: 4 });
    expect(stmt.keyRange.end).toEqual({ line: 2, column: 14, offset: 15 });
    const arr = stmt.value;
    expect(arr.range.start).toMatchObject({ line: 2, column: 16 });
    expect(arr.range.end).toMatchObject({ line: 4, column: 4 });
    const action = ((arr as unknown as { items: ObjectNode[] }).items[0]).entries[0];
    expect(action.value.path).toEqual(['Statement', 0, 'Action']);
    expect(action.value.range.start).toMatchObject({ line: 3, column: 16 });
    expect(action.value.range.end).toMatchObject({ line: 3, column: 30 });
  });

  it('keeps duplicate keys in source order', () => {
    const root = ok('{"a": 1, "a": 2}') as ObjectNode;
    expect(root.entries.map((e) => e.key)).toEqual(['a', 'a']);
    expect(toPlainValue(root)).toEqual({ a: 2 });
  });

  it('does not pollute prototypes with __proto__ keys', () => {
    const value = toPlainValue(ok('{"__proto__": {"polluted": true}, "constructor": 1}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
  });

  it('skips a BOM without shifting columns of the first line', () => {
    const root = ok('\uFEFF{"a": 1}') as ObjectNode;
    expect(root.range.start).toEqual({ line: 1, column: 1, offset: 1 });
  });

  it('counts columns in UTF-16 code units', () => {
    const root = ok('{"é😀": "x", "b": 1}') as ObjectNode;
    expect(root.entries[1].keyRange.start.column).toBe(14);
  });

  it('maps positions into an embedding file (Markdown fences)', () => {
    const root = ok('{\n   "a": 1\n}', { startLine: 10, startColumn: 4, startOffset: 200, columnShift: 3 }) as ObjectNode;
    expect(root.range.start).toEqual({ line: 10, column: 4, offset: 200 });
    expect(root.entries[0].keyRange.start).toEqual({ line: 11, column: 7, offset: 205 });
  });

  it('reports syntax errors with their position', () => {
    expect(err('')).toEqual({ message: 'Empty document: expected a JSON value', line: 1, column: 1 });
    expect(err('{"a": 1,}')).toEqual({ message: "Expected a property name after ',' but found '}'", line: 1, column: 9 });
    expect(err('[1, 2,]')).toEqual({ message: "Unexpected ']': expected a value", line: 1, column: 7 });
    expect(err('{"a" 1}')).toEqual({ message: 'Expected \':\' after property name "a" but found \'1\'', line: 1, column: 6 });
    expect(err('{"a": tru}')).toEqual({ message: "Unexpected 't': expected a value", line: 1, column: 7 });
    expect(err('{"a": "x\\q"}')).toEqual({ message: "Invalid escape '\\q' in string", line: 1, column: 9 });
    expect(err('{"a": 01}')).toEqual({ message: "Expected ',' or '}' but found '1'", line: 1, column: 8 });
    expect(err('{"a": "\u0000"}')).toEqual({ message: 'Control character inside a string', line: 1, column: 8 });
    expect(err('{} x')).toEqual({ message: "Unexpected 'x' after the end of the JSON value", line: 1, column: 4 });
    expect(err('{"a": "unterminated')).toEqual({ message: 'Unterminated string', line: 1, column: 7 });
    expect(err('\0')).toEqual({ message: 'Unexpected a NUL character: expected a value', line: 1, column: 1 });
  });

  it('rejects nesting beyond the limit without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(err(deep)).toEqual({ message: 'Nesting deeper than 1000 levels', line: 1, column: 1001 });
    expect(toPlainValue(ok('[[[]]]', { maxDepth: 3 }))).toEqual([[[]]]);
    expect(err('[[[[]]]]', { maxDepth: 3 }).message).toBe('Nesting deeper than 3 levels');
  });
});
