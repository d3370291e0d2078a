import type { Located, PolicyDocument } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import { findPlaceholders, treeMayHoldPlaceholders } from '../iam/placeholders.js';

type MessageIds = 'placeholder' | 'pseudoParameter' | 'conditionKeyPlaceholder';

const MAX_VALUE_LENGTH = 100;

/** A value to show in `"variables"` advice: realistic for the usual names, neutral otherwise. */
function exampleValue(name: string): string {
  if (/region/i.test(name)) return 'us-east-1';
  if (/account/i.test(name)) return '111122223333';
  if (/partition/i.test(name)) return 'aws';
  return '…';
}

function shorten(value: string): string {
  return value.length <= MAX_VALUE_LENGTH ? value : `${value.slice(0, MAX_VALUE_LENGTH - 1)}…`;
}

function conditionKeysOf(doc: PolicyDocument): Set<Located<string>> {
  return new Set(doc.statements.flatMap((s) => s.conditions.map((c) => c.key)));
}

export default defineRule<{ ignore: string[] }, MessageIds>({
  meta: {
    id: 'unresolved-placeholder',
    docs: {
      description: 'Report documentation template placeholders ({AWS_REGION}, <ACCOUNT-ID>, ${BucketName}, ${AWS::Region}) left in a policy',
      why:
        'Policies copied from documentation carry placeholders such as `{AWS_REGION}`, `<ACCOUNT-ID>`, `<BUCKET-NAME>` or `${BucketName}`. ' +
        'IAM does not substitute them: it stores the text literally, so an ARN with a placeholder matches no real resource and a condition compares against the placeholder text. ' +
        'The statement silently grants nothing (or, in a Deny, denies nothing). CloudFormation pseudo parameters such as `${AWS::Region}` and `${AWS::AccountId}` are resolved only inside a CloudFormation `Fn::Sub`; in a plain policy they are literal text too. ' +
        'A condition key copied from the Service Authorization Reference, such as `aws:RequestTag/${TagKey}`, names no key of any request, so the condition never matches. ' +
        'IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${saml:sub}`, `${s3:prefix}`) and the escapes `${*}`, `${?}`, `${$}` are real policy syntax and are not reported; neither is `${…}` inside a CloudFormation `Fn::Sub` template, nor in a policy of a CloudFormation template that uses intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Sub`, … are read as `${…}` expressions CloudFormation resolves at deploy time). ' +
        'Placeholder names are identifier-like (letters, digits, `_`, `-`, `.`, and `::` for the `AWS::X` form), so text such as `a<b` or JSON inside a value is not mistaken for one. A placeholder repeated in one value is reported once for that value.',
      fix:
        'Replace each placeholder with the real value (region, account ID, bucket name, tag key). When the same policy is deployed with different values, keep the placeholders and set them in the config: `"variables": {"AWS_REGION": "us-east-1", "ACCOUNT-ID": "111122223333"}` substitutes `{X}`, `<X>` and `${X}` in values (not in condition keys) before any rule runs. ' +
        'Variable names cannot contain `::`, so replace CloudFormation pseudo parameters in the policy itself, or keep the policy in the template where `Fn::Sub` resolves them. ' +
        'Names a project deliberately keeps can be accepted with the `ignore` option.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignore: stringListOption('Placeholder names to accept, without their delimiters (e.g. "AWS_REGION" accepts {AWS_REGION}, <AWS_REGION> and ${AWS_REGION}).'),
      },
    },
    defaultOptions: { ignore: [] },
    messages: {
      placeholder:
        'Unresolved placeholder {{placeholder}} in "{{value}}": IAM keeps it as literal text. Replace it with the real value, or set it in the config: "variables": {"{{name}}": "{{example}}"}.',
      pseudoParameter:
        '{{placeholder}} in "{{value}}" is a CloudFormation pseudo parameter, resolved only inside an Fn::Sub of a CloudFormation template; here IAM keeps it as literal text. Replace it with the real value (for example "{{example}}").',
      conditionKeyPlaceholder:
        'Condition key "{{value}}" still holds the documentation placeholder {{placeholder}}: no request carries that key, so the condition never matches. Write the real key (for example the tag key after "/").',
    },
  },
  create(context) {
    const ignored = new Set(context.options.ignore);
    return {
      document(doc) {
        if (!treeMayHoldPlaceholders(doc.root)) return;
        const conditionKeys = conditionKeysOf(doc);
        for (const str of doc.strings) {
          // In a template, `${…}` holds CloudFormation expressions (converted Ref/GetAtt/Sub values), resolved at deploy time.
          for (const p of findPlaceholders(str.value, doc.templateExpressions || str.path.includes('Fn::Sub'))) {
            if (ignored.has(p.name)) continue;
            const data = { placeholder: p.text, name: p.name, value: shorten(str.value), example: exampleValue(p.name) };
            const messageId = conditionKeys.has(str) ? 'conditionKeyPlaceholder' : p.pseudoParameter ? 'pseudoParameter' : 'placeholder';
            context.report({ node: str, messageId, data });
          }
        }
      },
    };
  },
});
