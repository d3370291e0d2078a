/**
 * compactSize measures strings without serializing those that JSON.stringify writes unchanged
 * (printable ASCII without `"` and `\`); every other string is serialized to be measured. Both
 * kinds, in both units, against JSON.stringify of the parsed document.
 */
import { describe, expect, it } from 'vitest';
import { compactSize } from '../../src/iam/policy-size.js';
import { parseJson } from '../../src/parsers/json.js';

const STRINGS = [
  'plain ASCII: arn:aws:s3:::bucket/*',
  '',
  ' ~',
  'quote " and backslash \\',
  'controls \u0001 \u001f \t \n \r \b \f',
  'delete \u007f',
  'non-ASCII é ü 東京',
  'emoji 😀 (a surrogate pair)',
  'lone surrogates \ud800 and \udfff',
  'line separators \u2028 \u2029',
];

describe('compactSize of strings', () => {
  for (const s of STRINGS) {
    it(`measures ${JSON.stringify(s)} as JSON.stringify writes it, as a value and as a key`, () => {
      const value = { Statement: [{ Sid: s, Resource: [s, `${s}/*`] }], [s]: s };
      const text = JSON.stringify(value, null, 2);
      const parsed = parseJson(text);
      if (!parsed.ok) throw new Error('fixture does not parse');
      const compact = JSON.stringify(value);
      expect(compactSize(parsed.root, 'characters')).toBe(compact.length);
      expect(compactSize(parsed.root, 'bytes')).toBe(Buffer.byteLength(compact, 'utf8'));
    });
  }
});
