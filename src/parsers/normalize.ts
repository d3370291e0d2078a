/**
 * Source tree → PolicyDocument (read-only by type; see LintRequest.freeze). Structural problems are collected as data (policy-structure
 * reports them); everything usable is normalized: string-or-array elements become lists, Principal
 * becomes typed entries, Condition becomes operator → key → values entries.
 */
import type {
  ConditionEntry,
  DuplicateKey,
  ElementList,
  JsonPath,
  Located,
  ParsedOperator,
  PolicyDocument,
  PolicyKind,
  PrincipalElement,
  PrincipalEntry,
  Statement,
  StructureIssue,
} from '../engine/model.js';
import { kindName, type ArrayNode, type ObjectNode, type SourceNode } from './tree.js';

export interface NormalizeOptions {
  readonly id: string;
  readonly filePath: string;
  readonly name?: string;
  /** Forced kind (from config or the container, e.g. a CloudFormation trust policy). */
  readonly kind?: PolicyKind;
  readonly kindSource?: 'config' | 'container';
  /** Where the document sits in its file. */
  readonly path?: JsonPath;
  /** Applied to every string value before rules see it (config `variables`). */
  readonly substitute?: (value: string) => string;
  readonly templateExpressions?: boolean;
  readonly inferredSet?: PolicyDocument['inferredSet'];
  readonly suppressions?: PolicyDocument['suppressions'];
}

const POLICY_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext|\*)$/i;

const identity = (s: string): string => s;

export function normalizeDocument(root: SourceNode, options: NormalizeOptions): PolicyDocument {
  const n = new Normalizer(options.substitute ?? identity);
  const statements: Statement[] = [];
  let version: Located<string> | undefined;
  let fragment: PolicyDocument['fragment'];

  if (root.kind === 'object' && !root.entries.some((e) => e.key === 'Statement') && looksLikeStatement(root)) {
    fragment = 'statement';
    n.issue('fragment', root, [], { what: 'a single statement', lacks: 'the Version and Statement elements around it' });
    statements.push(n.statement(root, [], 0));
  } else if (root.kind === 'array' && root.items.length > 0 && root.items.every((i) => i.kind === 'object' && looksLikeStatement(i))) {
    fragment = 'statement-list';
    n.issue('fragment', root, [], { what: 'a list of statements', lacks: 'the Version and Statement elements around it' });
    root.items.forEach((item, i) => statements.push(n.statement(item as ObjectNode, [i], i)));
  } else if (root.kind !== 'object') {
    n.issue('notObject', root, [], { found: kindName(root) });
  } else {
    for (const entry of root.entries) {
      if (!POLICY_ELEMENTS.has(entry.key)) n.issue('unknownElement', n.keyLoc(entry.key, entry.keyRange, [entry.key]), undefined, { element: entry.key, known: 'Version, Id, Statement' });
    }
    const versionEntry = lastEntry(root, 'Version');
    if (versionEntry) {
      if (versionEntry.value.kind === 'string') version = n.loc(versionEntry.value, ['Version']) as Located<string>;
      else n.issue('wrongType', versionEntry.value, ['Version'], { element: 'Version', expected: 'a string', found: kindName(versionEntry.value) });
    }
    const idEntry = lastEntry(root, 'Id');
    if (idEntry && idEntry.value.kind !== 'string') n.issue('wrongType', idEntry.value, ['Id'], { element: 'Id', expected: 'a string', found: kindName(idEntry.value) });
    const stmtEntry = lastEntry(root, 'Statement');
    if (!stmtEntry) {
      n.issue('missingStatement', root, [], {});
    } else {
      const value = stmtEntry.value;
      if (value.kind === 'object') statements.push(n.statement(value, ['Statement'], 0));
      else if (value.kind === 'array') {
        if (value.items.length === 0) n.issue('emptyElement', value, ['Statement'], { element: 'Statement' });
        value.items.forEach((item, i) => {
          if (item.kind === 'object') statements.push(n.statement(item, ['Statement', i], statements.length));
          else n.issue('statementNotObject', item, ['Statement', i], { found: kindName(item) });
        });
      } else n.issue('statementType', value, ['Statement'], { found: kindName(value) });
    }
  }

  return new NormalizedDocument(options, options.kind ?? detectKind(statements), root, version, statements, fragment, n);
}

