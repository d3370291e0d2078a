import { readFileSync as readFileSyncForCases } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Count data-file reads (the module under test reads through service-data's readFileSync).
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

const fs = await import('node:fs');
const readFileSync = vi.mocked(fs.readFileSync);
const { ARN_PARTITIONS } = await import('../../src/iam/arn.js');
const { resourceFitsType } = await import('../../src/iam/resource-match.js');
const {
  arnFormatsForNamespace,
  checkResourceArn,
  isArnNamespace,
  isValidPartition,
  isWildcardOnly,
  looksLikeAccountId,
  looksLikeRegion,
  splitArn,
} = await import('../../src/iam/arn-format.js');

function resourceTypeFilesRead(): string[] {
  return readFileSync.mock.calls.map(([path]) => String(path).replaceAll('\\', '/')).filter((path) => path.includes('/data/resourceTypes/'));
}

describe('checking a well-formed ARN is lazy', () => {
  it('reads only the resource types of its own service', () => {
    readFileSync.mockClear();
    expect(checkResourceArn('arn:aws:ecr:us-east-1:111122223333:repository/app')).toBeUndefined();
    expect(checkResourceArn('arn:aws:ecr:*:*:repository/*')).toBeUndefined();
    expect(resourceTypeFilesRead().map((p) => p.slice(p.lastIndexOf('/') + 1))).toEqual(['ecr.json']);
  });
});

describe('isWildcardOnly', () => {
  it('knows entries that are only wildcards', () => {
    expect(isWildcardOnly('*')).toBe(true);
    expect(isWildcardOnly('**')).toBe(true);
    expect(isWildcardOnly('${TableArn}')).toBe(true);
    expect(isWildcardOnly('<RESOURCE-ARN>')).toBe(true);
    expect(isWildcardOnly('arn:aws:s3:::*')).toBe(false);
  });
});

describe('splitArn', () => {
  it('does not split on a colon inside {…} or <…> placeholders either', () => {
    expect(splitArn('arn:aws:ssm:{AWS::Region}:<AWS::AccountId>:parameter/x')).toEqual({
      partition: 'aws',
      service: 'ssm',
      region: '{AWS::Region}',
      account: '<AWS::AccountId>',
      resource: 'parameter/x',
    });
    expect(splitArn('arn:aws:iam::${aws:PrincipalAccount}:role/x')?.account).toBe('${aws:PrincipalAccount}');
    expect(splitArn('arn:aws:s3::bucket')).toBeUndefined();
  });
});

describe('field shapes', () => {
  it('partitions: the eight AWS partitions, * and wildcards that can name one', () => {
    for (const p of ARN_PARTITIONS) expect(isValidPartition(p)).toBe(true);
    expect(isValidPartition('*')).toBe(true);
    expect(isValidPartition('aws-*')).toBe(true);
    expect(isValidPartition('')).toBe(false);
    expect(isValidPartition('aws-usgov')).toBe(false);
    expect(isValidPartition('AWS')).toBe(false);
    expect(isValidPartition('azure*')).toBe(false);
  });

  // Parliament's is_valid_region rows. IAM accepts wildcards in the region field, so `us-east-*`
  // passes here (Parliament: "no regexes in regions"); an empty region is judged per resource type
  // by checkResourceArn, not by the shape.
  it.each([
    ['us-east-1', true],
    ['us-east-1f', false],
    ['us-east-*', true],
    ['us', false],
    ['us-east-1-f', false],
    ['us-gov-east-1', true],
    ['', false],
    ['eu-central-2', true],
    ['cn-northwest-1', true],
    ['us-isob-east-1', true],
    ['eusc-de-east-1', true],
    ['US-EAST-1', false],
    ['*', true],
    ['eu-west-?', true],
  ])('looksLikeRegion(%j) is %j', (region, expected) => {
    expect(looksLikeRegion(region)).toBe(expected);
  });

  // Parliament's is_valid_account_id rows. IAM accepts wildcards in the account field, so
  // `00000000123?` (twelve positions) passes here.
  it.each([
    ['000000001234', true],
    ['abc', false],
    ['00000000123?', true],
    ['', false],
    ['1111', false],
    ['1111*', true],
    ['1111222233334', false],
    ['0000000012?', false],
    ['*', true],
  ])('looksLikeAccountId(%j) is %j', (account, expected) => {
    expect(looksLikeAccountId(account)).toBe(expected);
  });
});

describe('ARN namespaces come from the ARN formats, not from action prefixes', () => {
  it('knows namespaces that are not action prefixes, and prefixes that are not namespaces', () => {
    expect(isArnNamespace('catalog')).toBe(true); // Service Catalog products and portfolios
    expect(isArnNamespace('s3')).toBe(true);
    expect(isArnNamespace('applicationinsights')).toBe(false); // an action prefix without resource ARNs
    expect(isArnNamespace('S3')).toBe(false);
    expect(isArnNamespace('nosuchservice')).toBe(false);
  });
  it('gathers a namespace\'s formats from every service, its own first', () => {
    const ec2 = arnFormatsForNamespace('ec2');
    expect(ec2[0].resourceType.service).toBe('ec2');
    expect(new Set(ec2.map((f) => f.resourceType.service)).size).toBeGreaterThan(1);
    expect(arnFormatsForNamespace('catalog').map((f) => f.resourceType.service)).toContain('servicecatalog');
  });
});

describe('checkResourceArn', () => {
  it('accepts well-formed ARNs, wildcards, variables and placeholders', () => {
    for (const arn of [
      '*',
      'arn:aws:s3:::amzn-s3-demo-bucket',
      'arn:aws:s3:::amzn-s3-demo-bucket/*',
      'arn:aws:s3:us-east-1:111122223333:accesspoint/ap',
      'arn:*:s3:::*/*',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::123456789012:user/Development/product_1234/*',
      'arn:aws:iam::123456789012:*',
      'arn:aws:ssm:us-east-1:123456789012:resource-data-sync/*',
      'arn:aws:logs:*:*:log-group:/aws/cloudfront/*',
      'arn:aws:apigateway:us-east-1::/restapis/a123456789/*',
      'arn:aws:sagemaker:<REGION>:<ACCOUNT-ID>:*',
      'arn:aws:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${StreamName}',
    ]) {
      expect(checkResourceArn(arn), arn).toBeUndefined();
    }
  });

  // Parliament's test_arn_match_* rows: an ARN whose region or account does not fit its type.
  it.each([
    ['arn:::::trail/my-trail', 'unknownPartition'],
    ['arn:aws:s3:us-east-1::bucket1/*', 'unexpectedRegion'],
    ['arn:aws:s3::123412341234:bucket1/*', 'unexpectedAccount'],
    ['arn:aws:s3:us-east-1:123412341234:bucket1/*', 'unexpectedRegion'],
    ['arn:aws:iam:::role/my-role', 'missingAccount'],
    ['arn:aws:iam:us-east-1::role/my-role', 'unexpectedRegion'],
    ['arn:aws:apigateway:::/restapis/a123456789/*', 'missingRegion'],
    ['arn:aws:apigateway:us-east-1:123412341234:/restapis/a123456789/*', 'unexpectedAccount'],
  ])('%s → %s', (arn, kind) => {
    expect(checkResourceArn(arn)?.kind).toBe(kind);
  });

  // Parliament's is_arn_strictly_valid rows that concern the resource part.
  it.each([
    ['arn:aws:iam::123456789012:u*', undefined],
    ['arn:aws:iam::123456789012:*/*', undefined],
    ['arn:aws:ssm:*:123456789012:resource-data-*/*', undefined],
    // Parliament's row has an empty region; today's data gives resource data syncs a region.
    ['arn:aws:ssm::123456789012:resource-data-sync/*', 'missingRegion'],
    ['arn:aws:redshift:us-west-2:123456789012:db*:the_cluster/the_user', undefined],
    ['arn:aws:iam::123456789012:usr/x', 'resourceMismatch'],
  ])('resource part of %s → %s', (arn, kind) => {
    // Parliament rejects the wildcard rows as not "strictly" valid; IAM's wildcards make them match
    // users, resource data syncs and database users, so they are well formed.
    expect(checkResourceArn(arn)?.kind).toBe(kind);
  });

  it('reports each kind of problem with what a message needs', () => {
    expect(checkResourceArn('my-bucket')).toEqual({ kind: 'notArn', suggestion: 'arn:aws:s3:::my-bucket' });
    expect(checkResourceArn('s3')).toEqual({ kind: 'notArn', suggestion: undefined });
    expect(checkResourceArn('arn:aws:s3::bucket')).toMatchObject({ kind: 'missingFields', fieldCount: 5, service: 's3', suggestion: 'arn:aws:s3:::bucket' });
    expect(checkResourceArn('arn:aws:*:*:*:*')).toMatchObject({ kind: 'serviceWildcard', service: '*' });
    expect(checkResourceArn('arn:aws:sagemakr:us-east-1:111122223333:notebook-instance/x')).toMatchObject({
      kind: 'unknownService',
      isActionPrefix: false,
      suggestion: 'arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/x',
    });
    const mismatch = checkResourceArn('arn:aws:ecr:us-east-1:111122223333:repo/x');
    expect(mismatch).toMatchObject({ kind: 'resourceMismatch', service: 'ecr', resource: 'repo/x', suggestion: undefined });
    expect(mismatch?.kind === 'resourceMismatch' && mismatch.examples.map((f) => f.format)).toEqual(['arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}']);
    const region = checkResourceArn('arn:aws:ecr:::repository/x');
    expect(region).toMatchObject({ kind: 'missingRegion', region: '' });
    expect(region?.kind === 'missingRegion' && region.example.resourceType.name).toBe('repository');
    expect(checkResourceArn('arn:aws:ec2:us-east-1a:111122223333:instance/*')).toMatchObject({ kind: 'invalidRegion', region: 'us-east-1a' });
    expect(checkResourceArn('arn:aws:ec2:us-east-1:1111:instance/*')).toMatchObject({ kind: 'invalidAccount', account: '1111' });
  });

  it('reads a * ending a field as IAM does, spanning colons into the resource part (as resource-mismatch reads it)', () => {
    // AWSGlueConsoleFullAccess: the account's * reaches across `111122223333:log-group`.
    expect(checkResourceArn('arn:aws:logs:*:*:/aws-glue/*')).toBeUndefined();
    expect(checkResourceArn('arn:aws:secretsmanager:*:*:sqlworkbench!*')).toBeUndefined();
    for (const arn of ['arn:aws:logs:*:*:/aws-glue/*', 'arn:aws:secretsmanager:*:*:sqlworkbench!*']) {
      const [service] = arn.split(':').slice(2, 3);
      expect(arnFormatsForNamespace(service).some((f) => resourceFitsType(arn, f.resourceType)), arn).toBe(true);
    }
    // Field checks stay field by field.
    expect(checkResourceArn('arn:aws:logs:US-EAST-1:*:/aws-glue/*')).toMatchObject({ kind: 'invalidRegion', region: 'US-EAST-1' });
    expect(checkResourceArn('arn:*:kms:*:::*')?.kind).toBe('missingAccount');
    expect(checkResourceArn('arn:aws:kms:*::*')?.kind).toBe('missingAccount');
  });

  it('still reports resource parts that nothing can reach: a written account, a missing resource type', () => {
    expect(checkResourceArn('arn:aws:logs:us-east-1:111122223333:/aws-glue/*')).toMatchObject({ kind: 'resourceMismatch', resource: '/aws-glue/*' });
    expect(checkResourceArn('arn:aws:ecr:us-east-1:111122223333:repo/x')).toMatchObject({ kind: 'resourceMismatch', resource: 'repo/x' });
    expect(checkResourceArn('arn:aws:sagemaker:us-east-1:111122223333/*')?.kind).toBe('missingFields');
    for (const arn of ['arn:aws:logs:us-east-1:111122223333:/aws-glue/*', 'arn:aws:ecr:us-east-1:111122223333:repo/x']) {
      const [service] = arn.split(':').slice(2, 3);
      expect(arnFormatsForNamespace(service).some((f) => resourceFitsType(arn, f.resourceType)), arn).toBe(false);
    }
  });

  it('agrees with Parliament\'s two INVALID_ARN policy cases', () => {
    const records = (JSON.parse(readFileSyncForCases('/work/shared/peer-suites/parliament/cases.json', 'utf8')) as { records: { id: string; policy: { Statement: unknown } }[] }).records;
    const bad = records.find((r) => r.id === 'tests/unit/test_resource_formatting.py::test_resource_bad');
    expect(checkResourceArn((bad?.policy.Statement as { Resource: string }).Resource)?.kind).toBe('notArn');
    // test_resource_with_sub: Parliament splits `${AWS::AccountId}` on its colons; it is one field.
    expect(checkResourceArn('arn:aws:ssm:*:${AWS::AccountId}:*')).toBeUndefined();
  });
});
