/** The formatter registry behind `--format`. */
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

export const FORMATTER_NAMES = ['text', 'json', 'sarif', 'github'] as const;
export type FormatterName = (typeof FORMATTER_NAMES)[number];

const FORMATTERS: Readonly<Record<FormatterName, Formatter>> = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub };

export function isFormatterName(name: string): name is FormatterName {
  return (FORMATTER_NAMES as readonly string[]).includes(name);
}

export function getFormatter(name: FormatterName): Formatter {
  if (!isFormatterName(name)) throw new Error(`Unknown format "${String(name)}"; expected one of: ${FORMATTER_NAMES.join(', ')}.`);
  return FORMATTERS[name];
}

export type { FormatContext, Formatter } from './types.js';