/**
 * A class, not an object literal: a literal with its own `get strings()` closure gets a hidden
 * class of its own, which V8 keeps in old space until a full collection, and that hidden class
 * holds the closure and with it the whole document and tree. Every document then survived the
 * young-generation collections (measured: ~30% of all normalization garbage promoted, heap
 * growing to ~180 MB on the corpus). A getter on the prototype has none of that.
 */
class NormalizedDocument implements PolicyDocument {
  readonly id: string;
  readonly filePath: string;
  readonly name: string;
  readonly kindSource: PolicyDocument['kindSource'];
  readonly path: JsonPath;
  readonly range: PolicyDocument['range'];
  readonly structureIssues: readonly StructureIssue[];
  readonly duplicateKeys: readonly DuplicateKey[];
  readonly templateExpressions: boolean;
  readonly inferredSet: PolicyDocument['inferredSet'];
  readonly suppressions?: PolicyDocument['suppressions'];
  // Private fields: computed on first use even when the document is frozen (LintRequest.freeze).
  #strings: readonly Located<string>[] | undefined;
  readonly #normalizer: Normalizer;

  constructor(
    options: NormalizeOptions,
    readonly kind: PolicyKind,
    readonly root: SourceNode,
    readonly version: Located<string> | undefined,
    readonly statements: readonly Statement[],
    readonly fragment: PolicyDocument['fragment'],
    normalizer: Normalizer,
  ) {
    this.id = options.id;
    this.filePath = options.filePath;
    this.name = options.name ?? options.filePath;
    this.kindSource = options.kind ? (options.kindSource ?? 'config') : 'content';
    this.path = options.path ?? [];
    this.range = root.range;
    this.structureIssues = normalizer.issues;
    this.duplicateKeys = findDuplicateKeys(root);
    this.templateExpressions = options.templateExpressions ?? false;
    this.inferredSet = options.inferredSet;
    if (options.suppressions?.length) this.suppressions = options.suppressions;
    this.#normalizer = normalizer;
  }

  /** Every string value and condition key; computed on first use (most documents never need it: see unresolved-placeholder, policy-version). */
  get strings(): readonly Located<string>[] {
    this.#strings ??= collectStrings(this.root, this.#normalizer, this.statements);
    return this.#strings;
  }
}

function looksLikeStatement(node: SourceNode): boolean {
  return node.kind === 'object' && node.entries.some((e) => e.key === 'Effect') && node.entries.some((e) => /^(Not)?(Action|Principal)$/.test(e.key));
}

function lastEntry(node: ObjectNode, key: string) {
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i];
  return undefined;
}

/** Trust when every statement names a principal and only assumes the role; resource when a principal is named otherwise. */
export function detectKind(statements: readonly Statement[]): PolicyKind {
  if (statements.length === 0 || !statements.some((s) => s.principal)) return 'identity';
  const trustOnly = statements.every((s) => s.action && !s.action.negated && s.action.values.length > 0 && s.action.values.every((a) => TRUST_ACTIONS.test(a.value)));
  return trustOnly ? 'trust' : 'resource';
}

export function parseOperator(op: string): ParsedOperator {
  let rest = op;
  let setOperator: ParsedOperator['setOperator'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon);
    if (qualifier === 'ForAllValues' || qualifier === 'ForAnyValue') setOperator = qualifier;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  return { base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists, setOperator };
}

class Normalizer {
  readonly issues: StructureIssue[] = [];
  constructor(private readonly substitute: (s: string) => string) {}

  loc(node: SourceNode, path: JsonPath): Located<unknown> {
    const value = node.kind === 'string' ? this.substitute(node.value) : node.kind === 'object' || node.kind === 'array' ? undefined : node.value;
    return { value, path, range: node.range };
  }

  keyLoc(key: string, range: Located<string>['range'], path: JsonPath): Located<string> {
    return { value: key, path, range };
  }

  issue(messageId: StructureIssue['messageId'], at: SourceNode | Located<unknown>, path: JsonPath | undefined, data: Record<string, string>): void {
    const located = 'kind' in at ? this.loc(at, path ?? []) : at;
    this.issues.push({ messageId, data, at: located });
  }

