/**
 * Input formats → policy documents. A format parser finds the policies in a file (a whole
 * policy file, a CloudFormation template, a Terraform plan, Markdown fences, an account
 * authorization-details dump) as located trees; every one then goes through the same
 * normalization, so all rules serve all formats.
 */
import type { PolicyDocument, PolicyKind, UnparsedDocument } from '../engine/model.js';
import { locatedAt, type EmbeddedPolicy, type FormatResult, type InputFormat } from './formats.js';
import { parseJson } from './json.js';
import { extractMarkdown } from './markdown.js';
import { normalizeDocument } from './normalize.js';
import { extractTerraformPlan } from './terraform-plan.js';
import { extractAuthorizationDetails } from './authorization-details.js';
import { extractCloudFormation, extractCloudFormationText } from './cloudformation.js';
import type { SourceNode } from './tree.js';

export type { InputFormat } from './formats.js';

export interface ExtractOptions {
  /** Kind forced by config (policy sets, overrides). */
  readonly kind?: PolicyKind;
  /** Format forced by config; otherwise detected from the file name and content. */
  readonly format?: InputFormat;
  readonly substitute?: (value: string) => string;
  readonly maxDepth?: number;
}

export interface Extracted {
  readonly documents: PolicyDocument[];
  readonly unparsed: UnparsedDocument[];
  /** False when the file holds nothing that looks like a policy (skipped in directory walks). */
  readonly looksLikePolicy: boolean;
  readonly format: InputFormat;
}

/** A format read from a parsed JSON (or YAML) tree; `text` is the file the tree was parsed from. */
export type TreeFormatParser = (filePath: string, root: SourceNode, text?: string) => FormatResult;
/** A format read from text (Markdown fences). */
export type TextFormatParser = (filePath: string, text: string, options: { maxDepth?: number }) => FormatResult;

const TREE_PARSERS: Partial<Record<InputFormat, TreeFormatParser>> = {
  policy: policyFile,
  'terraform-plan': extractTerraformPlan,
  'authorization-details': extractAuthorizationDetails,
  cloudformation: extractCloudFormation,
};
const TEXT_PARSERS: Partial<Record<InputFormat, TextFormatParser>> = {
  markdown: extractMarkdown,
  cloudformation: extractCloudFormationText,
};

/** Which JSON-family format a parsed tree is, by its top-level keys. */
export function detectTreeFormat(root: SourceNode): InputFormat {
  if (root.kind !== 'object') return 'policy';
  const keys = new Set(root.entries.map((e) => e.key));
  if (keys.has('Resources') && (keys.has('AWSTemplateFormatVersion') || keys.has('Transform') || isResourcesMap(root))) return 'cloudformation';
  if (keys.has('format_version') && (keys.has('planned_values') || keys.has('resource_changes') || keys.has('values'))) return 'terraform-plan';
  if (keys.has('RoleDetailList') || keys.has('UserDetailList') || keys.has('GroupDetailList')) return 'authorization-details';
  return 'policy';
}

function isResourcesMap(root: SourceNode & { kind: 'object' }): boolean {
  const resources = root.entries.find((e) => e.key === 'Resources')?.value;
  return resources?.kind === 'object' && resources.entries.some((e) => e.value.kind === 'object' && e.value.entries.some((x) => x.key === 'Type'));
}

/** Formats read from text rather than a JSON tree, chosen by file name: Markdown, YAML templates. */
export function textFormatFor(filePath: string): InputFormat | undefined {
  if (/\.mdx?$/i.test(filePath)) return 'markdown';
  if (/\.(ya?ml|template)$/i.test(filePath)) return 'cloudformation';
  return undefined;
}

export function extractDocuments(filePath: string, text: string, options: ExtractOptions = {}): Extracted {
  const textFormat = options.format ?? textFormatFor(filePath);
  const textParser = textFormat ? TEXT_PARSERS[textFormat] : undefined;
  if (textParser) return normalizeAll(filePath, textFormat!, textParser(filePath, text, { maxDepth: options.maxDepth }), options);
  const parsed = parseJson(text, { maxDepth: options.maxDepth });
  if (!parsed.ok) {
    const { position, message } = parsed.error;
    return {
      documents: [],
      unparsed: [{ filePath, reason: 'syntax', message, at: { value: null, path: [], range: { start: position, end: position } } }],
      looksLikePolicy: true,
      format: options.format ?? 'policy',
    };
  }
  const format = options.format ?? detectTreeFormat(parsed.root);
  const parser = TREE_PARSERS[format] ?? policyFile;
  return normalizeAll(filePath, format, parser(filePath, parsed.root, text), options);
}

function normalizeAll(filePath: string, format: InputFormat, result: FormatResult, options: ExtractOptions): Extracted {
  const documents = result.policies.map((p: EmbeddedPolicy, i) =>
    normalizeDocument(p.root, {
      id: `${filePath}#${i}`,
      filePath,
      name: p.name,
      path: p.path,
      kind: options.kind ?? p.kind,
      kindSource: options.kind ? 'config' : p.kind ? 'container' : undefined,
      substitute: options.substitute,
      templateExpressions: p.templateExpressions,
      inferredSet: p.set,
      suppressions: p.suppressions,
    }),
  );
  return { documents, unparsed: [...result.unparsed], looksLikePolicy: result.looksLikePolicy, format };
}

/** A whole file that is one policy (or a statement fragment). */
function policyFile(filePath: string, root: SourceNode): FormatResult {
  return { policies: [{ root, path: [], name: filePath }], unparsed: [], looksLikePolicy: looksLikePolicy(root) };
}

/** Directory walks lint only files that look like policies (top-level Statement, or statement fragments). */
function looksLikePolicy(root: SourceNode): boolean {
  const hasStatementKeys = (n: SourceNode) => n.kind === 'object' && n.entries.some((e) => e.key === 'Statement' || e.key === 'Effect');
  if (root.kind === 'array') return root.items.length > 0 && root.items.every(hasStatementKeys);
  return hasStatementKeys(root);
}

export { locatedAt };
