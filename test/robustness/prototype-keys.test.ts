/**
 * Keys from a policy that are names of Object.prototype members (`constructor`, `toString`…) must
 * be looked up as the text they are: a CloudFormation resource of `Type: toString` used to crash
 * the linter (found by the property tests), `Type: constructor` in an Organizations policy or a
 * Terraform plan made policy-size fail, a condition key `constructor` was "replaced by function
 * Object()", and a `Federated: constructor` principal made trust-oidc-missing-sub fail.
 */
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../src/engine/config.js';
import { lint } from '../../src/engine/linter.js';
import { builtinRules } from '../../src/rules/index.js';

const config = configFromObject({ extends: ['iamlint:all'] }, builtinRules, '/p');
const policy = (stmt: object) => JSON.stringify({ Version: '2012-10-17', Statement: [stmt] }, null, 2);

const cases: [string, { filePath: string; text: string }, string[]][] = [
  ['a CloudFormation resource of Type toString', { filePath: 't.yaml', text: 'Resources:\n  A:\n    Type: toString\n    Properties: {}\n' }, []],
  [
    'an Organizations policy of Type constructor',
    { filePath: 't.json', text: JSON.stringify({ Resources: { P: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'constructor', Content: { Version: '2012-10-17', Statement: [] } } } } }) },
    [],
  ],
  [
    'a Terraform plan resource of type constructor',
    { filePath: 'plan.json', text: JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'x.y', type: 'constructor', name: 'y', values: { policy: '{}' } }] } } }) },
    [],
  ],
  [
    'condition keys constructor and toString',
    { filePath: 'a.json', text: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { constructor: 'x', toString: 'y' } } }) },
    ['unknown-condition-key', 'unknown-condition-key'],
  ],
  [
    'operators constructor and toStringIfExists',
    { filePath: 'b.json', text: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { constructor: { 'aws:SourceIp': 'x' }, toStringIfExists: { 'aws:SourceIp': 'y' } } }) },
    ['unknown-condition-operator', 'unknown-condition-operator'],
  ],
  ['a Federated principal constructor', { filePath: 'trust.json', text: policy({ Effect: 'Allow', Principal: { Federated: 'constructor' }, Action: 'sts:AssumeRoleWithWebIdentity' }) }, ['invalid-principal']],
];

describe('keys named like Object.prototype members', () => {
  for (const [name, source, ruleIds] of cases) {
    it(`${name}: read as text, no rule fails`, () => {
      const findings = lint({ sources: [source], config, rules: builtinRules, cwd: '/p' }).files.flatMap((f) => f.findings);
      expect(findings.map((f) => f.ruleId)).toEqual(ruleIds);
      expect(findings.filter((f) => /native code|\[object /.test(f.message))).toEqual([]);
    });
  }
});
