/** Hand-built lint results and minimal rules shared by the formatter tests. */
import type { FileResult, Finding, LintResult, RelatedLocation } from '../../src/engine/linter.js';
import { defineRule, type AnyRule, type Severity } from '../../src/engine/rule.js';
import type { FormatContext } from '../../src/formatters/types.js';

function fakeRule(
  id: string,
  defaultSeverity: Severity,
  extra: { securitySeverity?: number; tags?: readonly string[]; references?: readonly string[] } = {},
): AnyRule {
  return defineRule({
    meta: {
      id,
      docs: {
        description: `Describe ${id}`,
        why: `Why ${id} matters.`,
        fix: `Fix ${id}.`,
        recommended: true,
        ...(extra.references ? { references: extra.references } : {}),
      },
      defaultSeverity,
      ...(extra.securitySeverity !== undefined ? { securitySeverity: extra.securitySeverity } : {}),
      ...(extra.tags ? { tags: extra.tags } : {}),
      schema: {},
      defaultOptions: {},
      messages: { m: 'message' },
    },
    create: () => ({}),
  });
}

/** Deliberately not sorted: the SARIF driver sorts them. */
export const rules: readonly AnyRule[] = [
  fakeRule('unscoped-write', 'warning', { securitySeverity: 5.5, tags: ['least-privilege'], references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'] }),
  fakeRule('boundary-missing-grant', 'error'),
  fakeRule('passrole-without-passed-to-service', 'error', { securitySeverity: 8.1, tags: ['iam', 'security'] }),
  fakeRule('service-wildcard-action', 'info'),
  fakeRule('policy-version', 'warning'),
  fakeRule('duplicate-sid', 'error'),
];

export const ctx: FormatContext = { cwd: '/home/dev/project', rules, color: false, toolVersion: '0.1.0' };

export function finding(over: Partial<Finding> & Pick<Finding, 'ruleId' | 'line' | 'column'>): Finding {
  return {
    messageId: 'm',
    message: `Message of ${over.ruleId}.`,
    severity: 'error',
    filePath: 'policies/app.json',
    endLine: over.line,
    endColumn: over.column + 5,
    path: ['Statement', 0],
    documentName: over.filePath ?? 'policies/app.json',
    related: [],
    ...over,
  };
}

const boundaryNote: RelatedLocation = {
  filePath: 'policies/boundary.json',
  line: 4,
  column: 7,
  endLine: 4,
  endColumn: 30,
  message: 'The boundary allows only these actions',
};

export const appFindings: readonly Finding[] = [
  finding({
    ruleId: 'passrole-without-passed-to-service',
    line: 3,
    column: 5,
    endColumn: 19,
    path: ['Statement', 0, 'Action'],
    message: 'iam:PassRole is allowed without an iam:PassedToService condition.',
  }),
  finding({
    ruleId: 'unscoped-write',
    severity: 'warning',
    line: 12,
    column: 17,
    endColumn: 20,
    path: ['Statement', 1, 'Resource'],
    message: 's3:PutObject is allowed on "*".',
  }),
  finding({
    ruleId: 'service-wildcard-action',
    severity: 'info',
    line: 30,
    column: 3,
    path: ['Statement', 2, 'Action', 1],
    message: 'ec2:* allows every EC2 action.',
  }),
  finding({
    ruleId: 'boundary-missing-grant',
    line: 120,
    column: 9,
    endLine: 122,
    endColumn: 4,
    path: ['Statement', 5, 'Action', 0],
    message: 'sagemaker:CreateTrainingJob is granted but the permissions boundary does not allow it.',
    related: [boundaryNote],
  }),
];

export const legacyFindings: readonly Finding[] = [
  finding({
    ruleId: 'policy-version',
    severity: 'warning',
    filePath: 'policies/legacy/old policy.json',
    line: 1,
    column: 1,
    endColumn: 2,
    path: [],
    message: 'Version is missing; IAM falls back to 2008-10-17.',
  }),
];

export const files: readonly FileResult[] = [
  { filePath: 'policies/app.json', findings: appFindings, documentCount: 1 },
  { filePath: 'policies/boundary.json', findings: [], documentCount: 1 },
  { filePath: 'policies/legacy/old policy.json', findings: legacyFindings, documentCount: 1 },
];

export const result: LintResult = { files };

export const cleanResult: LintResult = {
  files: [
    { filePath: 'a.json', findings: [], documentCount: 1 },
    { filePath: 'b.json', findings: [], documentCount: 2 },
  ],
};

/** A one-file result holding exactly the given findings. */
export function resultOf(...findings: Finding[]): LintResult {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.filePath) ?? [];
    list.push(f);
    byFile.set(f.filePath, list);
  }
  return { files: [...byFile].map(([filePath, list]) => ({ filePath, findings: list, documentCount: 1 })) };
}
