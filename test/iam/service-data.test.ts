import { describe, it, expect } from 'vitest';
import {
  actionMatches,
  allServicePrefixes,
  arnCanMatchFormat,
  arnCanMatchResourceType,
  arnFormatToWildcard,
  conditionKeyMatchesTemplate,
  expandActionPattern,
  getAction,
  getConditionKey,
  getResourceType,
  iamDataUpdatedAt,
  iamDataVersion,
  lookupAction,
  serviceActions,
  serviceConditionKeys,
  serviceExists,
  serviceName,
  serviceResourceTypes,
  supportsResourceArns,
  type ResourceTypeInfo,
} from '../../src/iam/index.js';

function resourceType(service: string, name: string): ResourceTypeInfo {
  const rt = getResourceType(service, name);
  if (!rt) throw new Error(`no resource type ${service}:${name}`);
  return rt;
}

describe('services', () => {
  it('knows the service prefixes', () => {
    expect(allServicePrefixes()).toHaveLength(456);
    expect(serviceExists('ecr')).toBe(true);
    expect(serviceExists('ECR')).toBe(true);
    expect(serviceExists('ecrr')).toBe(false);
    expect(serviceExists('')).toBe(false);
  });

  it('names services', () => {
    expect(serviceName('ecr')).toBe('Amazon Elastic Container Registry');
    expect(serviceName('EC2')).toBe('Amazon EC2');
    expect(serviceName('nope')).toBeUndefined();
    expect(serviceName('constructor')).toBeUndefined();
  });

  it('reports the data version and date', () => {
    expect(iamDataVersion()).toBe('0.21.202609261');
    expect(iamDataUpdatedAt()).toBe('2026-09-26');
  });
});

describe('actions', () => {
  it('looks up ecr:GetAuthorizationToken case-insensitively; it takes only "*"', () => {
    const action = lookupAction('ECR:getauthorizationtoken');
    expect(action).toMatchObject({
      service: 'ecr',
      name: 'GetAuthorizationToken',
      fullName: 'ecr:GetAuthorizationToken',
      accessLevel: 'Read',
      accessLevels: ['Read'],
      resourceTypes: [],
    });
    expect(supportsResourceArns(action!)).toBe(false);
  });

  it('ecr:PutImage is a Write action on a repository', () => {
    const action = lookupAction('ecr:PutImage')!;
    expect(action.accessLevel).toBe('Write');
    expect(supportsResourceArns(action)).toBe(true);
    expect(action.resourceTypes).toEqual([{ name: 'repository', required: true, conditionKeys: [] }]);
  });

  it('star-only actions do not support resource ARNs', () => {
    for (const name of ['sts:GetCallerIdentity', 's3:ListAllMyBuckets', 'kms:CreateKey', 'ec2:DescribeInstances']) {
      expect(supportsResourceArns(lookupAction(name)!), name).toBe(false);
    }
    expect(lookupAction('kms:CreateKey')!.accessLevel).toBe('Write');
  });

  it('cloudwatch:PutMetricData: this data version lists an optional dataset resource', () => {
    // DESIGN.md cites PutMetricData as "*"-only; iam-data 0.21.202609261 gives it an optional
    // `dataset` resource type, so it does support ARNs (rules must not assume otherwise).
    const action = lookupAction('cloudwatch:PutMetricData')!;
    expect(action.resourceTypes).toEqual([
      { name: 'dataset', required: false, conditionKeys: ['aws:ResourceTag/${TagKey}'] },
    ]);
    expect(supportsResourceArns(action)).toBe(true);
    expect(action.accessLevel).toBe('Write');
  });

  it('maps combined access levels to the primary one', () => {
    // The data lists iam:PassRole as plain "Write" (not "Permissions management").
    expect(lookupAction('iam:PassRole')).toMatchObject({ accessLevel: 'Write', accessLevels: ['Write'] });
    expect(lookupAction('iam:PassRole')!.conditionKeys).toContain('iam:PassedToService');
    expect(lookupAction('iam:AttachRolePolicy')).toMatchObject({
      accessLevel: 'Permissions management',
      accessLevels: ['Permissions management', 'Write'],
    });
    expect(lookupAction('ecr:SetRepositoryPolicy')!.accessLevel).toBe('Permissions management');
    expect(lookupAction('ecr:TagResource')).toMatchObject({
      accessLevel: 'Tagging',
      accessLevels: ['Tagging', 'Write'],
    });
    expect(lookupAction('s3:ListBucket')!.accessLevel).toBe('List');
  });

  it('returns undefined for unknown or malformed names', () => {
    expect(lookupAction('ecr:NoSuchAction')).toBeUndefined();
    expect(lookupAction('nosuchservice:GetThing')).toBeUndefined();
    expect(lookupAction('GetAuthorizationToken')).toBeUndefined();
    expect(lookupAction('ecr:')).toBeUndefined();
    expect(lookupAction('ecr:constructor')).toBeUndefined();
    expect(getAction('ECR', 'batchgetimage')?.fullName).toBe('ecr:BatchGetImage');
  });

  it('lists the actions of a service; the list is frozen and shared', () => {
    const actions = serviceActions('ECR');
    expect(actions.length).toBeGreaterThan(50);
    expect(actions.every((a) => a.service === 'ecr')).toBe(true);
    expect(Object.isFrozen(actions)).toBe(true);
    expect(serviceActions('ecr')).toBe(actions);
    expect(serviceActions('nosuchservice')).toEqual([]);
  });
});

