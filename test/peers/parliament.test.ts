/**
 * Parliament's own test cases (../shared/peer-suites/parliament/cases.json), run through iamlint.
 *
 * Each case's Parliament issue codes are compared with the codes iamlint's findings map back to
 * (the table in the peer suite's README). Extra iamlint rules Parliament has no code for (e.g.
 * service-wildcard-action, passrole-*) do not take part. Where a case encodes a known Parliament
 * defect, iamlint differs on purpose: DIFFERENCES says how and why, and the test asserts the
 * difference, so it fails if iamlint ever starts agreeing with the defect.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromObject } from '../../src/engine/config.js';
import { lint } from '../../src/engine/linter.js';
import { builtinRules } from '../../src/rules/index.js';
import { ROOT } from '../fixture-helpers.js';

interface ParliamentCase {
  readonly id: string;
  readonly input_kind: 'policy' | 'auth-details';
  readonly policy_text: string | null;
  /** The parsed input of an auth-details case: an authorization-details dump. */
  readonly policy?: unknown;
  readonly expect: readonly string[];
  readonly expect_absent: readonly string[] | 'NONE';
  readonly match: 'exact' | 'contains' | 'count' | 'none-asserted';
  readonly options: { readonly include_community_auditors?: boolean; readonly config?: unknown };
  readonly notes?: string;
}

const CASES_PATH = join(ROOT, '..', 'shared', 'peer-suites', 'parliament', 'cases.json');

/**
 * The condition-type-mismatch findings Parliament's type codes stand for: operator/key type and
 * value formats. Its Access Analyzer value checks (wildcards under StringEquals, Region, VPC,
 * service principal and private-IP values, epoch dates, …) have no Parliament code.
 */
const TYPE_MISMATCH_MESSAGES = [
  'operatorMismatch',
  'missingSetOperator',
  'invalidDate',
  'invalidNumber',
  'invalidBool',
  'invalidIpAddress',
  'invalidArn',
  'invalidNullValue',
].map((m) => `condition-type-mismatch/${m}`);

/** Parliament code → the iamlint rules that cover it (peer README). */
export const CODE_TO_RULES: Readonly<Record<string, readonly string[]>> = {
  MALFORMED_JSON: ['json-syntax'],
  MALFORMED: ['policy-structure'],
  DUPLICATE_SID: ['duplicate-sid/duplicate'],
  INVALID_SID: ['duplicate-sid/invalidCharacters'],
  NO_VERSION: ['policy-version'],
  OLD_VERSION: ['policy-version'],
  INVALID_VERSION: ['policy-version'],
  UNKNOWN_PREFIX: ['unknown-service'],
  UNKNOWN_ACTION: ['unknown-action'],
  INVALID_ARN: ['malformed-arn'],
  RESOURCE_MISMATCH: ['resource-mismatch', 'action-requires-star'],
  RESOURCE_STAR: ['unscoped-write'],
  RESOURCE_EFFECTIVELY_STAR: ['unscoped-write'],
  UNKNOWN_OPERATOR: ['unknown-condition-operator'],
  UNKNOWN_CONDITION_FOR_ACTION: ['condition-key-not-applicable', 'unknown-condition-key'],
  MISMATCHED_TYPE: TYPE_MISMATCH_MESSAGES,
  MISMATCHED_TYPE_BUT_USABLE: TYPE_MISMATCH_MESSAGES,
  MISMATCHED_TYPE_OPERATION_TO_NULL: TYPE_MISMATCH_MESSAGES,
  BAD_PATTERN_FOR_MFA: ['mfa-condition-antipattern'],
  UNKNOWN_PRINCIPAL: ['invalid-principal'],
  UNKNOWN_FEDERATION_SOURCE: ['invalid-principal'],
  RESOURCE_POLICY_PRIVILEGE_ESCALATION: ['privilege-escalation/resourcePolicyEscalation'],
  PRIVILEGE_ESCALATION: ['privilege-escalation/escalation', 'privilege-escalation/escalationScoped', 'privilege-escalation/escalationMany'],
  PERMISSIONS_MANAGEMENT_ACTIONS: ['resource-exposure'],
  CREDENTIALS_EXPOSURE: ['credentials-exposure'],
  NOTPRINCIPAL_WITH_ALLOW: ['allow-not-principal'],
  NOTRESOURCE_WITH_ALLOW: ['allow-not-resource'],
  SINGLE_VALUE_CONDITION_TOO_PERMISSIVE: ['condition-set-operator-misuse'],
};

