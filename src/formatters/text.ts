/**
 * Human-readable output modelled on ESLint's "stylish": findings grouped under their file,
 * aligned positions, related locations indented under the finding, one summary line.
 */
import pc from 'picocolors';
import type { Finding, LintResult } from '../engine/linter.js';
import type { Severity } from '../engine/rule.js';
import type { FormatContext, Formatter } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

export const formatText: Formatter = (result: LintResult, ctx: FormatContext): string => {
  const c = pc.createColors(ctx.color);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const blocks: string[] = [];

  for (const file of result.files) {
    if (file.findings.length === 0) continue;
    for (const f of file.findings) counts[f.severity]++;
    blocks.push([c.underline(file.filePath), ...formatFindings(file.findings, c)].join('\n'));
  }

  const total = counts.error + counts.warning + counts.info;
  const baseline = baselineNote(result);
  if (total === 0) {
    const n = result.files.length;
    return `${c.green(`No problems found in ${n} ${plural(n, 'file')}.`)}\n${baseline}`;
  }
  const summary =
    `✖ ${total} ${plural(total, 'problem')} ` +
    `(${counts.error} ${plural(counts.error, 'error')}, ${counts.warning} ${plural(counts.warning, 'warning')}, ${counts.info} info)`;
  const paint = counts.error > 0 ? c.red : counts.warning > 0 ? c.yellow : c.blue;
  return `${blocks.join('\n\n')}\n\n${c.bold(paint(summary))}\n${baseline}`;
};

/** With `--baseline`: how many baselined findings are gone (fixed), so the baseline can shrink. */
function baselineNote(result: LintResult): string {
  const gone = result.baseline?.gone ?? 0;
  if (gone === 0) return '';
  return `${gone} ${plural(gone, 'finding')} from the baseline no longer ${gone === 1 ? 'occurs' : 'occur'} (run with --update-baseline to drop ${gone === 1 ? 'it' : 'them'}).\n`;
}

/**
 * Position and severity are aligned (widths measured on the plain text, so alignment survives
 * ANSI codes); messages are not padded, since IAM messages name actions and ARNs and get long.
 */
function formatFindings(findings: readonly Finding[], c: Colors): string[] {
  const lineWidth = Math.max(...findings.map((f) => String(f.line).length));
  const columnWidth = Math.max(...findings.map((f) => String(f.column).length));
  const severityWidth = Math.max(...findings.map((f) => f.severity.length));

  const lines: string[] = [];
  for (const f of findings) {
    const position = `${String(f.line).padStart(lineWidth)}:${String(f.column).padEnd(columnWidth)}`;
    const severity = f.severity.padEnd(severityWidth);
    const message = oneLine(f.message);
    lines.push(`  ${c.dim(position)}  ${paintSeverity(c, f.severity, severity)}  ${message}  ${c.dim(f.ruleId)}`);
    for (const r of f.related) {
      lines.push(`    ${c.dim(`↳ ${r.filePath}:${r.line}:${r.column}`)} ${oneLine(r.message)}`);
    }
  }
  return lines;
}

function paintSeverity(c: Colors, severity: Severity, text: string): string {
  switch (severity) {
    case 'error':
      return c.red(text);
    case 'warning':
      return c.yellow(text);
    case 'info':
      return c.blue(text);
  }
}

/** A message with a line break would break the column layout. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
