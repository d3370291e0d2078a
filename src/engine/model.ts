/**
 * The normalized policy model every rule reads (read-only; frozen only with LintRequest.freeze). Leaves are `Located<T>`: a value with
 * its JSON path inside the policy document and its range in the source file, whatever the
 * input format was.
 */
import type { JsonPath, SourceNode, SourceRange } from '../parsers/tree.js';

export type { JsonPath, SourceRange, Position } from '../parsers/tree.js';

export interface Located<T> {
  readonly value: T;
  readonly path: JsonPath;
  readonly range: SourceRange;
}

export const POLICY_KINDS = ['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** Action/NotAction or Resource/NotResource: string-or-array, normalized to a list. */
export interface ElementList {
  readonly name: 'Action' | 'NotAction' | 'Resource' | 'NotResource';
  readonly negated: boolean;
  /** The element's key in the statement (for findings about the element as a whole). */
  readonly key: Located<string>;
  /** The element's value node as written (string or array). */
  readonly node: Located<unknown>;
  /** The string entries; entries of other types are reported by policy-structure and left out. */
  readonly values: readonly Located<string>[];
}

export interface PrincipalEntry {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser` (or whatever was written). */
  readonly type: Located<string>;
  readonly values: readonly Located<string>[];
}

export interface PrincipalElement {
  readonly name: 'Principal' | 'NotPrincipal';
  readonly negated: boolean;
  readonly key: Located<string>;
  readonly node: Located<unknown>;
  /** Set when the whole element is the string `"*"`. */
  readonly wildcard: Located<string> | undefined;
  readonly entries: readonly PrincipalEntry[];
}

export interface ParsedOperator {
  /** Operator without qualifiers, e.g. `StringEquals` for `ForAnyValue:StringEqualsIfExists`. */
  readonly base: string;
  readonly ifExists: boolean;
  readonly setOperator: 'ForAllValues' | 'ForAnyValue' | undefined;
}

export interface ConditionEntry {
  readonly operator: Located<string>;
  readonly parsedOperator: ParsedOperator;
  readonly key: Located<string>;
  /** Scalar values as strings (`true` → "true", `3` → "3"), as AWS compares them. */
  readonly values: readonly Located<string>[];
  /** The value node as written (scalar or array). */
  readonly node: Located<unknown>;
}

export interface Statement {
  readonly index: number;
  readonly path: JsonPath;
  readonly range: SourceRange;
  readonly sid: Located<string> | undefined;
  readonly effect: Located<string> | undefined;
  readonly action: ElementList | undefined;
  readonly resource: ElementList | undefined;
  readonly principal: PrincipalElement | undefined;
  readonly conditions: readonly ConditionEntry[];
  /** The Condition element's key, when present. */
  readonly conditionKey: Located<string> | undefined;
}

/** A structural problem found while normalizing; policy-structure reports these. */
export interface StructureIssue {
  readonly messageId:
    | 'notObject'
    | 'missingStatement'
    | 'statementType'
    | 'statementNotObject'
    | 'unknownElement'
    | 'unknownStatementElement'
    | 'wrongType'
    | 'missingElement'
    | 'bothElements'
    | 'invalidEffect'
    | 'emptyElement'
    | 'fragment'
    | 'missingResource';
  readonly data: Readonly<Record<string, string>>;
  readonly at: Located<unknown>;
}

export interface DuplicateKey {
  readonly key: string;
  readonly first: Located<string>;
  readonly duplicate: Located<string>;
}

export interface PolicyDocument {
  /** Unique within a run: file path plus the document's place in the file. */
  readonly id: string;
  /** Path as given/relative to the working directory, with forward slashes. */
  readonly filePath: string;
  /** Human name for messages: the file, or `file › Resource LogicalId` for embedded policies. */
  readonly name: string;
  readonly kind: PolicyKind;
  /** How the kind was decided. */
  readonly kindSource: 'config' | 'content' | 'container';
  /** Where the document sits in its file (empty for a whole-file policy). */
  readonly path: JsonPath;
  readonly range: SourceRange;
  readonly version: Located<string> | undefined;
  readonly statements: readonly Statement[];
  /** Set when the document is a bare statement or statement list rather than a policy. */
  readonly fragment: 'statement' | 'statement-list' | undefined;
  readonly structureIssues: readonly StructureIssue[];
  readonly duplicateKeys: readonly DuplicateKey[];
  /** Every string value and condition key (after variable substitution), for text-level rules; computed on first read. */
  readonly strings: readonly Located<string>[];
  /** The located source tree of the document (format-independent). */
  readonly root: SourceNode;
  /** Values hold template expressions (CloudFormation `${AWS::Region}`, references): not placeholders. */
  readonly templateExpressions: boolean;
  /** The policy set the container puts this document in (a template's role, an account dump's role). */
  readonly inferredSet: { readonly key: string; readonly name: string; readonly role: 'identity' | 'boundary' | 'trust'; readonly trustedService?: string } | undefined;
  /** Suppressions the container declares for this policy (CloudFormation resource `Metadata.iamlint.ignore`). */
  readonly suppressions?: readonly InlineSuppression[];
}

/**
 * One entry of a container's own suppression list, as written (validated by the engine, which
 * reports a malformed or expired entry at `at`).
 */
export interface InlineSuppression {
  readonly rule: string | undefined;
  readonly reason: string | undefined;
  readonly expires: string | undefined;
  /** The entry in the file (positions and path in the file's coordinates). */
  readonly at: Located<null>;
}

/** A file or embedded block that could not be parsed at all. */
export interface UnparsedDocument {
  readonly filePath: string;
  /**
   * syntax: the text does not parse; read: the file could not be read at all; uncheckable: the
   * policy is there but its content is not known (e.g. a value Terraform computes at apply time).
   */
  readonly reason: 'syntax' | 'read' | 'uncheckable';
  /** The language that failed to parse (default JSON). */
  readonly language?: 'JSON' | 'YAML';
  readonly message: string;
  readonly at: Located<null>;
}

/** The policies that together decide one principal's effective permissions. */
export interface PolicySet {
  readonly name: string;
  readonly identity: readonly PolicyDocument[];
  readonly boundary: PolicyDocument | undefined;
  readonly trust: PolicyDocument | undefined;
  /** Service principal the role must trust, e.g. `sagemaker.amazonaws.com`. */
  readonly trustedService: string | undefined;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
