/**
 * Suppressions: findings a project accepts on purpose, each with a reason and an optional expiry.
 * Two sources:
 * - config `ignore` entries: `{rule?, files?, sid?, actions?, resources?, reason, expires?}`;
 * - a CloudFormation resource's `Metadata: {iamlint: {ignore: [{rule, reason, expires?}]}}`, for
 *   the policies of that resource only.
 *
 * Applied to each file once every rule has run on it. A finding is suppressed by an entry when
 * EVERY criterion the entry gives matches:
 * - `rule`: the finding's rule id;
 * - `files`: globs relative to the config file (picomatch, like `overrides`);
 * - `sid`: the Sid of the statement the finding lies in (by its JSON path);
 * - `actions` / `resources`: IAM wildcard patterns (actions ignore case, resources do not). The
 *   finding's subjects are the entry it points at when its path lies in the statement's
 *   Action/NotAction (Resource/NotResource) element, every entry of that element when it points at
 *   the element itself, and otherwise the actions (the ARNs, and a quoted `"*"`) its message names.
 *   The criterion matches when a pattern covers at least one subject; a subject that is itself a
 *   pattern (`s3:*`) must be covered as a whole (`s3:*` or `*`, not `s3:Get*`).
 *
 * An entry past its `expires` day (UTC) no longer suppresses and is reported (stale-suppression).
 * So is an entry that suppressed nothing: a config entry only when the run could have seen what
 * it targets (`reportUnused`, see LintRequest) and a linted file in its `files` has its rule on;
 * a Metadata entry whenever its rule is on for the template. stale-suppression findings are never
 * suppressed themselves.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { wildcardCovers } from '../iam/wildcard.js';
import { parseJson } from '../parsers/json.js';
import type { SourceNode, SourceRange } from '../parsers/tree.js';
import { parseYamlTree } from '../parsers/yaml.js';
import { ConfigError, stripJsonComments, type ResolvedConfig, type SuppressionConfig } from './config.js';
import type { Finding } from './linter.js';
import type { InlineSuppression, JsonPath, PolicyDocument, Statement } from './model.js';
import { formatMessage, type AnyRule, type Severity } from './rule.js';

export const STALE_SUPPRESSION = 'stale-suppression';

export interface SuppressionOptions {
  readonly config: ResolvedConfig;
  readonly rules: readonly AnyRule[];
  readonly cwd: string;
  /** YYYY-MM-DD (UTC); default: the current date. */
  readonly today?: string;
  /** Judge config entries that suppressed nothing (default true). */
  readonly reportUnused?: boolean;
}

export interface SuppressionOutcome {
  /** stale-suppression findings about config entries, located in the config file (empty without one). */
  readonly configFindings: readonly Finding[];
  /** The config file's display path, when `configFindings` is not empty. */
  readonly configFilePath: string | undefined;
}

/**
 * Suppressions applied file by file, so the linter can drop a file's documents once it is done:
 * `file()` once per reported file when every finding of that file is known, then `finish()`.
 */
export interface Suppressions {
  /**
   * The file's findings without the suppressed ones, plus stale-suppression findings about its
   * Metadata entries. `documentOf` gives the document each finding was reported on (absent for
   * unparsed files and internal errors).
   */
  file(filePath: string, documents: readonly PolicyDocument[], findings: readonly Finding[], documentOf: (f: Finding) => PolicyDocument | undefined): Finding[];
  /** stale-suppression findings about config `ignore` entries, once every file went through `file()`. */
  finish(): SuppressionOutcome;
  /** What `finish` judges: which config entries suppressed something, and the files seen (for merging runs). */
  usage(): SuppressionUsage;
  /** Adds the usage of another run over other files (a worker thread's) before `finish`. */
  absorb(usage: SuppressionUsage): void;
  /** The config `ignore` entries (by index) that suppressed a finding of this file in `file()`. */
  fileUsage(filePath: string): readonly number[];
  /** A file whose result comes from elsewhere (the result cache): counts as linted, with the entries it used. */
  absorbFile(filePath: string, usedEntries: readonly number[]): void;
}

