/**
 * The linter: sources → documents → policy sets → rules → sorted findings.
 * Rules see only the frozen model; this module maps their reports to file positions.
 */
import { resolve } from 'node:path';
import { extractDocuments } from '../parsers/index.js';
import { makeSubstituter } from '../parsers/variables.js';
import type { ResolvedConfig } from './config.js';
import { createSuppressions, type SuppressionOutcome, type SuppressionUsage } from './suppressions.js';
import { createReferenceResolver, type ReferenceProvider } from './reference.js';
import { deepFreeze, type JsonPath, type Located, type PolicyDocument, type PolicyKind, type PolicySet, type UnparsedDocument } from './model.js';
import { formatMessage, type AnyRule, type ReportDescriptor, type RuleListener, type RuleSettings, type Severity } from './rule.js';

export interface SourceFile {
  /** Path shown in output: relative to the working directory, forward slashes. */
  readonly filePath: string;
  readonly text: string;
  /** Set when the file could not be read: reported as a json-syntax finding, never an abort. */
  readonly readError?: string;
  /** Where in the file the read error is (e.g. the first invalid UTF-8 byte); default 1:1. */
  readonly readErrorAt?: { readonly line: number; readonly column: number; readonly offset: number };
  /** Found by a directory walk (not named): linted only when its content looks like a policy. */
  readonly walked?: boolean;
}

export interface RelatedLocation {
  readonly filePath: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly filePath: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Location inside the policy document, e.g. ["Statement", 0, "Action", 1]. */
  readonly path: JsonPath;
  /** The policy document's name (file, or file › embedded location). */
  readonly documentName: string;
  readonly related: readonly RelatedLocation[];
}

export interface FileResult {
  readonly filePath: string;
  readonly findings: readonly Finding[];
  /** Policy documents found in the file (0 for a file that did not parse or holds none). */
  readonly documentCount: number;
}

export interface LintResult {
  readonly files: readonly FileResult[];
  /** Set when a baseline was applied (src/engine/baseline.ts); the text summary mentions it. */
  readonly baseline?: BaselineSummary;
  /**
   * Set instead of the config file's stale-suppression findings when the request asked to defer
   * them (`deferConfigSuppressions`): the caller merges the usage of several runs (threads) and
   * judges the config entries once (see `finishConfigSuppressions`).
   */
  readonly suppressionUsage?: SuppressionUsage;
}

export interface BaselineSummary {
  /** Findings hidden because the baseline holds them. */
  readonly matched: number;
  /** Baseline entries of the linted files that no longer occur. */
  readonly gone: number;
}

export interface LintRequest {
  /** Files to lint and report on. */
  readonly sources: readonly SourceFile[];
  /** Files loaded only for policy sets (a boundary outside the linted paths); never reported on. */
  readonly contextSources?: readonly SourceFile[];
  readonly config: ResolvedConfig;
  readonly rules: readonly AnyRule[];
  /** Directory the relative file paths are relative to (default: the process working directory). */
  readonly cwd?: string;
  /** Called after each linted file (for progress output); `total` counts the files reported on. */
  readonly onFileDone?: (done: number, total: number) => void;
  /** Today as YYYY-MM-DD (UTC), for the `expires` of suppressions (default: the current date). */
  readonly today?: string;
  /**
   * Report config `ignore` entries that suppressed nothing (default true). The CLI turns it off
   * when it lints named files only (pre-commit), where most entries have nothing to match.
   */
  readonly reportUnusedSuppressions?: boolean;
  /**
   * Deep-freeze every document before rules see it, so that a rule that mutates the model throws
   * (the RuleTester sets it). Off by default: freezing costs more than the rules themselves.
   */
  readonly freeze?: boolean;
  /** Leave the config `ignore` entries' stale-suppression findings to the caller (see LintResult.suppressionUsage). */
  readonly deferConfigSuppressions?: boolean;
  /** Each file's reference version, for `context.referenceOf` (no-new-access); none: no reference. */
  readonly reference?: ReferenceProvider;
  /**
   * Results remembered from earlier runs (`--cache`, src/cli/cache.ts): a file whose text the
   * cache knows is not parsed or linted. Only files outside configured policy sets use it (their
   * findings depend on no other file); the caller keys the cache by everything else that decides
   * findings (config, rules, versions, date).
   */
  readonly cache?: LintCache;
}

