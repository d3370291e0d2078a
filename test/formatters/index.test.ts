import { describe, expect, it } from 'vitest';
import { FORMATTER_NAMES, getFormatter, type FormatterName } from '../../src/formatters/index.js';
import { formatGithub } from '../../src/formatters/github.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import { formatText } from '../../src/formatters/text.js';

describe('formatter registry', () => {
  it('names every formatter', () => {
    expect(FORMATTER_NAMES).toEqual(['text', 'json', 'sarif', 'github']);
  });

  it('returns the formatter for each name', () => {
    expect(getFormatter('text')).toBe(formatText);
    expect(getFormatter('json')).toBe(formatJson);
    expect(getFormatter('sarif')).toBe(formatSarif);
    expect(getFormatter('github')).toBe(formatGithub);
  });

  it('rejects an unknown name with the list of known ones', () => {
    expect(() => getFormatter('xml' as FormatterName)).toThrow('Unknown format "xml"; expected one of: text, json, sarif, github.');
  });
});
