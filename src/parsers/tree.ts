/**
 * The located source tree: what every input format (JSON, YAML, Markdown fences, …) is parsed
 * into before normalization. Positions are in the coordinates of the file the user edits, so a
 * policy inside a Markdown fence or a CloudFormation template still points at the right line.
 */

export type JsonPath = readonly (string | number)[];

/** 1-based line and column (UTF-16 code units, like editors and ESLint), 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

interface NodeBase {
  readonly path: JsonPath;
  readonly range: SourceRange;
}

export interface ObjectEntry {
  readonly key: string;
  readonly keyRange: SourceRange;
  readonly value: SourceNode;
}

export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  /** Every member in source order, duplicates included (JSON.parse would keep only the last). */
  readonly entries: readonly ObjectEntry[];
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: readonly SourceNode[];
}

export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
}

export interface NumberNode extends NodeBase {
  readonly kind: 'number';
  readonly value: number;
  /** The number as written (`1.0`, `1e3`), used where AWS compares text. */
  readonly raw: string;
}

export interface BooleanNode extends NodeBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullNode extends NodeBase {
  readonly kind: 'null';
  readonly value: null;
}

export type ScalarNode = StringNode | NumberNode | BooleanNode | NullNode;
export type SourceNode = ObjectNode | ArrayNode | ScalarNode;

/** The last member with this key, as JSON.parse and AWS see it. */
export function getMember(node: ObjectNode, key: string): ObjectEntry | undefined {
  for (let i = node.entries.length - 1; i >= 0; i--) {
    if (node.entries[i].key === key) return node.entries[i];
  }
  return undefined;
}

export function kindName(node: SourceNode): string {
  return node.kind === 'object' ? 'an object' : node.kind === 'array' ? 'an array' : node.kind === 'null' ? 'null' : `a ${node.kind}`;
}

/** Plain JavaScript value of a node (last duplicate key wins, prototype-safe). */
export function toPlainValue(node: SourceNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = Object.create(null);
      for (const e of node.entries) out[e.key] = toPlainValue(e.value);
      return out;
    }
    case 'array':
      return node.items.map(toPlainValue);
    default:
      return node.value;
  }
}
