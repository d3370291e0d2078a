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
}

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
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
