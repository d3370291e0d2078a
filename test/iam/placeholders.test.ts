import { describe, expect, it } from 'vitest';
import { findPlaceholders, hasPlaceholder, replacePlaceholders, treeMayHoldPlaceholders, variablesToWildcards } from '../../src/iam/placeholders.js';
import { parseJson } from '../../src/parsers/json.js';

describe('findPlaceholders', () => {
  it('finds documentation placeholders and skips policy syntax', () => {
    expect(findPlaceholders('arn:aws:s3:::<BUCKET-NAME>/{prefix}/${Key}/${aws:userid}').map((p) => p.text)).toEqual(['<BUCKET-NAME>', '{prefix}', '${Key}']);
    expect(findPlaceholders('${AWS::Region}')).toEqual([{ text: '${AWS::Region}', name: 'AWS::Region', pseudoParameter: true }]);
    expect(findPlaceholders('${saml:sub} ${aws:username, \'guest\'} ${*} ${?} ${$}')).toEqual([]);
    expect(findPlaceholders('a<b and c>d, {"k": 1}, {1}')).toEqual([]);
  });
  it('leaves ${…} to CloudFormation inside Fn::Sub', () => {
    expect(findPlaceholders('arn:${AWS::Partition}:s3:::${Bucket}/<KEY>', true).map((p) => p.text)).toEqual(['<KEY>']);
  });
  it('reports each placeholder text once', () => {
    expect(findPlaceholders('<A>/<A>/{A}').map((p) => p.text)).toEqual(['<A>', '{A}']);
  });
});

describe('hasPlaceholder', () => {
  it('is true exactly when findPlaceholders finds something', () => {
    expect(hasPlaceholder('aws:RequestTag/${TagKey}')).toBe(true);
    expect(hasPlaceholder('aws:RequestTag/<key>')).toBe(true);
    expect(hasPlaceholder('${OIDC_PROVIDER}:sub')).toBe(true);
    expect(hasPlaceholder('arn:aws:iam::${aws:PrincipalAccount}:role/x')).toBe(false);
    expect(hasPlaceholder('10.0.0.0/8')).toBe(false);
  });
});

describe('replacePlaceholders / variablesToWildcards', () => {
  it('replaces only placeholders', () => {
    expect(replacePlaceholders('arn:aws:ssm:{AWS::Region}:<ACCOUNT>:parameter/${aws:username}', (p) => `[${p.name}]`)).toBe('arn:aws:ssm:[AWS::Region]:[ACCOUNT]:parameter/${aws:username}');
    expect(replacePlaceholders('a<b and {0}', () => '*')).toBe('a<b and {0}');
  });
  it('turns policy variables and placeholders into wildcards, escapes into their characters', () => {
    expect(variablesToWildcards('arn:aws:s3:::${BucketName}/home/${aws:username}/*')).toBe('arn:aws:s3:::*/home/*/*');
    expect(variablesToWildcards('arn:${AWS::Partition}:ecr:<REGION>:{ACCOUNT_ID}:repository/${aws:username}')).toBe('arn:*:ecr:*:*:repository/*');
    expect(variablesToWildcards('arn:aws:s3:::b/${*}${?}${$}')).toBe('arn:aws:s3:::b/*?$');
    expect(variablesToWildcards('arn:aws:logs:{AWS_REGION}:<ACCOUNT-ID>:*')).toBe('arn:aws:logs:*:*:*');
    expect(variablesToWildcards('arn:aws:ec2:${AWS::Region}:{AWS::AccountId}:vpc/*')).toBe('arn:aws:ec2:*:*:vpc/*');
    expect(variablesToWildcards('a<b and {0}')).toBe('a<b and {0}');
    expect(variablesToWildcards('arn:aws:s3:::plain')).toBe('arn:aws:s3:::plain');
  });
});

describe('treeMayHoldPlaceholders', () => {
  const tree = (value: unknown) => {
    const r = parseJson(JSON.stringify(value));
    if (!r.ok) throw new Error(r.error.message);
    return r.root;
  };
  it('is false only when no string value and no key holds { or <', () => {
    expect(treeMayHoldPlaceholders(tree({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] }))).toBe(false);
    expect(treeMayHoldPlaceholders(tree({ Statement: [{ Resource: ['x', 'arn:aws:s3:::{BUCKET}/*'] }] }))).toBe(true);
    expect(treeMayHoldPlaceholders(tree({ Statement: [{ Condition: { StringEquals: { 'aws:ResourceTag/<key>': 'x' } } }] }))).toBe(true);
    expect(treeMayHoldPlaceholders(tree({ n: 1, b: true, z: null, s: 'a>b' }))).toBe(false);
  });
});
