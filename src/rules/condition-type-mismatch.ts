import type { ConditionEntry, Located, Statement } from '../engine/model.js';
import { defineRule, stringListOption } from '../engine/rule.js';
import { analyzeConditionOperator, type OperatorAnalysis, type OperatorFamily } from '../iam/condition-operators.js';
import {
  isMultivaluedKeyType,
  isValidConditionValue,
  operatorFamiliesForKey,
  operatorFitsKey,
  valueFormatOf,
  type ValueFormat,
} from '../iam/condition-types.js';
import { hasPlaceholder } from '../iam/placeholders.js';
import {
  AWS_REGIONS,
  EXPECTED_FORMAT,
  hasKeyValueFormat,
  hasLiteralWildcard,
  isEpochDate,
  isPrivateRange,
  keyValueKind,
  type KeyValueKind,
  likeOperatorFor,
  matchesSomeRegion,
  normalizedCidr,
} from '../iam/condition-values.js';
import { policyVariableToWildcard } from '../iam/policy-variables.js';
import type { ConditionKeyInfo } from '../iam/service-data.js';
import { findConditionKey } from '../iam/condition-keys.js';
import { closestName } from '../iam/suggest.js';
import { statementLabel } from '../iam/statement.js';
import { hasWildcard, wildcardMatch } from '../iam/wildcard.js';

type MessageIds =
  | 'operatorMismatch'
  | 'missingSetOperator'
  | 'invalidDate'
  | 'invalidNumber'
  | 'invalidBool'
  | 'invalidIpAddress'
  | 'invalidArn'
  | 'invalidNullValue'
  | 'variableInOperator'
  | 'wildcardWithoutLike'
  | 'invalidRegion'
  | 'invalidVpcId'
  | 'invalidVpceId'
  | 'invalidKmsKeyArn'
  | 'invalidServicePrincipal'
  | 'epochDate'
  | 'ipRangeHostBits'
  | 'privateSourceIp'
  | 'privateSourceIpSubset';

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

/** Families whose values IAM reads as text and where policy variables are substituted. */
const VARIABLE_FAMILIES: ReadonlySet<OperatorFamily> = new Set(['String', 'Arn']);

/** The message for a value of the wrong form, per key kind (Regions have their own). */
const KIND_MESSAGE = {
  vpcId: 'invalidVpcId',
  vpceId: 'invalidVpceId',
  kmsKeyArn: 'invalidKmsKeyArn',
  servicePrincipal: 'invalidServicePrincipal',
  viaService: 'invalidServicePrincipal',
} as const;

const hasVariable = (value: string): boolean => policyVariableToWildcard(value) !== value;

/** hasKeyValueFormat's answers, by wildcard reading, kind and value: policies repeat the same values. */
const keyValueAnswers = [new Map<string, Map<string, boolean>>(), new Map<string, Map<string, boolean>>()];

function keyValueFits(kind: Exclude<KeyValueKind, 'region'>, value: string, wildcards: boolean): boolean {
  const byKind = keyValueAnswers[wildcards ? 1 : 0];
  let answers = byKind.get(kind);
  if (answers === undefined) byKind.set(kind, (answers = new Map()));
  let fits = answers.get(value);
  if (fits === undefined) {
    fits = hasKeyValueFormat(kind, value, wildcards);
    if (answers.size >= 4096) answers.clear();
    answers.set(value, fits);
  }
  return fits;
}

