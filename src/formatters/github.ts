/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into annotations on
 * the pull request diff. One command per finding, in canonical order (as in SARIF), then a plain
 * summary line for the log:
 *
 *   ::error file=policies/app.json,line=3,col=5,endLine=3,endColumn=19,title=passrole-without-passed-to-service::iam:PassRole is …
 *
 * error → `::error`, warning → `::warning`, info → `::notice`. Escaping follows the runner's
 * (actions/toolkit `command.ts`): `%`, CR and LF in the message; additionally `:` and `,` in
 * property values. Related locations (often in another file) are appended to the message.
 */
import type { Finding, LintResult } from '../engine/linter.js';
import type { Severity } from '../engine/rule.js';
import { sortFindings } from './sarif.js';
import type { FormatContext, Formatter } from './types.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

export const formatGithub: Formatter = (result: LintResult, ctx: FormatContext): string => {
  const findings = sortFindings(
    result.files.flatMap((f) => f.findings),
    ctx.cwd,
  );
  const lines = findings.map((f) => annotation(f));
  lines.push(summary(result, findings));
  return `${lines.join('\n')}\n`;
};

function annotation(f: Finding): string {
  const properties: [string, string | number][] = [
    ['file', f.filePath.replace(/\\/g, '/')],
    ['line', f.line],
    ['col', f.column],
    ['endLine', f.endLine],
    ['endColumn', f.endColumn],
    ['title', f.ruleId],
  ];
  const message = [f.message, ...f.related.map((r) => `↳ ${r.filePath.replace(/\\/g, '/')}:${r.line}:${r.column} ${r.message}`)].join('\n');
  return `::${COMMAND[f.severity]} ${properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`;
}

function summary(result: LintResult, findings: readonly Finding[]): string {
  const n = result.files.length;
  const files = `${n} ${plural(n, 'file')}`;
  if (findings.length === 0) return `iamlint: no problems found in ${files}.`;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  return (
    `iamlint: ${findings.length} ${plural(findings.length, 'problem')} ` +
    `(${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')}, ${infos} info) in ${files}.`
  );
}

/** Message text of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A `key=value` property of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
