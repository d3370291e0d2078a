import { describe, expect, it } from 'vitest';
import { extractCloudFormation, extractCloudFormationText } from '../../src/parsers/cloudformation.js';
import type { EmbeddedPolicy } from '../../src/parsers/formats.js';
import { extractDocuments } from '../../src/parsers/index.js';
import { parseJson } from '../../src/parsers/json.js';
import { toPlainValue } from '../../src/parsers/tree.js';

const extract = (text: string) => extractCloudFormationText('template.yaml', text, {});
const summary = (p: EmbeddedPolicy) => ({ name: p.name, kind: p.kind, set: p.set, templateExpressions: p.templateExpressions });

/** The Resource of the first statement of the only policy, after intrinsic conversion. */
function resourceOf(value: string): unknown {
  const result = extract(`Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: ${value}
`);
  return (toPlainValue(result.policies[0].root) as { Statement: { Resource: unknown }[] }).Statement[0]?.Resource;
}

describe('intrinsic functions become values a rule can read', () => {
  it.each([
    ['!Ref Bucket', '${Bucket}'],
    ['!Ref AWS::Partition', '${AWS::Partition}'],
    ['!GetAtt Role.Arn', '${Role.Arn}'],
    ['!GetAtt [Db, Endpoint.Address]', '${Db.Endpoint.Address}'],
    ['!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"', 'arn:${AWS::Partition}:s3:::${Bucket}/*'],
    ['!Sub ["arn:aws:s3:::${Name}/${Key}", {Name: data-lake, Key: !Ref Prefix}]', 'arn:aws:s3:::data-lake/${Prefix}'],
    ['!Sub "arn:aws:s3:::b/${!aws:username}/*"', 'arn:aws:s3:::b/${aws:username}/*'],
    ['!Join ["", ["arn:", !Ref AWS::Partition, ":s3:::", !Ref Bucket, "/*"]]', 'arn:${AWS::Partition}:s3:::${Bucket}/*'],
    ['!Join [":", [a, 1, true]]', 'a:1:true'],
    ['!Select [1, [a, !GetAtt Q.Arn]]', '${Q.Arn}'],
    ['!Select [0, !GetAZs ""]', '${Fn::Select.0.Fn::GetAZs}'],
    ['!ImportValue shared-queue-arn', '${Fn::ImportValue.shared-queue-arn}'],
    ['!ImportValue {"Fn::Sub": "${Env}:QueueArn"}', '${Fn::ImportValue.Env-QueueArn}'],
    ['!FindInMap [Buckets, !Ref AWS::Region, Arn]', '${Fn::FindInMap.Buckets.AWS::Region.Arn}'],
    ['!Split [",", !Ref List]', '${Fn::Split.List}'],
    ['!If [IsProd, arn:aws:s3:::prod/*, arn:aws:s3:::dev/*]', 'arn:aws:s3:::prod/*'],
    ['!If [IsProd, !Ref AWS::NoValue, arn:aws:s3:::dev/*]', 'arn:aws:s3:::dev/*'],
    ['[arn:aws:s3:::a/*, !If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]]', ['arn:aws:s3:::a/*']],
  ])('%s → %j', (value, expected) => {
    expect(resourceOf(value)).toEqual(expected);
  });

  it('keeps the range of the intrinsic on the converted string', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: sns.amazonaws.com}\n            Action: sqs:SendMessage\n            Resource: !GetAtt Queue.Arn\n';
    const [policy] = extract(text).policies;
    const doc = extractDocuments('template.yaml', text).documents[0];
    const resource = doc.statements[0].resource!.values[0];
    expect(resource.value).toBe('${Queue.Arn}');
    expect(resource.path).toEqual(['Statement', 0, 'Resource']);
    expect([resource.range.start.line, resource.range.start.column, resource.range.end.column]).toEqual([10, 23, 40]);
    expect(summary(policy)).toEqual({ name: 'Q (AWS::SQS::QueuePolicy) › PolicyDocument', kind: 'resource', set: undefined, templateExpressions: true });
    expect(doc.templateExpressions).toBe(true);
  });

  it('marks templateExpressions only on documents that use an intrinsic', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - {Effect: Allow, Principal: {Service: s3.amazonaws.com}, Action: sns:Publish, Resource: "arn:aws:sns:us-east-1:111122223333:t"}\n';
    expect(extract(text).policies[0].templateExpressions).toBeUndefined();
  });
});