  statement(node: ObjectNode, path: JsonPath, index: number): Statement {
    const stmtLabel = (name: string) => `Statement ${index}${name ? ` ${name}` : ''}`;
    for (const e of node.entries) {
      if (!STATEMENT_ELEMENTS.has(e.key)) {
        this.issue('unknownStatementElement', this.keyLoc(e.key, e.keyRange, [...path, e.key]), undefined, {
          element: e.key,
          known: 'Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition',
        });
      }
    }
    const at = { value: null, path, range: node.range };
    const sid = this.stringElement(node, 'Sid', path);
    const effect = this.stringElement(node, 'Effect', path);
    if (!lastEntry(node, 'Effect')) this.issue('missingElement', at, undefined, { element: 'Effect', statement: stmtLabel('') });
    else if (effect && effect.value !== 'Allow' && effect.value !== 'Deny') this.issue('invalidEffect', effect, undefined, { value: effect.value });

    const action = this.pair(node, path, 'Action', 'NotAction', true, stmtLabel(''));
    const resource = this.pair(node, path, 'Resource', 'NotResource', false, stmtLabel(''));
    const principal = this.principal(node, path);
    const conditionEntry = lastEntry(node, 'Condition');
    const conditions = conditionEntry ? this.conditions(conditionEntry.value, [...path, 'Condition']) : [];
    return {
      index,
      path,
      range: node.range,
      sid,
      effect,
      action,
      resource,
      principal,
      conditions,
      conditionKey: conditionEntry ? this.keyLoc('Condition', conditionEntry.keyRange, [...path, 'Condition']) : undefined,
    };
  }

  private stringElement(node: ObjectNode, name: string, path: JsonPath): Located<string> | undefined {
    const e = lastEntry(node, name);
    if (!e) return undefined;
    if (e.value.kind !== 'string') {
      this.issue('wrongType', e.value, [...path, name], { element: name, expected: 'a string', found: kindName(e.value) });
      return undefined;
    }
    return this.loc(e.value, [...path, name]) as Located<string>;
  }

  private pair(node: ObjectNode, path: JsonPath, positive: 'Action' | 'Resource', negative: 'NotAction' | 'NotResource', required: boolean, stmt: string): ElementList | undefined {
    const pos = lastEntry(node, positive);
    const neg = lastEntry(node, negative);
    if (pos && neg) {
      this.issue('bothElements', this.keyLoc(negative, neg.keyRange, [...path, negative]), undefined, { element: positive, negated: negative });
    }
    if (!pos && !neg) {
      if (required) this.issue('missingElement', { value: null, path, range: node.range }, undefined, { element: `${positive} or ${negative}`, statement: stmt });
      return undefined;
    }
    const entry = (pos ?? neg)!;
    const name = pos ? positive : negative;
    const elPath = [...path, name];
    return {
      name,
      negated: !pos,
      key: this.keyLoc(name, entry.keyRange, elPath),
      node: this.loc(entry.value, elPath),
      values: this.stringList(entry.value, elPath, name),
    };
  }

  private stringList(value: SourceNode, path: JsonPath, element: string): Located<string>[] {
    if (value.kind === 'string') return [this.loc(value, path) as Located<string>];
    if (value.kind === 'array') {
      if (value.items.length === 0) this.issue('emptyElement', value, path, { element });
      const out: Located<string>[] = [];
      value.items.forEach((item, i) => {
        if (item.kind === 'string') out.push(this.loc(item, [...path, i]) as Located<string>);
        else this.issue('wrongType', item, [...path, i], { element: `${element} entry`, expected: 'a string', found: kindName(item) });
      });
      return out;
    }
    this.issue('wrongType', value, path, { element, expected: 'a string or an array of strings', found: kindName(value) });
    return [];
  }

  private principal(node: ObjectNode, path: JsonPath): PrincipalElement | undefined {
    const pos = lastEntry(node, 'Principal');
    const neg = lastEntry(node, 'NotPrincipal');
    if (pos && neg) this.issue('bothElements', this.keyLoc('NotPrincipal', neg.keyRange, [...path, 'NotPrincipal']), undefined, { element: 'Principal', negated: 'NotPrincipal' });
    const entry = pos ?? neg;
    if (!entry) return undefined;
    const name = pos ? 'Principal' : 'NotPrincipal';
    const elPath = [...path, name];
    const value = entry.value;
    const entries: PrincipalEntry[] = [];
    let wildcard: Located<string> | undefined;
    if (value.kind === 'string') {
      if (value.value === '*') wildcard = this.loc(value, elPath) as Located<string>;
      else this.issue('wrongType', value, elPath, { element: name, expected: '"*" or an object such as {"AWS": …}, {"Service": …}, {"Federated": …}', found: `the string "${value.value}"` });
    } else if (value.kind === 'object') {
      for (const e of value.entries) {
        const p = [...elPath, e.key];
        entries.push({ type: this.keyLoc(e.key, e.keyRange, p), values: this.stringList(e.value, p, `${name}.${e.key}`) });
      }
    } else {
      this.issue('wrongType', value, elPath, { element: name, expected: '"*" or an object', found: kindName(value) });
    }
    return { name, negated: !pos, key: this.keyLoc(name, entry.keyRange, elPath), node: this.loc(value, elPath), wildcard, entries };
  }

