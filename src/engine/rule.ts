/**
 * The rule API: `defineRule<Options, MessageIds>()` so a misspelled message id does not compile,
 * visitor hooks over the normalized model, and `context.report()` with a Located node.
 */
import type { Located, PolicyDocument, PolicySet, Statement } from './model.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

export interface JsonSchema {
  readonly [key: string]: unknown;
}

/**
 * The schema of a rule option holding a list of strings (IAM wildcard patterns, condition keys,
 * method ids…): `nonEmpty` requires every string to have at least one character.
 */
export function stringListOption(description: string, nonEmpty = false): JsonSchema {
  return { type: 'array', items: nonEmpty ? { type: 'string', minLength: 1 } : { type: 'string' }, description };
}

/**
 * Ids of rules from config `customRules` and from plugins: lowercase words, optionally under one
 * prefix (`acme/s3-put-requires-kms`).
 */
export const EXTERNAL_RULE_ID = '^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)?$';

export interface RuleDocs {
  /** One line: what the rule reports. */
  readonly description: string;
  /** Why it matters (AWS behaviour, the risk). */
  readonly why: string;
  /** What to do instead. */
  readonly fix: string;
  readonly recommended: boolean;
  /** AWS documentation the rule is based on. */
  readonly references?: readonly string[];
  /**
   * The rule's documentation page, linked from SARIF and the text output. Built-in rules leave it
   * out (their page is docs/rules/<id>.md); `null`: the rule has no page (config customRules).
   */
  readonly url?: string | null;
}

export interface RuleMeta<Options, MessageIds extends string> {
  readonly id: string;
  readonly docs: RuleDocs;
  readonly defaultSeverity: Severity;
  /** Security rules carry a CVSS-like score for SARIF `security-severity`. */
  readonly securitySeverity?: number;
  readonly tags?: readonly string[];
  readonly schema: JsonSchema;
  readonly defaultOptions: Options;
  readonly messages: Readonly<Record<MessageIds, string>>;
  /** Runs on files that could not be parsed (json-syntax only). */
  readonly runsOnUnparsed?: boolean;
}

export interface RelatedInfo {
  readonly node: Located<unknown>;
  readonly document: PolicyDocument;
  readonly message: string;
}

export interface ReportDescriptor<MessageIds extends string> {
  readonly node: Located<unknown>;
  /** The document holding `node`; defaults to the document being visited (required in policySet). */
  readonly document?: PolicyDocument;
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly related?: readonly RelatedInfo[];
}

export interface RuleSettings {
  /** Config `variables`, already substituted into the documents. */
  readonly variables: Readonly<Record<string, string>>;
  /** Config `knownAccounts`: account ids of the user's own organization. */
  readonly knownAccounts: readonly string[];
  /** The directory documents' `filePath`s are relative to. */
  readonly cwd: string;
}

export interface RuleContext<Options, MessageIds extends string> {
  readonly id: string;
  readonly options: Readonly<Options>;
  readonly settings: RuleSettings;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /**
   * The policy sets a document belongs to. A cross-policy rule can leave a member document to
   * its policySet hook, where the other policies of the set are visible.
   */
  policySetsFor(doc: PolicyDocument): readonly PolicySet[];
  /**
   * The reference version of a document (an earlier git revision or a reference directory, see
   * no-new-access), matched by its place in the file; undefined when the run has no reference
   * for the document's file.
   */
  referenceOf(doc: PolicyDocument): ReferenceVersion | undefined;
}

/** What the reference holds for a document (see `RuleContext.referenceOf`). */
export type ReferenceVersion =
  /** The same document at the reference; `label` names the reference (a git revision, a file). */
  | { readonly status: 'found'; readonly document: PolicyDocument; readonly label: string }
  /** The file does not exist at the reference. */
  | { readonly status: 'newFile'; readonly label: string }
  /** The file exists but holds no counterpart of this document. */
  | { readonly status: 'newDocument'; readonly label: string }
  /** The reference file does not parse (or cannot be read): nothing can be compared. */
  | { readonly status: 'unparsable'; readonly label: string; readonly message: string };

export interface UnparsedInput {
  readonly filePath: string;
  readonly reason: 'syntax' | 'read' | 'uncheckable';
  readonly language?: 'JSON' | 'YAML';
  readonly message: string;
  readonly at: Located<null>;
}

export interface RuleListener {
  /** A file or embedded block that failed to parse (only for rules with `runsOnUnparsed`). */
  unparsed?(input: UnparsedInput): void;
  document?(doc: PolicyDocument): void;
  statement?(stmt: Statement, doc: PolicyDocument): void;
  'document:exit'?(doc: PolicyDocument): void;
  policySet?(set: PolicySet): void;
}

export interface Rule<Options = unknown, MessageIds extends string = string> {
  readonly meta: RuleMeta<Options, MessageIds>;
  /** Called once per document (document hooks) and once per policy set (policySet hook). */
  create(context: RuleContext<Options, MessageIds>): RuleListener;
}

// eslint-style erasure for registries: every rule, whatever its options type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, string>;

export function defineRule<Options extends object = Record<string, never>, MessageIds extends string = string>(
  rule: Rule<Options, MessageIds>,
): Rule<Options, MessageIds> {
  return rule;
}

/** `{{name}}` placeholders in a message, filled from `data`. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}
