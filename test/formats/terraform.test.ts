/** End to end: a Terraform plan linted with every rule; findings pinned to lines of the plan file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../src/engine/config.js';
import { lint } from '../../src/engine/linter.js';
import { builtinRules } from '../../src/rules/index.js';
import { ROOT } from '../fixture-helpers.js';

const FILE = 'fixtures/formats/terraform/plan.json';

function findings() {
  const config = configFromObject({ extends: ['iamlint:all'] }, builtinRules);
  const result = lint({ sources: [{ filePath: FILE, text: readFileSync(join(ROOT, FILE), 'utf8') }], config, rules: builtinRules });
  return result.files.flatMap((f) => f.findings);
}

describe('Terraform plan (terraform show -json)', () => {
  const all = findings();

  it('finds the policies of the plan and pins every finding to the plan file', () => {
    expect(all.map((f) => `${f.filePath}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      `${FILE}:18:405 boundary-missing-grant`,
      `${FILE}:79:113 public-access`,
      `${FILE}:251:11 json-syntax`,
    ]);
  });

  it('reports the grant the role boundary blocks, naming the resource addresses', () => {
    const f = all.find((x) => x.ruleId === 'boundary-missing-grant')!;
    expect(f.message).toContain('the permissions boundary aws_iam_policy.boundary › policy does not allow them');
    expect(f.message.endsWith(' [aws_iam_policy.app › policy]')).toBe(true);
    expect(f.path).toEqual(['Statement', 1, 'Action', 0]);
  });

  it('judges the bucket policy as a resource policy', () => {
    const f = all.find((x) => x.ruleId === 'public-access')!;
    expect(f.message.endsWith(' [aws_s3_bucket_policy.uploads › policy]')).toBe(true);
  });

  it('does not pass a policy computed at apply time silently', () => {
    const f = all.find((x) => x.ruleId === 'json-syntax')!;
    expect(f.messageId).toBe('uncheckable');
    expect(f.message).toBe('The policy could not be checked: aws_sqs_queue_policy.events policy is computed at apply time (known after apply).');
  });
});