describe('expandActionPattern', () => {
  it('expands ecr:Batch*', () => {
    expect(expandActionPattern('ecr:Batch*').map((a) => a.name).sort()).toEqual([
      'BatchCheckLayerAvailability',
      'BatchDeleteImage',
      'BatchGetImage',
      'BatchGetRepositoryScanningConfiguration',
      'BatchImportUpstreamImage',
    ]);
  });

  it('is case-insensitive and supports ?', () => {
    expect(expandActionPattern('ECR:batch*').map((a) => a.name)).toEqual(
      expandActionPattern('ecr:Batch*').map((a) => a.name),
    );
    expect(expandActionPattern('s3:?etObject').map((a) => a.fullName)).toEqual(['s3:GetObject']);
    expect(expandActionPattern('ecr:getauthorizationtoken').map((a) => a.fullName)).toEqual([
      'ecr:GetAuthorizationToken',
    ]);
  });

  it('expands a whole service', () => {
    expect(expandActionPattern('ecr:*')).toHaveLength(serviceActions('ecr').length);
  });

  it('expands * and *:* to every action', () => {
    const all = expandActionPattern('*');
    expect(all.length).toBeGreaterThan(20000);
    expect(expandActionPattern('*:*')).toHaveLength(all.length);
    expect(expandActionPattern('*')).toBe(all); // cached
  });

  it('matches over all services when the service part has a wildcard', () => {
    const names = expandActionPattern('ec?:GetAuthorizationToken').map((a) => a.fullName);
    expect(names).toEqual(['ecr:GetAuthorizationToken']);
    const getters = expandActionPattern('*:GetAuthorizationToken').map((a) => a.fullName).sort();
    expect(getters).toContain('ecr:GetAuthorizationToken');
    expect(getters).toContain('ecr-public:GetAuthorizationToken');
    expect(getters).toContain('codeartifact:GetAuthorizationToken');
  });

  it('returns [] for unknown services, unknown actions and malformed patterns', () => {
    expect(expandActionPattern('nosuchservice:*')).toEqual([]);
    expect(expandActionPattern('s3:zzz*')).toEqual([]);
    expect(expandActionPattern('s3:zzz')).toEqual([]);
    expect(expandActionPattern('malformed')).toEqual([]);
    expect(expandActionPattern('')).toEqual([]);
  });
});

