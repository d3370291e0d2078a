import rule from '../../src/rules/unknown-condition-key.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GITHUB_OIDC = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const EKS_ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

ruleTester.run(rule, {
  valid: [
    {
      name: 'Parliament test_condition: aws:CurrentTime',
      code: policy({ Effect: 'Allow', Action: 's3:listbucket', Resource: BUCKET, Condition: { DateGreaterThan: { 'aws:CurrentTime': '2019-07-16T12:00:00Z' } } }),
    },
    {
      name: 'global keys in any case, tag keys with a tag name',
      code: policy({
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:*'],
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'AWS:SourceVpc': 'vpc-1a2b3c4d', 'aws:requestedregion': 'eu-west-1', 'aws:PrincipalTag/team': 'platform' },
          'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] },
          Null: { 'aws:RequestTag/cost-center': 'true', 'aws:ResourceTag/owner': 'true' },
        },
      }),
    },
    {
      name: 'service keys, a key documented by another service (ec2:osuser) and a credential key (ec2:SourceInstanceARN)',
      code: policy({
        Effect: 'Allow',
        Action: ['ec2-instance-connect:SendSSHPublicKey', 's3:GetObject'],
        Resource: '*',
        Condition: {
          StringEquals: { 'ec2:osuser': 'ec2-user', 's3:ExistingObjectTag/classification': 'public', 'S3:x-amz-server-side-encryption': 'aws:kms' },
          ArnEquals: { 'ec2:SourceInstanceARN': 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abcd1234efgh5678' },
        },
      }),
    },
    {
      name: 'secretsmanager:ResourceTag/… (the AWS data writes that template with a literal "tag-key")',
      code: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'secretsmanager:ResourceTag/AmazonDataZoneDomain': 'dzd_1234' } } }),
    },
    {
      name: 'aws:PrincipalOrgMasterAccountId (evaluated by IAM, used in AWSSSOServiceRolePolicy)',
      code: policy({ Effect: 'Allow', Action: 'iam:CreateRole', Resource: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*', Condition: { StringNotEquals: { 'aws:PrincipalOrgMasterAccountId': '${aws:PrincipalAccount}' } } }),
    },
    {
      name: 'web-identity and SAML trust policies (no Resource)',
      code: policy(
        {
          Effect: 'Allow',
          Principal: { Federated: GITHUB_OIDC },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:job_workflow_ref': 'octo-org/ci/.github/workflows/deploy.yml@refs/heads/main' } },
        },
        { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${EKS_ISSUER}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${EKS_ISSUER}:sub`]: 'system:serviceaccount:ml:trainer' } } },
        { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } },
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP' }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } },
      ),
      kind: 'trust',
    },
    {
      name: 'documentation placeholders are unresolved-placeholder\'s finding',
      code: policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/${OIDC_PROVIDER}' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { '${OIDC_PROVIDER}:sub': 'system:serviceaccount:ml:trainer', '<OIDC-PROVIDER>:aud': 'sts.amazonaws.com' } } }),
    },
    {
      name: 'ignoreKeys accepts a key the AWS data does not document',
      options: { ignoreKeys: ['lakeformation:Glue*'] },
      code: policy({ Effect: 'Allow', Action: 'lakeformation:GetDataAccess', Resource: '*', Condition: { Null: { 'lakeformation:GlueARN': 'true' } } }),
    },
    {
      name: 'aws:VpcSourceIp with aws:SourceVpc, dynamodb:Attributes with dynamodb:Select SPECIFIC_ATTRIBUTES',
      code: policy(
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' }, StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } },
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:role/reporting' },
          Action: ['dynamodb:GetItem', 'dynamodb:Query'],
          Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/GameScores',
          Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['UserId', 'TopScore'] }, StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' } },
        },
      ),
      kind: 'resource',
    },
  ],
  invalid: [
    {
      name: 'Parliament test_condition_bad_key: no prefix',
      code: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:listbucket",
        "Resource": "arn:aws:s3:::bucket-name",
        "Condition": {"DateGreaterThan" :{"bad" : "2019-07-16T12:00:00Z"}} }}`,
      errors: [
        {
          messageId: 'invalidKeyFormat',
          path: ['Statement', 'Condition', 'DateGreaterThan', 'bad'],
          line: 7,
          column: 43,
          message: 'Condition key "bad" in statement 0 is not of the form "prefix:name" (for example "aws:SourceIp" or "s3:prefix").',
        },
      ],
    },
    {
      name: 'global key without its aws: prefix in a trust policy',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { SourceAccount: '111122223333' } } }),
      errors: [
        {
          messageId: 'invalidKeyFormat',
          path: ['Statement', 0, 'Condition', 'StringEquals', 'SourceAccount'],
          line: 12,
          column: 11,
          message: 'Condition key "SourceAccount" in statement 0 is not of the form "prefix:name" (did you mean "aws:SourceAccount"?).',
        },
      ],
    },
    {
      name: 'compact JSON, bucket policy, misspelled global key',
      code: '{"Version":"2012-10-17","Statement":[{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],"Condition":{"StringNotEquals":{"aws:PrincipleOrgID":"o-a1b2c3d4e5"}}}]}',
      errors: [
        {
          messageId: 'unknownGlobalKey',
          path: ['Statement', 0, 'Condition', 'StringNotEquals', 'aws:PrincipleOrgID'],
          line: 1,
          column: 220,
          message: '"aws:PrincipleOrgID" in statement "OrgOnly" is not an AWS global condition key (did you mean "aws:PrincipalOrgID"?).',
        },
      ],
    },
    {
      name: 'aws:ARN is no longer supported',
      code: policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:queue', Condition: { ArnEquals: { 'aws:ARN': 'arn:aws:sns:us-east-1:111122223333:topic' } } }),
      errors: [
        {
          messageId: 'unknownGlobalKey',
          path: ['Statement', 0, 'Condition', 'ArnEquals', 'aws:ARN'],
          line: 10,
          column: 11,
          message: '"aws:ARN" in statement 0 is not an AWS global condition key: IAM no longer supports it, use aws:PrincipalArn or aws:SourceArn instead.',
        },
      ],
    },
    {
      name: 'tag key without the tag name',
      code: policy({ Effect: 'Allow', Action: ['ec2:StartInstances', 'ec2:StopInstances'], Resource: 'arn:aws:ec2:*:111122223333:instance/*', Condition: { StringEquals: { 'aws:ResourceTag': 'dev' } } }),
      errors: [
        {
          messageId: 'missingTagKey',
          path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:ResourceTag'],
          line: 13,
          column: 11,
          message: 'Condition key "aws:ResourceTag" in statement 0 lacks the tag key: write it as "aws:ResourceTag/${TagKey}" with the tag\'s name.',
        },
      ],
    },
    {
      name: 'misspelled service key under an IfExists operator',
      code: policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLikeIfExists: { 's3:prefx': 'home/${aws:username}/*' } } }),
      errors: [
        {
          messageId: 'unknownServiceKey',
          path: ['Statement', 0, 'Condition', 'StringLikeIfExists', 's3:prefx'],
          line: 10,
          column: 11,
          message: 'Condition key "s3:prefx" in statement 0 is not defined by the service "s3" (did you mean "s3:prefix"?).',
        },
      ],
    },
    {
      name: 'misspelled service prefix, suggestion with the name',
      code: policy({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*', Condition: { 'ForAllValues:StringLike': { 'sagemeker:InstanceTypes': ['ml.m5.*'] } } }),
      errors: [
        {
          messageId: 'unknownService',
          path: ['Statement', 0, 'Condition', 'ForAllValues:StringLike', 'sagemeker:InstanceTypes'],
          line: 10,
          column: 11,
          message: 'Condition key "sagemeker:InstanceTypes" in statement 0: "sagemeker" is not an AWS service prefix (did you mean "sagemaker:InstanceTypes"?).',
        },
      ],
    },
    {
      name: 'unknown prefix in a Deny with NotAction',
      code: policy({ Effect: 'Deny', NotAction: 's3:*', Resource: '*', Condition: { StringEquals: { 'mycorp:CostCenter': '4711' } } }),
      errors: [{ messageId: 'unknownService', path: ['Statement', 0, 'Condition', 'StringEquals', 'mycorp:CostCenter'], line: 10, column: 11, message: 'Condition key "mycorp:CostCenter" in statement 0: "mycorp" is not an AWS service prefix.' }],
    },
    {
      name: 'two unknown keys, case-insensitive action',
      code: policy({ Sid: 'DecryptViaS3', Effect: 'Allow', Action: 'KMS:Decrypt', Resource: KEY, Condition: { StringEquals: { 'kms:ViaServices': 's3.eu-west-1.amazonaws.com', 'aws:RequestedRegions': 'eu-west-1' } } }),
      errors: [
        { messageId: 'unknownServiceKey', path: ['Statement', 0, 'Condition', 'StringEquals', 'kms:ViaServices'], line: 11, column: 11, message: /\(did you mean "kms:ViaService"\?\)\.$/ },
        { messageId: 'unknownGlobalKey', path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:RequestedRegions'], line: 12, column: 11, message: /\(did you mean "aws:RequestedRegion"\?\)\.$/ },
      ],
    },
    {
      name: 'GitHub OIDC trust policy with a claim IAM does not expose',
      code: policy({
        Effect: 'Allow',
        Principal: { Federated: GITHUB_OIDC },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:subject': 'repo:octo-org/octo-repo:ref:refs/heads/main' } },
      }),
      errors: [
        {
          messageId: 'unknownProviderKey',
          path: ['Statement', 0, 'Condition', 'StringEquals', 'token.actions.githubusercontent.com:subject'],
          line: 13,
          column: 11,
          message: 'Condition key "token.actions.githubusercontent.com:subject" in statement 0: IAM does not expose "subject" of the identity provider "token.actions.githubusercontent.com" as a condition key.',
        },
      ],
    },
    {
      name: 'EKS OIDC provider, claim with a suggestion',
      code: policy({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${EKS_ISSUER}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${EKS_ISSUER}:sbu`]: 'system:serviceaccount:ml:trainer' } } }),
      errors: [{ messageId: 'unknownProviderKey', path: ['Statement', 0, 'Condition', 'StringEquals', `${EKS_ISSUER}:sbu`], line: 12, column: 11, message: new RegExp(`\\(did you mean "${EKS_ISSUER}:sub"\\?\\)\\.$`) }],
    },
    {
      name: 'aws:Referer in a bucket policy and aws:UserAgent in a Deny',
      code: policy(
        { Sid: 'AllowFromSite', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { StringLike: { 'aws:Referer': ['https://www.example.com/*'] } } },
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { StringNotLike: { 'aws:UserAgent': '*MyApp*' } } },
      ),
      kind: 'resource',
      errors: [
        { messageId: 'untrustworthyKey', path: ['Statement', 0, 'Condition', 'StringLike', 'aws:Referer'], line: 12, column: 11, message: "Condition key \"aws:Referer\" in statement \"AllowFromSite\" is not recommended for access control: its value comes from the HTTP Referer header, which the caller can set to anything." },
        { messageId: 'untrustworthyKey', path: ['Statement', 1, 'Condition', 'StringNotLike', 'aws:UserAgent'], line: 25, column: 11 },
      ],
    },
    {
      name: 'aws:VpcSourceIp without aws:SourceVpc (once per key), dynamodb:Attributes without dynamodb:Select',
      code: policy(
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*', Condition: { NotIpAddressIfExists: { 'aws:VpcSourceIp': '10.0.0.0/16' }, IpAddress: { 'AWS:VpcSourceIp': '10.0.1.0/24' } } },
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:role/reporting' },
          Action: 'dynamodb:GetItem',
          Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/GameScores',
          Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['UserId', 'TopScore'] }, StringEquals: { 'dynamodb:Select': 'ALL_ATTRIBUTES' } },
        },
      ),
      kind: 'resource',
      errors: [
        { messageId: 'missingPairedKey', path: ['Statement', 0, 'Condition', 'NotIpAddressIfExists', 'aws:VpcSourceIp'], line: 11, column: 11, message: "Condition key \"aws:VpcSourceIp\" in statement 0 can be overly permissive without aws:SourceVpc or aws:SourceVpce: the same private address exists in every VPC, including one the caller owns. Add aws:SourceVpc or aws:SourceVpce to the same condition block." },
        { messageId: 'missingPairedKey', path: ['Statement', 1, 'Condition', 'ForAllValues:StringEquals', 'dynamodb:Attributes'], line: 27, column: 11 },
      ],
    },
  ],
});
