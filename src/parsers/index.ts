/**
 * Input formats → policy documents. Each format parser yields located source trees; every
 * document then goes through the same normalization, so all rules serve all formats.
 */
import type { PolicyDocument, PolicyKind, UnparsedDocument } from '../engine/model.js';
import { parseJson } from './json.js';
import { normalizeDocument } from './normalize.js';
import type { SourceNode } from './tree.js';

export interface ExtractOptions {
  /** Kind forced by config (policy sets, overrides). */
  readonly kind?: PolicyKind;
  readonly substitute?: (value: string) => string;
  readonly maxDepth?: number;
}

export interface Extracted {
  readonly documents: PolicyDocument[];
  readonly unparsed: UnparsedDocument[];
  /** False when the file holds nothing that looks like a policy (skipped in directory walks). */
  readonly looksLikePolicy: boolean;
}

export function extractDocuments(filePath: string, text: string, options: ExtractOptions = {}): Extracted {
  const parsed = parseJson(text, { maxDepth: options.maxDepth });
  if (!parsed.ok) {
    const { position, message } = parsed.error;
    return {
      documents: [],
      unparsed: [{ filePath, reason: 'syntax', message, at: { value: null, path: [], range: { start: position, end: position } } }],
      looksLikePolicy: true,
    };
  }
  const root = parsed.root;
  const doc = normalizeDocument(root, { id: `${filePath}#0`, filePath, kind: options.kind, substitute: options.substitute });
  return { documents: [doc], unparsed: [], looksLikePolicy: looksLikePolicy(root) };
}

/** Directory walks lint only files that look like policies (top-level Statement, or statement fragments). */
function looksLikePolicy(root: SourceNode): boolean {
  const hasStatementKeys = (n: SourceNode) => n.kind === 'object' && n.entries.some((e) => e.key === 'Statement' || e.key === 'Effect');
  if (root.kind === 'array') return root.items.length > 0 && root.items.every(hasStatementKeys);
  return hasStatementKeys(root);
}
