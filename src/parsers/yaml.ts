/**
 * YAML text → the located source tree (the same tree the JSON parser builds), for CloudFormation
 * and SAM templates. YAML 1.2 core schema, so `2012-10-17` stays a string; duplicate keys are
 * kept (duplicate-key reports them); anchors and aliases are resolved. CloudFormation short tags
 * (`!Ref X`, `!Sub …`, `!GetAtt A.B`, …) become the long form they stand for (`{"Ref": "X"}`,
 * `{"Fn::Sub": …}`, `{"Fn::GetAtt": ["A", "B"]}`), so later stages see one tree for YAML and JSON.
 */
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';

let yamlModule: typeof YamlModule | undefined;
/** The yaml package, loaded on the first YAML input (it costs ~25 ms of start-up that a JSON-only run need not pay). */
export function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}
import type { JsonPath, ObjectEntry, Position, SourceNode, SourceRange } from './tree.js';

export interface YamlParseOptions {
  /** Deepest allowed nesting of mappings and sequences (aliases included). */
  readonly maxDepth?: number;
}

export type YamlParseResult =
  | { readonly ok: true; readonly root: SourceNode }
  | { readonly ok: false; readonly error: { readonly message: string; readonly position: Position } };

const DEFAULT_MAX_DEPTH = 1000;

/** CloudFormation short-form tags and the long-form key each stands for. */
const SHORT_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...['Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'ImportValue', 'FindInMap', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'Not', 'And', 'Or', 'Transform', 'Length', 'ToJsonString'].map(
    (name) => [`!${name}`, `Fn::${name}`] as [string, string],
  ),
]);

class YamlFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses YAML into a located tree. A stream of several documents (`---`) yields the first one
 * that has content: CloudFormation templates are single documents, and callers decide by the
 * content whether the file is a template at all.
 */
export function parseYamlTree(text: string, options: YamlParseOptions = {}): YamlParseResult {
  const lineCounter = new (yaml().LineCounter)();
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, offset };
  };
  let documents: Document.Parsed[];
  try {
    const parsed = yaml().parseAllDocuments(text, { lineCounter, version: '1.2', schema: 'core', uniqueKeys: false, prettyErrors: false, strict: false });
    documents = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    // The composer recurses: absurdly deep flow nesting overflows the stack instead of failing cleanly.
    if (e instanceof RangeError) return { ok: false, error: { message: 'YAML nesting is too deep to parse', position: position(0) } };
    throw e;
  }
  for (const doc of documents) {
    const error = doc.errors[0];
    if (error) return { ok: false, error: { message: errorMessage(error.message), position: position(Math.min(error.pos[0], text.length)) } };
  }
  const doc = documents.find((d) => d.contents !== null) ?? documents[0];
  if (!doc || doc.contents === null) {
    const at = position(0);
    return { ok: true, root: { kind: 'null', value: null, path: [], range: { start: at, end: at } } };
  }
  try {
    return { ok: true, root: new TreeBuilder(text, doc, position, options.maxDepth ?? DEFAULT_MAX_DEPTH).build(doc.contents as YamlNode) };
  } catch (e) {
    if (e instanceof YamlFailure) return { ok: false, error: { message: e.message, position: position(e.offset) } };
    throw e;
  }
}

/** The yaml package's message without its trailing ` at line L, column C` (positions are reported separately). */
function errorMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `YAML: ${first}`;
}

