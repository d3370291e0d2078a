/** End to end: an account authorization-details dump linted with every rule; findings pinned to lines of the dump. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../src/engine/config.js';
import { lint } from '../../src/engine/linter.js';
import { builtinRules } from '../../src/rules/index.js';
import { ROOT } from '../fixture-helpers.js';

const FILE = 'fixtures/formats/authorization-details/account.json';

function findings() {
  const config = configFromObject({ extends: ['iamlint:all'] }, builtinRules);
  const result = lint({ sources: [{ filePath: FILE, text: readFileSync(join(ROOT, FILE), 'utf8') }], config, rules: builtinRules });
  return result.files.flatMap((f) => f.findings);
}

describe('account authorization details (aws iam get-account-authorization-details)', () => {
  const all = findings();

  it('pins every finding to the dump', () => {
    expect(all.map((f) => `${f.filePath}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      `${FILE}:47:43 boundary-missing-grant`,
      `${FILE}:168:37 privilege-escalation`,
      `${FILE}:168:37 unscoped-write`,
      `${FILE}:169:37 privilege-escalation`,
      `${FILE}:169:37 unscoped-write`,
      `${FILE}:170:37 unscoped-write`,
      `${FILE}:177:43 passrole-without-passed-to-service`,
      `${FILE}:177:43 unscoped-write`,
      `${FILE}:178:45 passrole-resource-star`,
    ]);
  });

  it("reports the grant role app-task's boundary blocks, naming the role and its inline policy", () => {
    const f = all.find((x) => x.ruleId === 'boundary-missing-grant')!;
    expect(f.message).toContain('allows dynamodb:PutItem, but the permissions boundary policy/app-boundary does not allow it');
    expect(f.message.endsWith(' [role/app-task › RolePolicyList "app-access"]')).toBe(true);
  });

  it("judges role ci-deployer's escalation with its attached managed policy (default version only)", () => {
    const escalations = all.filter((x) => x.ruleId === 'privilege-escalation');
    expect(escalations.map((f) => f.message.slice(0, f.message.indexOf(':')))).toEqual([
      'Policy set "role/ci-deployer" allows privilege escalation PassExistingRoleToNewLambdaThenInvoke',
      'Policy set "role/ci-deployer" allows privilege escalation EditExistingLambdaFunctionWithRole',
    ]);
    for (const f of escalations) expect(f.message.endsWith(' [policy/deploy/deploy-functions]')).toBe(true);
  });
});