/** What a run needs to remember of one file to skip it next time. */
export interface CachedFile {
  /** False for a walked file that holds no policy. */
  readonly relevant: boolean;
  readonly findings: readonly Finding[];
  readonly documentCount: number;
  /** Config `ignore` entries (by index) that suppressed findings in the file. */
  readonly usedIgnoreEntries: readonly number[];
}

export interface LintCache {
  get(source: SourceFile): CachedFile | undefined;
  set(source: SourceFile, result: CachedFile): void;
}

interface LoadedFile {
  readonly source: SourceFile;
  readonly reported: boolean;
  readonly documents: PolicyDocument[];
  readonly unparsed: UnparsedDocument[];
  /** False for a walked file that holds no policy (e.g. package.json): left out of the results. */
  readonly relevant: boolean;
}

const START = { line: 1, column: 1, offset: 0 };
const POLICY_WORDS = /\b(?:Statement|Effect|AWSTemplateFormatVersion)\b/;
const INTERNAL_ERROR = 'internal-error';

export function lint(request: LintRequest): LintResult {
  const { config, rules } = request;
  const cwd = request.cwd ?? process.cwd();
  const absolutePaths = new Map<string, string>();
  const abs = (filePath: string) => {
    let path = absolutePaths.get(filePath);
    if (path === undefined) absolutePaths.set(filePath, (path = resolve(cwd, filePath)));
    return path;
  };
  const substitute = makeSubstituter(config.variables);
  const setKinds = kindsFromPolicySets(config);
  const load = (source: SourceFile, reported: boolean): LoadedFile => {
    const kind = setKinds.get(abs(source.filePath)) ?? config.kindFor(abs(source.filePath));
    if (source.readError !== undefined) {
      const pos = source.readErrorAt ?? START;
      const at = { value: null, path: [], range: { start: pos, end: pos } };
      return { source, reported, documents: [], unparsed: [{ filePath: source.filePath, reason: 'read', message: source.readError, at }], relevant: true };
    }
    const extracted = extractDocuments(source.filePath, source.text, { kind, substitute, format: config.formatFor(abs(source.filePath)), maxDepth: config.maxNesting });
    if (request.freeze) for (const doc of extracted.documents) deepFreeze(doc);
    // A walked file is kept when it looks like a policy, or when it does not parse at all and its
    // text names policy elements (a truncated policy); a broken tsconfig.json or compose file is not.
    const failed = extracted.documents.length === 0 && extracted.unparsed.some((u) => u.reason === 'syntax');
    const relevant = !source.walked || (failed ? POLICY_WORDS.test(source.text) : extracted.looksLikePolicy);
    return { source, reported, documents: extracted.documents, unparsed: extracted.unparsed, relevant };
  };

  // Files streamed one at a time: parsed, linted, suppressions applied, documents dropped. Only the
  // members of configured policy sets (whose findings other files' documents can add to) are kept
  // until every file is done; a container's own sets (a template's role) lie within its file.
  const memberPaths = new Set(policySetFiles(config));
  const members = new Map<string, LoadedFile>();
  for (const source of request.sources) {
    const path = abs(source.filePath);
    if (memberPaths.has(path) && !members.has(path)) members.set(path, load(source, true));
  }
  const reportedPaths = new Set(request.sources.map((s) => abs(s.filePath)));
  for (const source of request.contextSources ?? []) {
    const path = abs(source.filePath);
    if (!reportedPaths.has(path) && !members.has(path)) members.set(path, load(source, false));
  }
  const configuredSets = configuredPolicySets(config, members);
  const setsByDocument = new Map<string, PolicySet[]>();
  const register = (set: PolicySet) => {
    for (const doc of [...set.identity, set.boundary, set.trust]) {
      if (!doc) continue;
      const list = setsByDocument.get(doc.id) ?? [];
      if (!list.includes(set)) list.push(set);
      setsByDocument.set(doc.id, list);
    }
  };
  configuredSets.forEach(register);
  const policySetsFor = (doc: PolicyDocument): readonly PolicySet[] => setsByDocument.get(doc.id) ?? [];
  const referenceOf = createReferenceResolver(request.reference, (filePath) => ({
    kind: setKinds.get(abs(filePath)) ?? config.kindFor(abs(filePath)),
    substitute,
    format: config.formatFor(abs(filePath)),
    maxDepth: config.maxNesting,
  }));
  const settings: RuleSettings = { variables: config.variables, knownAccounts: config.knownAccounts, cwd };
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const suppressions = createSuppressions({ config, rules, cwd, today: request.today, reportUnused: request.reportUnusedSuppressions });

  /** Findings of the files being linted (one streamed file, plus the policy-set members). */
  const findings = new Map<string, Finding[]>();
  const documentOf = new Map<Finding, PolicyDocument>();
  const emit = (finding: Finding, doc?: PolicyDocument) => {
    const list = findings.get(finding.filePath);
    if (!list) return;
    list.push(finding);
    if (doc) documentOf.set(finding, doc);
  };
  const results: FileResult[] = [];
  const finalize = (file: LoadedFile) => {
    const own = findings.get(file.source.filePath) ?? [];
    findings.delete(file.source.filePath);
    const kept = suppressions.file(file.source.filePath, file.documents, own, (f) => documentOf.get(f));
    for (const f of own) documentOf.delete(f);
    const result = { filePath: file.source.filePath, findings: dedupe(sortFindings(kept)), documentCount: file.documents.length };
    results.push(result);
    return result;
  };

  const runPolicySet = (set: PolicySet) => {
    const anchor = set.identity[0] ?? set.boundary ?? set.trust;
    if (!anchor) return;
    const enabledForAnchor = config.rulesFor(abs(anchor.filePath));
    for (const rule of rules) {
      const setting = enabledForAnchor.get(rule.meta.id);
      if (!setting || !hasPolicySetHook(rule, setting.options, settings, policySetsFor)) continue;
      guard(rule, anchor.filePath, anchor.name, emit, () =>
        rule
          .create({
            id: rule.meta.id,
            options: setting.options,
            settings,
            policySetsFor,
            referenceOf,
            report: (d) => {
              if (!d.document) throw new Error('report() in a policySet hook needs `document`');
              const fileSetting = config.rulesFor(abs(d.document.filePath)).get(rule.meta.id);
              if (fileSetting) emit(toFinding(rule, fileSetting.severity, d.document.filePath, d.document.name, d), d.document);
            },
          })
          .policySet?.(set),
      );
    }
  };

  const seenPaths = new Set<string>();
  const reported = request.sources.filter((s) => !seenPaths.has(s.filePath) && seenPaths.add(s.filePath));
  const pending: LoadedFile[] = [];
  let filesDone = 0;
  for (const source of reported) {
    const path = abs(source.filePath);
    const member = members.get(path);
    const cache = member || memberPaths.has(path) || source.readError !== undefined ? undefined : request.cache;
    const cached = cache?.get(source);
    if (cached) {
      if (cached.relevant) {
        results.push({ filePath: source.filePath, findings: cached.findings, documentCount: cached.documentCount });
        suppressions.absorbFile(source.filePath, cached.usedIgnoreEntries);
      }
      request.onFileDone?.(++filesDone, reported.length);
      continue;
    }
    const file = member ?? load(source, true);
    if (file.relevant) {
      findings.set(file.source.filePath, findings.get(file.source.filePath) ?? []);
      const inferred = inferredPolicySets(file.documents);
      inferred.forEach(register);
      config.rulesFor(path).forEach((setting, id) => {
        const rule = byId.get(id);
        if (!rule) return;
        // One context per rule and file; `report` defaults to the document being linted.
        let current: PolicyDocument | undefined;
        const context = {
          id,
          options: setting.options,
          settings,
          policySetsFor,
          referenceOf,
          report: (d: ReportDescriptor<string>) => {
            const target = d.document ?? current;
            if (!target) throw new Error('report() needs a document outside document hooks');
            emit(toFinding(rule, setting.severity, target.filePath, target.name, d), target);
          },
        };
        if (rule.meta.runsOnUnparsed) {
          for (const u of file.unparsed) {
            guard(rule, file.source.filePath, file.source.filePath, emit, () =>
              rule.create({ ...context, report: (d) => emit(toFinding(rule, setting.severity, u.filePath, u.filePath, d)) }).unparsed?.(u),
            );
          }
        }
        for (const doc of file.documents) {
          current = doc;
          guard(rule, doc.filePath, doc.name, emit, () => runDocument(rule.create(context), doc));
        }
        current = undefined;
      });
      inferred.forEach(runPolicySet);
      if (member) pending.push(member);
      else {
        const result = finalize(file);
        for (const doc of file.documents) setsByDocument.delete(doc.id);
        cache?.set(source, { relevant: true, findings: result.findings, documentCount: result.documentCount, usedIgnoreEntries: suppressions.fileUsage(source.filePath) });
      }
    } else cache?.set(source, { relevant: false, findings: [], documentCount: 0, usedIgnoreEntries: [] });
    request.onFileDone?.(++filesDone, reported.length);
  }

  configuredSets.forEach(runPolicySet);
  for (const file of pending) finalize(file);

  if (request.deferConfigSuppressions) return { files: results, suppressionUsage: suppressions.usage() };
  return withConfigFindings(results, suppressions.finish());
}