/**
 * Codes of Parliament's community auditors: a case run without `include_community_auditors`
 * never reports them, so iamlint's equivalents are left out of that case's comparison.
 */
const COMMUNITY_CODES = new Set(['CREDENTIALS_EXPOSURE', 'PERMISSIONS_MANAGEMENT_ACTIONS', 'PRIVILEGE_ESCALATION', 'NOTPRINCIPAL_WITH_ALLOW', 'NOTRESOURCE_WITH_ALLOW', 'SINGLE_VALUE_CONDITION_TOO_PERMISSIVE', 'SENSITIVE_ACCESS']);

/** Where iamlint differs from a case on purpose: codes it adds or omits, and why. */
interface Difference {
  readonly add?: readonly string[];
  readonly omit?: readonly string[];
  readonly why: string;
}

export const DIFFERENCES: Readonly<Record<string, Difference>> = {
  '1': {
    omit: ['CREDENTIALS_EXPOSURE'],
    why: 'The only credential action in ecr:* is ecr:GetAuthorizationToken, which every ECR image pull needs: credentials-exposure leaves it out by default (option includeEcrAuthorizationToken turns it on).',
  },
  '21': {
    omit: ['MISMATCHED_TYPE'],
    why: 'The operator "bad" does not exist, so it has no type to mismatch: iamlint reports it once (unknown-condition-operator) instead of a second, derived type error.',
  },
  '30': {
    omit: ['MISMATCHED_TYPE_BUT_USABLE'],
    why: 'StringEquals on the ARN-typed key ec2:InstanceProfile is valid IAM (AWS compares ARN keys as strings; Access Analyzer reports nothing), so iamlint stays quiet.',
  },
  '42': {
    omit: ['RESOURCE_MISMATCH'],
    why: 'Known Parliament defect: every s3:*Object action accepts an object ARN and every s3:*Bucket* action reaches bucket1 or bucket1/*; an action applies when the ARN matches ANY of its resource types, so nothing is mismatched (Parliament even prints the detail as "[object Object]").',
  },
  '50': {
    add: ['RESOURCE_MISMATCH'],
    why: 'Besides the malformed ARN "s3", iamlint reports a second real problem Parliament stops before: s3:ListAllMyBuckets supports only "*", so a statement scoped to anything else never matches it (action-requires-star).',
  },
  '52': {
    add: ['MALFORMED'],
    omit: ['INVALID_ARN'],
    why: 'The Resource entry is a CloudFormation {"Fn::Sub": …} object, not a string: in a plain policy file that is a grammar error (policy-structure), not an ARN; CloudFormation input resolves intrinsics before checking.',
  },
  '54': {
    add: ['RESOURCE_POLICY_PRIVILEGE_ESCALATION'],
    omit: ['RESOURCE_MISMATCH'],
    why: 'Known Parliament defect: it compares NotResource ARNs as if they were Resource; a NotResource statement applies to every resource except those listed, so s3:* is not mismatched. iamlint also reports that s3:PutBucketPolicy/PutBucketAcl on HRBucket itself (not excluded) can grant back the excluded Payroll objects: Parliament\'s own resource-policy escalation check, which this community test does not list.',
  },
  '56': {
    add: ['MALFORMED_JSON'],
    omit: ['RESOURCE_MISMATCH', 'NOTPRINCIPAL_WITH_ALLOW', 'PERMISSIONS_MANAGEMENT_ACTIONS'],
    why: 'The text has a trailing comma: AWS rejects it (MalformedPolicyDocument) but Parliament\'s lenient json-cfg parser accepts it. iamlint reports the syntax error at its position, and cannot judge resources of a document that does not parse.',
  },
  '57': {
    omit: ['PERMISSIONS_MANAGEMENT_ACTIONS'],
    why: 'redshift:GetClusterCredentials is a Write action in the current Service Authorization Reference (Parliament\'s 2020 data listed it as Permissions management): iamlint reports it as credentials exposure and unscoped write, not as resource exposure; ecr:GetAuthorizationToken is not credentials exposure by default (see case 1).',
  },
};

