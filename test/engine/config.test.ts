import { describe, expect, it } from 'vitest';
import { ConfigError, configFromObject, stripJsonComments } from '../../src/engine/config.js';
import { builtinRules } from '../../src/rules/index.js';

describe('config', () => {
  it('enables the recommended rules at their default severity and options by default', () => {
    const rules = configFromObject({}, builtinRules).rulesFor('any.json');
    for (const rule of builtinRules) {
      expect(rules.get(rule.meta.id)?.severity).toBe(rule.meta.docs.recommended ? rule.meta.defaultSeverity : undefined);
    }
  });

  it('applies rule levels and options, then overrides in order, matched relative to the config', () => {
    const config = configFromObject(
      {
        rules: { 'policy-structure': ['warning', { requireResourceInIdentity: false }], 'duplicate-key': 'off' },
        overrides: [
          { files: ['legacy/**'], rules: { 'policy-structure': 'info' } },
          { files: ['legacy/strict/**'], rules: { 'policy-structure': ['error', { requireResourceInIdentity: true }], 'duplicate-key': 'error' } },
          { files: ['boundaries/*.json'], kind: 'boundary' },
        ],
      },
      builtinRules,
      '/repo',
    );
    expect(config.rulesFor('/repo/app.json').get('policy-structure')).toEqual({ severity: 'warning', options: { requireResourceInIdentity: false } });
    expect(config.rulesFor('/repo/app.json').has('duplicate-key')).toBe(false);
    expect(config.rulesFor('/repo/legacy/a.json').get('policy-structure')).toEqual({ severity: 'info', options: { requireResourceInIdentity: false } });
    expect(config.rulesFor('/repo/legacy/strict/a.json').get('policy-structure')).toEqual({ severity: 'error', options: { requireResourceInIdentity: true } });
    expect(config.rulesFor('/repo/legacy/strict/a.json').get('duplicate-key')?.severity).toBe('error');
    expect(config.kindFor('/repo/boundaries/b.json')).toBe('boundary');
    expect(config.kindFor('/repo/app.json')).toBeUndefined();
  });

  it('names every bad key path in one error', () => {
    const bad = { rules: { 'policy-structure': ['fatal'], 'no-such-rule': 'error' }, overrides: [{ rules: {} }], variables: { 'bad name': 'x' }, policySets: [{ name: 's', trustedService: 'sagemaker' }] };
    let error: unknown;
    try {
      configFromObject(bad, builtinRules);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('rules.policy-structure.0: must be one of "error", "warning", "info", "off"');
    expect(message).toContain('rules.no-such-rule: unknown rule id');
    expect(message).toContain("overrides.0: must have required property 'files'");
    expect(message).toContain('variables: property name must be valid');
    expect(message).toContain('policySets.0.trustedService: must match pattern');
  });

  it('rejects rule options that do not fit the rule schema', () => {
    // Only the option's problem: not also "must be one of …" from the bare-severity branch of the entry.
    expect(() => configFromObject({ rules: { 'policy-structure': ['error', { requireResource: true }] } }, builtinRules)).toThrow(
      new ConfigError('Invalid config (inline):\n  - rules.policy-structure.1.requireResource: unknown key'),
    );
    expect(() => configFromObject({ rules: { 'policy-structure': 'fatal' } }, builtinRules)).toThrow(
      new ConfigError('Invalid config (inline):\n  - rules.policy-structure: must be one of "error", "warning", "info", "off"'),
    );
  });

  it('strips comments from JSON configs outside strings only', () => {
    expect(JSON.parse(stripJsonComments('// c\n{"a": "x // y", /* b */ "b": "/* z */"}'))).toEqual({ a: 'x // y', b: '/* z */' });
  });
});