describe('actionMatches', () => {
  it.each([
    ['ecr:*', 'ecr:PutImage', true],
    ['ECR:put*', 'ecr:PutImage', true],
    ['*', 'ecr:PutImage', true],
    ['ecr:Get*', 'ecr:PutImage', false],
    ['iam:PassRole', 'IAM:passrole', true],
    ['iam:Pass?ole', 'iam:PassRole', true],
    ['iam:PassRole', 'iam:PassRoles', false],
  ])('%j ~ %j → %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('resource types', () => {
  it('reads the ECR repository type', () => {
    expect(getResourceType('ECR', 'Repository')).toEqual({
      service: 'ecr',
      name: 'repository',
      arnFormats: ['arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}'],
      conditionKeys: ['aws:ResourceTag/${TagKey}', 'ecr:ResourceTag/${TagKey}'],
    });
    expect(getResourceType('ecr', 'nope')).toBeUndefined();
    expect(getResourceType('nosuchservice', 'repository')).toBeUndefined();
  });

  it('splits a type that lists several ARN formats', () => {
    expect(getResourceType('apigateway', 'authorizer')?.arnFormats).toEqual([
      'arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/authorizers/${AuthorizerId}',
      'arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/authorizers/${AuthorizerId}',
    ]);
  });

  it('lists the types of a service', () => {
    const names = serviceResourceTypes('s3').map((rt) => rt.name);
    expect(names).toContain('bucket');
    expect(names).toContain('object');
  });

  it.each([
    ['arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}', 'arn:*:ecr:*:*:repository/*'],
    ['arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:*:s3:::*/*'],
    ['arn:${Partition}:dms:${Region}:${Account}:cert:*', 'arn:*:dms:*:*:cert:*'],
    ['no variables', 'no variables'],
  ])('arnFormatToWildcard(%j) → %j', (format, expected) => {
    expect(arnFormatToWildcard(format)).toBe(expected);
  });
});

describe('arnCanMatchResourceType', () => {
  const bucket = () => resourceType('s3', 'bucket');
  const object = () => resourceType('s3', 'object');

  it.each([
    ['arn:aws:s3:::bucket', 'bucket', true],
    ['arn:aws:s3:::bucket', 'object', false],
    ['arn:aws:s3:::bucket/*', 'object', true],
    ['arn:aws:s3:::bucket/*', 'bucket', false], // a bucket name never contains `/`
    ['arn:aws:s3:::bucket*', 'bucket', true],
    ['arn:aws:s3:::bucket*', 'object', true],
    ['arn:aws:s3:::*', 'bucket', true],
    ['arn:aws:s3:::*', 'object', true],
    ['*', 'bucket', true],
    ['arn:*:s3:::b', 'bucket', true],
    ['arn:aws:s3:us-east-1::bucket', 'bucket', false], // S3 bucket ARNs have no region
    ['arn:aws:s3:::', 'bucket', false], // a name is never empty
    ['arn:aws:s3-object-lambda:::bucket', 'bucket', false],
    ['arn:aws:S3:::bucket', 'bucket', false], // ARNs are case-sensitive
    ['arn:aws:s3:::bucket-${aws:PrincipalTag/team}', 'bucket', true],
  ])('%j fits s3 %s → %s', (arn, type, expected) => {
    expect(arnCanMatchResourceType(arn, type === 'bucket' ? bucket() : object())).toBe(expected);
  });

  it('substitutes policy variables', () => {
    expect(arnCanMatchResourceType('arn:aws:iam::${aws:accountid}:user/${aws:username}', resourceType('iam', 'user'))).toBe(
      true,
    );
    expect(arnCanMatchResourceType('arn:aws:iam::111122223333:user/${aws:username}', resourceType('iam', 'role'))).toBe(
      false,
    );
  });

  it('lets a `*` that ends a segment expand across colons, as IAM documents', () => {
    // "If the * wildcard is the last character of a resource ARN segment, it can expand to
    // match beyond the colon boundaries" (IAM User Guide, Resource element).
    expect(arnCanMatchResourceType('arn:aws:iam::*:user/*', resourceType('iam', 'role'))).toBe(true);
  });

  it('judges one format at a time the same way (arnCanMatchFormat)', () => {
    const logGroup = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}';
    expect(arnCanMatchFormat('arn:aws:logs:*:*:/aws-glue/*', logGroup)).toBe(true); // AWSGlueConsoleFullAccess
    expect(arnCanMatchFormat('arn:aws:logs:us-east-1:111122223333:/aws-glue/*', logGroup)).toBe(false);
    expect(arnCanMatchFormat('arn:aws:logs:*:*:log-group:/aws-glue/*', logGroup)).toBe(true);
    expect(arnCanMatchFormat('arn:aws:s3:::*', logGroup)).toBe(false); // another service
    expect(arnCanMatchFormat('*', logGroup)).toBe(true);
    for (const rt of [resourceType('ecr', 'repository'), resourceType('s3', 'object')]) {
      for (const arn of ['arn:aws:ecr:*:*:repository/*', 'arn:aws:s3:::b/*', 'arn:aws:ecr:::repository/app']) {
        expect(rt.arnFormats.some((f) => arnCanMatchFormat(arn, f)), `${arn} ${rt.name}`).toBe(arnCanMatchResourceType(arn, rt));
      }
    }
  });

  it('matches ECR repositories and rejects ARNs that lack fields', () => {
    const repository = resourceType('ecr', 'repository');
    expect(arnCanMatchResourceType('arn:aws:ecr:us-east-1:111122223333:repository/team/app', repository)).toBe(true);
    expect(arnCanMatchResourceType('arn:aws:ecr:*:*:repository/*', repository)).toBe(true);
    expect(arnCanMatchResourceType('arn:aws:ecr:::repository/app', repository)).toBe(false);
    expect(arnCanMatchResourceType('arn:aws:ecr:us-east-1:111122223333:app', repository)).toBe(false);
    expect(arnCanMatchResourceType('arn:aws:ecr-public::111122223333:repository/app', repository)).toBe(false);
  });

  it('requires the service field to agree', () => {
    const role = resourceType('iam', 'role');
    expect(arnCanMatchResourceType('arn:aws:iam::111122223333:role/app', role)).toBe(true);
    expect(arnCanMatchResourceType('arn:aws:sts::111122223333:role/app', role)).toBe(false);
    expect(arnCanMatchResourceType('arn:aws:*::111122223333:role/app', role)).toBe(true);
    expect(arnCanMatchResourceType('arn:aws:iam::*:role/*', role)).toBe(true);
  });

  it('lets resource names hold `:` where the service allows it (log groups)', () => {
    const logGroup = resourceType('logs', 'log-group');
    const logStream = resourceType('logs', 'log-stream');
    const arn = 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:*';
    expect(arnCanMatchResourceType(arn, logGroup)).toBe(true);
    expect(arnCanMatchResourceType(arn, logStream)).toBe(true);
  });

  it('uses any of several formats', () => {
    const authorizer = resourceType('apigateway', 'authorizer');
    expect(arnCanMatchResourceType('arn:aws:apigateway:us-east-1::/restapis/abc/authorizers/x', authorizer)).toBe(true);
    expect(arnCanMatchResourceType('arn:aws:apigateway:us-east-1::/apis/abc/authorizers/x', authorizer)).toBe(true);
    expect(arnCanMatchResourceType('arn:aws:apigateway:us-east-1::/apis/abc', authorizer)).toBe(false);
  });
});