describe('policies and policy sets of a template', () => {
  const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Worker]
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "sqs:SendMessage", Resource: "*"}]}
  Unattached:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "sqs:SendMessage", Resource: "*"}]}
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com}, Action: sts:AssumeRole}]}
      PermissionsBoundary: !Ref Boundary
      ManagedPolicyArns: [!Ref Shared, arn:aws:iam::aws:policy/ReadOnlyAccess]
      Policies:
        - PolicyName: s3-read
          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
        - !If [HasExtra, {PolicyName: extra, PolicyDocument: {Statement: [{Effect: Allow, Action: s3:PutObject, Resource: "*"}]}}, !Ref AWS::NoValue]
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      PermissionsBoundary: !GetAtt Boundary.PolicyArn
  WorkerPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: worker
      Roles: [!Ref Worker, external-role-name]
      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:ReceiveMessage, Resource: "*"}]}
  Ops:
    Type: AWS::IAM::Group
    Properties:
      Policies: [{PolicyName: ops, PolicyDocument: {Statement: [{Effect: Allow, Action: "ec2:Describe*", Resource: "*"}]}}]
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: {Statement: [{Effect: Allow, Principal: {AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"}, Action: "kms:*", Resource: "*"}]}
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: {Statement: [{Effect: Allow, Principal: {AWS: "111122223333"}, Action: ecr:BatchGetImage}]}
  Permission:
    Type: AWS::Lambda::Permission
    Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: s3.amazonaws.com}
  Scp:
    Type: AWS::Organizations::Policy
    Properties:
      Type: SERVICE_CONTROL_POLICY
      Content: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "iam:*", Resource: "*"}]}
`;

  it('names each policy by logical id, type and property, with its kind and set', () => {
    const result = extract(template);
    expect(result.looksLikePolicy).toBe(true);
    expect(result.unparsed).toEqual([]);
    const app = { key: 'AppRole', name: 'AppRole' };
    const worker = { key: 'Worker', name: 'Worker' };
    expect(result.policies.map(summary)).toEqual([
      { name: 'AppRole (AWS::IAM::Role) › AssumeRolePolicyDocument', kind: 'trust', set: { ...app, role: 'trust' }, templateExpressions: undefined },
      { name: 'AppRole (AWS::IAM::Role) › Policies[0] "s3-read"', kind: undefined, set: { ...app, role: 'identity' }, templateExpressions: undefined },
      { name: 'AppRole (AWS::IAM::Role) › Policies[1] "extra"', kind: undefined, set: { ...app, role: 'identity' }, templateExpressions: undefined },
      { name: 'Worker (AWS::IAM::Role) › AssumeRolePolicyDocument', kind: 'trust', set: { ...worker, role: 'trust' }, templateExpressions: undefined },
      { name: 'WorkerPolicy (AWS::IAM::Policy) › PolicyDocument', kind: undefined, set: { ...worker, role: 'identity' }, templateExpressions: undefined },
      { name: 'Ops (AWS::IAM::Group) › Policies[0] "ops"', kind: undefined, set: undefined, templateExpressions: undefined },
      { name: 'Key (AWS::KMS::Key) › KeyPolicy', kind: 'resource', set: undefined, templateExpressions: true },
      { name: 'Repo (AWS::ECR::Repository) › RepositoryPolicyText', kind: 'resource', set: undefined, templateExpressions: undefined },
      { name: 'Scp (AWS::Organizations::Policy) › Content', kind: 'scp', set: undefined, templateExpressions: undefined },
      // Managed policies: once per set they join (boundary of both roles; Shared attached two ways to two roles).
      { name: 'Boundary (AWS::IAM::ManagedPolicy) › PolicyDocument', kind: 'boundary', set: { ...app, role: 'boundary' }, templateExpressions: undefined },
      { name: 'Boundary (AWS::IAM::ManagedPolicy) › PolicyDocument', kind: 'boundary', set: { ...worker, role: 'boundary' }, templateExpressions: undefined },
      { name: 'Shared (AWS::IAM::ManagedPolicy) › PolicyDocument', kind: undefined, set: { ...worker, role: 'identity' }, templateExpressions: undefined },
      { name: 'Shared (AWS::IAM::ManagedPolicy) › PolicyDocument', kind: undefined, set: { ...app, role: 'identity' }, templateExpressions: undefined },
      { name: 'Unattached (AWS::IAM::ManagedPolicy) › PolicyDocument', kind: undefined, set: undefined, templateExpressions: undefined },
    ]);
    expect(result.policies[1].path).toEqual(['Resources', 'AppRole', 'Properties', 'Policies', 0, 'PolicyDocument']);
  });

  it('reads a JSON template tree the same way (TREE_PARSERS path)', () => {
    const json = parseJson(JSON.stringify({ Resources: { B: { Type: 'AWS::S3::BucketPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${B}/*' } }] } } } } }));
    if (!json.ok) throw new Error(json.error.message);
    const result = extractCloudFormation('t.json', json.root);
    expect(result.policies.map(summary)).toEqual([{ name: 'B (AWS::S3::BucketPolicy) › PolicyDocument', kind: 'resource', set: undefined, templateExpressions: true }]);
    expect(extractDocuments('cdk.out/Stack.template.json', JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket' } } })).format).toBe('cloudformation');
  });

  it('lints SAM inline documents and the boundary of the function role; skips policy templates and names', () => {
    const result = extract(`Transform: AWS::Serverless-2016-10-31
