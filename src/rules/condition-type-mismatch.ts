import type { ConditionEntry, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { analyzeConditionOperator, type OperatorFamily } from '../iam/condition-operators.js';
import {
  isMultivaluedKeyType,
  isValidConditionValue,
  operatorFamiliesForKey,
  operatorFitsKey,
  valueFormatOf,
  type ValueFormat,
} from '../iam/condition-types.js';
import { getConditionKey, type ConditionKeyInfo } from '../iam/service-data.js';
import { statementLabel } from '../iam/statement.js';
import { wildcardMatch } from '../iam/wildcard.js';
import { findPlaceholders } from './unresolved-placeholder.js';

type MessageIds =
  | 'operatorMismatch'
  | 'missingSetOperator'
  | 'invalidDate'
  | 'invalidNumber'
  | 'invalidBool'
  | 'invalidIpAddress'
  | 'invalidArn'
  | 'invalidNullValue';

interface Options {
  ignoreKeys: string[];
}

const MESSAGE_FOR_FORMAT: Readonly<Record<ValueFormat, MessageIds>> = {
  date: 'invalidDate',
  number: 'invalidNumber',
  bool: 'invalidBool',
  ipAddress: 'invalidIpAddress',
  arn: 'invalidArn',
  nullFlag: 'invalidNullValue',
};

/** How a family reads in a sentence: "compares ARN values", "use a numeric operator". */
const FAMILY_WORDS: Readonly<Record<OperatorFamily, string>> = {
  String: 'string',
  Numeric: 'numeric',
  Date: 'date',
  Bool: 'Boolean',
  Binary: 'binary',
  IpAddress: 'IP address',
  Arn: 'ARN',
  Null: 'Null',
};

/** "an ARN", "a string". */
function withArticle(family: OperatorFamily): string {
  const word = FAMILY_WORDS[family];
  return `${/^(A|I|[aeiou])/.test(word) ? 'an' : 'a'} ${word}`;
}

/** Families that do not substitute policy variables, for the hint in value messages. */
const NO_VARIABLES: ReadonlySet<OperatorFamily> = new Set(['Numeric', 'Date', 'IpAddress']);

function variableHint(family: OperatorFamily, value: string): string {
  return NO_VARIABLES.has(family) && value.includes('${') ? ` IAM does not substitute policy variables in ${family} operators.` : '';
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'condition-type-mismatch',
    docs: {
      description: 'Report condition operators that do not fit the condition key type, and values the operator cannot read',
      why:
        'IAM compares a condition key with the rules of the operator: a Numeric, Date, Bool or IpAddress operator on a key of another type, or a value that does not parse as a number, date, boolean, IP range or ARN, never matches the way the author meant, so an Allow silently grants nothing and a Deny silently protects nothing. A multivalued key (ArrayOf… in the Service Authorization Reference, e.g. aws:TagKeys) needs ForAllValues: or ForAnyValue:; IAM Access Analyzer reports it as an error. String and ARN operators are interchangeable on String and ARN keys (IAM compares an ARN as text, and many String keys such as tag values or kms:EncryptionContext:aws:s3:arn hold ARNs), but the value of an ARN operator must still be an ARN. Keys the service data does not document are left to unknown-condition-key, invalid operators to unknown-condition-operator. Every policy kind is checked.',
      fix:
        'Use an operator of the key\'s family (String/Arn for ARN keys, Numeric for numbers, Date for times, Bool for booleans, IpAddress for IP keys), add ForAnyValue:/ForAllValues: for multivalued keys, and write values in the operator\'s format: ISO 8601 dates or epoch seconds, plain numbers, true/false, IPv4/IPv6 addresses or CIDR ranges, full six-field ARNs.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'error',
    tags: ['correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: {
          type: 'array',
          items: { type: 'string' },
          description: 'Condition keys not to check (case-insensitive; * and ? wildcards), for keys whose documented type is wrong.',
        },
      },
    },
    defaultOptions: { ignoreKeys: [] },
    messages: {
      operatorMismatch: '{{operator}} compares {{family}} values, but {{key}} in {{statement}} has type {{type}}: use {{expected}} operator.',
      missingSetOperator:
        '{{key}} in {{statement}} is multivalued ({{type}}), but {{operator}} has no set qualifier: use ForAnyValue:{{operator}} (some request value matches) or ForAllValues:{{operator}} (every request value matches).',
      invalidDate:
        '"{{value}}" is not a date: {{operator}} on {{key}} ({{type}}) in {{statement}} needs ISO 8601 (2026-01-01, 2026-01-01T12:00:00Z) or epoch seconds.{{hint}}',
      invalidNumber: '"{{value}}" is not a number: {{operator}} on {{key}} ({{type}}) in {{statement}} needs an integer or decimal.{{hint}}',
      invalidBool: '"{{value}}" is not a boolean: {{operator}} on {{key}} ({{type}}) in {{statement}} needs true or false.',
      invalidIpAddress:
        '"{{value}}" is not an IP address or CIDR range: {{operator}} on {{key}} ({{type}}) in {{statement}} needs IPv4/IPv6 such as 203.0.113.0/24 or 2001:db8::/32 (octets up to 255, prefix up to /32 or /128).{{hint}}',
      invalidArn:
        '"{{value}}" is not an ARN: {{operator}} on {{key}} ({{type}}) in {{statement}} compares the six ARN fields one by one, so write arn:partition:service:region:account:resource (wildcards allowed in each field).',
      invalidNullValue:
        '"{{value}}" is not true or false: Null on {{key}} ({{type}}) in {{statement}} takes true (the key is absent) or false (the key is present).',
    },
  },
  create(context) {
    const ignored = (key: string) => context.options.ignoreKeys.some((pattern) => wildcardMatch(pattern, key, true));

    function checkValues(c: ConditionEntry, family: OperatorFamily, info: ConditionKeyInfo, statement: string): void {
      const format = valueFormatOf(family);
      if (!format) return;
      for (const v of c.values) {
        // Documentation placeholders (<CIDR>, {ACCOUNT_ID}) are unresolved-placeholder's finding.
        if (isValidConditionValue(family, v.value) || findPlaceholders(v.value).length > 0) continue;
        context.report({
          node: v,
          messageId: MESSAGE_FOR_FORMAT[format],
          data: { value: v.value, operator: c.operator.value, key: c.key.value, type: info.type, statement, hint: variableHint(family, v.value) },
        });
      }
    }

    function checkCondition(stmt: Statement, c: ConditionEntry): void {
      if (ignored(c.key.value)) return;
      const op = analyzeConditionOperator(c.operator.value);
      if (op.problem || !op.family) return;
      const info = getConditionKey(c.key.value);
      if (!info) return;
      const statement = statementLabel(stmt);
      const data = { operator: c.operator.value, key: c.key.value, type: info.type, statement };
      if (!operatorFitsKey(op.family, info)) {
        const expected = operatorFamiliesForKey(info).map(withArticle).join(' or ');
        context.report({ node: c.operator, messageId: 'operatorMismatch', data: { ...data, family: FAMILY_WORDS[op.family], expected } });
        return;
      }
      if (op.family !== 'Null' && isMultivaluedKeyType(info.type) && !op.setOperator) {
        context.report({ node: c.operator, messageId: 'missingSetOperator', data });
      }
      checkValues(c, op.family, info, statement);
    }

    return {
      statement(stmt) {
        for (const c of stmt.conditions) checkCondition(stmt, c);
      },
    };
  },
});
