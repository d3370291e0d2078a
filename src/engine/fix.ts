/**
 * Autofix for purely mechanical findings, as text edits that keep the rest of the file
 * byte-identical: a repeated Action/NotAction or Resource/NotResource entry is removed with its
 * separating comma (or its `- item` line in YAML), a missing Version is inserted as the first
 * member of the policy in the file's own style, and a statement identical to an earlier one is
 * removed. Edits are computed from the findings and a re-parse of the file (rules stay unaware
 * of fixing); anything whose source text is not what the edit expects is left alone.
 *
 * Supported: JSON policy files, CloudFormation templates (JSON and YAML, block and flow lists)
 * and JSON/YAML fences in Markdown. Generated files (Terraform plans, account authorization
 * details) are never edited.
 */
import { extractDocuments, type InputFormat } from '../parsers/index.js';
import { getMember, toPlainValue, type ArrayNode, type ObjectNode, type SourceNode } from '../parsers/tree.js';
import type { JsonPath, PolicyDocument } from './model.js';
import type { Finding, LintResult, SourceFile } from './linter.js';
import { own } from './own.js';

/** Replace `text.slice(start, end)` with `replacement`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  /** The finding the edit fixes. */
  readonly ruleId: string;
}

const VERSION = '2012-10-17';
/** Rule id → the message ids whose findings have a mechanical fix. */
export const FIXABLE: Readonly<Record<string, readonly string[]>> = {
  'duplicate-action': ['duplicate'],
  'duplicate-resource': ['duplicate'],
  'duplicate-statement': ['duplicate'],
  'policy-version': ['missing', 'missingWithVariables'],
};
const EDITABLE_FORMATS: ReadonlySet<InputFormat> = new Set(['policy', 'cloudformation', 'markdown']);
const MAX_PASSES = 10;

export function isFixable(f: Finding): boolean {
  return own(FIXABLE, f.ruleId)?.includes(f.messageId) ?? false;
}

/** The edits fixing `findings` (all of one file), in source order, without overlaps. */
export function computeFixes(source: SourceFile, findings: readonly Finding[], format?: InputFormat): TextEdit[] {
  const fixable = findings.filter(isFixable);
  if (fixable.length === 0 || source.readError !== undefined) return [];
  const extracted = extractDocuments(source.filePath, source.text, { format });
  if (!EDITABLE_FORMATS.has(extracted.format)) return [];
  const edits: TextEdit[] = [];
  for (const finding of fixable) {
    const doc = extracted.documents.find((d) => d.name === finding.documentName && nodeAt(d.root, finding.path) !== undefined && startsAt(nodeAt(d.root, finding.path)!, finding));
    if (!doc) continue;
    const edit = fixOne(source.text, doc, finding);
    if (edit) edits.push(edit);
  }
  return nonOverlapping(edits);
}

/** Applies non-overlapping edits back to front. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return out;
}

export interface FileFix {
  readonly filePath: string;
  readonly original: string;
  readonly fixed: string;
  /** Findings fixed, by rule id. */
  readonly counts: Readonly<Record<string, number>>;
}

export interface FixOutcome {
  /** The sources with fixes applied (unchanged files as they were). */
  readonly sources: readonly SourceFile[];
  /** Only the files that changed. */
  readonly files: readonly FileFix[];
  /** Findings left after fixing (a fresh lint of the fixed texts). */
  readonly result: LintResult;
}

/**
 * Lints, fixes, and re-lints until nothing fixable is left (a fix can uncover another, e.g. the
 * duplicate action inside a statement removed as a duplicate): at most a few passes.
 */
export function fixSources(
  sources: readonly SourceFile[],
  lint: (sources: readonly SourceFile[]) => LintResult,
  formatFor: (filePath: string) => InputFormat | undefined = () => undefined,
  first?: LintResult,
): FixOutcome {
  let current = [...sources];
  let result = first ?? lint(current);
  const originals = new Map(sources.map((s) => [s.filePath, s.text]));
  const counts = new Map<string, Record<string, number>>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    const findingsByFile = new Map(result.files.map((f) => [f.filePath, f.findings]));
    current = current.map((s) => {
      const edits = computeFixes(s, findingsByFile.get(s.filePath) ?? [], formatFor(s.filePath));
      if (edits.length === 0) return s;
      changed = true;
      const c = counts.get(s.filePath) ?? {};
      for (const e of edits) c[e.ruleId] = (c[e.ruleId] ?? 0) + 1;
      counts.set(s.filePath, c);
      return { ...s, text: applyEdits(s.text, edits) };
    });
    if (!changed) break;
    result = lint(current);
  }
  const files = current
    .filter((s) => s.text !== originals.get(s.filePath))
    .map((s) => ({ filePath: s.filePath, original: originals.get(s.filePath)!, fixed: s.text, counts: counts.get(s.filePath) ?? {} }));
  return { sources: current, files, result };
}

function nodeAt(root: SourceNode, path: JsonPath): SourceNode | undefined {
  let node: SourceNode | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    if (typeof step === 'number') node = node.kind === 'array' ? node.items[step] : undefined;
    else node = node.kind === 'object' ? getMember(node, step)?.value : undefined;
  }
  return node;
}