/**
 * Merges runs over disjoint files (threads, each with `deferConfigSuppressions`): adds the
 * stale-suppression findings about config `ignore` entries (located in the config file), judged
 * on the runs' merged suppression usage, and puts the files in path order.
 */
export function finishConfigSuppressions(request: LintRequest, files: readonly FileResult[], usages: readonly SuppressionUsage[]): LintResult {
  const suppressions = createSuppressions({ config: request.config, rules: request.rules, cwd: request.cwd ?? process.cwd(), today: request.today, reportUnused: request.reportUnusedSuppressions });
  for (const usage of usages) suppressions.absorb(usage);
  return withConfigFindings(files, suppressions.finish());
}

/** The results with the config file's stale-suppression findings added, in path order: the same inputs in any order give the same result. */
function withConfigFindings(files: readonly FileResult[], outcome: SuppressionOutcome): LintResult {
  const results = [...files];
  const configFile = outcome.configFilePath;
  if (configFile !== undefined) {
    // Findings about `ignore` entries sit in the config file, which is not linted itself.
    const existing = results.find((r) => r.filePath === configFile);
    const merged = dedupe(sortFindings([...(existing?.findings ?? []), ...outcome.configFindings]));
    if (existing) results[results.indexOf(existing)] = { ...existing, findings: merged };
    else results.push({ filePath: configFile, findings: merged, documentCount: 0 });
  }
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  return { files: results };
}