describe('condition keys', () => {
  it.each([
    ['aws:SourceArn', { key: 'aws:SourceArn', type: 'ARN', service: 'aws', isPattern: false }],
    ['AWS:sourcearn', { key: 'aws:SourceArn', type: 'ARN', service: 'aws', isPattern: false }],
    ['aws:MultiFactorAuthPresent', { key: 'aws:MultiFactorAuthPresent', type: 'Bool', service: 'aws', isPattern: false }],
    ['aws:SourceIp', { key: 'aws:SourceIp', type: 'IPAddress', service: 'aws', isPattern: false }],
    ['aws:CurrentTime', { key: 'aws:CurrentTime', type: 'Date', service: 'aws', isPattern: false }],
    ['aws:TagKeys', { key: 'aws:TagKeys', type: 'ArrayOfString', service: 'aws', isPattern: false }],
    ['aws:RequestTag/Env', { key: 'aws:RequestTag/${TagKey}', type: 'String', service: 'aws', isPattern: true }],
    ['aws:principaltag/team', { key: 'aws:PrincipalTag/${TagKey}', type: 'String', service: 'aws', isPattern: true }],
    ['aws:ResourceTag/a:b/c', { key: 'aws:ResourceTag/${TagKey}', type: 'String', service: 'aws', isPattern: true }],
    ['iam:PassedToService', { key: 'iam:PassedToService', type: 'String', service: 'iam', isPattern: false }],
    ['IAM:passedtoservice', { key: 'iam:PassedToService', type: 'String', service: 'iam', isPattern: false }],
    ['s3:prefix', { key: 's3:prefix', type: 'String', service: 's3', isPattern: false }],
    ['kms:GrantIsForAWSResource', { key: 'kms:GrantIsForAWSResource', type: 'Bool', service: 'kms', isPattern: false }],
    ['kms:ViaService', { key: 'kms:ViaService', type: 'String', service: 'kms', isPattern: false }],
    ['ec2:Vpc', { key: 'ec2:Vpc', type: 'ARN', service: 'ec2', isPattern: false }],
    ['ecr:ResourceTag/app', { key: 'ecr:ResourceTag/${TagKey}', type: 'String', service: 'ecr', isPattern: true }],
    ['s3:ExistingObjectTag/owner', { key: 's3:ExistingObjectTag/<key>', type: 'String', service: 's3', isPattern: true }],
    [
      'codebuild:environment.environmentVariables/TOKEN.value',
      {
        key: 'codebuild:environment.environmentVariables/${name}.value',
        type: 'String',
        service: 'codebuild',
        isPattern: true,
      },
    ],
    // Prefixes that are not services, defined in sts's data.
    ['saml:sub', { key: 'saml:sub', type: 'String', service: 'sts', isPattern: false }],
    ['accounts.google.com:aud', { key: 'accounts.google.com:aud', type: 'String', service: 'sts', isPattern: false }],
    [
      'token.actions.githubusercontent.com/my-org:repository',
      { key: 'token.actions.githubusercontent.com/${SubPath}:repository', type: 'String', service: 'sts', isPattern: true },
    ],
    // OIDC claims the data does not list for every provider.
    ['token.actions.githubusercontent.com:sub', { key: '${OidcProvider}:sub', type: 'String', service: 'sts', isPattern: true }],
    [
      'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud',
      { key: '${OidcProvider}:aud', type: 'String', service: 'sts', isPattern: true },
    ],
    // Documented only by another service's data.
    ['ec2:osuser', { key: 'ec2:osuser', type: 'String', service: 'ec2-instance-connect', isPattern: false }],
  ])('%j', (key, expected) => {
    expect(getConditionKey(key)).toEqual(expected);
  });

  it.each([
    'aws:NoSuchKey',
    'aws:RequestTag/',
    'aws:RequestTag',
    'iam:NoSuchKey',
    'nosuchservice:Thing',
    's3:',
    'noprefix',
    '',
    'example.com:nosuchclaim',
  ])('%j is unknown', (key) => {
    expect(getConditionKey(key)).toBeUndefined();
  });

  it('lists the keys of a service', () => {
    const keys = serviceConditionKeys('ec2');
    expect(keys.length).toBeGreaterThanOrEqual(59);
    expect(keys.find((k) => k.key === 'ec2:Vpc')?.type).toBe('ARN');
    expect(serviceConditionKeys('nosuchservice')).toEqual([]);
  });

  it.each([
    ['aws:RequestTag/${TagKey}', 'aws:requesttag/Env', true],
    ['aws:RequestTag/${TagKey}', 'aws:RequestTag/', false],
    ['s3:ExistingObjectTag/<key>', 's3:ExistingObjectTag/owner', true],
    ['iam:PassedToService', 'IAM:PASSEDTOSERVICE', true],
    ['iam:PassedToService', 'iam:PassedToServices', false],
  ])('conditionKeyMatchesTemplate(%j, %j) → %s', (template, key, expected) => {
    expect(conditionKeyMatchesTemplate(template, key)).toBe(expected);
  });
});
