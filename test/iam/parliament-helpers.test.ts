/**
 * Parliament's helper-only unit tests (/work/shared/peer-suites/parliament/cases.json,
 * `helper_only_tests`) replayed against src/iam. Each row carries Parliament's own call and
 * expectation; where IAM semantics differ we assert IAM's and say why.
 *
 * Not replayed: `is_valid_region` and `is_valid_account_id`. They are Parliament's format
 * heuristics (no wildcard in a region, 12-digit accounts) and have no counterpart here: IAM
 * itself accepts `us-east-*` or `00000000123?` in those fields, so whether to warn about them
 * belongs to the malformed-arn rule, not to the matching helpers.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  allServicePrefixes,
  arnCanMatchResourceType,
  arnFormatToWildcard,
  expandActionPattern,
  getConditionKey,
  getResourceType,
  parseArn,
  serviceActions,
  serviceConditionKeys,
  serviceName,
  serviceResourceTypes,
  wildcardIntersects,
  type ResourceTypeInfo,
} from '../../src/iam/index.js';

interface HelperAssert {
  fn?: string;
  args?: unknown[];
  expect?: unknown;
}
interface HelperTest {
  id: string;
  asserts: HelperAssert[];
}

const cases = JSON.parse(readFileSync('/work/shared/peer-suites/parliament/cases.json', 'utf8')) as {
  helper_only_tests: HelperTest[];
};
const parliamentRows = (fn: string): unknown[][] =>
  cases.helper_only_tests.flatMap((t) => t.asserts.filter((a) => a.fn === fn).map((a) => [...(a.args ?? []), a.expect]));

function realType(service: string, name: string): ResourceTypeInfo {
  const rt = getResourceType(service, name);
  if (!rt) throw new Error(`no resource type ${service}:${name}`);
  return rt;
}

/**
 * Parliament's formats are data formats with every `${Var}` already turned into `*`. Turning
 * each `*` back into a variable gives them the meaning real formats have here (a variable is
 * never empty; in the header fields it never holds a `:`).
 */
function typeFromParliamentFormat(format: string): ResourceTypeInfo {
  return {
    service: parseArn(format)?.service ?? '*',
    name: 'parliament-format',
    arnFormats: [format === '*' ? '*' : format.replaceAll('*', '${Var}')],
    conditionKeys: [],
  };
}

describe('Parliament test_action_expansion → expandActionPattern', () => {
  const names = (pattern: string) => expandActionPattern(pattern).map((a) => `${a.service}:${a.name}`);

  it.each([
    ['s3:listallmybuckets', ['s3:ListAllMyBuckets']],
    ['s3:listallmybucke*', ['s3:ListAllMyBuckets']],
    ['iAm:li*sTuS*rs', ['iam:ListUsers']],
    [
      'ses:Describe*',
      ['ses:DescribeActiveReceiptRuleSet', 'ses:DescribeConfigurationSet', 'ses:DescribeReceiptRule', 'ses:DescribeReceiptRuleSet'],
    ],
    ['logs:GetLogDelivery', ['logs:GetLogDelivery']],
  ])('%j expands to %j', (pattern, expected) => {
    expect(names(pattern).sort()).toEqual(expected);
  });

  // Parliament raises ValueError / UnknownPrefixException / UnknownActionException; here an
  // expansion is a plain lookup that yields nothing, and the unknown-service / unknown-action
  // rules turn that into a finding with a location.
  it.each([
    ['malformed', 'ValueError'],
    ['333:listallmybuckets', 'UnknownPrefixException'],
    ['s3:zzz', 'UnknownActionException'],
    ['s3:zzz*', 'UnknownActionException'],
    ['iq:dostuff', 'UnknownActionException'],
  ])('%j (Parliament: %s) expands to nothing', (pattern) => {
    expect(expandActionPattern(pattern)).toEqual([]);
  });

  it('expands * and *:* to everything; iq:* works', () => {
    expect(expandActionPattern('*').length).toBeGreaterThan(5000);
    expect(expandActionPattern('*:*').length).toBeGreaterThan(5000);
    expect(expandActionPattern('iq:*').length).toBeGreaterThan(0);
  });
});

describe('Parliament test_privilege_data → service data lookups', () => {
  it('has over 220 services', () => {
    expect(allServicePrefixes().length).toBeGreaterThan(220);
  });

  it('describes EC2 as Parliament expects', () => {
    expect(serviceName('ec2')).toBe('Amazon EC2');
    expect(serviceResourceTypes('ec2').length).toBeGreaterThanOrEqual(32);
    const vpc = getResourceType('ec2', 'vpc');
    expect(vpc?.arnFormats.some((f) => f.includes('vpc'))).toBe(true);
    expect(vpc?.conditionKeys.length).toBeGreaterThanOrEqual(5);
    expect(getConditionKey('ec2:Vpc')?.type).toBe('ARN');
    expect(serviceConditionKeys('ec2').length).toBeGreaterThanOrEqual(59);
    expect(serviceActions('ec2').length).toBeGreaterThanOrEqual(363);
  });
});