/** Does the rule have a policySet hook? Asked once per rule and options object. */
const policySetHookCache = new WeakMap<AnyRule, WeakMap<object, boolean>>();
function hasPolicySetHook(rule: AnyRule, options: object, settings: RuleSettings, policySetsFor: (doc: PolicyDocument) => readonly PolicySet[]): boolean {
  let byOptions = policySetHookCache.get(rule);
  if (!byOptions) policySetHookCache.set(rule, (byOptions = new WeakMap()));
  let has = byOptions.get(options);
  if (has === undefined) {
    has = rule.create({ id: rule.meta.id, options, settings, policySetsFor, referenceOf: () => undefined, report: () => undefined }).policySet !== undefined;
    byOptions.set(options, has);
  }
  return has;
}

function runDocument(listener: RuleListener, doc: PolicyDocument): void {
  listener.document?.(doc);
  if (listener.statement) for (const stmt of doc.statements) listener.statement(stmt, doc);
  listener['document:exit']?.(doc);
}

/** A rule that throws becomes an internal-error finding; the other rules and files still run. */
function guard(rule: AnyRule, filePath: string, name: string, emit: (f: Finding) => void, run: () => void): void {
  try {
    run();
  } catch (e) {
    const message = `Rule ${rule.meta.id} failed on this input: ${(e as Error)?.message ?? String(e)}`;
    const at = START;
    emit({
      ruleId: INTERNAL_ERROR,
      messageId: 'ruleFailed',
      message,
      severity: 'error',
      filePath,
      line: at.line,
      column: at.column,
      endLine: at.line,
      endColumn: at.column,
      path: [],
      documentName: name,
      related: [],
    });
  }
}

