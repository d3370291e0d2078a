/**
 * A JSON parser that keeps what JSON.parse throws away: the source range of every value and key,
 * and every duplicate key. Iterative (an explicit stack), so deeply nested junk yields a syntax
 * error instead of a stack overflow.
 */
import type { ArrayNode, JsonPath, ObjectEntry, ObjectNode, Position, SourceNode, SourceRange } from './tree.js';

export interface JsonParseOptions {
  /** Line of the first character (for text embedded in a larger file, e.g. a Markdown fence). */
  readonly startLine?: number;
  /** Column of the first character. */
  readonly startColumn?: number;
  /** Offset of the first character in the embedding file. */
  readonly startOffset?: number;
  /** Columns stripped from the start of every following line (indented fences). */
  readonly columnShift?: number;
  /** Deepest allowed nesting of objects and arrays. */
  readonly maxDepth?: number;
  /**
   * Maps an offset in `text` to its position in the embedding file, for text that is not a
   * contiguous slice of it (a JSON string inside a Terraform plan, a YAML block scalar).
   * Overrides startLine/startColumn/startOffset/columnShift.
   */
  readonly positionAt?: (offset: number) => Position;
}

export interface JsonSyntaxError {
  readonly message: string;
  readonly position: Position;
}

export type JsonParseResult =
  | { readonly ok: true; readonly root: SourceNode }
  | { readonly ok: false; readonly error: JsonSyntaxError };

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const DEFAULT_MAX_DEPTH = 1000;

interface ObjectFrame {
  readonly kind: 'object';
  readonly start: Position;
  readonly path: JsonPath;
  readonly entries: ObjectEntry[];
  key: string | undefined;
  keyRange: SourceRange | undefined;
  /** key: expecting a key or `}`; colon; value; next: expecting `,` or `}`; keyAfterComma: a key must follow */
  state: 'key' | 'colon' | 'value' | 'next' | 'keyAfterComma';
}

interface ArrayFrame {
  readonly kind: 'array';
  readonly start: Position;
  readonly path: JsonPath;
  readonly items: SourceNode[];
  state: 'value' | 'next' | 'valueAfterComma';
}

type Frame = ObjectFrame | ArrayFrame;

class SyntaxFailure extends Error {
  constructor(message: string, readonly position: Position) {
    super(message);
  }
}

export function parseJson(text: string, options: JsonParseOptions = {}): JsonParseResult {
  try {
    return { ok: true, root: new Parser(text, options).parseDocument() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: { message: e.message, position: e.position } };
    throw e;
  }
}

class Parser {
  private i = 0;
  private line: number;
  private lineStart = 0;
  private readonly startColumn: number;
  private readonly startOffset: number;
  private readonly columnShift: number;
  private readonly firstLine: number;
  private readonly maxDepth: number;
  private readonly positionAt: ((offset: number) => Position) | undefined;

  constructor(
    private readonly text: string,
    options: JsonParseOptions,
  ) {
    this.firstLine = this.line = options.startLine ?? 1;
    this.startColumn = options.startColumn ?? 1;
    this.startOffset = options.startOffset ?? 0;
    this.columnShift = options.columnShift ?? 0;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.positionAt = options.positionAt;
    if (text.charCodeAt(0) === 0xfeff) this.i = this.lineStart = 1; // a BOM is not content
  }

  private pos(i = this.i): Position {
    if (this.positionAt) return this.positionAt(i);
    const column = this.line === this.firstLine ? this.startColumn + (i - this.lineStart) : this.columnShift + 1 + (i - this.lineStart);
    return { line: this.line, column, offset: this.startOffset + i };
  }

  private fail(message: string, i = this.i): never {
    throw new SyntaxFailure(message, this.pos(i));
  }