class TreeBuilder {
  /** Aliases can multiply a small text into a huge tree ("billion laughs"): cap the node count. */
  private budget: number;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly position: (offset: number) => Position,
    private readonly maxDepth: number,
  ) {
    this.budget = 4 * text.length + 10_000;
  }

  build(node: YamlNode): SourceNode {
    return this.node(node, [], 0);
  }

  private range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Where a tagged node starts: at its tag (`!Ref`), which the yaml package leaves out of the node's range. */
  private tagStart(node: YamlNode, valueStart: number): number {
    const tag = node.tag;
    if (!tag) return valueStart;
    const at = this.text.lastIndexOf(tag, valueStart);
    return at >= 0 ? at : valueStart;
  }

  private node(node: YamlNode | null, path: JsonPath, depth: number): SourceNode {
    if (--this.budget < 0) throw new YamlFailure('YAML aliases expand into too many nodes', 0);
    if (node === null) throw new YamlFailure('YAML: missing value', 0);
    if (yaml().isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new YamlFailure(`YAML: unresolved alias *${node.source}`, node.range?.[0] ?? 0);
      // The aliased content keeps the positions where it is written (the anchor).
      return this.node(target as YamlNode, path, depth);
    }
    const longForm = node.tag ? SHORT_TAGS.get(node.tag) : undefined;
    if (longForm) return this.shortTag(node, longForm, path, depth);
    return this.plain(node, path, depth);
  }

  /** `!Ref X` → `{"Ref": "X"}`; `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`; the object spans tag and value. */
  private shortTag(node: YamlNode, key: string, path: JsonPath, depth: number): SourceNode {
    if (depth >= this.maxDepth) throw new YamlFailure(`Nesting deeper than ${this.maxDepth} levels`, node.range?.[0] ?? 0);
    const [valueStart] = node.range ?? [0, 0, 0];
    const tagStart = this.tagStart(node, valueStart);
    const keyRange = this.range(tagStart, tagStart + (node.tag?.length ?? 0));
    let value = this.plain(node, [...path, key], depth + 1);
    if (key === 'Fn::GetAtt' && value.kind === 'string') value = this.splitGetAtt(node, value);
    return {
      kind: 'object',
      path,
      range: { start: keyRange.start, end: value.range.end },
      entries: [{ key, keyRange, value }],
    };
  }

  /** `!GetAtt Role.Arn`: the logical id ends at the first dot (attribute names may hold dots). */
  private splitGetAtt(node: YamlNode, value: SourceNode & { kind: 'string' }): SourceNode {
    const dot = value.value.indexOf('.');
    if (dot < 0) return value;
    const plain = yaml().isScalar(node) && node.type === 'PLAIN';
    const start = value.range.start.offset;
    const end = value.range.end.offset;
    const nameRange = plain ? this.range(start, start + dot) : value.range;
    const attributeRange = plain ? this.range(start + dot + 1, end) : value.range;
    return {
      kind: 'array',
      path: value.path,
      range: value.range,
      items: [
        { kind: 'string', value: value.value.slice(0, dot), path: [...value.path, 0], range: nameRange },
        { kind: 'string', value: value.value.slice(dot + 1), path: [...value.path, 1], range: attributeRange },
      ],
    };
  }

  /** The node itself, ignoring any tag. */
  private plain(node: YamlNode, path: JsonPath, depth: number): SourceNode {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    if (yaml().isScalar(node)) {
      const range = this.range(start, this.trimEnd(start, valueEnd));
      const v = node.value;
      if (typeof v === 'string') return { kind: 'string', value: v, path, range };
      if (typeof v === 'number' || typeof v === 'bigint') return { kind: 'number', value: Number(v), raw: this.text.slice(range.start.offset, range.end.offset), path, range };
      if (typeof v === 'boolean') return { kind: 'boolean', value: v, path, range };
      if (v === null || v === undefined) return { kind: 'null', value: null, path, range };
      return { kind: 'string', value: String(v), path, range };
    }
    if (depth >= this.maxDepth) throw new YamlFailure(`Nesting deeper than ${this.maxDepth} levels`, start);
    if (yaml().isSeq(node)) {
      const items = node.items.map((item, i) => this.node(item as YamlNode, [...path, i], depth + 1));
      return { kind: 'array', path, items, range: this.range(start, this.nodeEnd(node)) };
    }
    if (yaml().isMap(node)) {
      const entries: ObjectEntry[] = [];
      for (const pair of node.items) {
        if (!yaml().isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = keyText(keyNode);
        const keyStart = keyNode?.range?.[0] ?? start;
        const keyRange = this.range(keyStart, keyNode?.range ? this.trimEnd(keyStart, keyNode.range[1]) : keyStart);
        const value =
          pair.value === null || pair.value === undefined
            ? ({ kind: 'null', value: null, path: [...path, key], range: { start: keyRange.end, end: keyRange.end } } as SourceNode)
            : this.node(pair.value as YamlNode, [...path, key], depth + 1);
        entries.push({ key, keyRange, value });
      }
      return { kind: 'object', path, entries, range: this.range(start, this.nodeEnd(node)) };
    }
    throw new YamlFailure('YAML: unsupported node', start);
  }

  /** Flow collections end at their bracket; block collections at their last value (not the trailing newline or comment). */
  private nodeEnd(node: YamlNode): number {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    if (yaml().isAlias(node) || yaml().isScalar(node)) return this.trimEnd(start, valueEnd);
    const flow = this.text[start] === '[' || this.text[start] === '{';
    const last = (yaml().isSeq(node) || yaml().isMap(node)) && node.items.length > 0 ? node.items[node.items.length - 1] : undefined;
    if (flow || last === undefined) return this.trimEnd(start, valueEnd);
    if (yaml().isPair(last)) {
      const child = (last.value ?? last.key) as YamlNode | null;
      return child?.range ? this.nodeEnd(child) : this.trimEnd(start, valueEnd);
    }
    return this.nodeEnd(last as YamlNode);
  }

  private trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return end;
  }
}

function keyText(key: YamlNode | null): string {
  if (key === null || key === undefined) return '';
  if (yaml().isScalar(key)) {
    if (typeof key.value === 'string') return key.value;
    return key.source ?? String(key.value);
  }
  return JSON.stringify(key.toJSON());
}