function toFinding(rule: AnyRule, severity: Severity, filePath: string, documentName: string, d: ReportDescriptor<string>): Finding {
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${d.messageId}"`);
  const { start, end } = d.node.range;
  // A policy inside a template, plan or account dump: the message names its container (e.g. the logical resource id).
  const context = documentName !== filePath ? ` [${documentName}]` : '';
  return {
    ruleId: rule.meta.id,
    messageId: d.messageId,
    message: formatMessage(template, d.data) + context,
    severity,
    filePath,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    path: d.node.path,
    documentName,
    related: (d.related ?? []).map((r) => ({
      filePath: r.document.filePath,
      line: r.node.range.start.line,
      column: r.node.range.start.column,
      endLine: r.node.range.end.line,
      endColumn: r.node.range.end.column,
      message: r.message,
    })),
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function sortFindings(list: Finding[]): Finding[] {
  return list.sort(compareFindings);
}

/** The same report twice (e.g. a document in two policy sets) is shown once. */
function dedupe(list: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of list) {
    const prev = out[out.length - 1];
    if (prev && compareFindings(prev, f) === 0 && prev.endLine === f.endLine && prev.endColumn === f.endColumn) continue;
    out.push(f);
  }
  return out;
}

function kindsFromPolicySets(config: ResolvedConfig): Map<string, PolicyKind> {
  const kinds = new Map<string, PolicyKind>();
  for (const set of config.policySets) {
    if (set.boundary) kinds.set(resolve(config.baseDir, set.boundary), 'boundary');
    if (set.trust) kinds.set(resolve(config.baseDir, set.trust), 'trust');
  }
  return kinds;
}

function configuredPolicySets(config: ResolvedConfig, members: ReadonlyMap<string, LoadedFile>): PolicySet[] {
  const docs = (p: string | undefined) => (p ? (members.get(resolve(config.baseDir, p))?.documents ?? []) : []);
  return config.policySets.map((s) => ({
    name: s.name,
    identity: (s.identity ?? []).flatMap((p) => docs(p)),
    boundary: docs(s.boundary)[0],
    trust: docs(s.trust)[0],
    trustedService: s.trustedService,
  }));
}

/** Sets a container defines: a template's role with its policies and boundary, a role in an account dump. */
function inferredPolicySets(documents: readonly PolicyDocument[]): PolicySet[] {
  const sets = new Map<string, { name: string; identity: PolicyDocument[]; boundary?: PolicyDocument; trust?: PolicyDocument; trustedService?: string }>();
  for (const doc of documents) {
    const member = doc.inferredSet;
    if (!member) continue;
    const set = sets.get(member.key) ?? { name: member.name, identity: [] };
    if (member.role === 'identity') set.identity.push(doc);
    else if (member.role === 'boundary') set.boundary ??= doc;
    else set.trust ??= doc;
    set.trustedService ??= member.trustedService;
    sets.set(member.key, set);
  }
  return [...sets.values()].map((s) => ({ name: s.name, identity: s.identity, boundary: s.boundary, trust: s.trust, trustedService: s.trustedService }));
}

/** Paths (relative to the config) of every file the policy sets name. */
export function policySetFiles(config: ResolvedConfig): string[] {
  return config.policySets.flatMap((s) => [...(s.identity ?? []), ...(s.boundary ? [s.boundary] : []), ...(s.trust ? [s.trust] : [])]).map((p) => resolve(config.baseDir, p));
}

export type { Located };
