import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/formatters/text.js';
import { cleanResult, ctx, finding, result, resultOf } from './fixtures.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('text formatter', () => {
  it('groups findings by file with aligned positions, related locations and a summary', () => {
    expect(formatText(result, ctx)).toBe(
      [
        'policies/app.json',
        '    3:5   error    iam:PassRole is allowed without an iam:PassedToService condition.  passrole-without-passed-to-service',
        '   12:17  warning  s3:PutObject is allowed on "*".  unscoped-write',
        '   30:3   info     ec2:* allows every EC2 action.  service-wildcard-action',
        '  120:9   error    sagemaker:CreateTrainingJob is granted but the permissions boundary does not allow it.  boundary-missing-grant',
        '    ↳ policies/boundary.json:4:7 The boundary allows only these actions',
        '',
        'policies/legacy/old policy.json',
        '  1:1  warning  Version is missing; IAM falls back to 2008-10-17.  policy-version',
        '',
        '✖ 5 problems (2 errors, 2 warnings, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('leaves out files without findings', () => {
    expect(formatText(result, ctx)).not.toContain('policies/boundary.json\n');
  });

  it('uses the singular for one problem', () => {
    const one = resultOf(finding({ ruleId: 'policy-version', severity: 'warning', line: 2, column: 3, message: 'Old version.' }));
    expect(formatText(one, ctx)).toBe(
      'policies/app.json\n  2:3  warning  Old version.  policy-version\n\n✖ 1 problem (0 errors, 1 warning, 0 info)\n',
    );
  });

  it('counts linted files when there is nothing to report', () => {
    expect(formatText(cleanResult, ctx)).toBe('No problems found in 2 files.\n');
    expect(formatText({ files: [cleanResult.files[0]] }, ctx)).toBe('No problems found in 1 file.\n');
    expect(formatText({ files: [] }, ctx)).toBe('No problems found in 0 files.\n');
  });

  it('keeps a multi-line message on one row', () => {
    const f = finding({ ruleId: 'duplicate-sid', line: 1, column: 1, message: 'First line.\n  Second line.' });
    expect(formatText(resultOf(f), ctx)).toContain('  1:1  error  First line. Second line.  duplicate-sid\n');
  });

  it('emits no escape codes without color', () => {
    expect(formatText(result, ctx)).not.toMatch(ANSI);
    expect(formatText(cleanResult, ctx)).not.toMatch(ANSI);
  });

  it('colors severities, positions and the summary with color, keeping the same layout', () => {
    const colored = formatText(result, { ...ctx, color: true });
    expect(colored).toMatch(ANSI);
    expect(colored).toContain('\u001b[31merror');
    expect(colored).toContain('\u001b[33mwarning');
    expect(colored).toContain('\u001b[34minfo');
    expect(colored).toContain('\u001b[4mpolicies/app.json');
    expect(colored.replace(ANSI, '')).toBe(formatText(result, ctx));
    expect(formatText(cleanResult, { ...ctx, color: true }).replace(ANSI, '')).toBe(formatText(cleanResult, ctx));
  });
});
