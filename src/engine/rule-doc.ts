/**
 * A rule's Markdown documentation, rendered from its meta. `npm run docs` writes it to
 * docs/rules/<id>.md with executed fixture examples; the SARIF formatter embeds the same text
 * (without examples: fixtures are not published) as each rule's `help.markdown`. It lives in src/
 * because the published package has no scripts/ folder.
 */
import type { AnyRule } from './rule.js';

/** Examples taken from the rule's fixtures, with the real iamlint output on the reported one. */
export interface RuleDocExamples {
  readonly reported?: { readonly file: string; readonly source: string; readonly output: string };
  readonly notReported?: { readonly file: string; readonly source: string };
}

export function renderRuleMarkdown(rule: AnyRule, examples: RuleDocExamples = {}): string {
  const m = rule.meta;
  const messages = Object.entries(m.messages as Record<string, string>).map(([id, text]) => `- \`${id}\`: ${text}`);
  const parts = [
    `# ${m.id}`,
    '',
    `> ${m.docs.description}.`,
    '',
    `- Default severity: **${m.defaultSeverity}**${m.securitySeverity !== undefined ? ` (security-severity ${m.securitySeverity.toFixed(1)})` : ''}`,
    `- In \`iamlint:recommended\`: ${m.docs.recommended ? 'yes' : 'no'}`,
    '',
    '## Why',
    '',
    m.docs.why,
    '',
    '## How to fix',
    '',
    m.docs.fix,
    '',
    '## Messages',
    '',
    ...messages,
    '',
    '## Options',
    '',
    optionsSection(rule),
  ];
  const { reported, notReported } = examples;
  if (reported) {
    parts.push('## Example: reported', '', `\`${reported.file}\`:`, '', '```json', reported.source.trimEnd(), '```', '', 'iamlint output:', '', '```text', reported.output.trimEnd(), '```', '');
  }
  if (notReported) parts.push('## Example: not reported', '', `\`${notReported.file}\`:`, '', '```json', notReported.source.trimEnd(), '```', '');
  if (m.docs.references?.length) parts.push('## References', '', ...m.docs.references.map((r) => `- <${r}>`), '');
  return parts.join('\n');
}

function optionsSection(rule: AnyRule): string {
  const props = (rule.meta.schema.properties ?? {}) as Record<string, { type?: string; description?: string }>;
  const names = Object.keys(props);
  if (names.length === 0) return 'This rule has no options.\n';
  const defaults = rule.meta.defaultOptions as Record<string, unknown>;
  const rows = names.map((n) => `| \`${n}\` | ${props[n].type ?? ''} | \`${JSON.stringify(defaults[n])}\` | ${props[n].description ?? ''} |`);
  const example = JSON.stringify({ rules: { [rule.meta.id]: [rule.meta.defaultSeverity, defaults] } }, null, 2);
  return `| option | type | default | description |\n|---|---|---|---|\n${rows.join('\n')}\n\n\`\`\`json\n${example}\n\`\`\`\n`;
}
