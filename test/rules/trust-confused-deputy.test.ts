import rule from '../../src/rules/trust-confused-deputy.js';
import { policy, ruleTester } from '../rule-tester.js';

const SAGEMAKER = 'sagemaker.amazonaws.com';
const service = (Service: string | string[], Condition?: object, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: { Service },
  Action: 'sts:AssumeRole',
  ...(Condition ? { Condition } : {}),
  ...extra,
});

ruleTester.run(rule, {
  valid: [
    {
      name: 'SageMaker execution role with aws:SourceAccount and aws:SourceArn (AWS documentation)',
      code: policy(service(SAGEMAKER, { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnLike: { 'aws:SourceArn': 'arn:aws:sagemaker:us-east-1:111122223333:*' } })),
    },
    { name: 'CodeBuild with aws:SourceAccount only', code: policy(service('codebuild.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } })) },
    { name: 'aws:SourceArn only, key in another case', code: policy(service('ecs-tasks.amazonaws.com', { ArnLike: { 'AWS:SOURCEARN': 'arn:aws:ecs:us-east-1:111122223333:*' } })) },
    { name: 'aws:SourceOrgID', code: policy(service(['lambda.amazonaws.com', 'states.amazonaws.com'], { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } })) },
    { name: 'EC2 instance role (default ignoreServices)', code: policy(service('ec2.amazonaws.com')) },
    { name: 'ignoreServices, case-insensitive', options: { ignoreServices: ['Lambda.amazonaws.com'] }, code: policy(service('lambda.amazonaws.com')) },
    {
      name: 'IfExists next to a strict source test',
      code: policy(service(SAGEMAKER, { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sagemaker:*:111122223333:*' } })),
    },
    { name: 'Deny statement', code: policy({ Effect: 'Deny', Principal: { Service: SAGEMAKER }, Action: 'sts:AssumeRole' }) },
    { name: 'account principal only', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }) },
    {
      name: 'bucket policy for a service (not a trust policy)',
      code: policy({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/111122223333/*' }),
    },
  ],
  invalid: [
    {
      name: 'SageMaker without a condition',
      code: policy(service(SAGEMAKER)),
      errors: [
        {
          messageId: 'missingSourceCondition',
          path: ['Statement', 0, 'Principal', 'Service'],
          line: 7,
          column: 20,
          endColumn: 45,
          message:
            'Statement 0 allows sts:AssumeRole to the service principal sagemaker.amazonaws.com without an aws:SourceArn or aws:SourceAccount condition: the service can be made to assume the role for resources in other accounts (confused deputy).',
        },
      ],
    },
    {
      name: 'list with EC2 (ignored) and CodeBuild, TagSession, case-insensitive actions',
      code: policy(service(['ec2.amazonaws.com', 'codebuild.amazonaws.com'], undefined, { Sid: 'Build', Action: ['STS:AssumeRole', 'sts:tagsession'] })),
      errors: [
        {
          messageId: 'missingSourceCondition',
          path: ['Statement', 0, 'Principal', 'Service', 1],
          line: 9,
          column: 11,
          message: /^Statement "Build" allows sts:AssumeRole and sts:TagSession to the service principal codebuild.amazonaws.com without/,
        },
      ],
    },
    {
      name: 'StringEqualsIfExists on aws:SourceAccount',
      code: policy(service(SAGEMAKER, { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } })),
      errors: [
        {
          messageId: 'ineffectiveCondition',
          path: ['Statement', 0, 'Principal', 'Service'],
          line: 7,
          column: 20,
          message:
            'Statement 0 allows sts:AssumeRole to the service principal sagemaker.amazonaws.com, and its condition does not tie the role to your resources: StringEqualsIfExists is also true when aws:SourceAccount is absent from the request.',
        },
      ],
    },
    {
      name: 'aws:SourceArn in every account',
      code: policy(service(SAGEMAKER, { ArnLike: { 'aws:SourceArn': 'arn:aws:sagemaker:*:*:*' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 7, column: 20, message: /ArnLike "arn:aws:sagemaker:\*:\*:\*" on aws:SourceArn matches that name in every account\.$/ }],
    },
    {
      name: 'StringNotEquals on aws:SourceAccount',
      code: policy(service(SAGEMAKER, { StringNotEquals: { 'aws:SourceAccount': '444455556666' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 7, column: 20, message: /StringNotEquals on aws:SourceAccount matches every value except "444455556666"/ }],
    },
    {
      name: 'ForAllValues on aws:SourceAccount without a Null guard',
      code: policy(service(SAGEMAKER, { 'ForAllValues:StringEquals': { 'aws:SourceAccount': '111122223333' } })),
      errors: [{ messageId: 'ineffectiveCondition', line: 7, column: 20, message: /ForAllValues:StringEquals is also true when aws:SourceAccount is absent or empty/ }],
    },
    {
      name: 'aws:ResourceAccount and aws:PrincipalAccount do not name the source',
      code: policy(service(SAGEMAKER, { StringEquals: { 'aws:ResourceAccount': '111122223333', 'aws:PrincipalAccount': '111122223333' } })),
      errors: [{ messageId: 'missingSourceCondition', line: 7, column: 20 }],
    },
    {
      name: 'EC2 reported when ignoreServices is emptied',
      options: { ignoreServices: [] },
      code: policy(service('ec2.amazonaws.com')),
      errors: [{ messageId: 'missingSourceCondition', line: 7, column: 20, message: /service principal ec2.amazonaws.com without/ }],
    },
    {
      name: 'two services in one statement (two findings)',
      code: policy(service([SAGEMAKER, 'codebuild.amazonaws.com'])),
      errors: [
        { messageId: 'missingSourceCondition', path: ['Statement', 0, 'Principal', 'Service', 0], line: 8, column: 11, message: /sagemaker.amazonaws.com/ },
        { messageId: 'missingSourceCondition', path: ['Statement', 0, 'Principal', 'Service', 1], line: 9, column: 11, message: /codebuild.amazonaws.com/ },
      ],
    },
    {
      name: 'NotAction in a trust policy without Resource',
      code: policy({ Effect: 'Allow', Principal: { Service: SAGEMAKER }, NotAction: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'] }),
      errors: [{ messageId: 'missingSourceCondition', line: 7, column: 20, message: /allows sts:AssumeRole and sts:TagSession to the service principal/ }],
    },
    {
      name: 'kind forced to trust',
      kind: 'trust',
      code: policy(service('glue.amazonaws.com', { Bool: { 'aws:SecureTransport': 'true' } })),
      errors: [{ messageId: 'missingSourceCondition', line: 7, column: 20 }],
    },
  ],
});
