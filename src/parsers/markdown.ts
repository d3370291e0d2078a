/**
 * Markdown (and MDX) → the policies in its fenced code blocks. Documentation keeps policies in
 * ```json fences, often inside lists and block quotes, often truncated or shortened with `...`.
 * A fence is a policy candidate when it is labelled `json` and mentions "Statement" or "Effect",
 * or is unlabelled, starts with `{`/`[` and mentions them; other fences (a package.json snippet,
 * shell, YAML) are skipped silently. Each candidate is parsed in the coordinates of the Markdown
 * file (container indentation stripped and put back through `columnShift`), so findings point
 * at the line the reader edits; a candidate that does not parse is an unparsed part (json-syntax
 * reports it) and the other fences are still linted.
 */
import type { UnparsedDocument } from '../engine/model.js';
import type { EmbeddedPolicy, FormatResult } from './formats.js';
import type { TextFormatParser } from './index.js';
import { parseJson, type JsonParseOptions } from './json.js';
import type { Position } from './tree.js';

interface Line {
  /** Text without the line break (a trailing \r removed). */
  readonly text: string;
  /** Offset of the first character in the file. */
  readonly offset: number;
}

export interface Fence {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** First word of the info string, lower-cased ('' when there is none). */
  readonly language: string;
  /** Nearest heading above the fence, as written (`## Notebook role`). */
  readonly heading: string | undefined;
  /** The content with the container indentation stripped, lines joined with \n. */
  readonly content: string;
  /** Where the content sits in the file, for parseJson. */
  readonly position: Pick<JsonParseOptions, 'startLine' | 'startColumn' | 'startOffset' | 'columnShift' | 'positionAt'>;
}

const POLICY_WORD = /"(?:Statement|Effect)"/;
/** Container markers before a fence: block quotes and list items, any indentation. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))*[ \t]*/;
const OPENING = /^(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;

export const extractMarkdown: TextFormatParser = (filePath, text, options) => {
  const policies: EmbeddedPolicy[] = [];
  const unparsed: UnparsedDocument[] = [];
  let looksLikePolicy = false;
  for (const fence of markdownFences(text)) {
    if (!isPolicyCandidate(fence)) continue;
    looksLikePolicy = true;
    const name = fence.heading ? `${fence.heading} › fence at line ${fence.line}` : `fence at line ${fence.line}`;
    const parsed = parseJson(fence.content, { ...fence.position, maxDepth: options.maxDepth });
    if (parsed.ok) {
      policies.push({ root: parsed.root, path: [], name });
    } else {
      const at: Position = parsed.error.position;
      unparsed.push({ filePath, reason: 'syntax', message: `${parsed.error.message} (${name})`, at: { value: null, path: [], range: { start: at, end: at } } });
    }
  }
  const result: FormatResult = { policies, unparsed, looksLikePolicy };
  return result;
};

/** A ```json fence that mentions Statement/Effect, or an unlabelled one holding a JSON object or array that does. */
export function isPolicyCandidate(fence: Fence): boolean {
  if (!POLICY_WORD.test(fence.content)) return false;
  if (fence.language === 'json') return true;
  return fence.language === '' && /^\s*[{[]/.test(fence.content);
}

/** Every fenced code block of a Markdown text (CommonMark fences; an unclosed one runs to the end). */
export function markdownFences(text: string): Fence[] {
  const lines = splitLines(text);
  const fences: Fence[] = [];
  let heading: string | undefined;
  let i = frontMatterEnd(lines);
  while (i < lines.length) {
    const line = lines[i].text;
    const prefix = CONTAINER_PREFIX.exec(line)![0];
    const open = OPENING.exec(line.slice(prefix.length));
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      const marker = open[1];
      const continuation = prefix.replace(/[-*+]|\d{1,9}[.)]/g, (m) => ' '.repeat(m.length));
      const body: { line: Line; stripped: number }[] = [];
      let j = i + 1;
      let closed = false;
      for (; j < lines.length; j++) {
        const stripped = stripContainer(lines[j].text, continuation);
        if (stripped === undefined) break; // the block quote around the fence ended
        closed = isClosing(lines[j].text.slice(stripped), marker);
        if (closed) break;
        body.push({ line: lines[j], stripped });
      }
      fences.push(makeFence(i + 1, open[2], heading, body));
      i = closed ? j + 1 : j;
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) heading = `${atx[1]} ${(atx[2] ?? '').trim()}`.trim();
    else if (i > 0 && SETEXT_UNDERLINE.test(line) && isParagraphText(lines[i - 1].text)) {
      heading = `${line.trim()[0] === '=' ? '#' : '##'} ${lines[i - 1].text.trim()}`;
    }
    i++;
  }
  return fences;
}

function makeFence(line: number, info: string, heading: string | undefined, body: readonly { line: Line; stripped: number }[]): Fence {
  const language = (/^[\w+.-]*/.exec(info.trim())?.[0] ?? '').toLowerCase();
  const content = body.map((b) => b.line.text.slice(b.stripped)).join('\n');
  if (body.length === 0) return { line, language, heading, content, position: { startLine: line + 1, startColumn: 1, startOffset: 0 } };
  const first = body[0];
  if (body.every((b) => b.stripped === 0)) {
    // A top-level fence: its content is a contiguous slice of the file.
    return { line, language, heading, content, position: { startLine: line + 1, startColumn: 1, startOffset: first.line.offset } };
  }
  // Container indentation or `>` stripped (by different widths on blank lines, or a `>` without its
  // space): map every offset through the line table, so positions are exact on every line.
  const starts: number[] = [];
  let at = 0;
  for (const b of body) {
    starts.push(at);
    at += b.line.text.length - b.stripped + 1;
  }
  const positionAt = (offset: number): Position => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const b = body[lo];
    const within = offset - starts[lo];
    return { line: line + 1 + lo, column: b.stripped + 1 + within, offset: b.line.offset + b.stripped + within };
  };
  return { line, language, heading, content, position: { positionAt } };
}

/**
 * How many characters of `line` belong to the containers of the fence (`continuation`: block
 * quote markers and the indentation of list items and of the fence itself); undefined when a
 * non-blank line lacks a block quote marker, which ends the block quote and the fence with it.
 * Fewer spaces than the indentation are accepted (CommonMark strips "up to" the fence's indent).
 */
function stripContainer(line: string, continuation: string): number | undefined {
  let i = 0;
  for (const c of continuation) {
    if (c === '>') {
      let k = i;
      while (k < line.length && (line[k] === ' ' || line[k] === '\t') && k - i < 3) k++;
      if (line[k] === '>') i = k + 1;
      else return line.trim() === '' ? i : undefined;
    } else if (line[i] === ' ' || line[i] === '\t') {
      i++;
    }
  }
  return i;
}

function isClosing(rest: string, marker: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(rest);
  return m !== null && m[1][0] === marker[0] && m[1].length >= marker.length;
}

function isParagraphText(line: string): boolean {
  const t = line.trim();
  return t !== '' && !/^(#{1,6}(\s|$)|>|[-*+]\s|\d{1,9}[.)]\s|`{3,}|~{3,}|<)/.test(t);
}

/** YAML front matter (`---` … `---` at the top of the file) is not Markdown. */
function frontMatterEnd(lines: readonly Line[]): number {
  if (lines.length === 0 || lines[0].text.trimEnd() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i].text)) return i + 1;
  return 0;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end);
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset: start });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}