describe('Parliament is_glob_match → wildcardIntersects', () => {
  const rows = parliamentRows('is_glob_match') as [string, string, boolean][];

  it('replays all 16 rows', () => {
    expect(rows).toHaveLength(16);
  });

  // Parliament's glob match asks whether two patterns can match a common string, which is
  // exactly wildcardIntersects; every expectation agrees with IAM semantics.
  it.each(rows)('%j ∩ %j → %s', (a, b, expected) => {
    expect(wildcardIntersects(a, b)).toBe(expected);
    expect(wildcardIntersects(b, a)).toBe(expected);
  });
});

describe('Parliament is_arn_match / is_arn_strictly_valid → arnCanMatchResourceType', () => {
  interface Row {
    fn: 'is_arn_match' | 'is_arn_strictly_valid';
    typeName: string;
    format: string;
    resource: string;
    parliament: boolean;
    /** The data's resource type this row is about; otherwise Parliament's format is used. */
    real?: [string, string];
    expected: boolean;
    why?: string;
  }

  const rows: Row[] = [
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: 'arn:*:s3:::*/*', parliament: true, real: ['s3', 'object'], expected: true },
    { fn: 'is_arn_match', typeName: 'object', format: '*', resource: 'arn:*:s3:::*/*', parliament: true, expected: true },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: '*', parliament: true, real: ['s3', 'object'], expected: true },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: 'arn:aws:s3:::*personalize*', parliament: true, real: ['s3', 'object'], expected: true },
    { fn: 'is_arn_match', typeName: 'bucket', format: 'arn:*:s3:::mybucket', resource: 'arn:*:s3:::mybucket', parliament: true, expected: true },
    { fn: 'is_arn_match', typeName: 'bucket', format: 'arn:*:s3:::mybucket', resource: 'arn:*:s3:::mybucket/*', parliament: false, expected: false },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: 'arn:aws:s3:::examplebucket', parliament: false, real: ['s3', 'object'], expected: false },
    { fn: 'is_arn_match', typeName: 'bucket', format: 'arn:*:s3:::mybucket*', resource: 'arn:*:s3:::mybucket2', parliament: true, expected: true },
    { fn: 'is_arn_match', typeName: 'bucket', format: 'arn:*:s3:::*', resource: 'arn:*:s3:::mybucket2', parliament: true, real: ['s3', 'bucket'], expected: true },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: 'arn:aws:logs:*:*:/aws/cloudfront/*', parliament: false, real: ['s3', 'object'], expected: false },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:aws:s3:::*/*', resource: 'arn:aws:logs:*:*:/aws/cloudfront/*', parliament: false, expected: false },
    { fn: 'is_arn_match', typeName: 'cloudfront', format: 'arn:aws:logs:*:*:/aws/cloudfront/*', resource: 'arn:aws:logs:us-east-1:000000000000:/aws/cloudfront/test', parliament: true, expected: true },
    { fn: 'is_arn_match', typeName: 'bucket', format: 'arn:*:s3:::*', resource: 'arn:aws:s3:::bucket-for-client-${aws:PrincipalTag/Namespace}-*', parliament: true, real: ['s3', 'bucket'], expected: true },
    { fn: 'is_arn_match', typeName: 'cloudtrail', format: 'arn:*:cloudtrail:*:*:trail/*', resource: 'arn:::::trail/my-trail', parliament: false, real: ['cloudtrail', 'trail'], expected: false },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: 'arn:aws:s3:us-east-1::bucket1/*', parliament: false, real: ['s3', 'object'], expected: false },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: 'arn:aws:s3::123412341234:bucket1/*', parliament: false, real: ['s3', 'object'], expected: false },
    { fn: 'is_arn_match', typeName: 'object', format: 'arn:*:s3:::*/*', resource: 'arn:aws:s3:us-east-1:123412341234:bucket1/*', parliament: false, real: ['s3', 'object'], expected: false },
    { fn: 'is_arn_match', typeName: 'role', format: 'arn:*:iam::*:role/*', resource: 'arn:aws:iam:::role/my-role', parliament: false, real: ['iam', 'role'], expected: false },
    { fn: 'is_arn_match', typeName: 'role', format: 'arn:*:iam::*:role/*', resource: 'arn:aws:iam:us-east-1::role/my-role', parliament: false, real: ['iam', 'role'], expected: false },
    { fn: 'is_arn_match', typeName: 'apigateway', format: 'arn:*:apigateway:*::*', resource: 'arn:aws:apigateway:::/restapis/a123456789/*', parliament: false, expected: false },
    { fn: 'is_arn_match', typeName: 'apigateway', format: 'arn:*:apigateway:*::*', resource: 'arn:aws:apigateway:us-east-1:123412341234:/restapis/a123456789/*', parliament: false, expected: false },

    { fn: 'is_arn_strictly_valid', typeName: 'user', format: 'arn:*:iam::*:user/*', resource: 'arn:aws:iam::123456789012:user/Development/product_1234/*', parliament: true, real: ['iam', 'user'], expected: true },
    { fn: 'is_arn_strictly_valid', typeName: 'user', format: 'arn:*:iam::*:user/*', resource: 'arn:aws:iam::123456789012:*', parliament: true, real: ['iam', 'user'], expected: true },
    {
      fn: 'is_arn_strictly_valid', typeName: 'ssm', format: 'arn:*:ssm::*:resource-data-sync/*', resource: 'arn:aws:ssm::123456789012:resource-data-sync/*', parliament: true, real: ['ssm', 'resourcedatasync'], expected: false,
      why: "Parliament's 2020 format had no region; the current data (and real sync ARNs) have one, so an ARN with an empty region names no resource data sync.",
    },
    {
      fn: 'is_arn_strictly_valid', typeName: 'ssm', format: 'arn:*:ssm::*:resource-data-sync/*', resource: 'arn:aws:ssm::123456789012:resource-data-*/*', parliament: false, real: ['ssm', 'resourcedatasync'], expected: false,
      why: 'Same answer, other reason: the empty region (see the row above). Parliament rejects the wildcard in "resource-data-*", which IAM accepts (next test).',
    },
    {
      fn: 'is_arn_strictly_valid', typeName: 'user', format: 'arn:*:iam::*:user/*', resource: 'arn:aws:iam::123456789012:*/*', parliament: false, real: ['iam', 'user'], expected: true,
      why: 'IAM matches */* against user/<name>; Parliament rejects a wildcard in place of the resource type as a style choice.',
    },
    {
      fn: 'is_arn_strictly_valid', typeName: 'user', format: 'arn:*:iam::*:user/*', resource: 'arn:aws:iam::123456789012:u*', parliament: false, real: ['iam', 'user'], expected: true,
      why: 'IAM matches u* against user/<name>; "strict" validity is a Parliament style rule.',
    },
    {
      fn: 'is_arn_strictly_valid', typeName: 'dbuser', format: 'arn:*:redshift:*:*:dbuser:*/*', resource: 'arn:aws:redshift:us-west-2:123456789012:db*:the_cluster/the_user', parliament: false, real: ['redshift', 'dbuser'], expected: true,
      why: 'IAM matches db*:the_cluster/the_user against dbuser:the_cluster/the_user; "strict" validity is a Parliament style rule.',
    },
  ];

  it('covers every is_arn_match and is_arn_strictly_valid row of cases.json, with its expectation', () => {
    const key = (row: unknown[]) => JSON.stringify(row);
    const fromFile = [...parliamentRows('is_arn_match'), ...parliamentRows('is_arn_strictly_valid')].map(key);
    const fromTable = rows.map((r) => key([r.typeName, r.format, r.resource, r.parliament]));
    expect(fromTable.sort()).toEqual(fromFile.sort());
  });

  it('IAM matches a wildcard inside the resource-type prefix (Parliament\'s "strict" check does not)', () => {
    const sync = realType('ssm', 'resourcedatasync');
    expect(arnCanMatchResourceType('arn:aws:ssm:us-east-1:123456789012:resource-data-*/*', sync)).toBe(true);
    expect(arnCanMatchResourceType('arn:aws:ssm:us-east-1:123456789012:resource-data-sync/*', sync)).toBe(true);
  });

  it('uses real resource types whose wildcard form is the format Parliament tested (ssm aside)', () => {
    for (const row of rows) {
      if (!row.real || row.typeName === 'ssm') continue;
      expect(arnFormatToWildcard(realType(...row.real).arnFormats[0]), row.resource).toBe(row.format);
    }
  });

  it.each(rows)('$fn($typeName, $format, $resource): Parliament $parliament, iamlint $expected', (row) => {
    const type = row.real ? realType(...row.real) : typeFromParliamentFormat(row.format);
    expect(arnCanMatchResourceType(row.resource, type)).toBe(row.expected);
    // A row may differ from Parliament only with a reason.
    expect(row.expected === row.parliament || row.why !== undefined).toBe(true);
  });
});
