/**
 * ESLint-compatible JSON: one entry per linted file (files without findings included), so tools
 * that read `eslint -f json` output can read ours. `info` maps to ESLint severity 1.
 */
import type { Finding, LintResult, RelatedLocation } from '../engine/linter.js';
import type { JsonPath } from '../engine/model.js';
import type { Severity } from '../engine/rule.js';
import type { Formatter } from './types.js';

/** Same shape as the linter's related location. */
export type JsonRelatedLocation = RelatedLocation;

export interface JsonMessage {
  readonly ruleId: string;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly path: JsonPath;
  readonly relatedLocations?: readonly JsonRelatedLocation[];
}

export interface JsonFileResult {
  readonly filePath: string;
  readonly messages: readonly JsonMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
}

export const formatJson: Formatter = (result: LintResult): string => {
  const files: JsonFileResult[] = result.files.map((file) => {
    const messages = file.findings.map(toMessage);
    return {
      filePath: file.filePath,
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
    };
  });
  return `${JSON.stringify(files, null, 2)}\n`;
};

export function eslintSeverity(severity: Severity): 1 | 2 {
  return severity === 'error' ? 2 : 1;
}

function toMessage(f: Finding): JsonMessage {
  return {
    ruleId: f.ruleId,
    severity: eslintSeverity(f.severity),
    message: f.message,
    messageId: f.messageId,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    path: f.path,
    ...(f.related.length > 0 ? { relatedLocations: f.related.map(toRelated) } : {}),
  };
}

function toRelated(r: RelatedLocation): JsonRelatedLocation {
  return { filePath: r.filePath, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message: r.message };
}
