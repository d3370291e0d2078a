import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/formatters/github.js';
import { cleanResult, ctx, finding, result, resultOf } from './fixtures.js';

describe('github formatter', () => {
  it('prints one workflow command per finding, in location order, then a summary', () => {
    expect(formatGithub(result, ctx)).toBe(
      [
        '::error file=policies/app.json,line=3,col=5,endLine=3,endColumn=19,title=passrole-without-passed-to-service::iam:PassRole is allowed without an iam:PassedToService condition.',
        '::warning file=policies/app.json,line=12,col=17,endLine=12,endColumn=20,title=unscoped-write::s3:PutObject is allowed on "*".',
        '::notice file=policies/app.json,line=30,col=3,endLine=30,endColumn=8,title=service-wildcard-action::ec2:* allows every EC2 action.',
        '::error file=policies/app.json,line=120,col=9,endLine=122,endColumn=4,title=boundary-missing-grant::sagemaker:CreateTrainingJob is granted but the permissions boundary does not allow it.%0A↳ policies/boundary.json:4:7 The boundary allows only these actions',
        '::warning file=policies/legacy/old policy.json,line=1,col=1,endLine=1,endColumn=2,title=policy-version::Version is missing; IAM falls back to 2008-10-17.',
        'iamlint: 5 problems (2 errors, 2 warnings, 1 info) in 3 files.',
        '',
      ].join('\n'),
    );
  });

  it('does not depend on the order files and findings come in', () => {
    const reversed = { files: [...result.files].reverse().map((f) => ({ ...f, findings: [...f.findings].reverse() })) };
    expect(formatGithub(reversed, ctx)).toBe(formatGithub(result, ctx));
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    const odd = finding({
      ruleId: 'duplicate-sid',
      line: 2,
      column: 7,
      filePath: 'infra/a,b:c%d.json',
      message: '100% of "s3:*"\r\nin Sid "A,B"',
    });
    expect(formatGithub(resultOf(odd), ctx)).toBe(
      '::error file=infra/a%2Cb%3Ac%25d.json,line=2,col=7,endLine=2,endColumn=12,title=duplicate-sid::100%25 of "s3:*"%0D%0Ain Sid "A,B"\n' +
        'iamlint: 1 problem (1 error, 0 warnings, 0 info) in 1 file.\n',
    );
    expect(escapeData('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad:e,f');
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
  });

  it('prints only the summary when there is nothing to report', () => {
    expect(formatGithub(cleanResult, ctx)).toBe('iamlint: no problems found in 2 files.\n');
  });
});
