import rule from '../../src/rules/unresolved-placeholder.js';
import { policy, ruleTester } from '../rule-tester.js';

const template = (resource: string) => `Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: ${resource}
          - Effect: Allow
            Action: s3:ListBucket
            Resource: !GetAtt Bucket.Arn
`;

ruleTester.run(rule, {
  valid: [
    { name: 'concrete ARNs', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }) },
    {
      name: 'IAM policy variables',
      code: policy(
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*', '${aws:PrincipalTag/team}/*'] } } },
        { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::amzn-s3-demo-bucket/${saml:sub}/*', 'arn:aws:s3:::amzn-s3-demo-bucket/${cognito-identity.amazonaws.com:sub}/*'] },
      ),
    },
    {
      name: 'web-identity variable and the escapes',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${token.actions.githubusercontent.com:sub}/${*}${?}${$}' }),
    },
    {
      name: 'brackets and braces that are not placeholder-shaped',
      code: policy({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/note': ['a<b', 'x > y', '{"a": 1}', '{0}', '<>', '{ spaced name }'] } } }),
    },
    {
      name: 'Fn::Sub template resolves ${…} in CloudFormation',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${BucketName}/*' } }, { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: { 'Fn::Sub': ['arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Group}:*', { Group: 'app' }] } }),
    },
    {
      name: 'config variables substitute every form',
      code: policy({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:{AWS_REGION}:<ACCOUNT-ID>:repository/${RepositoryName}' }),
      variables: { AWS_REGION: 'us-east-1', 'ACCOUNT-ID': '111122223333', RepositoryName: 'app' },
    },
    { name: 'ignore accepts a name', code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::<BUCKET>/*' }), options: { ignore: ['BUCKET'] } },
    {
      name: 'CloudFormation template: Ref, GetAtt and Sub values are template expressions',
      files: { 'template.yaml': template('!Sub "arn:${AWS::Partition}:s3:::${Bucket}/${AWS::Region}/*"') },
    },
  ],
  invalid: [
    {
      name: 'compact JSON, {AWS_REGION}, exact message',
      code: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:CreateLogGroup","Resource":"arn:aws:logs:{AWS_REGION}:111122223333:*"}]}',
      errors: [
        {
          messageId: 'placeholder',
          path: ['Statement', 0, 'Resource'],
          line: 1,
          column: 98,
          endColumn: 140,
          message:
            'Unresolved placeholder {AWS_REGION} in "arn:aws:logs:{AWS_REGION}:111122223333:*": IAM keeps it as literal text. Replace it with the real value, or set it in the config: "variables": {"AWS_REGION": "us-east-1"}.',
        },
      ],
    },
    {
      name: 'two placeholders in one ARN, each reported',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::<BUCKET-NAME>/<ACCOUNT-ID>/*'] }),
      errors: [
        { messageId: 'placeholder', path: ['Statement', 0, 'Resource', 0], line: 8, column: 9, message: /^Unresolved placeholder <ACCOUNT-ID> .*"variables": \{"ACCOUNT-ID": "111122223333"\}/ },
        { messageId: 'placeholder', path: ['Statement', 0, 'Resource', 0], line: 8, column: 9, message: /^Unresolved placeholder <BUCKET-NAME> / },
      ],
    },
    {
      name: '${BucketName} next to a real policy variable',
      code: policy({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::${BucketName}/home/${aws:username}/*' }),
      errors: [{ messageId: 'placeholder', path: ['Statement', 0, 'Resource'], line: 7, column: 19, message: /^Unresolved placeholder \$\{BucketName\} in / }],
    },
    {
      name: 'CloudFormation pseudo parameters outside CloudFormation',
      code: policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/sagemaker/*' }),
      errors: [
        { messageId: 'pseudoParameter', path: ['Statement', 0, 'Resource'], line: 7, column: 19, message: /^\$\{AWS::AccountId\} in ".*" is a CloudFormation pseudo parameter.*\(for example "111122223333"\)\.$/ },
        { messageId: 'pseudoParameter', path: ['Statement', 0, 'Resource'], line: 7, column: 19, message: /^\$\{AWS::Region\} in / },
      ],
    },
    {
      name: 'condition keys copied from the reference, and a value placeholder',
      code: policy({
        Effect: 'Allow',
        Action: ['ecr:CreateRepository', 's3:GetObject'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestTag/${TagKey}': '${TagValue}', 's3:ExistingObjectTag/<key>': 'public' } },
      }),
      // TagKey as a variable does not help: config variables apply to values, not to condition keys.
      variables: { TagKey: 'team' },
      errors: [
        {
          messageId: 'conditionKeyPlaceholder',
          path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:RequestTag/${TagKey}'],
          line: 13,
          column: 11,
          message: 'Condition key "aws:RequestTag/${TagKey}" still holds the documentation placeholder ${TagKey}: no request carries that key, so the condition never matches. Write the real key (for example the tag key after "/").',
        },
        { messageId: 'placeholder', path: ['Statement', 0, 'Condition', 'StringEquals', 'aws:RequestTag/${TagKey}'], line: 13, column: 39, message: /^Unresolved placeholder \$\{TagValue\}/ },
        { messageId: 'conditionKeyPlaceholder', path: ['Statement', 0, 'Condition', 'StringEquals', 's3:ExistingObjectTag/<key>'], line: 14, column: 11, message: /placeholder <key>/ },
      ],
    },
    {
      name: 'variables resolve one placeholder, the other remains',
      code: policy({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:{AWS_REGION}:{ACCOUNT_ID}:repository/app' }),
      variables: { AWS_REGION: 'us-east-1' },
      errors: [{ messageId: 'placeholder', path: ['Statement', 0, 'Resource'], line: 7, column: 19, message: /\{ACCOUNT_ID\} in "arn:aws:ecr:us-east-1:\{ACCOUNT_ID\}:repository\/app"/ }],
    },
    {
      name: 'trust policy principal, repeated placeholder reported once',
      code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::<ACCOUNT-ID>:role/<ACCOUNT-ID>-deployer' }, Action: 'sts:AssumeRole' }),
      errors: [{ messageId: 'placeholder', path: ['Statement', 0, 'Principal', 'AWS'], line: 7, column: 16 }],
    },
    {
      name: 'ignore leaves other names reported; {X} inside Fn::Sub is still a placeholder',
      code: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:aws:s3:::{BUCKET}/${Prefix}/{OTHER}/*' } }),
      options: { ignore: ['BUCKET'] },
      errors: [{ messageId: 'placeholder', path: ['Statement', 0, 'Resource', 'Fn::Sub'], line: 8, column: 20, message: /^Unresolved placeholder \{OTHER\}/ }],
    },
    {
      name: 'Deny statements are checked too',
      code: policy({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::<your-bucket>' }),
      errors: [{ messageId: 'placeholder', path: ['Statement', 0, 'Resource'], line: 7, column: 19, message: /"variables": \{"your-bucket": "…"\}/ }],
    },
    {
      name: 'CloudFormation template: {X} and <X> are still placeholders next to template expressions',
      files: { 'template.yaml': template('!Sub "arn:${AWS::Partition}:s3:::<BUCKET-NAME>/${AWS::Region}/*"') },
      errors: [{ messageId: 'placeholder', file: 'template.yaml', path: ['Statement', 0, 'Resource'], line: 10, column: 23, message: /^Unresolved placeholder <BUCKET-NAME> .* \[AppPolicy \(AWS::IAM::ManagedPolicy\) › PolicyDocument\]$/ }],
    },
    {
      name: 'CloudFormation template without intrinsics: a pseudo parameter outside Fn::Sub is literal text',
      files: { 'template.yaml': template('"arn:aws:s3:::app-${AWS::Region}/*"').replace('!GetAtt Bucket.Arn', 'arn:aws:s3:::app') },
      errors: [{ messageId: 'pseudoParameter', file: 'template.yaml', path: ['Statement', 0, 'Resource'], line: 10, column: 23 }],
    },
  ],
});
