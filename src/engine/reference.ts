/**
 * Reference versions of linted documents (for no-new-access): the caller (the CLI, from
 * `--reference-ref`/`--reference` or the rule's options) supplies the text of a file at the
 * reference; this module parses it the way the linted file was parsed and matches documents.
 */
import { extractDocuments, type ExtractOptions } from '../parsers/index.js';
import type { PolicyDocument } from './model.js';
import type { ReferenceVersion } from './rule.js';

/** The reference version of one file, as the caller found it. */
export type ReferenceText =
  /** `label` names the reference in messages: a git revision, or the reference file's path. */
  | { readonly label: string; readonly text: string }
  /** The file does not exist at the reference. */
  | { readonly label: string; readonly missing: true }
  /** The reference could not be read (e.g. git failed on this path). */
  | { readonly label: string; readonly error: string };

/** `(filePath) → its reference`, filePath as in SourceFile; undefined: no reference for this file. */
export type ReferenceProvider = (filePath: string) => ReferenceText | undefined;

/**
 * `referenceOf(doc)` for a run: each file's reference is fetched and parsed once, on first
 * request, with the options its linted version was parsed with.
 */
export function createReferenceResolver(provider: ReferenceProvider | undefined, optionsFor: (filePath: string) => ExtractOptions): (doc: PolicyDocument) => ReferenceVersion | undefined {
  const byFile = new Map<string, ((doc: PolicyDocument) => ReferenceVersion) | undefined>();
  return (doc) => {
    if (!provider) return undefined;
    let match = byFile.get(doc.filePath);
    if (!byFile.has(doc.filePath)) byFile.set(doc.filePath, (match = load(provider(doc.filePath), doc.filePath, optionsFor(doc.filePath))));
    return match?.(doc);
  };
}

function load(found: ReferenceText | undefined, filePath: string, options: ExtractOptions): ((doc: PolicyDocument) => ReferenceVersion) | undefined {
  if (!found) return undefined;
  const { label } = found;
  if ('missing' in found) return () => ({ status: 'newFile', label });
  if ('error' in found) return () => ({ status: 'unparsable', label, message: found.error });
  const extracted = extractDocuments(filePath, found.text, options);
  const broken = extracted.unparsed.find((u) => u.reason !== 'uncheckable');
  if (extracted.documents.length === 0 && broken) {
    const message = `${broken.message} at line ${broken.at.range.start.line}`;
    return () => ({ status: 'unparsable', label, message });
  }
  const documents = extracted.documents;
  return (doc) => {
    const counterpart = counterpartOf(doc, documents);
    return counterpart ? { status: 'found', document: counterpart, label } : { status: 'newDocument', label };
  };
}

/**
 * The reference document that is `doc`'s earlier version: the one with the same name (a whole
 * file, a template's resource and policy, a Markdown fence under the same heading…), else the one
 * with the same name but for list positions (a role's `Policies[1] "s3-read"` that moved to
 * `Policies[0]`: its PolicyName says which it is), else the one at the same place in the file, else
 * the only document of a file that holds one.
 */
export function counterpartOf(doc: PolicyDocument, candidates: readonly PolicyDocument[]): PolicyDocument | undefined {
  const named = candidates.filter((c) => c.name === doc.name);
  if (named.length === 1) return named[0];
  const stable = withoutListPositions(doc.name);
  if (stable !== doc.name) {
    const moved = candidates.filter((c) => withoutListPositions(c.name) === stable);
    if (moved.length === 1) return moved[0];
  }
  const key = JSON.stringify(doc.path);
  const placed = candidates.filter((c) => JSON.stringify(c.path) === key);
  if (placed.length === 1) return placed[0];
  return candidates.length === 1 && doc.path.length === 0 && candidates[0].path.length === 0 ? candidates[0] : undefined;
}

/** `Role (AWS::IAM::Role) › Policies[1] "s3-read"` → `… › Policies[] "s3-read"`: only positions followed by a name. */
function withoutListPositions(name: string): string {
  return name.replace(/\[\d+\] (?=")/g, '[] ');
}
