import { describe, expect, it } from 'vitest';
import { closestName, editDistance, suggestServicePrefix } from '../../src/iam/suggest.js';
import rule from '../../src/rules/unknown-service.js';
import { policy, ruleTester } from '../rule-tester.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';

ruleTester.run(rule, {
  valid: [
    {
      name: 'known prefixes in any case',
      code: policy({ Effect: 'Allow', Action: ['S3:GetObject', 'SageMaker:CreateModel', 'ecr:getauthorizationtoken'], Resource: '*' }),
    },
    { name: 'bare * and *:*', code: policy({ Effect: 'Allow', Action: ['*', '*:*'], Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }) },
    { name: 'prefix patterns that match services', code: policy({ Effect: 'Allow', Action: ['s3*:Get*', 'ec?:Describe*', 'SageMaker*:List*'], Resource: '*' }) },
    { name: 'unknown action of a known service is left to unknown-action', code: policy({ Effect: 'Allow', Action: ['s3:GetObjects', 's3:Get*Foo'], Resource: `${BUCKET}/*` }) },
    { name: 'Deny with NotAction of known services', code: policy({ Effect: 'Deny', NotAction: ['iam:*', 'sts:GetCallerIdentity'], Resource: '*' }) },
    {
      name: 'trust policy',
      code: policy({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }),
      kind: 'trust',
    },
    {
      name: 'conditions do not matter',
      code: policy({ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' } } }),
    },
    { name: 'ignoreServices accepts a prefix, case-insensitively', code: policy({ Effect: 'Allow', Action: ['NewService:DoThing', 'newservice*:Get*'], Resource: '*' }), options: { ignoreServices: ['newService'] } },
  ],
  invalid: [
    {
      name: 'compact JSON: s4 → s3',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s4:GetObject","Resource":"arn:aws:s3:::b/*"}]}',
      errors: [
        {
          messageId: 'unknownServiceSuggestion',
          path: ['Statement', 0, 'Action'],
          line: 1,
          column: 65,
          endColumn: 79,
          message: '"s4:GetObject" in statement 0: "s4" is not a known AWS service prefix, so the entry matches no action. Did you mean "s3:GetObject"?',
        },
      ],
    },
    {
      name: 'misspelled and unknown prefixes in one list',
      code: policy({ Sid: 'Model', Effect: 'Allow', Action: ['sagemkaer:CreateModel', 'sagemaker:DescribeModel', 'notaservice:DoThing'], Resource: '*' }),
      errors: [
        {
          messageId: 'unknownServiceSuggestion',
          path: ['Statement', 0, 'Action', 0],
          line: 8,
          column: 9,
          endColumn: 32,
          message: /^"sagemkaer:CreateModel" in statement "Model": "sagemkaer" is not a known AWS service prefix, .* Did you mean "sagemaker:CreateModel"\?$/,
        },
        {
          messageId: 'unknownService',
          path: ['Statement', 0, 'Action', 2],
          line: 10,
          column: 9,
          message: '"notaservice:DoThing" in statement "Model": "notaservice" is not a known AWS service prefix, so the entry matches no action.',
        },
      ],
    },
    {
      name: 'suggestion prefers a service that has the action',
      code: policy({ Effect: 'Allow', Action: 'st:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/ci' }),
      errors: [{ messageId: 'unknownServiceSuggestion', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /Did you mean "sts:AssumeRole"\?$/ }],
    },
    {
      name: 'prefix pattern matching no service',
      code: policy({ Effect: 'Allow', Action: ['zz*:Get*', 's3*:Get*'], Resource: '*' }),
      errors: [
        {
          messageId: 'unknownServicePattern',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          message: '"zz*:Get*" in statement 0: the prefix pattern "zz*" matches no known AWS service prefix, so the entry matches no action.',
        },
      ],
    },
    {
      name: 'invalid action formats: no colon, empty, empty action part, two colons',
      code: policy({ Effect: 'Allow', Action: ['s3GetObject', '', 's3:', 's3:Get:Object'], Resource: '*' }),
      errors: [
        {
          messageId: 'invalidFormat',
          path: ['Statement', 0, 'Action', 0],
          line: 7,
          column: 9,
          endColumn: 22,
          message: '"s3GetObject" in statement 0 is not a valid action: write it as service:Action (for example s3:GetObject), or "*" for every action.',
        },
        { messageId: 'invalidFormat', path: ['Statement', 0, 'Action', 1], line: 8, column: 9, endColumn: 11 },
        { messageId: 'invalidFormat', path: ['Statement', 0, 'Action', 2], line: 9, column: 9 },
        { messageId: 'invalidFormat', path: ['Statement', 0, 'Action', 3], line: 10, column: 9 },
      ],
    },
    {
      name: 'Deny NotAction with a misspelled prefix excludes nothing',
      code: policy({ Sid: 'DenyOutsideOrg', Effect: 'Deny', NotAction: ['iam:*', 'organisations:Describe*'], Resource: '*' }),
      errors: [
        {
          messageId: 'unknownServiceSuggestion',
          path: ['Statement', 0, 'NotAction', 1],
          line: 9,
          column: 9,
          message: /^"organisations:Describe\*" in statement "DenyOutsideOrg": .* Did you mean "organizations:Describe\*"\?$/,
        },
      ],
    },
    {
      name: 'trust policy with a misspelled sts prefix',
      code: policy({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'stss:AssumeRole' }),
      kind: 'trust',
      errors: [{ messageId: 'unknownServiceSuggestion', path: ['Statement', 0, 'Action'], line: 9, column: 17, message: /Did you mean "sts:AssumeRole"\?$/ }],
    },
    {
      name: 'retired service no longer in the data; conditions do not help',
      code: policy({ Effect: 'Allow', Action: 'iot1click:ListProjects', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } } }),
      errors: [{ messageId: 'unknownService', path: ['Statement', 0, 'Action'], line: 6, column: 17, message: /"iot1click" is not a known AWS service prefix/ }],
    },
    {
      name: 'ignoreServices leaves other prefixes reported',
      code: policy({ Effect: 'Allow', Action: ['newservice:DoThing', 'otherservice:DoThing'], Resource: '*' }),
      options: { ignoreServices: ['newservice'] },
      errors: [{ messageId: 'unknownService', path: ['Statement', 0, 'Action', 1], line: 8, column: 9 }],
    },
  ],
});

describe('suggestions', () => {
  it('counts a swap of neighbouring characters as one edit', () => {
    expect(editDistance('sagemkaer', 'sagemaker')).toBe(1);
    expect(editDistance('s4', 's3')).toBe(1);
    expect(editDistance('getpaymentpreferences', 'listpaymentpreferences')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
  it('suggests only within a typo budget', () => {
    expect(closestName('GetPaymentPreferences', ['ListPaymentPreferences'])).toBeUndefined();
    expect(closestName('lamda', ['lambda', 'lakeformation'])).toBe('lambda');
    expect(suggestServicePrefix('notaservice')).toBeUndefined();
    expect(suggestServicePrefix('st', 'AssumeRole')).toBe('sts');
  });
});