/** Which config `ignore` entries (by index) suppressed a finding, and the reported files they saw. */
export interface SuppressionUsage {
  readonly used: readonly boolean[];
  readonly linted: readonly string[];
}

interface Entry {
  readonly describe: string;
  readonly reason: string;
  readonly expires: string | undefined;
  readonly expired: boolean;
  readonly test: (f: Finding, doc: PolicyDocument | undefined) => boolean;
  used: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function createSuppressions(options: SuppressionOptions): Suppressions {
  const { config, cwd } = options;
  const today = options.today ?? todayUtc();
  const stale = options.rules.find((r) => r.meta.id === STALE_SUPPRESSION);
  const abs = (filePath: string) => resolve(cwd, filePath);
  const relToConfig = (filePath: string) => config.relativeToConfig(abs(filePath));
  const ran = new Set(options.rules.map((r) => r.meta.id));
  /** Rules that ran on a file: a suppression of a rule that did not run cannot be called unused. */
  const ranOn = (filePath: string) => new Set([...config.rulesFor(abs(filePath)).keys()].filter((id) => ran.has(id)));
  const severityFor = (filePath: string): Severity | undefined => config.rulesFor(filePath).get(STALE_SUPPRESSION)?.severity;
  const configEntries = (config.raw.ignore ?? []).map((raw, i) => compileConfigEntry(raw, i, today, relToConfig, config));
  const linted: string[] = [];
  const usedByFile = new Map<string, readonly number[]>();

  const file = (filePath: string, documents: readonly PolicyDocument[], findings: readonly Finding[], documentOf: (f: Finding) => PolicyDocument | undefined): Finding[] => {
    linted.push(filePath);
    const usedHere = new Set<number>();
    const inline = new Map<string, { entry: Entry; raw: InlineSuppression; problem?: string; rule?: string }>();
    const inlineKey = (s: InlineSuppression) => JSON.stringify(s.at.path);
    const enabled = config.rulesFor(abs(filePath));
    for (const doc of documents) {
      for (const s of doc.suppressions ?? []) {
        const key = inlineKey(s);
        if (inline.has(key)) continue;
        const problem = inlineProblem(s, enabled, options.rules);
        const what = `of ${s.rule ?? '(no rule)'} for resource ${String(s.at.path[1] ?? doc.name)}`;
        const expired = !problem && s.expires !== undefined && s.expires < today;
        const entry: Entry = { describe: what, reason: s.reason ?? '', expires: s.expires, expired, used: false, test: (f) => !problem && !expired && f.ruleId === s.rule };
        inline.set(key, { entry, raw: s, problem, rule: s.rule });
      }
    }

    const kept = findings.filter((f) => {
      if (f.ruleId === STALE_SUPPRESSION) return true;
      const doc = documentOf(f);
      let suppressed = false;
      for (const s of doc?.suppressions ?? []) {
        const e = inline.get(inlineKey(s))?.entry;
        if (e?.test(f, doc)) suppressed = e.used = true;
      }
      configEntries.forEach((e, i) => {
        if (!e.expired && e.test(f, doc)) {
          suppressed = e.used = true;
          usedHere.add(i);
        }
      });
      return !suppressed;
    });
    usedByFile.set(filePath, [...usedHere].sort((a, b) => a - b));

    // Metadata entries: reported in the template, at the entry.
    const severity = stale ? severityFor(abs(filePath)) : undefined;
    if (stale && severity) {
      for (const { entry, raw, problem, rule } of inline.values()) {
        const enabledRule = rule !== undefined && ranOn(filePath).has(rule);
        const report = (messageId: string, data: Record<string, string>) => kept.push(staleFinding(stale, messageId, data, severity, filePath, raw.at.path, raw.at.range));
        if (problem) report('invalid', { what: entry.describe, problem });
        else if (entry.expired) report('expired', { what: entry.describe, expires: entry.expires!, reason: entry.reason });
        else if (!entry.used && enabledRule) report('unused', { what: entry.describe, reason: entry.reason });
      }
    }
    return kept;
  };

  const finish = (): SuppressionOutcome => {
    // Config entries: reported in the config file, at the entry.
    const configFindings: Finding[] = [];
    const configPath = config.filePath;
    const severity = configPath ? severityFor(configPath) : undefined;
    let configFilePath: string | undefined;
    if (stale && configPath && severity) {
      configFilePath = relative(cwd, configPath).split('\\').join('/') || configPath;
      const reportUnused = options.reportUnused ?? true;
      const ignore = config.raw.ignore ?? [];
      let locate: ((index: number) => { path: JsonPath; range: SourceRange }) | undefined;
      configEntries.forEach((entry, i) => {
        const raw = ignore[i];
        let messageId: string | undefined;
        if (entry.expired) messageId = 'expired';
        else if (!entry.used && reportUnused && inScope(raw, linted, relToConfig, ranOn)) messageId = 'unused';
        if (!messageId) return;
        locate ??= entryLocator(configPath);
        const at = locate(i);
        configFindings.push(staleFinding(stale, messageId, { what: entry.describe, expires: entry.expires ?? '', reason: entry.reason }, severity, configFilePath!, at.path, at.range));
      });
    }
    return { configFindings, configFilePath: configFindings.length > 0 ? configFilePath : undefined };
  };

  const usage = (): SuppressionUsage => ({ used: configEntries.map((e) => e.used), linted: [...linted] });
  const absorb = (other: SuppressionUsage) => {
    other.used.forEach((used, i) => {
      if (used && configEntries[i]) configEntries[i].used = true;
    });
    linted.push(...other.linted);
  };

  const fileUsage = (filePath: string) => usedByFile.get(filePath) ?? [];
  const absorbFile = (filePath: string, usedEntries: readonly number[]) => {
    linted.push(filePath);
    for (const i of usedEntries) if (configEntries[i]) configEntries[i].used = true;
  };

  return { file, finish, usage, absorb, fileUsage, absorbFile };
}

function compileConfigEntry(raw: SuppressionConfig, index: number, today: string, relToConfig: (f: string) => string, config: ResolvedConfig): Entry {
  if (raw.expires !== undefined && !isDate(raw.expires)) {
    throw ConfigError.invalid(config.filePath ?? '(inline)', [`ignore.${index}.expires: "${raw.expires}" is not a date (YYYY-MM-DD)`]);
  }
  const files = raw.files ? picomatch([...raw.files], { dot: true }) : undefined;
  const test = (f: Finding, doc: PolicyDocument | undefined): boolean => {
    if (raw.rule !== undefined && f.ruleId !== raw.rule) return false;
    if (files && !files(relToConfig(f.filePath))) return false;
    if (raw.sid !== undefined && statementAt(doc, f.path)?.sid?.value !== raw.sid) return false;
    if (raw.actions && !covers(raw.actions, subjects(f, doc, 'action'), true)) return false;
    if (raw.resources && !covers(raw.resources, subjects(f, doc, 'resource'), false)) return false;
    return true;
  };
  return { describe: describeEntry(raw), reason: raw.reason, expires: raw.expires, expired: raw.expires !== undefined && raw.expires < today, test, used: false };
}

/** `of unscoped-write in policies/ci.json in statement "Bootstrap" for ecr:CreateRepository`. */
function describeEntry(raw: SuppressionConfig): string {
  const parts = [`of ${raw.rule ?? 'all rules'}`];
  if (raw.files) parts.push(`in ${raw.files.join(', ')}`);
  if (raw.sid !== undefined) parts.push(`in statement ${JSON.stringify(raw.sid)}`);
  if (raw.actions) parts.push(`for ${raw.actions.join(', ')}`);
  if (raw.resources) parts.push(`on ${raw.resources.join(', ')}`);
  return parts.join(' ');
}

function inlineProblem(s: InlineSuppression, enabled: ReadonlyMap<string, unknown>, rules: readonly AnyRule[]): string | undefined {
  if (!s.rule) return 'it needs a "rule"';
  if (!rules.some((r) => r.meta.id === s.rule) && !enabled.has(s.rule)) return `"${s.rule}" is not a rule id`;
  if (!s.reason || s.reason.trim() === '') return 'it needs a "reason"';
  if (s.expires !== undefined && !isDate(s.expires)) return `"expires" must be a date (YYYY-MM-DD), not "${s.expires}"`;
  return undefined;
}

/** Could this run have produced what the entry targets? A linted file in its `files` with its rule on. */
function inScope(raw: SuppressionConfig, files: readonly string[], relToConfig: (f: string) => string, rulesFor: (f: string) => ReadonlySet<string>): boolean {
  const match = raw.files ? picomatch([...raw.files], { dot: true }) : () => true;
  return files.some((f) => match(relToConfig(f)) && (raw.rule === undefined || rulesFor(f).has(raw.rule)));
}

function covers(patterns: readonly string[], values: readonly string[], caseInsensitive: boolean): boolean {
  return values.some((v) => patterns.some((p) => wildcardCovers(p, v, caseInsensitive)));
}

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** The statement a JSON path lies in (the deepest statement path that prefixes it). */
export function statementAt(doc: PolicyDocument | undefined, path: JsonPath): Statement | undefined {
  let best: Statement | undefined;
  for (const s of doc?.statements ?? []) if (startsWith(path, s.path) && (!best || s.path.length > best.path.length)) best = s;
  return best;
}

const ARN = /arn:[^\s"'`,;()[\]{}]+/g;
const ACTION = /(?<![\w:*?/.$-])[A-Za-z0-9][A-Za-z0-9-]*:[A-Za-z0-9*?]+(?![\w:/*?-])/g;

/** What a finding is about: the element entry it points at, or what its message names (see the header). */
export function subjects(f: Finding, doc: PolicyDocument | undefined, kind: 'action' | 'resource'): string[] {
  const stmt = statementAt(doc, f.path);
  const element = kind === 'action' ? stmt?.action : stmt?.resource;
  if (element && startsWith(f.path, element.node.path)) {
    const at = element.values.filter((v) => startsWith(v.path, f.path) || startsWith(f.path, v.path));
    return at.map((v) => v.value);
  }
  const arns = (f.message.match(ARN) ?? []).map((a) => a.replace(/[.:]+$/, ''));
  if (kind === 'resource') return [...arns, ...(f.message.includes('"*"') ? ['*'] : [])];
  return f.message.replace(ARN, ' ').match(ACTION) ?? [];
}

function staleFinding(rule: AnyRule, messageId: string, data: Record<string, string>, severity: Severity, filePath: string, path: JsonPath, range: SourceRange): Finding {
  const template = (rule.meta.messages as Record<string, string>)[messageId];
  return {
    ruleId: STALE_SUPPRESSION,
    messageId,
    message: formatMessage(template, data),
    severity,
    filePath,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    path,
    documentName: filePath,
    related: [],
  };
}

const FILE_START: SourceRange = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** Positions of `ignore[i]` in the config file (line 1 when the file cannot be read as a tree). */
function entryLocator(configPath: string): (index: number) => { path: JsonPath; range: SourceRange } {
  const packageJson = configPath.endsWith('package.json');
  const base: JsonPath = packageJson ? ['iamlint', 'ignore'] : ['ignore'];
  let root: SourceNode | undefined;
  try {
    const text = readFileSync(configPath, 'utf8');
    const parsed = /\.ya?ml$/.test(configPath) ? parseYamlTree(text) : parseJson(packageJson ? text : stripJsonComments(text));
    if (parsed.ok) root = parsed.root;
  } catch {
    // the config was read moments ago; a vanished file only costs the exact position
  }
  return (index) => {
    const path = [...base, index];
    const node = root && nodeAt(root, path);
    return { path, range: node?.range ?? FILE_START };
  };
}

function nodeAt(root: SourceNode, path: JsonPath): SourceNode | undefined {
  let node: SourceNode | undefined = root;
  for (const key of path) {
    if (node?.kind === 'object') node = [...node.entries].reverse().find((e) => e.key === key)?.value;
    else if (node?.kind === 'array' && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return node;
}
