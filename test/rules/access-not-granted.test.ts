import rule from '../../src/rules/access-not-granted.js';
import { policy, ruleTester } from '../rule-tester.js';

const ROLE = 'arn:aws:iam::111122223333:role/ml-notebook';
const BUCKET = 'arn:aws:s3:::example-ml-data';
const TAIL = 'which no policy may allow (it is on the access-not-granted list).';
const BY_NAME = 'which no policy may allow (it is on the access-not-granted list; matched by name: the bundled AWS data knows no such action).';

ruleTester.run(rule, {
  valid: [
    { name: 'no actions configured (the default) reports nothing, even for * on *', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    { name: 'allowed actions outside the forbidden list', code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:GetRole'], Resource: '*' }), options: { actions: ['iam:PassRole', 's3:DeleteBucket'] } },
    { name: 'a wildcard entry matching no forbidden action', code: policy({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }), options: { actions: ['iam:PassRole'] } },
    { name: 'Deny statements never grant', code: policy({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }), options: { actions: ['iam:*'] } },
    {
      name: 'an unconditioned Deny of the same action on every resource removes the grant',
      code: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }),
      options: { actions: ['iam:PassRole'] },
    },
    {
      name: 'a Deny with a wildcard entry and NotResource covering the grant removes it',
      code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE }, { Effect: 'Deny', Action: 'iam:Pass*', NotResource: 'arn:aws:iam::111122223333:role/other' }),
      options: { actions: ['iam:PassRole'] },
    },
    { name: 'NotAction excluding the forbidden service', code: policy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }), options: { actions: ['iam:PassRole', 'IAM:create*'] } },
    {
      name: 'resources option: the grant cannot reach the protected buckets',
      code: policy({ Effect: 'Allow', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] }),
      options: { actions: ['s3:DeleteBucket'], resources: ['arn:aws:s3:::prod-*'] },
    },
    {
      name: 'resources option: NotResource excludes every protected bucket',
      code: policy({ Effect: 'Allow', Action: 's3:DeleteBucket', NotResource: 'arn:aws:s3:::prod-*' }),
      options: { actions: ['s3:DeleteBucket'], resources: ['arn:aws:s3:::prod-*'] },
    },
    {
      name: 'resources option: an action without resource-level permissions cannot reach an ARN',
      code: policy({ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }),
      options: { actions: ['iam:List*'], resources: [ROLE] },
    },
    {
      name: 'resources option: a protected role is no target of group actions granted on *',
      code: policy({ Effect: 'Allow', Action: ['iam:GetGroup', 'iam:ListGroups'], Resource: '*' }),
      options: { actions: ['iam:*'], resources: ['arn:aws:iam::*:role/admin*'] },
    },
    {
      name: 'resources option: the protected pattern is read field by field (its account * spans no colon)',
      code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/managed/*' }),
      options: { actions: ['iam:PassRole'], resources: ['arn:aws:iam::*:role/admin*'] },
    },
    { name: 'a grant that can never apply to the action (iam:PassRole on an S3 ARN)', code: policy({ Effect: 'Allow', Action: 'iam:*', Resource: BUCKET }), options: { actions: ['iam:PassRole'] } },
    { name: 'SCPs only cap permissions', code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }), kind: 'scp', options: { actions: ['iam:CreateUser'] } },
    {
      name: 'resource policy: a Deny to "Principal": "*" removes the grant',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: BUCKET },
        { Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: BUCKET },
      ),
      kind: 'resource',
      options: { actions: ['s3:DeleteBucket'] },
    },
    {
      name: 'trust policy granting an action that is not forbidden',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      kind: 'trust',
      options: { actions: ['sts:AssumeRoleWithWebIdentity'] },
    },
    { name: 'an unknown configured action that no entry can match by name', code: policy({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }), options: { actions: ['bedrock:InvokeBrandNewModel'] } },
  ],
  invalid: [
    {
      name: 'compact JSON, exact position, case-insensitive configured action',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}',
      options: { actions: ['KMS:decrypt'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 1, column: 65, message: `"kms:Decrypt" allows kms:Decrypt on "*" in statement 0, ${TAIL}` }],
    },
    {
      name: 'scalar service wildcard entry allows a configured action',
      code: policy({ Sid: 'Admin', Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
      options: { actions: ['iam:PassRole'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 7, column: 17, message: `"iam:*" allows iam:PassRole on "*" in statement "Admin", ${TAIL}` }],
    },
    {
      name: 'two findings in a list: a prefix wildcard and a differently cased action',
      code: policy({ Effect: 'Allow', Action: ['iam:Pass*', 's3:GetObject', 'S3:deletebucket'], Resource: '*' }),
      options: { actions: ['iam:PassRole', 's3:DeleteBucket'] },
      errors: [
        { messageId: 'forbidden', path: ['Statement', 0, 'Action', 0], line: 7, column: 9, message: `"iam:Pass*" allows iam:PassRole on "*" in statement 0, ${TAIL}` },
        { messageId: 'forbidden', path: ['Statement', 0, 'Action', 2], line: 9, column: 9, message: `"S3:deletebucket" allows s3:DeleteBucket on "*" in statement 0, ${TAIL}` },
      ],
    },
    {
      name: 'a configured service wildcard matches concrete entries',
      code: policy({ Sid: 'Users', Effect: 'Allow', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: 'arn:aws:iam::111122223333:user/*' }),
      options: { actions: ['iam:*'] },
      errors: [
        { messageId: 'forbidden', path: ['Statement', 0, 'Action', 0], line: 8, column: 9, message: `"iam:CreateUser" allows iam:CreateUser on "arn:aws:iam::111122223333:user/*" in statement "Users", ${TAIL}` },
        { messageId: 'forbidden', path: ['Statement', 0, 'Action', 1], line: 9, column: 9 },
      ],
    },
    {
      name: '* allows many forbidden actions: the first few in sort order and the count',
      code: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      options: { actions: ['iam:*'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /^"\*" allows \d+ forbidden actions \(iam:AcceptDelegationRequest, iam:AddClientIDToOpenIDConnectProvider, iam:AddRoleToInstanceProfile, …\) on "\*" in statement 0/ }],
    },
    {
      name: 'NotAction allows the actions it does not exclude (reported at the NotAction key)',
      code: policy({ Effect: 'Allow', NotAction: ['s3:*', 'ec2:*'], Resource: '*' }),
      options: { actions: ['iam:PassRole'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'NotAction'], line: 6, column: 7, message: `NotAction (every action except s3:* and ec2:*) allows iam:PassRole on "*" in statement 0, ${TAIL}` }],
    },
    {
      name: 'a Deny of one forbidden action leaves the other',
      code: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }),
      options: { actions: ['iam:PassRole', 'iam:CreateUser'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: `"iam:*" allows iam:CreateUser on "*" in statement 0, ${TAIL}` }],
    },
    {
      name: 'a conditioned Deny does not remove the grant',
      code: policy(
        { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } },
      ),
      options: { actions: ['iam:PassRole'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'a Deny on other resources does not remove the grant',
      code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', Resource: ROLE }),
      options: { actions: ['iam:PassRole'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'a condition on the Allow does not silence it',
      code: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }),
      options: { actions: ['iam:PassRole'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: `"iam:PassRole" allows iam:PassRole on "${ROLE}" in statement 0, ${TAIL}` }],
    },
    {
      name: 'an ...IfExists condition on the Allow does not silence it either',
      code: policy({ Effect: 'Allow', Action: 'ECR:putimage', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'ml' } } }),
      options: { actions: ['ecr:PutImage'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: `"ECR:putimage" allows ecr:PutImage on "*" in statement 0, ${TAIL}` }],
    },
    {
      name: 'resources option: the resource that reaches a protected bucket is named',
      code: policy({ Effect: 'Allow', Action: 's3:*', Resource: [`${BUCKET}/*`, BUCKET] }),
      options: { actions: ['s3:DeleteBucket'], resources: ['arn:aws:s3:::example-*'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: `"s3:*" allows s3:DeleteBucket on "${BUCKET}" in statement 0, ${TAIL}` }],
    },
    {
      name: 'resources option: NotResource that does not exclude the protected buckets',
      code: policy({ Effect: 'Allow', Action: 's3:DeleteBucket', NotResource: 'arn:aws:s3:::dev-*' }),
      options: { actions: ['s3:DeleteBucket'], resources: ['arn:aws:s3:::prod-*'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: `"s3:DeleteBucket" allows s3:DeleteBucket on every resource except "arn:aws:s3:::dev-*" in statement 0, ${TAIL}` }],
    },
    {
      name: 'resources option: a grant whose account * spans the resource type is read as a string',
      code: policy({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:*:/aws-glue/*' }),
      options: { actions: ['logs:PutLogEvents'], resources: ['arn:aws:logs:us-east-1:111122223333:log-group:/aws-glue/jobs:*'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, message: `"logs:PutLogEvents" allows logs:PutLogEvents on "arn:aws:logs:*:*:/aws-glue/*" in statement 0, ${TAIL}` }],
    },
    {
      name: 'resources option: a role wildcard reaches the protected roles',
      code: policy({ Sid: 'PassAnyRole', Effect: 'Allow', Action: ['iam:GetRole', 'iam:PassRole'], Resource: ['arn:aws:iam::111122223333:role/service-role/*', 'arn:aws:iam::*:role/*'] }),
      options: { actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/admin*'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action', 1], line: 9, column: 9, message: `"iam:PassRole" allows iam:PassRole on "arn:aws:iam::*:role/*" in statement "PassAnyRole", ${TAIL}` }],
    },
    {
      name: 'trust policy without Resource: sts:AssumeRole granted to the principal',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      kind: 'trust',
      options: { actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::*:role/admin-*'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 9, column: 17, message: `"sts:AssumeRole" allows sts:AssumeRole on the role this trust policy belongs to in statement 0, ${TAIL}` }],
    },
    {
      name: 'permissions boundaries are judged: the boundary lets the action through',
      code: policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
      kind: 'boundary',
      options: { actions: ['iam:CreateUser'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 6, column: 17 }],
    },
    {
      name: 'resource policy: a Deny to one other principal does not remove the grant',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: BUCKET },
        { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:DeleteBucket', Resource: BUCKET },
      ),
      kind: 'resource',
      options: { actions: ['s3:DeleteBucket'] },
      errors: [{ messageId: 'forbidden', path: ['Statement', 0, 'Action'], line: 9, column: 17 }],
    },
    {
      name: 'a configured action the data does not know is matched by name',
      code: policy({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }),
      options: { actions: ['bedrock:InvokeBrandNewModel'] },
      errors: [{ messageId: 'forbiddenByName', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: `"bedrock:*" allows bedrock:InvokeBrandNewModel on "*" in statement 0, ${BY_NAME}` }],
    },
    {
      name: 'an entry the data does not know is matched by name',
      code: policy({ Effect: 'Allow', Action: 'iam:CreateUserr', Resource: '*' }),
      options: { actions: ['iam:*'] },
      errors: [{ messageId: 'forbiddenByName', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: `"iam:CreateUserr" allows iam:CreateUserr on "*" in statement 0, ${BY_NAME}` }],
    },
    {
      name: 'NotAction allows an unknown configured action it does not exclude',
      code: policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }),
      options: { actions: ['newsvc:DoThing'] },
      errors: [{ messageId: 'forbiddenByName', path: ['Statement', 0, 'NotAction'], line: 6, column: 7 }],
    },
  ],
});
