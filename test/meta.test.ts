/** Meta-tests over all rules: naming, registry, schemas, defaults, fixtures. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
import { listFixtures, ROOT } from './fixture-helpers.js';

/** The rule catalog of DESIGN.md: ids are a stable contract. */
const CATALOG = new Set([
  'json-syntax', 'policy-structure', 'duplicate-key', 'duplicate-sid', 'policy-version', 'policy-size', 'unresolved-placeholder',
  'unknown-service', 'unknown-action', 'malformed-arn', 'resource-mismatch', 'action-requires-star', 'unknown-condition-operator',
  'unknown-condition-key', 'condition-key-not-applicable', 'condition-type-mismatch', 'invalid-principal', 'mfa-condition-antipattern',
  'condition-set-operator-misuse', 'duplicate-action', 'duplicate-resource', 'missing-ecr-auth-token', 'ecr-push-incomplete',
  'passrole-without-passed-to-service', 'passrole-resource-star', 'passrole-condition-ifexists', 'kms-create-grant-unconstrained',
  'unscoped-write', 'service-wildcard-action', 'full-admin', 'allow-not-action', 'allow-not-resource', 'allow-not-principal',
  'privilege-escalation', 'credentials-exposure', 'data-exfiltration', 'resource-exposure', 'public-access', 'trust-wildcard-principal',
  'trust-cross-account-no-condition', 'trust-confused-deputy', 'trust-oidc-missing-sub', 'trust-service-mismatch', 'boundary-missing-grant',
  'internal-error', 'access-not-granted', 'no-new-access',
  // Access Analyzer "Redundant statement" and "Redundant principal in role trust policy": no catalog rule compares statements or principal values.
  'duplicate-statement', 'duplicate-principal',
  // Access Analyzer "Redundant key/statement due to wildcard in condition", "Equivalent to null true/false",
  // "Redundant condition value num": no catalog rule judges whether a condition entry can decide anything.
  'redundant-condition',
  // Suppressions (issue 6): an expired, unused or malformed suppression is itself a finding, with docs and a configurable severity.
  'stale-suppression',
]);

describe('rule registry', () => {
  it('has one rule per file in src/rules, file name === meta.id, sorted by id', () => {
    const files = readdirSync(join(ROOT, 'src', 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
    const ids = builtinRules.map((r) => r.meta.id);
    expect(ids).toEqual(files);
    expect(ids).toEqual([...ids].sort());
  });
});

const ajv = new Ajv2020({ strict: false });

for (const rule of builtinRules) {
  const { meta } = rule;
  describe(`meta: ${meta.id}`, () => {
    it('has a kebab-case id from the catalog', () => {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(CATALOG.has(meta.id)).toBe(true);
    });
    it('documents what, why and how to fix', () => {
      expect(meta.docs.description.length).toBeGreaterThan(10);
      expect(meta.docs.description).not.toMatch(/\.$/);
      expect(meta.docs.why.length).toBeGreaterThan(20);
      expect(meta.docs.fix.length).toBeGreaterThan(10);
    });
    it('has an options schema that compiles, is closed, and accepts the defaults', () => {
      expect(meta.schema.type).toBe('object');
      expect(meta.schema.additionalProperties).toBe(false);
      const validate = ajv.compile(meta.schema);
      expect(validate(meta.defaultOptions), JSON.stringify(validate.errors)).toBe(true);
    });
    it('has messages with well-formed placeholders', () => {
      const messages = Object.values(meta.messages as Record<string, string>);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m.replace(/\{\{\s*\w+\s*\}\}/g, '')).not.toMatch(/\{\{|\}\}/);
    });
    it('has valid and invalid fixtures', () => {
      expect(listFixtures(meta.id, 'valid').length).toBeGreaterThanOrEqual(1);
      expect(listFixtures(meta.id, 'invalid').length).toBeGreaterThanOrEqual(1);
    });
  });
}
