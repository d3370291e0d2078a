import { describe, expect, it } from 'vitest';
import { formatJson, type JsonFileResult } from '../../src/formatters/json.js';
import { cleanResult, ctx, result } from './fixtures.js';

const parse = (text: string) => JSON.parse(text) as JsonFileResult[];

describe('json formatter', () => {
  const text = formatJson(result, ctx);
  const out = parse(text);

  it('is an ESLint-style array with every linted file, in the given order', () => {
    expect(Array.isArray(out)).toBe(true);
    expect(out.map((f) => f.filePath)).toEqual(['policies/app.json', 'policies/boundary.json', 'policies/legacy/old policy.json']);
    for (const file of out) expect(Object.keys(file)).toEqual(['filePath', 'messages', 'errorCount', 'warningCount']);
  });

  it('includes files without findings with no messages', () => {
    expect(out[1]).toEqual({ filePath: 'policies/boundary.json', messages: [], errorCount: 0, warningCount: 0 });
  });

  it('maps severities to ESLint numbers (info counts as a warning) and counts them', () => {
    expect(out[0].messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['passrole-without-passed-to-service', 2],
      ['unscoped-write', 1],
      ['service-wildcard-action', 1],
      ['boundary-missing-grant', 2],
    ]);
    expect(out[0].errorCount).toBe(2);
    expect(out[0].warningCount).toBe(2);
    expect(out[2].errorCount).toBe(0);
    expect(out[2].warningCount).toBe(1);
  });

  it('carries positions, message id and the JSON path of each finding', () => {
    expect(out[0].messages[0]).toEqual({
      ruleId: 'passrole-without-passed-to-service',
      severity: 2,
      message: 'iam:PassRole is allowed without an iam:PassedToService condition.',
      messageId: 'm',
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 19,
      path: ['Statement', 0, 'Action'],
    });
  });

  it('adds relatedLocations only to findings that have them', () => {
    expect(out[0].messages[3].relatedLocations).toEqual([
      { filePath: 'policies/boundary.json', line: 4, column: 7, endLine: 4, endColumn: 30, message: 'The boundary allows only these actions' },
    ]);
    expect(out[0].messages.slice(0, 3).every((m) => !('relatedLocations' in m))).toBe(true);
  });

  it('is pretty-printed with two spaces and ends with a newline', () => {
    expect(text.startsWith('[\n  {\n    "filePath": "policies/app.json",')).toBe(true);
    expect(text.endsWith(']\n')).toBe(true);
    expect(formatJson(result, ctx)).toBe(text);
  });

  it('prints an entry per clean file and [] for no files', () => {
    expect(parse(formatJson(cleanResult, ctx)).map((f) => f.messages.length)).toEqual([0, 0]);
    expect(formatJson({ files: [] }, ctx)).toBe('[]\n');
  });
});