export default defineRule<Options, MessageIds>({
  meta: {
    id: 'condition-type-mismatch',
    docs: {
      description: 'Report condition operators that do not fit the condition key type, and values the operator or key cannot read',
      why:
        'IAM compares a condition key with the rules of the operator: a Numeric, Date, Bool or IpAddress operator on a key of another type, or a value that does not parse as a number, date, boolean, IP range or ARN, never matches the way the author meant, so an Allow silently grants nothing and a Deny silently protects nothing. ' +
        'A multivalued key (ArrayOf… in the Service Authorization Reference, e.g. aws:TagKeys) needs ForAllValues: or ForAnyValue: (Access Analyzer "Missing qualifier"). String and ARN operators are interchangeable on String and ARN keys (IAM compares an ARN as text, and many String keys such as tag values or kms:EncryptionContext:aws:s3:arn hold ARNs), but the value of an ARN operator must still be an ARN. ' +
        'IAM substitutes policy variables only in String and ARN operators ("Invalid variable for operator"); elsewhere ${…} stays literal text. StringEquals and the other non-Like String operators compare * and ? literally, so a value meant as a pattern never matches ("Wildcard without like operator"). ' +
        'Some keys take values of a fixed form, and a value of another form never matches: Region keys (aws:RequestedRegion, ec2:Region, …) take Region codes ("Invalid Region"), aws:SourceVpc and aws:SourceVpce take vpc-/vpce- followed by 8 or 17 characters ("Invalid vpc format", "Invalid vpce format"), the S3 SSE-KMS key id key takes a KMS key ARN ("Invalid kms key value"), service principal keys (aws:PrincipalServiceName, aws:CalledVia, iam:PassedToService) take service.amazonaws.com and kms:ViaService takes service.region.amazonaws.com ("Invalid service principal format"). ' +
        'aws:SourceIp holds only public addresses, so private ranges (RFC 1918, fc00::/7) under it never match: an IpAddress test of only private ranges is always false and a NotIpAddress test always true ("Private IP address", "Private NotIpAddress"); mixed with public ranges the private ones have no effect (requests through VPC endpoints carry aws:VpcSourceIp instead). ' +
        'Access Analyzer also warns that epoch seconds under a Date operator "might not resolve as expected" ("Invalid date value") and that bits after the prefix of a CIDR range are ignored ("Improve IP range"). Keys the service data does not document get only the operator-level checks (wildcards, variables); unknown keys are unknown-condition-key\'s finding, invalid operators unknown-condition-operator\'s. Every policy kind is checked.',
      fix:
        'Use an operator of the key\'s family (String/Arn for ARN keys, Numeric for numbers, Date for times, Bool for booleans, IpAddress for IP keys), add ForAnyValue:/ForAllValues: for multivalued keys, and write values in the operator\'s format: ISO 8601 dates (2026-01-01 or 2026-01-01T12:00:00Z), plain numbers, true/false, IPv4/IPv6 addresses or CIDR ranges with the host bits zero, full six-field ARNs. Use StringLike/StringNotLike for patterns, literal values instead of policy variables outside String and ARN operators, the exact value forms the message names for Region, VPC, VPC endpoint, KMS key and service principal keys, and aws:VpcSourceIp (with aws:SourceVpc) for private addresses.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
        'https://docs.aws.amazon.com/general/latest/gr/rande.html#region-names-codes',
        'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service',
      ],
    },
    defaultSeverity: 'error',
    tags: ['correctness'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignoreKeys: stringListOption('Condition keys not to check (case-insensitive; * and ? wildcards), for keys whose documented type is wrong.'),
      },
    },
    defaultOptions: { ignoreKeys: [] },
    messages: {
      operatorMismatch: '{{operator}} compares {{family}} values, but {{key}} in {{statement}} has type {{type}}: use {{expected}} operator.',
      missingSetOperator:
        '{{key}} in {{statement}} is multivalued ({{type}}), but {{operator}} has no set qualifier: use ForAnyValue:{{operator}} (some request value matches) or ForAllValues:{{operator}} (every request value matches).',
      invalidDate: '"{{value}}" is not a date: {{operator}} on {{key}} ({{type}}) in {{statement}} needs ISO 8601 (2026-01-01, 2026-01-01T12:00:00Z) or epoch seconds.',
      invalidNumber: '"{{value}}" is not a number: {{operator}} on {{key}} ({{type}}) in {{statement}} needs an integer or decimal.',
      invalidBool: '"{{value}}" is not a boolean: {{operator}} on {{key}} ({{type}}) in {{statement}} needs true or false.',
      invalidIpAddress:
        '"{{value}}" is not an IP address or CIDR range: {{operator}} on {{key}} ({{type}}) in {{statement}} needs IPv4/IPv6 such as 203.0.113.0/24 or 2001:db8::/32 (octets up to 255, prefix up to /32 or /128).',
      invalidArn:
        '"{{value}}" is not an ARN: {{operator}} on {{key}} ({{type}}) in {{statement}} compares the six ARN fields one by one, so write arn:partition:service:region:account:resource (wildcards allowed in each field).',
      invalidNullValue:
        '"{{value}}" is not true or false: Null on {{key}} ({{type}}) in {{statement}} takes true (the key is absent) or false (the key is present).',
      variableInOperator:
        '"{{value}}" in {{operator}} on {{key}} ({{statement}}) holds a policy variable, but IAM substitutes policy variables only in String and ARN operators: here it is compared as literal text. Use a literal value.',
      wildcardWithoutLike:
        '"{{value}}" under {{operator}} on {{key}} in {{statement}} contains * or ?, which {{operator}} compares literally, not as a wildcard. If you meant a pattern, use {{like}}.',
      invalidRegion: '"{{value}}" is not an AWS Region code{{hint}}: {{operator}} on {{key}} in {{statement}} compares Region codes such as us-east-1, so this value never matches.',
      invalidVpcId: '"{{value}}" is not a VPC ID: {{key}} in {{statement}} holds {{expected}}, so {{operator}} never matches it.',
      invalidVpceId: '"{{value}}" is not a VPC endpoint ID: {{key}} in {{statement}} holds {{expected}}, so {{operator}} never matches it.',
      invalidKmsKeyArn: '"{{value}}" is not a KMS key ARN: {{key}} in {{statement}} holds {{expected}}, so {{operator}} never matches it.',
      invalidServicePrincipal: '"{{value}}" does not have the service principal format of {{key}} in {{statement}}: it holds {{expected}}, so {{operator}} never matches it.',
      epochDate:
        '"{{value}}" under {{operator}} on {{key}} in {{statement}} is epoch time, which might not resolve to the time you expect: write the date in ISO 8601 (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).',
      ipRangeHostBits: '"{{value}}" under {{operator}} on {{key}} in {{statement}} has bits set after the /{{prefix}} mask, which IAM ignores: write {{normalized}}.',
      privateSourceIp:
        '{{operator}} on aws:SourceIp in {{statement}} lists only private ranges ({{values}}), but aws:SourceIp holds only public addresses, so the condition is {{consequence}}. For requests through VPC endpoints use aws:VpcSourceIp with aws:SourceVpc, or aws:SourceVpce.',
      privateSourceIpSubset:
        '"{{value}}" under {{operator}} on aws:SourceIp in {{statement}} is a private range, which aws:SourceIp never holds: it has no effect. Use aws:VpcSourceIp for private addresses.',
    },
  },
  create(context) {
    const ignored = (key: string) => context.options.ignoreKeys.some((pattern) => wildcardMatch(pattern, key, true));
    /** Values already reported, so that one value gets one finding. */
    let reported = new Set<Located<string>>();

    function report(node: Located<string>, messageId: MessageIds, data: Record<string, string>): void {
      reported.add(node);
      context.report({ node, messageId, data });
    }

    /** Values worth a format check: not already reported, no placeholder, no policy variable. */
    function literalValues(c: ConditionEntry): Located<string>[] {
      return c.values.filter((v) => !reported.has(v) && !hasPlaceholder(v.value) && !hasVariable(v.value));
    }

    /** Checks that need only the operator: policy variables and literal wildcards. */
    function checkOperatorValues(c: ConditionEntry, op: OperatorAnalysis, statement: string): void {
      const data = { operator: c.operator.value, key: c.key.value, statement };
      for (const v of c.values) {
        if (hasPlaceholder(v.value)) continue;
        if (op.family && !VARIABLE_FAMILIES.has(op.family) && hasVariable(v.value)) {
          report(v, 'variableInOperator', { ...data, value: v.value });
          continue;
        }
        const like = likeOperatorFor(op.base);
        if (like && hasLiteralWildcard(v.value)) report(v, 'wildcardWithoutLike', { ...data, value: v.value, like });
      }
    }

    function checkValues(c: ConditionEntry, family: OperatorFamily, info: ConditionKeyInfo, statement: string): void {
      const format = valueFormatOf(family);
      if (!format) return;
      for (const v of literalValues(c)) {
        if (isValidConditionValue(family, v.value)) continue;
        report(v, MESSAGE_FOR_FORMAT[format], { value: v.value, operator: c.operator.value, key: c.key.value, type: info.type, statement });
      }
    }

    /** Region, VPC, VPC endpoint, KMS key and service principal values. */
    function checkKeyValues(c: ConditionEntry, op: OperatorAnalysis, statement: string): void {
      const kind = keyValueKind(c.key.value);
      if (!kind || (op.family !== 'String' && op.family !== 'Arn')) return;
      const wildcards = !likeOperatorFor(op.base);
      const data = { operator: c.operator.value, key: c.key.value, statement };
      for (const v of literalValues(c)) {
        if (kind === 'region') {
          if (op.family !== 'String' || matchesSomeRegion(v.value, wildcards, op.base.endsWith('IgnoreCase'))) continue;
          const suggestion = hasWildcard(v.value) ? undefined : closestName(v.value, AWS_REGIONS);
          report(v, 'invalidRegion', { ...data, value: v.value, hint: suggestion ? ` (did you mean ${suggestion}?)` : '' });
        } else if (!keyValueFits(kind, v.value, wildcards)) {
          if (op.family === 'Arn' && kind !== 'kmsKeyArn') continue; // not an ARN: invalidArn's finding
          report(v, KIND_MESSAGE[kind], { ...data, value: v.value, expected: EXPECTED_FORMAT[kind] });
        }
      }
    }

    function checkDatesAndRanges(c: ConditionEntry, op: OperatorAnalysis, statement: string): void {
      const data = { operator: c.operator.value, key: c.key.value, statement };
      if (op.family === 'Date' && c.key.value.toLowerCase() !== 'aws:epochtime') {
        for (const v of literalValues(c)) if (isEpochDate(v.value)) report(v, 'epochDate', { ...data, value: v.value });
      }
      if (op.family !== 'IpAddress') return;
      const values = literalValues(c);
      if (c.key.value.toLowerCase() === 'aws:sourceip') {
        const privateValues = values.filter((v) => isPrivateRange(v.value));
        if (privateValues.length > 0 && privateValues.length === c.values.length) {
          const negated = op.base === 'NotIpAddress';
          const consequence = negated ? 'always true and excludes nothing' : 'never true';
          context.report({ node: c.key, messageId: 'privateSourceIp', data: { ...data, values: privateValues.map((v) => v.value).join(', '), consequence } });
          return;
        }
        for (const v of privateValues) report(v, 'privateSourceIpSubset', { ...data, value: v.value });
      }
      for (const v of literalValues(c)) {
        const normalized = normalizedCidr(v.value);
        if (normalized) report(v, 'ipRangeHostBits', { ...data, value: v.value, normalized, prefix: v.value.slice(v.value.indexOf('/') + 1) });
      }
    }

    function checkCondition(stmt: Statement, c: ConditionEntry): void {
      if (ignored(c.key.value)) return;
      const op = analyzeConditionOperator(c.operator.value);
      if (op.problem || !op.family) return;
      const statement = statementLabel(stmt);
      const info = findConditionKey(c.key.value);
      if (info && !operatorFitsKey(op.family, info)) {
        const expected = operatorFamiliesForKey(info).map(withArticle).join(' or ');
        const data = { operator: c.operator.value, key: c.key.value, type: info.type, statement, family: FAMILY_WORDS[op.family], expected };
        context.report({ node: c.operator, messageId: 'operatorMismatch', data });
        return;
      }
      checkOperatorValues(c, op, statement);
      if (!info) return;
      const data = { operator: c.operator.value, key: c.key.value, type: info.type, statement };
      if (op.family !== 'Null' && isMultivaluedKeyType(info.type) && !op.setOperator) {
        context.report({ node: c.operator, messageId: 'missingSetOperator', data });
      }
      checkValues(c, op.family, info, statement);
      checkKeyValues(c, op, statement);
      checkDatesAndRanges(c, op, statement);
    }

    return {
      document() {
        reported = new Set();
      },
      statement(stmt) {
        for (const c of stmt.conditions) checkCondition(stmt, c);
      },
    };
  },
});