  private conditions(value: SourceNode, path: JsonPath): ConditionEntry[] {
    if (value.kind !== 'object') {
      this.issue('wrongType', value, path, { element: 'Condition', expected: 'an object of operators', found: kindName(value) });
      return [];
    }
    const out: ConditionEntry[] = [];
    for (const opEntry of value.entries) {
      const opPath = [...path, opEntry.key];
      const operator = this.keyLoc(opEntry.key, opEntry.keyRange, opPath);
      if (opEntry.value.kind !== 'object') {
        this.issue('wrongType', opEntry.value, opPath, { element: `Condition operator ${opEntry.key}`, expected: 'an object of condition keys', found: kindName(opEntry.value) });
        continue;
      }
      for (const keyEntry of opEntry.value.entries) {
        const keyPath = [...opPath, keyEntry.key];
        const v = keyEntry.value;
        const values: Located<string>[] = [];
        const scalars = v.kind === 'array' ? v.items.map((item, i) => [item, [...keyPath, i]] as const) : [[v, keyPath] as const];
        for (const [item, p] of scalars) {
          if (item.kind === 'string') values.push(this.loc(item, p) as Located<string>);
          else if (item.kind === 'boolean' || item.kind === 'number') values.push({ value: item.kind === 'number' ? item.raw : String(item.value), path: p, range: item.range });
          else this.issue('wrongType', item, p, { element: `Condition value of ${keyEntry.key}`, expected: 'a string, number or boolean', found: kindName(item) });
        }
        out.push({
          operator,
          parsedOperator: parseOperator(opEntry.key),
          key: this.keyLoc(keyEntry.key, keyEntry.keyRange, keyPath),
          values,
          node: this.loc(v, keyPath),
        });
      }
    }
    return out;
  }
}

/** Every repeated key in every object of the tree: the earlier value is silently lost. */
function findDuplicateKeys(root: SourceNode): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // Only containers are visited; paths are built for them alone, Located keys only for duplicates.
  const stack: { node: ObjectNode | ArrayNode; path: JsonPath }[] = [];
  if (root.kind === 'object' || root.kind === 'array') stack.push({ node: root, path: [] });
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node.kind === 'object') {
      const entries = node.entries;
      if (entries.length > 1) {
        const seen = new Map<string, number>();
        for (let i = 0; i < entries.length; i++) {
          const key = entries[i].key;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else out.push({ key, first: { value: key, path: [...path, key], range: entries[first].keyRange }, duplicate: { value: key, path: [...path, key], range: entries[i].keyRange } });
        }
      }
      for (const e of entries) if (e.value.kind === 'object' || e.value.kind === 'array') stack.push({ node: e.value, path: [...path, e.key] });
    } else {
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item.kind === 'object' || item.kind === 'array') stack.push({ node: item, path: [...path, i] });
      }
    }
  }
  return out.sort((a, b) => a.duplicate.range.start.offset - b.duplicate.range.start.offset);
}

function collectStrings(root: SourceNode, n: Normalizer, statements: readonly Statement[]): Located<string>[] {
  const out: Located<string>[] = [];
  // Containers are pushed in reverse so that strings come out (almost) in source order: the
  // final sort then has little to do.
  const stack: { node: SourceNode; path: JsonPath }[] = [{ node: root, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node.kind === 'string') out.push(n.loc(node, path) as Located<string>);
    else if (node.kind === 'object') {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const e = node.entries[i];
        if (e.value.kind === 'string' || e.value.kind === 'object' || e.value.kind === 'array') stack.push({ node: e.value, path: [...path, e.key] });
      }
    } else if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (item.kind === 'string' || item.kind === 'object' || item.kind === 'array') stack.push({ node: item, path: [...path, i] });
      }
    }
  }
  for (const s of statements) for (const c of s.conditions) out.push(c.key);
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
