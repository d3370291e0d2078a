/**
 * JSON held in a JSON string (a Terraform plan's `policy` attribute, an authorization-details
 * document exported as a string): parsed with positions in the file that holds the string literal.
 *
 * Every decoded character maps to its place inside the raw literal, escapes included (`\"`,
 * `\\`, `\n`, `\u003c`…). A string literal never spans lines, so the map is a column shift on
 * the literal's line. The raw literal is scanned when the file text is at hand; otherwise it is
 * rebuilt from the decoded value and the literal's length in the file: the encoders that write
 * these files (Go's encoding/json for Terraform, JSON.stringify, Python's json with
 * ensure_ascii) differ only in which characters they escape, and the one whose output has the
 * literal's exact length is taken.
 */
import type { UnparsedDocument } from '../engine/model.js';
import { parseJson, type JsonParseResult } from './json.js';
import type { Position, SourceNode, StringNode } from './tree.js';

/** Offsets in the decoded string → offsets in the raw literal body (between the quotes). */
export function rawOffsetMap(rawBody: string): number[] {
  const map: number[] = [];
  let i = 0;
  while (i < rawBody.length) {
    if (rawBody[i] === '\\') {
      map.push(i);
      i += rawBody[i + 1] === 'u' ? 6 : 2;
    } else {
      map.push(i);
      i++;
    }
  }
  map.push(rawBody.length);
  return map;
}

type Escaper = (unit: number, char: string) => string | undefined;

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const u = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

/** JSON.stringify: quote, backslash, the short control escapes, other controls and lone surrogates as \u. */
const minimal: Escaper = (unit, char) => SHORT[char] ?? (unit < 0x20 ? u(unit) : undefined);
/** Go's encoding/json (Terraform): also <, >, &, U+2028 and U+2029 as \u; \b and \f as \u. */
const go: Escaper = (unit, char) =>
  char === '\b' || char === '\f' || char === '<' || char === '>' || char === '&' || unit === 0x2028 || unit === 0x2029 ? u(unit) : minimal(unit, char);
const ascii =
  (base: Escaper): Escaper =>
  (unit, char) =>
    unit > 0x7e ? u(unit) : base(unit, char);
const slash =
  (base: Escaper): Escaper =>
  (unit, char) =>
    char === '/' ? '\\/' : base(unit, char);
const ENCODERS: readonly Escaper[] = [go, minimal, ascii(minimal), ascii(go), slash(minimal), slash(ascii(minimal)), slash(go)];

/** The raw literal body an encoder writes for `value`. */
function encode(value: string, escaper: Escaper): string {
  let out = '';
  for (let i = 0; i < value.length; i++) out += escaper(value.charCodeAt(i), value[i]) ?? value[i];
  return out;
}

/** The raw body of a string literal: from the file text when given, else rebuilt to the literal's length. */
export function rawLiteralBody(node: StringNode, text?: string): string {
  const { start, end } = node.range;
  if (text !== undefined && text[start.offset] === '"') return text.slice(start.offset + 1, end.offset - 1);
  const length = end.offset - start.offset - 2;
  for (const escaper of ENCODERS) {
    const body = encode(node.value, escaper);
    if (body.length === length) return body;
  }
  return encode(node.value, minimal);
}

/** Maps offsets of the decoded string `node.value` to positions in the file. */
export function stringPositionMap(node: StringNode, text?: string): (offset: number) => Position {
  const map = rawOffsetMap(rawLiteralBody(node, text));
  const { start } = node.range;
  return (offset) => {
    const raw = map[Math.max(0, Math.min(offset, map.length - 1))] + 1;
    return { line: start.line, column: start.column + raw, offset: start.offset + raw };
  };
}

/** Parses the JSON inside a string node, positions pointing into the literal. */
export function parseJsonString(node: StringNode, text?: string): JsonParseResult {
  return parseJson(node.value, { positionAt: stringPositionMap(node, text) });
}

/** A JSON syntax error inside a string, as an unparsed entry naming where the string sits. */
export function embeddedSyntaxError(filePath: string, node: SourceNode, result: Extract<JsonParseResult, { ok: false }>, where: string): UnparsedDocument {
  const { position, message } = result.error;
  return { filePath, reason: 'syntax', message: `${message} (in ${where})`, at: { value: null, path: node.path, range: { start: position, end: position } } };
}
