import { readFileSync } from 'node:fs';
import rule from '../../src/rules/malformed-arn.js';
import { policy, ruleTester } from '../rule-tester.js';

/** Parliament's INVALID_ARN cases (/work/shared/peer-suites/parliament/cases.json), replayed on their exact text. */
const parliament = (JSON.parse(readFileSync('/work/shared/peer-suites/parliament/cases.json', 'utf8')) as { records: { id: string; policy_text: string }[] }).records;
const parliamentText = (id: string): string => {
  const record = parliament.find((r) => r.id === id);
  if (!record) throw new Error(`no Parliament case ${id}`);
  return record.policy_text;
};

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/app';

ruleTester.run(rule, {
  valid: [
    {
      name: 'everyday ARNs of several services, scalar and list',
      code: policy(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*'] },
        { Effect: 'Allow', Action: 'ECR:putimage', Resource: REPO },
        { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs:log-stream:*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole' },
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:eu-central-2:111122223333:function:app:live' },
        { Effect: 'Allow', Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:ap-southeast-5:111122223333:table/Orders/index/*' },
      ),
    },
    { name: 'only wildcards', code: policy({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: ['*', '**'] }) },
    {
      name: 'wildcards in every field but the service',
      code: policy({
        Effect: 'Allow',
        Action: ['sagemaker:*', 'iam:GetRole', 'ecr:*'],
        Resource: ['arn:*:sagemaker:*:*:*', 'arn:aws:iam::*:role/*', 'arn:aws:ecr:us-*:1111*:repository/*', 'arn:aws:ecr:eu-west-?:11112222333?:repository/app', 'arn:aws*:s3:::b'],
      }),
    },
    {
      name: 'policy variables in any field',
      code: policy({
        Effect: 'Allow',
        Action: ['s3:GetObject', 'iam:ChangePassword', 'ec2:StartInstances'],
        Resource: ['arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*', 'arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}', 'arn:aws:ec2:${aws:RequestedRegion}:111122223333:instance/*'],
      }),
    },
    {
      name: 'placeholders are left to unresolved-placeholder',
      code: policy({
        Effect: 'Allow',
        Action: ['sagemaker:CreateTrainingJob', 'logs:CreateLogGroup', 's3:GetObject'],
        Resource: ['arn:aws:sagemaker:<REGION>:<ACCOUNT-ID>:*', 'arn:aws:logs:{AWS_REGION}:{AWS::AccountId}:log-group:*', 'arn:${AWS::Partition}:s3:::${BucketName}/*', 'arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/${Repo}', '${TableArn}'],
      }),
    },
    {
      name: 'Parliament test_resource_with_sub: an Fn::Sub object is not a string entry (policy-structure reports it)',
      code: parliamentText('tests/unit/test_resources.py::test_resource_with_sub'),
    },
    {
      name: 'Parliament test_resource_with_sub as a string: ${AWS::AccountId} is one field, not three',
      code: policy({ Effect: 'Allow', Action: 'ssm:PutParameter', Resource: 'arn:aws:ssm:*:${AWS::AccountId}:*' }),
    },
    {
      name: 'AWS-owned resources: managed policies, public hub, SSM documents and parameters, public AMIs',
      code: policy({
        Effect: 'Allow',
        Action: ['iam:AttachRolePolicy', 'sagemaker:DescribeHub', 'ssm:SendCommand', 'ssm:GetParameter', 'ec2:RunInstances', 'ssm:StartAutomationExecution'],
        Resource: [
          'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
          'arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub',
          'arn:aws:ssm:us-east-1::document/AWS-RunShellScript',
          'arn:aws:ssm:*::parameter/aws/service/ami-amazon-linux-latest/*',
          'arn:aws:ssm:*::automation-definition/AWS-RestartEC2Instance:*',
          'arn:aws:ec2:us-east-1::image/ami-*',
        ],
      }),
    },
    {
      name: 'namespaces that differ from the action prefix, and formats the data lacks',
      code: policy({
        Effect: 'Allow',
        Action: ['servicecatalog:DescribeProduct', 'es:ESHttpGet', 'cloudformation:CreateChangeSet', 'backup:StartRestoreJob', 'application-autoscaling:DescribeScalingPolicies'],
        Resource: [
          'arn:aws:catalog:us-east-1:111122223333:product/prod-abcdefghijklm',
          'arn:aws:es:us-east-1:111122223333:domain/search/*',
          'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31',
          'arn:aws:backup:us-east-1:111122223333:recovery-point:*',
          'arn:aws:autoscaling:*:111122223333:scalingPolicy:*:resource/dynamodb/table/Orders:policyName/*',
        ],
      }),
    },
    {
      name: 'other partitions and their regions',
      code: policy({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: ['arn:aws-cn:ecr:cn-north-1:111122223333:repository/app', 'arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/app', 'arn:aws-eusc:ecr:eusc-de-east-1:111122223333:repository/app'] }),
    },
    {
      name: 'Deny with NotResource, conditioned',
      code: policy({ Effect: 'Deny', NotAction: 's3:GetObject', NotResource: ['arn:aws:s3:::amzn-s3-demo-bucket/*'], Condition: { StringNotEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } } }),
    },
    {
      name: 'trust policies are not judged (they have no Resource)',
      kind: 'trust',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: 'not-an-arn' }),
    },
    {
      name: 'bucket policy with good ARNs',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }),
    },
    {
      name: 'a * ending the account field also covers the resource type word, as IAM matches the whole string (AWSGlueConsoleFullAccess, OpsWorks CM, SQL Workbench)',
      code: policy(
        { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: ['arn:aws:logs:*:*:/aws-glue/*', 'arn:aws:logs:*:111122223333*:/aws/lambda/*'] },
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ['arn:aws:secretsmanager:*:*:opsworks-cm!aws-opsworks-cm-secrets-*', 'arn:aws:secretsmanager:us-east-1:*:sqlworkbench!*'] },
      ),
    },
    { name: 'SCP', kind: 'scp', code: policy({ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' }) },
  ],
  invalid: [
    {
      name: 'bare bucket name, compact JSON, exact message',
      code: '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"amzn-s3-demo-bucket/*"}]}',
      errors: [
        {
          messageId: 'notArn',
          path: ['Statement', 0, 'Resource'],
          line: 1,
          column: 104,
          endColumn: 127,
          message:
            'Resource "amzn-s3-demo-bucket/*" in statement "Read" is not an ARN: a resource must be "*" or arn:partition:service:region:account:resource; did you mean "arn:aws:s3:::amzn-s3-demo-bucket/*"?',
        },
      ],
    },
    {
      name: 'Parliament test_resource_bad: "s3" is not an ARN',
      code: parliamentText('tests/unit/test_resource_formatting.py::test_resource_bad'),
      errors: [
        {
          messageId: 'notArn',
          path: ['Statement', 'Resource'],
          line: 6,
          column: 21,
          message: 'Resource "s3" in statement 0 is not an ARN: a resource must be "*" or arn:partition:service:region:account:resource.',
        },
      ],
    },
    {
      name: '"arn:aws:" left out, and a capitalized prefix (two findings)',
      code: policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: ['s3:::amzn-s3-demo-bucket', 'ARN:aws:s3:::amzn-s3-demo-bucket'] }),
      errors: [
        { messageId: 'notArn', path: ['Statement', 0, 'Resource', 0], line: 8, column: 9, message: /did you mean "arn:aws:s3:::amzn-s3-demo-bucket"\?$/ },
        { messageId: 'notArn', path: ['Statement', 0, 'Resource', 1], line: 9, column: 9, message: /did you mean "arn:aws:s3:::amzn-s3-demo-bucket"\?$/ },
      ],
    },
    {
      name: 'a colon short: five fields',
      code: policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3::amzn-s3-demo-bucket' }),
      errors: [
        {
          messageId: 'missingFields',
          path: ['Statement', 0, 'Resource'],
          line: 7,
          column: 19,
          message:
            'Resource "arn:aws:s3::amzn-s3-demo-bucket" in statement 0 has 5 of the 6 colon-separated ARN fields (arn:partition:service:region:account:resource); s3 ARNs look like arn:${Partition}:s3:::${BucketName}; did you mean "arn:aws:s3:::amzn-s3-demo-bucket"?',
        },
      ],
    },
    {
      name: 'DESIGN.md: a SageMaker ARN that lacks the resource type, placeholders and all',
      code: policy({ Sid: 'SageMaker', Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: ['arn:aws:sagemaker:<REGION>:<ACCOUNT-ID>/*', 'arn:aws:sagemaker:us-east-1:111122223333/*', 'arn:aws'] }),
      errors: [
        { messageId: 'missingFields', path: ['Statement', 0, 'Resource', 0], line: 9, column: 9, message: /has 5 of the 6 .*; did you mean "arn:aws:sagemaker:<REGION>:<ACCOUNT-ID>:\*"\?$/ },
        { messageId: 'missingFields', path: ['Statement', 0, 'Resource', 1], line: 10, column: 9, message: /did you mean "arn:aws:sagemaker:us-east-1:111122223333:\*"\?$/ },
        { messageId: 'missingFields', path: ['Statement', 0, 'Resource', 2], line: 11, column: 9, message: /^Resource "arn:aws" in statement "SageMaker" has 2 of the 6 colon-separated ARN fields \(arn:partition:service:region:account:resource\)\.$/ },
      ],
    },
    {
      name: 'unknown partitions, Parliament test_arn_match_cloudtrail_emptysegments',
      code: policy({ Effect: 'Allow', Action: 'cloudtrail:StartLogging', Resource: ['arn:::::trail/my-trail', 'arn:aws-usgov:cloudtrail:us-gov-west-1:111122223333:trail/my-trail'] }),
      errors: [
        { messageId: 'unknownPartition', path: ['Statement', 0, 'Resource', 0], line: 8, column: 9, message: /has the partition "", which is not an AWS partition: expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc \(or \*\), as in arn:aws:s3:::amzn-s3-demo-bucket\.$/ },
        { messageId: 'unknownPartition', path: ['Statement', 0, 'Resource', 1], line: 9, column: 9, message: /"aws-usgov".*as in arn:\$\{Partition\}:cloudtrail:\$\{Region\}:\$\{Account\}:trail\/\$\{TrailName\}\.$/ },
      ],
    },
    {
      name: 'a wildcard service in a Deny (IAM refuses the policy)',
      code: policy({ Sid: 'ProtectProd', Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3*:*:*:*prod*' }),
      errors: [
        {
          messageId: 'serviceWildcard',
          path: ['Statement', 0, 'Resource'],
          line: 8,
          column: 19,
          message:
            'Resource "arn:aws:s3*:*:*:*prod*" in statement "ProtectProd" has a wildcard in the service field "s3*": IAM refuses the policy ("Resource vendor must be fully qualified"). Write one ARN per service (s3, s3-object-lambda, s3-outposts, s3express, s3files, s3tables, s3vectors), or "*".',
        },
      ],
    },
    {
      name: 'unknown namespaces: a typo, upper case, and an action prefix without resource ARNs',
      code: policy({
        Effect: 'Allow',
        Action: ['sagemaker:DescribeNotebookInstance', 's3:GetObject', 'applicationinsights:DescribeApplication'],
        Resource: ['arn:aws:sagemakr:us-east-1:111122223333:notebook-instance/lab', 'arn:aws:S3:::amzn-s3-demo-bucket/*', 'arn:aws:applicationinsights:*:*:application/resource-group/app'],
      }),
      errors: [
        { messageId: 'unknownService', path: ['Statement', 0, 'Resource', 0], line: 12, column: 9, message: /names the service "sagemakr", which is not the namespace of any AWS resource ARN; did you mean "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance\/lab"\?$/ },
        { messageId: 'unknownService', path: ['Statement', 0, 'Resource', 1], line: 13, column: 9, message: /did you mean "arn:aws:s3:::amzn-s3-demo-bucket\/\*"\?$/ },
        {
          messageId: 'unknownService',
          path: ['Statement', 0, 'Resource', 2],
          line: 14,
          column: 9,
          message: /"applicationinsights" is an action prefix, but its resource types have no ARNs in that namespace \(its actions take "\*"\)\.$/,
        },
      ],
    },
    {
      name: 'a resource part that fits no resource type (ECR repository written "repo/")',
      code: policy({ Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: 'arn:aws:ecr:us-east-1:111122223333:repo/app' }),
      errors: [
        {
          messageId: 'resourceMismatch',
          path: ['Statement', 0, 'Resource'],
          line: 10,
          column: 19,
          message:
            'Resource "arn:aws:ecr:us-east-1:111122223333:repo/app" in statement 0: the resource part "repo/app" fits no ecr resource type; ecr ARNs look like arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}.',
        },
      ],
    },
    {
      name: 'resource type slips with a repair: case, hyphen, namespace (NotResource)',
      code: policy({
        Effect: 'Allow',
        NotAction: 'iam:*',
        NotResource: [
          'arn:aws:states:us-east-1:111122223333:statemachine:*sagemaker*',
          'arn:aws:sagemaker:us-east-1:111122223333:endpointconfig/*',
          'arn:aws:servicecatalog:us-east-1:111122223333:product/prod-abcdefghijklm',
          'arn:aws:secretsmanager:us-east-1:111122223333:sqlworkbench!*',
        ],
      }),
      errors: [
        { messageId: 'resourceMismatch', path: ['Statement', 0, 'NotResource', 0], line: 8, column: 9, message: /^NotResource "arn:aws:states.*did you mean "arn:aws:states:us-east-1:111122223333:stateMachine:\*sagemaker\*"\?$/ },
        { messageId: 'resourceMismatch', path: ['Statement', 0, 'NotResource', 1], line: 9, column: 9, message: /did you mean "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config\/\*"\?$/ },
        { messageId: 'resourceMismatch', path: ['Statement', 0, 'NotResource', 2], line: 10, column: 9, message: /did you mean "arn:aws:catalog:us-east-1:111122223333:product\/prod-abcdefghijklm"\?$/ },
        { messageId: 'resourceMismatch', path: ['Statement', 0, 'NotResource', 3], line: 11, column: 9, message: /did you mean "arn:aws:secretsmanager:us-east-1:111122223333:secret:sqlworkbench!\*"\?$/ },
      ],
    },
    {
      name: 'a wildcard account cannot reach into the resource part when the account is written: log group paths, AWS Glue',
      code: policy({
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: ['arn:aws:logs:us-east-1:111122223333:/aws-glue/*', 'arn:aws:logs:*:*:/aws-glue/*'],
      }),
      errors: [
        {
          messageId: 'resourceMismatch',
          path: ['Statement', 0, 'Resource', 0],
          line: 11,
          column: 9,
          message: /^Resource "arn:aws:logs:us-east-1:111122223333:\/aws-glue\/\*" in statement 0: the resource part "\/aws-glue\/\*" fits no logs resource type; logs ARNs look like arn:\$\{Partition\}:logs:\$\{Region\}:\$\{Account\}:log-group:\$\{LogGroupName\}/,
        },
      ],
    },
    {
      name: 'fields are still checked where a wildcard account reaches into the resource part',
      code: policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: ['arn:aws:logs:US-EAST-1:*:/aws-glue/*', 'arn:aws:logs:us-east-1::/aws-glue/*'] }),
      errors: [
        { messageId: 'invalidRegion', path: ['Statement', 0, 'Resource', 0], line: 8, column: 9, message: /has the region "US-EAST-1", which is not a region name/ },
        { messageId: 'resourceMismatch', path: ['Statement', 0, 'Resource', 1], line: 9, column: 9, message: /the resource part "\/aws-glue\/\*" fits no logs resource type/ },
      ],
    },
    {
      name: 'region where the type has none: S3 objects and IAM roles (Parliament s3_withregion, iam_withregion)',
      code: policy({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:GetRole'], Resource: ['arn:aws:s3:us-east-1::bucket1/*', 'arn:aws:iam:us-east-1::role/my-role'] }),
      errors: [
        {
          messageId: 'unexpectedRegion',
          path: ['Statement', 0, 'Resource', 0],
          line: 11,
          column: 9,
          message: 'Resource "arn:aws:s3:us-east-1::bucket1/*" in statement 0 has the region "us-east-1", but s3 object ARNs have an empty region field: arn:${Partition}:s3:::${BucketName}/${ObjectName}.',
        },
        { messageId: 'unexpectedRegion', path: ['Statement', 0, 'Resource', 1], line: 12, column: 9, message: /iam role ARNs have an empty region field: arn:\$\{Partition\}:iam::\$\{Account\}:role\/\$\{RoleNameWithPath\}\.$/ },
      ],
    },
    {
      name: 'no region where the type needs one: ECR repository, API Gateway (Parliament apigw_emptysegments)',
      code: policy({ Effect: 'Allow', Action: ['ecr:PutImage', 'apigateway:GET'], Resource: ['arn:aws:ecr:::repository/app', 'arn:aws:apigateway:::/restapis/a123456789/*'] }),
      errors: [
        {
          messageId: 'missingRegion',
          path: ['Statement', 0, 'Resource', 0],
          line: 11,
          column: 9,
          message: 'Resource "arn:aws:ecr:::repository/app" in statement 0 has an empty region field, but ecr repository ARNs need a region (such as us-east-1, or * for any): arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}.',
        },
        { messageId: 'missingRegion', path: ['Statement', 0, 'Resource', 1], line: 12, column: 9, message: /apigateway .* ARNs need a region/ },
      ],
    },
    {
      name: 'not a region name: an availability zone, upper case',
      code: policy({ Effect: 'Allow', Action: 'ec2:StartInstances', Resource: ['arn:aws:ec2:us-east-1a:111122223333:instance/*', 'arn:aws:ec2:US-EAST-1:111122223333:instance/*'] }),
      errors: [
        {
          messageId: 'invalidRegion',
          path: ['Statement', 0, 'Resource', 0],
          line: 8,
          column: 9,
          message: 'Resource "arn:aws:ec2:us-east-1a:111122223333:instance/*" in statement 0 has the region "us-east-1a", which is not a region name (such as us-east-1 or eu-central-2) as ec2 instance ARNs need: arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}.',
        },
        { messageId: 'invalidRegion', path: ['Statement', 0, 'Resource', 1], line: 9, column: 9, message: /the region "US-EAST-1"/ },
      ],
    },
    {
      name: 'account where the type has none: S3 object, API Gateway (Parliament s3_withaccount, apigw_withaccount)',
      code: policy({ Effect: 'Allow', Action: ['s3:PutObject', 'apigateway:POST'], Resource: ['arn:aws:s3::123412341234:bucket1/*', 'arn:aws:apigateway:us-east-1:123412341234:/restapis/a123456789/*'] }),
      errors: [
        {
          messageId: 'unexpectedAccount',
          path: ['Statement', 0, 'Resource', 0],
          line: 11,
          column: 9,
          message: 'Resource "arn:aws:s3::123412341234:bucket1/*" in statement 0 has the account "123412341234", but s3 object ARNs have an empty account field: arn:${Partition}:s3:::${BucketName}/${ObjectName}.',
        },
        { messageId: 'unexpectedAccount', path: ['Statement', 0, 'Resource', 1], line: 12, column: 9 },
      ],
    },
    {
      name: 'no account where the type needs one: IAM role (Parliament iam_emptysegments), ECR repository',
      code: policy({ Effect: 'Allow', Action: ['iam:PassRole', 'ecr:PutImage'], Resource: ['arn:aws:iam:::role/my-role', 'arn:aws:ecr:us-east-1::repository/app'] }),
      errors: [
        {
          messageId: 'missingAccount',
          path: ['Statement', 0, 'Resource', 0],
          line: 11,
          column: 9,
          message: 'Resource "arn:aws:iam:::role/my-role" in statement 0 has an empty account field, but iam role ARNs need an account ID (12 digits, or * for any): arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}.',
        },
        { messageId: 'missingAccount', path: ['Statement', 0, 'Resource', 1], line: 12, column: 9, message: /ecr repository ARNs need an account ID/ },
      ],
    },
    {
      name: 'not an account ID: too short, "aws" on a role',
      code: policy({ Effect: 'Allow', Action: ['ec2:StopInstances', 'iam:PassRole'], Resource: ['arn:aws:ec2:us-east-1:1111:instance/*', 'arn:aws:iam::aws:role/app'] }),
      errors: [
        {
          messageId: 'invalidAccount',
          path: ['Statement', 0, 'Resource', 0],
          line: 11,
          column: 9,
          message: 'Resource "arn:aws:ec2:us-east-1:1111:instance/*" in statement 0 has the account "1111", which is not a 12-digit account ID as ec2 instance ARNs need: arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}.',
        },
        { messageId: 'invalidAccount', path: ['Statement', 0, 'Resource', 1], line: 12, column: 9, message: /the account "aws", which is not a 12-digit account ID as iam role ARNs need/ },
      ],
    },
    {
      name: 'a permissions boundary is judged too',
      kind: 'boundary',
      code: policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:eu-west-1::amzn-s3-demo-bucket' }),
      errors: [{ messageId: 'unexpectedRegion', path: ['Statement', 0, 'Resource'], line: 7, column: 19, message: /s3 bucket ARNs have an empty region field/ }],
    },
    {
      name: 'a bucket policy is judged too',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'amzn-s3-demo-bucket/*' }),
      errors: [{ messageId: 'notArn', path: ['Statement', 0, 'Resource'], line: 10, column: 19 }],
    },
  ],
});
