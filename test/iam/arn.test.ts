import { describe, it, expect } from 'vitest';
import { parseArn } from '../../src/iam/arn.js';
import { isPolicyVariable, policyVariableToWildcard } from '../../src/iam/policy-variables.js';
import { ACCESS_LEVELS, parseAccessLevels, primaryAccessLevel } from '../../src/iam/access-level.js';

describe('parseArn', () => {
  it('splits the five header fields and keeps colons and slashes in the resource', () => {
    expect(parseArn('arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:log-stream:x/y')).toEqual({
      partition: 'aws',
      service: 'logs',
      region: 'us-east-1',
      account: '111122223333',
      resource: 'log-group:/aws/lambda/fn:log-stream:x/y',
    });
  });

  it('keeps empty fields (S3, IAM)', () => {
    expect(parseArn('arn:aws:s3:::bucket/key')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'bucket/key',
    });
    expect(parseArn('arn:aws:iam::111122223333:role/app')?.account).toBe('111122223333');
  });

  it('does not validate wildcards or variables', () => {
    expect(parseArn('arn:*:ecr:${AWS::Region}:*:repository/*')).toEqual({
      partition: '*',
      service: 'ecr',
      region: '${AWS::Region}',
      account: '*',
      resource: 'repository/*',
    });
  });

  it('does not split on a colon inside ${...}', () => {
    expect(parseArn('arn:aws:iam::${aws:accountid}:user/${aws:username}')).toEqual({
      partition: 'aws',
      service: 'iam',
      region: '',
      account: '${aws:accountid}',
      resource: 'user/${aws:username}',
    });
    expect(parseArn('arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/${Repo}')).toEqual({
      partition: '${AWS::Partition}',
      service: 'ecr',
      region: '${AWS::Region}',
      account: '${AWS::AccountId}',
      resource: 'repository/${Repo}',
    });
    expect(parseArn('arn:aws:s3:::${a:b')?.resource).toBe('${a:b'); // unterminated: ordinary text
    expect(parseArn('arn:aws:${x:y}')).toBeUndefined();
  });

  it('allows an empty resource when all six parts are present', () => {
    expect(parseArn('arn:aws:s3:::')?.resource).toBe('');
  });

  it.each([
    '*',
    '',
    'arn',
    'arn:aws:s3',
    'arn:aws:s3::',
    'arn:aws:sagemaker:us-east-1:111122223333/*', // account and resource run together: 5 parts
    'ARN:aws:s3:::bucket',
    'urn:aws:s3:::bucket',
  ])('%j → undefined', (s) => {
    expect(parseArn(s)).toBeUndefined();
  });
});

describe('policyVariableToWildcard', () => {
  it.each([
    ['arn:aws:iam::${aws:accountid}:user/${aws:username}', 'arn:aws:iam::*:user/*'],
    ['arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*', 'arn:aws:s3:::bucket/*/*'],
    ['arn:aws:s3:::b/${saml:sub}', 'arn:aws:s3:::b/*'],
    ['arn:aws:s3:::b/${www.amazon.com:user_id}', 'arn:aws:s3:::b/*'],
    ["arn:aws:s3:::b/${aws:username, 'guest'}", 'arn:aws:s3:::b/*'],
    // Escapes stand for literal characters; `*`/`?` over-approximate (documented).
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*'],
    ['arn:aws:s3:::b/${?}', 'arn:aws:s3:::b/?'],
    ['arn:aws:s3:::b/${$}x', 'arn:aws:s3:::b/$x'],
    // Not IAM variables: kept for the placeholder rule.
    ['arn:aws:s3:::${BucketName}', 'arn:aws:s3:::${BucketName}'],
    ['arn:aws:ecr:${AWS::Region}:1:repository/x', 'arn:aws:ecr:${AWS::Region}:1:repository/x'],
    ['no variables', 'no variables'],
    ['unterminated ${aws:username', 'unterminated ${aws:username'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(policyVariableToWildcard(input)).toBe(expected);
  });
});

describe('isPolicyVariable', () => {
  it.each([
    ['aws:username', true],
    ['aws:PrincipalTag/team', true],
    ['saml:sub', true],
    ['token.actions.githubusercontent.com:sub', true],
    ["aws:username, 'guest'", true],
    ['*', true],
    ['?', true],
    ['$', true],
    ['BucketName', false],
    ['AWS::Region', false],
    ['', false],
    [':x', false],
    ['x:', false],
  ])('%j → %s', (name, expected) => {
    expect(isPolicyVariable(name)).toBe(expected);
  });
});

describe('access levels', () => {
  it('lists the five levels', () => {
    expect(ACCESS_LEVELS).toEqual(['List', 'Read', 'Write', 'Permissions management', 'Tagging']);
  });

  it.each([
    ['Read', ['Read'], 'Read'],
    ['List', ['List'], 'List'],
    ['Write', ['Write'], 'Write'],
    ['Tagging, Write', ['Tagging', 'Write'], 'Tagging'],
    ['Permissions management, Write', ['Permissions management', 'Write'], 'Permissions management'],
    ['Permissions management', ['Permissions management'], 'Permissions management'],
    ['Bogus', [], 'Write'],
  ] as const)('%j → %j, primary %j', (raw, levels, primary) => {
    expect(parseAccessLevels(raw)).toEqual(levels);
    expect(primaryAccessLevel(raw)).toBe(primary);
  });
});