/**
 * `count` cases assert a number of findings, not codes; their notes say which findings:
 * test_resource_bad expects exactly one (INVALID_ARN), test_resource_good none.
 */
const COUNT_CASE_CODES: Readonly<Record<string, readonly string[]>> = { '50': ['INVALID_ARN'], '51': [] };

const registered = new Set(builtinRules.map((r) => r.meta.id));
const ruleOf = (entry: string) => entry.split('/')[0];

/** Parliament codes whose iamlint rules exist: the others cannot be compared yet. */
function comparable(code: string): boolean {
  return (CODE_TO_RULES[code] ?? []).some((r) => registered.has(ruleOf(r)));
}

/** A mapping entry is a rule id, or `rule/messageId` where one rule covers several codes. */
function covers(entry: string, finding: { ruleId: string; messageId: string }): boolean {
  const [rule, messageId] = entry.split('/');
  return rule === finding.ruleId && (messageId === undefined || messageId === finding.messageId);
}

function lintCase(text: string, community: boolean, filePath = 'policy.json') {
  const config = configFromObject({ extends: ['iamlint:all'] }, builtinRules);
  const result = lint({ sources: [{ filePath, text }], config, rules: builtinRules });
  // Findings of rules Parliament has a code for; iamlint's extra rules do not take part.
  const domain = Object.entries(CODE_TO_RULES)
    .filter(([code]) => community || !COMMUNITY_CODES.has(code))
    .flatMap(([, entries]) => entries);
  return result.files.flatMap((f) => f.findings).filter((f) => domain.some((e) => covers(e, f)));
}

const cases: ParliamentCase[] = existsSync(CASES_PATH) ? (JSON.parse(readFileSync(CASES_PATH, 'utf8')) as { records: ParliamentCase[] }).records : [];

describe('Parliament test cases', () => {
  it('are all present (65 cases)', () => {
    expect(cases).toHaveLength(65);
  });
  cases.forEach((c, i) => {
    it(`${i}: ${c.id}`, () => {
      if (c.input_kind === 'auth-details') {
        // An `aws iam get-account-authorization-details` dump, linted by its own input format:
        // every role is a policy set, so set-level rules run on it too.
        expect(c.policy_text).toBeNull();
        const findings = lintCase(JSON.stringify(c.policy, null, 2), c.options.include_community_auditors === true, 'auth-details.json');
        const missing = c.expect.filter(comparable).filter((code) => !findings.some((f) => CODE_TO_RULES[code].some((e) => covers(e, f))));
        expect(missing, 'Parliament codes iamlint does not report').toEqual([]);
        return;
      }
      const diff = DIFFERENCES[`${i}`];
      const codes = c.match === 'count' ? COUNT_CASE_CODES[`${i}`] : c.expect;
      expect(codes, 'a count case without its codes').toBeDefined();
      const expected = new Set(codes.filter(comparable));
      for (const code of diff?.add ?? []) expected.add(code);
      for (const code of diff?.omit ?? []) expected.delete(code);
      const findings = lintCase(c.policy_text ?? '', c.options.include_community_auditors === true);
      const missing = [...expected].filter((code) => !findings.some((f) => CODE_TO_RULES[code].some((e) => covers(e, f))));
      expect(missing, 'Parliament codes iamlint does not report').toEqual([]);
      if (c.match === 'exact' || c.match === 'count' || c.expect_absent === 'NONE') {
        const unexpected = findings.filter((f) => ![...expected].some((code) => CODE_TO_RULES[code].some((e) => covers(e, f))));
        expect(unexpected.map((f) => `${f.ruleId}/${f.messageId} ${f.line}:${f.column} ${f.message}`), 'findings Parliament does not expect').toEqual([]);
      }
    });
  });
});