Resources:
  Limit:
    Type: AWS::IAM::ManagedPolicy
    Properties: {PolicyDocument: {Statement: [{Effect: Allow, Action: "dynamodb:*", Resource: "*"}]}}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PermissionsBoundary: !Ref Limit
      Policies:
        - AWSLambdaBasicExecutionRole
        - DynamoDBCrudPolicy: {TableName: !Ref Table}
        - Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  One:
    Type: AWS::Serverless::Function
    Properties:
      Policies: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
`);
    expect(result.policies.map((p) => [p.name, p.set?.key, p.set?.role])).toEqual([
      ['Fn (AWS::Serverless::Function) › Policies[2]', 'Fn', 'identity'],
      ['One (AWS::Serverless::Function) › Policies', 'One', 'identity'],
      ['Limit (AWS::IAM::ManagedPolicy) › PolicyDocument', 'Fn', 'boundary'],
    ]);
  });

  it('parses a policy given as a JSON string, with findings at the string', () => {
    const result = extract(`Resources:
  Logs:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: es
      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"}, "Action": "logs:PutLogEvents", "Resource": "*"}]}'
  Broken:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyDocument: '{"Statement": ['
`);
    expect(result.policies).toHaveLength(1);
    expect(result.policies[0].root.range.start).toMatchObject({ line: 6, column: 23 });
    expect(result.unparsed.map((u) => [u.reason, u.at.range.start.line, u.message])).toEqual([['syntax', 10, expect.stringMatching(/\[Broken \(AWS::Logs::ResourcePolicy\) › PolicyDocument\]$/)]]);
  });
});

describe('files that are not templates', () => {
  it('skips docker-compose files, workflows and manifests; reads a YAML policy file as a policy', () => {
    expect(extract('services:\n  web:\n    image: nginx\n')).toEqual({ policies: [], unparsed: [], looksLikePolicy: false });
    expect(extract('on: [push]\njobs: {}\n')).toEqual({ policies: [], unparsed: [], looksLikePolicy: false });
    expect(extract('AWSTemplateFormatVersion: "2010-09-09"\nDescription: nothing yet\n').looksLikePolicy).toBe(false);
    const policy = extract('Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n');
    expect(policy.policies.map((p) => [p.name, p.path])).toEqual([['template.yaml', []]]);
  });

  it('makes a broken YAML file a syntax entry, relevant in a walk only when it looks like a template', () => {
    const broken = extract('Resources:\n  R:\n    Type: AWS::IAM::Role\n   x: [\n');
    expect(broken.unparsed.map((u) => [u.reason, u.at.range.start.line, u.at.range.start.column])).toEqual([['syntax', 4, 1]]);
    expect(broken.looksLikePolicy).toBe(true);
    expect(extract('services:\n  web: {{ .Values.image }}\n  x: [\n').looksLikePolicy).toBe(false);
  });

  it('reads JSON text with the JSON parser (`.template` files)', () => {
    const result = extractCloudFormationText('stack.template', '{"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": []}}}}}', {});
    expect(result.policies.map((p) => p.root.range.start.column)).toEqual([90]);
  });
});