  private skipWhitespace(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) this.i++;
      else if (c === 0x0a) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else return;
    }
  }

  private describeHere(): string {
    if (this.i >= this.text.length) return 'end of input';
    const c = this.text[this.i];
    return c === '\0' ? 'a NUL character' : `'${c}'`;
  }

  parseDocument(): SourceNode {
    this.skipWhitespace();
    if (this.i >= this.text.length) this.fail('Empty document: expected a JSON value');
    const root = this.parseValueTree([]);
    this.skipWhitespace();
    if (this.i < this.text.length) this.fail(`Unexpected ${this.describeHere()} after the end of the JSON value`);
    return root;
  }

  /** Parses one value at the cursor, containers included, without recursion. */
  private parseValueTree(rootPath: JsonPath): SourceNode {
    const stack: Frame[] = [];
    let path: JsonPath = rootPath;
    for (;;) {
      // Parse a value at the cursor: either a scalar (complete) or the opening of a container.
      let done: SourceNode | undefined;
      const c = this.text[this.i];
      if (c === '{' || c === '[') {
        if (stack.length >= this.maxDepth) this.fail(`Nesting deeper than ${this.maxDepth} levels`);
        const start = this.pos();
        this.i++;
        const frame: Frame =
          c === '{'
            ? { kind: 'object', start, path, entries: [], key: undefined, keyRange: undefined, state: 'key' }
            : { kind: 'array', start, path, items: [], state: 'value' };
        stack.push(frame);
      } else {
        done = this.parseScalar(path);
      }
      // Drive the container state machines until another value must be parsed.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) return done as SourceNode;
        if (done) {
          if (top.kind === 'object') {
            top.entries.push({ key: top.key as string, keyRange: top.keyRange as SourceRange, value: done });
            top.state = 'next';
          } else {
            top.items.push(done);
            top.state = 'next';
          }
          done = undefined;
        }
        this.skipWhitespace();
        const ch = this.text[this.i];
        if (top.kind === 'object') {
          if (top.state === 'key' || top.state === 'keyAfterComma') {
            if (ch === '}' && top.state === 'key') {
              done = this.closeContainer(stack);
              continue;
            }
            if (ch !== '"') this.fail(top.state === 'key' ? `Expected a property name or '}' but found ${this.describeHere()}` : `Expected a property name after ',' but found ${this.describeHere()}`);
            const keyStart = this.pos();
            top.key = this.readString();
            top.keyRange = { start: keyStart, end: this.pos() };
            top.state = 'colon';
            continue;
          }
          if (top.state === 'colon') {
            if (ch !== ':') this.fail(`Expected ':' after property name "${top.key}" but found ${this.describeHere()}`);
            this.i++;
            this.skipWhitespace();
            if (this.i >= this.text.length) this.fail(`Expected a value for "${top.key}" but found end of input`);
            top.state = 'value';
            path = [...top.path, top.key as string];
            break;
          }
          // state 'next'
          if (ch === ',') {
            this.i++;
            top.state = 'keyAfterComma';
            continue;
          }
          if (ch === '}') {
            done = this.closeContainer(stack);
            continue;
          }
          this.fail(`Expected ',' or '}' but found ${this.describeHere()}`);
        } else {
          if (top.state === 'value' || top.state === 'valueAfterComma') {
            if (ch === ']' && top.state === 'value') {
              done = this.closeContainer(stack);
              continue;
            }
            if (this.i >= this.text.length) this.fail(`Expected a value or ']' but found end of input`);
            path = [...top.path, top.items.length];
            break;
          }
          if (ch === ',') {
            this.i++;
            top.state = 'valueAfterComma';
            continue;
          }
          if (ch === ']') {
            done = this.closeContainer(stack);
            continue;
          }
          this.fail(`Expected ',' or ']' but found ${this.describeHere()}`);
        }
      }
    }
  }

  private closeContainer(stack: Frame[]): SourceNode {
    const frame = stack.pop() as Frame;
    this.i++;
    const range = { start: frame.start, end: this.pos() };
    if (frame.kind === 'object') return { kind: 'object', path: frame.path, range, entries: frame.entries } satisfies ObjectNode;
    return { kind: 'array', path: frame.path, range, items: frame.items } satisfies ArrayNode;
  }

  private parseScalar(path: JsonPath): SourceNode {
    const start = this.pos();
    const t = this.text;
    const c = t[this.i];
    if (c === '"') {
      const value = this.readString();
      return { kind: 'string', path, value, range: { start, end: this.pos() } };
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = this.i;
      const m = NUMBER.exec(t);
      if (!m) this.fail(`Invalid number`);
      this.i += m[0].length;
      return { kind: 'number', path, value: Number(m[0]), raw: m[0], range: { start, end: this.pos() } };
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (t.startsWith(word, this.i)) {
        this.i += word.length;
        const range = { start, end: this.pos() };
        return value === null ? { kind: 'null', path, value, range } : { kind: 'boolean', path, value, range };
      }
    }
    if (this.i >= t.length) this.fail('Unexpected end of input: expected a value');
    if (c === "'") this.fail('Strings must use double quotes');
    this.fail(`Unexpected ${this.describeHere()}: expected a value`);
  }

  /** Reads a string literal at the cursor (which is on the opening quote). */
  private readString(): string {
    const t = this.text;
    const open = this.i;
    let j = open + 1;
    let escaped = false;
    for (;;) {
      const code = t.charCodeAt(j);
      if (j >= t.length) this.fail('Unterminated string', open);
      if (code === 0x22) break;
      if (code === 0x5c) {
        escaped = true;
        const next = t[j + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(j + 2, j + 6))) this.fail('Invalid \\u escape in string', j);
          j += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) j += 2;
        else this.fail(`Invalid escape '\\${next ?? ''}' in string`, j);
        continue;
      }
      if (code < 0x20) this.fail(code === 0x0a ? 'Unterminated string (line break inside a string)' : 'Control character inside a string', j);
      j++;
    }
    this.i = j + 1;
    const body = t.slice(open + 1, j);
    return escaped ? (JSON.parse(`"${body}"`) as string) : body;
  }
}
