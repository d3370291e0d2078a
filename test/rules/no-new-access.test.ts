import rule from '../../src/rules/no-new-access.js';
import { policy, ruleTester } from '../rule-tester.js';

const B = 'arn:aws:s3:::b/*';
const get = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: B };
const logs = { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:111122223333:log-group:app:*' };
const vpc = { StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } };
const against = (text: string | null) => ({ 'policy.json': text });
const template = (name: string, actions: string[]) =>
  JSON.stringify(
    { AWSTemplateFormatVersion: '2010-09-09', Resources: { [name]: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: B }] } } } } },
    null,
    2,
  );
/** A role with inline policies (PolicyName → actions), in this order. */
const role = (policies: [string, string[]][]) =>
  JSON.stringify(
    {
      Resources: {
        AppRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: policies.map(([name, actions]) => ({ PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: B }] } })),
          },
        },
      },
    },
    null,
    2,
  );
const trust = (services: string | string[]) => policy({ Effect: 'Allow', Principal: { Service: services }, Action: 'sts:AssumeRole' });

ruleTester.run(rule, {
  valid: [
    { name: 'no reference: nothing to compare', code: policy({ ...get, Action: 's3:*', Resource: '*' }) },
    { name: 'unchanged', code: policy(get, logs), reference: against(policy(get, logs)) },
    { name: 'reformatted (compact JSON) and reordered', code: JSON.stringify({ Version: '2012-10-17', Statement: [logs, get] }), reference: against(policy(get, logs)) },
    { name: 'statement split and Sids renamed', code: policy({ ...logs, Sid: 'Stream', Action: 'logs:CreateLogStream' }, { ...logs, Sid: 'Events', Action: 'logs:PutLogEvents' }), reference: against(policy(logs)) },
    { name: 'scalar action made a list of the same action', code: policy({ ...get, Action: ['s3:getobject'] }), reference: against(policy(get)) },
    { name: 'wildcard narrowed, Resource narrowed', code: policy({ ...get, Action: 's3:Get*', Resource: 'arn:aws:s3:::b/reports/*' }), reference: against(policy({ ...get, Action: 's3:*' })) },
    { name: 'condition kept', code: policy({ ...get, Condition: vpc }), reference: against(policy({ ...get, Condition: vpc })) },
    { name: 'condition added', code: policy({ ...get, Condition: vpc }), reference: against(policy(get)) },
    { name: 'Deny added', code: policy({ ...get, Action: 's3:*' }, { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }), reference: against(policy({ ...get, Action: 's3:*' })) },
    { name: 'NotAction exclusions extended', code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }), reference: against(policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })) },
    { name: 'trust policy unchanged', kind: 'trust', code: trust(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com']), reference: against(trust(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'])) },
    { name: 'CloudFormation document matched by resource', files: { 'template.json': template('ReaderPolicy', ['s3:GetObject']) }, reference: { 'template.json': template('ReaderPolicy', ['s3:GetObject']) } },
    {
      name: "a role's inline policies reordered: matched by PolicyName, not by position",
      files: { 'template.json': role([['write', ['s3:PutObject']], ['read', ['s3:GetObject']]]) },
      reference: { 'template.json': role([['read', ['s3:GetObject']], ['write', ['s3:PutObject']]]) },
    },
  ],
  invalid: [
    {
      name: 's3:GetObject → s3:* names the new actions',
      code: policy({ ...get, Action: 's3:*' }),
      reference: against(policy(get)),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /^Statement "Read" allows s3:AbortMultipartUpload, s3:BypassGovernanceRetention, s3:DeleteObject, .* and \d+ more \(\d+ actions\) on arn:aws:s3:::b\/\*, which the reference version \(main\) did not allow\.$/ }],
    },
    {
      name: 'case-insensitive action added to a list',
      code: policy({ ...get, Action: ['s3:GetObject', 'S3:deleteobject'] }),
      reference: against(policy(get)),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'Action', 1], line: 9, column: 9, message: 'Statement "Read" allows s3:DeleteObject on arn:aws:s3:::b/*, which the reference version (main) did not allow.' }],
    },
    {
      name: 'two findings: an action added, a Resource widened to *',
      code: policy({ ...get, Action: ['s3:GetObject', 's3:PutObject'] }, { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }),
      reference: against(policy(get, { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:*:*:log-group:app:*' })),
      errors: [
        { messageId: 'newAccess', path: ['Statement', 0, 'Action', 1], line: 9, column: 9 },
        { messageId: 'newAccess', path: ['Statement', 1, 'Action'], line: 15, column: 17, message: 'Statement 1 allows logs:PutLogEvents on *, which the reference version (main) did not allow.' },
      ],
    },
    {
      name: 'NotAction exclusion dropped, reported at the NotAction key',
      code: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      reference: against(policy({ Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: '*' })),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: /^Statement 0 allows sts:AssumeRole, sts:AssumeRoleWithSAML, .* \(\d+ actions\) on \*, which/ }],
    },
    {
      name: 'Deny removed',
      code: policy({ ...get, Action: 's3:*' }),
      reference: against(policy({ ...get, Action: 's3:*' }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: B })),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: 'Statement "Read" allows s3:DeleteObject on arn:aws:s3:::b/*, which the reference version (main) did not allow (an explicit Deny blocked it there).' }],
    },
    {
      name: 'NotResource exclusion dropped',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/secret/*' }),
      reference: against(policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::b/secret/*', 'arn:aws:s3:::b/hr/*'] })),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /allows s3:GetObject on every resource except arn:aws:s3:::b\/secret\/\*, which/ }],
    },
    {
      name: 'condition relaxed to ...IfExists',
      code: policy({ ...get, Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } }),
      reference: against(policy({ ...get, Condition: vpc })),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: /did not allow \(it allowed this only under conditions this statement drops or relaxes\)\.$/ }],
    },
    {
      name: 'trust policy trusts a new service (no Resource)',
      kind: 'trust',
      code: trust(['lambda.amazonaws.com', 'ec2.amazonaws.com']),
      reference: against(trust('lambda.amazonaws.com')),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'Action'], line: 12, column: 17, message: 'Statement 0 allows sts:AssumeRole to Service lambda.amazonaws.com, ec2.amazonaws.com, which the reference version (main) did not allow (it allowed this to other principals only).' }],
    },
    {
      name: 'resource policy shares with a new account',
      kind: 'resource',
      code: policy({ Sid: 'Share', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] }, Action: 's3:GetObject', Resource: B }),
      reference: against(policy({ Sid: 'Share', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: B })),
      errors: [{ messageId: 'newAccess', path: ['Statement', 0, 'Action'], line: 13, column: 17 }],
    },
    {
      name: 'file new at the reference',
      code: policy(get),
      reference: against(null),
      errors: [{ messageId: 'newFile', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: 'Statement "Read" allows s3:GetObject on arn:aws:s3:::b/*: the file is new at main, so all of its access is new.' }],
    },
    {
      name: 'CloudFormation policy without counterpart (resource renamed)',
      files: { 'template.json': template('ReaderPolicy', ['s3:GetObject']) },
      reference: { 'template.json': template('OtherPolicy', ['s3:GetObject']) },
      errors: [{ messageId: 'newDocument', file: 'template.json', path: ['Statement', 0, 'Action', 0], line: 13, column: 17, message: /no counterpart in the reference version \(main\), so all of its access is new\. \[ReaderPolicy \(AWS::IAM::ManagedPolicy\) › PolicyDocument\]$/ }],
    },
    {
      name: 'CloudFormation policy matched by resource, action added',
      files: { 'template.json': template('ReaderPolicy', ['s3:GetObject', 's3:PutObject']) },
      reference: { 'template.json': template('ReaderPolicy', ['s3:GetObject']) },
      errors: [{ messageId: 'newAccess', file: 'template.json', path: ['Statement', 0, 'Action', 1], line: 14, column: 17 }],
    },
    {
      name: 'reference does not parse',
      code: policy(get),
      reference: against('{"Version": "2012-10-17", "Statement": ['),
      errors: [{ messageId: 'referenceUnparsable', path: [], line: 1, column: 1, message: "The reference version (main) cannot be read as a policy (Expected a value or ']' but found end of input at line 1), so new access cannot be checked; fix or remove the reference." }],
    },
  ],
});