function startsAt(node: SourceNode, f: { line: number; column: number }): boolean {
  return node.range.start.line === f.line && node.range.start.column === f.column;
}

function fixOne(text: string, doc: PolicyDocument, f: Finding): TextEdit | undefined {
  const edit = (start: number, end: number, replacement: string): TextEdit => ({ start, end, replacement, ruleId: f.ruleId });
  if (f.ruleId === 'policy-version') {
    if (doc.fragment || doc.root.kind !== 'object' || f.path.length !== 0) return undefined;
    const insertion = versionInsertion(text, doc);
    return insertion && edit(insertion.at, insertion.at, insertion.text);
  }
  const index = f.path[f.path.length - 1];
  const parent = nodeAt(doc.root, f.path.slice(0, -1));
  if (typeof index !== 'number' || parent?.kind !== 'array') return undefined;
  const item = parent.items[index];
  if (f.ruleId === 'duplicate-statement') {
    // Only a copy with the same text (Sid included); a reordered or differently named twin is the author's call.
    const other = parent.items.find((s, i) => i !== index && f.related.some((r) => startsAt(s, r)));
    if (!other || JSON.stringify(toPlainValue(other)) !== JSON.stringify(toPlainValue(item))) return undefined;
  } else if (item.kind !== 'string' || !writtenAs(text.slice(item.range.start.offset, item.range.end.offset), item.value)) {
    return undefined;
  }
  const span = itemRemoval(text, parent, index);
  return span && edit(span.start, span.end, '');
}

/** Does the source text of a scalar read as `value` (JSON or YAML quoting, or plain)? Guards against escaped JSON inside strings. */
function writtenAs(raw: string, value: string): boolean {
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) === value;
    } catch {
      return false;
    }
  }
  if (raw.startsWith("'")) return raw.length >= 2 && raw.endsWith("'") && raw.slice(1, -1).replace(/''/g, "'") === value;
  return raw === value;
}

/**
 * The span that removes item `index` of a list: with the comma before it (or after it, for the
 * first item) in `[...]` lists, so `"a", "b"` → `"a"` and a one-per-line list loses exactly
 * that line; the whole `- item` line(s) in a YAML block list.
 */
function itemRemoval(text: string, list: ArrayNode, index: number): { start: number; end: number } | undefined {
  const item = list.items[index];
  const itemStart = item.range.start.offset;
  const itemEnd = item.range.end.offset;
  if (text[list.range.start.offset] === '[') {
    let start: number;
    let end: number;
    if (index > 0) {
      start = list.items[index - 1].range.end.offset;
      end = itemEnd;
    } else if (list.items.length > 1) {
      start = itemStart;
      end = list.items[1].range.start.offset;
    } else return undefined;
    const separator = text.slice(start, itemStart) + text.slice(itemEnd, end);
    return /^\s*,\s*$/.test(separator) ? { start, end } : undefined;
  }
  const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(lineStart, itemStart))) return undefined;
  const newline = text.indexOf('\n', itemEnd);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  if (!/^[ \t]*\r?\n?$/.test(text.slice(itemEnd, lineEnd))) return undefined;
  return { start: lineStart, end: lineEnd };
}

/** `"Version": "2012-10-17",` before the first member, with the file's spacing, quotes and indentation. */
function versionInsertion(text: string, doc: PolicyDocument): { at: number; text: string } | undefined {
  const root = doc.root as ObjectNode;
  const first = root.entries[0];
  if (!first) return undefined;
  const keyStart = first.keyRange.start.offset;
  const keyText = text.slice(keyStart, first.keyRange.end.offset);
  const quote = keyText[0] === '"' || keyText[0] === "'" ? keyText[0] : '';
  const key = `${quote}Version${quote}`;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (text[root.range.start.offset] === '{') {
    // JSON or a YAML flow mapping.
    const lead = text.slice(root.range.start.offset + 1, keyStart);
    const colon = text.slice(first.keyRange.end.offset, first.value.range.start.offset);
    if (!/^\s*$/.test(lead) || !/^[ \t]*:[ \t]*$/.test(colon)) return undefined;
    const value = quote === "'" ? `'${VERSION}'` : `"${VERSION}"`;
    const nl = lead.lastIndexOf('\n');
    const gap = nl >= 0 ? newline + lead.slice(nl + 1) : lead;
    return { at: keyStart, text: `${key}${colon}${value},${gap}` };
  }
  // YAML block mapping: a line of its own at the first key's indentation.
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const prefix = text.slice(lineStart, keyStart);
  if (!/^[ \t]*(?:-[ \t]+)?$/.test(prefix)) return undefined;
  const indent = prefix.replace(/-/g, ' ');
  const effect = doc.statements[0]?.effect;
  const effectQuote = effect ? text[effect.range.start.offset] : undefined;
  const q = effectQuote === '"' ? '"' : "'";
  return { at: keyStart, text: `${key}: ${q}${VERSION}${q}${newline}${indent}` };
}

/** In source order; an edit overlapping an earlier one waits for the next pass. */
function nonOverlapping(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && (e.start < prev.end || (e.start === prev.end && e.start === e.end && prev.start === prev.end))) continue;
    out.push(e);
  }
  return out;
}
