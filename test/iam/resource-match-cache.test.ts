/**
 * resource-match remembers its answers per Resource entry (and per format, per service). These
 * cases pin that a remembered answer is the one asked for: the same entry asked about different
 * formats, types, actions and services, in both orders, and the shortcuts taken before the exact
 * arnCanMatchFormat test (only `*`, a literal service field).
 */
import { describe, expect, it } from 'vitest';
import {
  actionAppliesToResource,
  isJudgeableResource,
  resourceCanMatchStar,
  resourceFitsArnFormat,
  resourceFitsType,
  starOnlyActionCanMatchResource,
} from '../../src/iam/resource-match.js';
import { arnCanMatchFormat, getResourceType, lookupAction, type ActionInfo, type ResourceTypeInfo } from '../../src/iam/service-data.js';

const action = (name: string): ActionInfo => lookupAction(name)!;
const type = (service: string, name: string): ResourceTypeInfo => getResourceType(service, name)!;
const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';

describe('resourceFitsArnFormat, remembered per entry and format', () => {
  it('answers each format of one entry on its own, whatever was asked before', () => {
    for (let round = 0; round < 2; round++) {
      expect(resourceFitsArnFormat('arn:aws:s3:::my-bucket/*', OBJECT)).toBe(true);
      expect(resourceFitsArnFormat('arn:aws:s3:::my-bucket/*', BUCKET)).toBe(false);
      expect(resourceFitsArnFormat('arn:aws:s3:::my-bucket/*', ROLE)).toBe(false);
      expect(resourceFitsArnFormat('arn:aws:s3:::my-bucket', BUCKET)).toBe(true);
      expect(resourceFitsArnFormat('arn:aws:s3:::my-bucket', OBJECT)).toBe(false);
    }
  });

  it('an entry of only `*` fits every format', () => {
    for (const entry of ['*', '**', '${aws:username}']) {
      expect(resourceFitsArnFormat(entry, ROLE)).toBe(true);
      expect(resourceFitsArnFormat(entry, BUCKET)).toBe(true);
    }
  });

  it('a literal service field of another service never fits; a wildcard or variable one is matched exactly', () => {
    expect(resourceFitsArnFormat('arn:aws:ec2:*:*:*', BUCKET)).toBe(false);
    expect(resourceFitsArnFormat('arn:aws:s*:::b/*', OBJECT)).toBe(true);
    expect(resourceFitsArnFormat('arn:aws:s?:::b', BUCKET)).toBe(true);
    expect(resourceFitsArnFormat('arn:aws:${aws:PrincipalTag/svc}:::b', BUCKET)).toBe(true);
    // a `*` in the partition spans the colons up to the format's service
    expect(resourceFitsArnFormat('arn:*', ROLE)).toBe(true);
  });

  it('agrees with arnCanMatchFormat where no field needs a stand-in', () => {
    const entries = ['arn:aws:iam::111122223333:role/x', 'arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:user/x', 'arn:aws:s3:::b/k', 'arn:aws:logs:*:*:/aws-glue/*'];
    for (const entry of entries) for (const format of [BUCKET, OBJECT, ROLE]) expect(resourceFitsArnFormat(entry, format), `${entry} ~ ${format}`).toBe(arnCanMatchFormat(entry, format));
  });

  it('an empty field that every format of the service fills counts as filled (ECR), one the service leaves empty does not (S3 access points)', () => {
    expect(resourceFitsType('arn:aws:ecr:::repository/app', type('ecr', 'repository'))).toBe(true);
    expect(resourceFitsType('arn:aws:s3:::ap/object/x', type('s3', 'accesspoint'))).toBe(false);
  });
});

describe('actionAppliesToResource and starOnlyActionCanMatchResource, remembered per entry', () => {
  it('answers each action for one entry on its own', () => {
    for (let round = 0; round < 2; round++) {
      expect(actionAppliesToResource(action('s3:GetObject'), 'arn:aws:s3:::b/*')).toBe(true);
      expect(actionAppliesToResource(action('s3:ListBucket'), 'arn:aws:s3:::b/*')).toBe(false);
      expect(actionAppliesToResource(action('ec2:RunInstances'), 'arn:aws:s3:::b/*')).toBe(false);
      expect(actionAppliesToResource(action('ec2:RunInstances'), 'arn:aws:ec2:*:*:instance/*')).toBe(true);
      // actions that take only "*" apply to no ARN
      expect(actionAppliesToResource(action('s3:ListAllMyBuckets'), 'arn:aws:s3:::*')).toBe(false);
    }
  });

  it('the S3 service ARN matches S3 service-level actions only, whichever service is asked first', () => {
    for (const order of [['ec2:DescribeInstances', 's3:ListAllMyBuckets'], ['s3:ListAllMyBuckets', 'ec2:DescribeInstances']]) {
      const entry = order[0] === 'ec2:DescribeInstances' ? 'arn:aws:s3:::*' : 'arn:*:s3:::*';
      for (const name of order) expect(starOnlyActionCanMatchResource(action(name), entry), `${name} on ${entry}`).toBe(name.startsWith('s3:'));
    }
    expect(starOnlyActionCanMatchResource(action('s3:ListAllMyBuckets'), 'arn:aws:s3:::b/*')).toBe(false);
    expect(starOnlyActionCanMatchResource(action('ec2:DescribeInstances'), '*')).toBe(true);
  });

  it('resourceCanMatchStar and isJudgeableResource read the entry as written', () => {
    expect(resourceCanMatchStar('*')).toBe(true);
    expect(resourceCanMatchStar('${aws:username}')).toBe(true);
    expect(resourceCanMatchStar('arn:aws:s3:::*')).toBe(false);
    expect(isJudgeableResource('my-bucket')).toBe(false);
    expect(isJudgeableResource('arn:*')).toBe(true);
    expect(isJudgeableResource('{BUCKET_ARN}')).toBe(true);
  });
});
