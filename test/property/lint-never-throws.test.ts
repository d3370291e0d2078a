/**
 * Robustness: arbitrary JSON, policy-shaped objects with hostile strings, YAML (CloudFormation
 * with short tags) and Markdown fences never make lint() throw or a rule fail, every finding
 * points inside its file, and the result is deterministic. The properties live in
 * scripts/fuzz.ts; `npm run fuzz -- --seconds 300` runs them for longer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInput, properties } from '../../scripts/fuzz.js';

const RUNS: Record<string, number> = { json: 150, policy: 150, 'policy-set': 60, yaml: 150, markdown: 100 };

describe('lint() never throws', () => {
  for (const { name, property } of properties) {
    it(`${name} inputs`, () => {
      fc.assert(property, { numRuns: RUNS[name] ?? 100 });
    });
  }

  // Counterexamples found while writing the properties.
  it.each([
    ['lone carriage return before the policy', '\r{"Statement":{"Sid":"A","Effect":"Allow","Action":[],"Resource":[]}}'],
  ])('regression: %s', (_name, text) => {
    expect(() => checkInput({ files: [{ filePath: 'x.json', text }] })).not.toThrow();
  });
});
