/**
 * How AWS measures a policy document against its size quota, and the quotas of the resource
 * policies whose service can be told from the document.
 *
 * IAM does not count white space when it measures managed, inline and trust policies. AWS
 * Organizations counts the document as saved: the console strips white space between JSON
 * elements, the API, CLI, SDKs and infrastructure tools save it exactly as written. Services
 * that document their quota in bytes are measured in UTF-8 bytes.
 */
import type { PolicyDocument, Statement } from '../engine/model.js';
import type { SourceNode } from '../parsers/tree.js';
import { own } from '../engine/own.js';

export type SizeUnit = 'characters' | 'bytes';

export interface SizeQuota {
  /** For messages: "an S3 bucket policy". */
  readonly name: string;
  readonly limit: number;
  readonly unit: SizeUnit;
  /** True when the service counts white space outside strings (as written, not minified). */
  readonly countsWhitespace: boolean;
}

/**
 * Resource-policy quotas by the service prefix every action of the policy shares. Services
 * that do not say how they count are measured without white space: a lower bound, so a
 * finding is certain.
 */
export const RESOURCE_POLICY_QUOTAS: Readonly<Record<string, SizeQuota>> = Object.freeze({
  s3: { name: 'an S3 bucket policy', limit: 20_480, unit: 'bytes', countsWhitespace: false },
  sqs: { name: 'an SQS queue policy', limit: 8_192, unit: 'bytes', countsWhitespace: false },
  sns: { name: 'an SNS topic policy', limit: 30_720, unit: 'bytes', countsWhitespace: false },
  kms: { name: 'a KMS key policy', limit: 32_768, unit: 'bytes', countsWhitespace: false },
  ecr: { name: 'an ECR repository policy', limit: 10_240, unit: 'characters', countsWhitespace: false },
  lambda: { name: 'a Lambda function policy', limit: 20_480, unit: 'bytes', countsWhitespace: false },
  secretsmanager: { name: 'a Secrets Manager secret policy', limit: 20_480, unit: 'characters', countsWhitespace: false },
  dynamodb: { name: 'a DynamoDB resource policy', limit: 20_480, unit: 'bytes', countsWhitespace: true },
});

/** The quota of a resource policy whose actions all belong to `service`, if the service has one here. */
export function resourcePolicyQuota(service: string): SizeQuota | undefined {
  const key = service.toLowerCase();
  return own(RESOURCE_POLICY_QUOTAS, key);
}

/**
 * The service prefix (lower case) shared by every Action entry of every statement, or undefined
 * when there is none: mixed services, `*`, a wildcard service prefix, NotAction, or no actions.
 */
export function sharedActionService(statements: readonly Statement[]): string | undefined {
  let service: string | undefined;
  for (const stmt of statements) {
    const el = stmt.action;
    if (!el || el.negated || el.values.length === 0) return undefined;
    for (const entry of el.values) {
      const colon = entry.value.indexOf(':');
      if (colon <= 0) return undefined;
      const prefix = entry.value.slice(0, colon).toLowerCase();
      if (prefix.includes('*') || prefix.includes('?')) return undefined;
      if (service === undefined) service = prefix;
      else if (service !== prefix) return undefined;
    }
  }
  return service;
}

export interface PolicySize {
  /** Size with every white space character outside strings removed (what IAM counts). */
  readonly compact: number;
  /**
   * Size as written, white space included; undefined when the document is embedded in another
   * file (a template), where the tool that deploys it decides the formatting.
   */
  readonly asWritten: number | undefined;
}

/**
 * The document's size in `unit`. The compact size serializes the located source tree, every
 * member in source order with repeated keys kept (AWS receives them too), strings escaped as
 * JSON.stringify does. The written size adds the white space of the source text.
 */
export function measurePolicy(doc: PolicyDocument, unit: SizeUnit): PolicySize {
  const chars = compactSize(doc.root, 'characters');
  const compact = unit === 'characters' ? chars : compactSize(doc.root, 'bytes');
  if (doc.path.length > 0) return { compact, asWritten: undefined };
  // White space is ASCII: one character is one byte.
  const whitespace = Math.max(0, doc.range.end.offset - doc.range.start.offset - chars);
  return { compact, asWritten: compact + whitespace };
}

/** Length of the compact JSON text of a source tree (iterative: no recursion limit). */
export function compactSize(root: SourceNode, unit: SizeUnit): number {
  const measure = unit === 'characters' ? (s: string) => s.length : (s: string) => Buffer.byteLength(s, 'utf8');
  let size = 0;
  const stack: SourceNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'object':
        // Braces, one colon per member, commas between members.
        size += 2 + node.entries.length + Math.max(0, node.entries.length - 1);
        for (const e of node.entries) {
          size += quotedSize(e.key, measure);
          stack.push(e.value);
        }
        break;
      case 'array':
        size += 2 + Math.max(0, node.items.length - 1);
        for (const item of node.items) stack.push(item);
        break;
      case 'string':
        size += quotedSize(node.value, measure);
        break;
      case 'number':
        size += node.raw.length;
        break;
      case 'boolean':
        size += node.value ? 4 : 5;
        break;
      case 'null':
        size += 4;
        break;
    }
  }
  return size;
}

/**
 * Size of the string as JSON.stringify writes it. Printable ASCII other than `"` and `\` is
 * written as is (one character, one byte each) between two quotes; only other strings are
 * serialized to be measured.
 */
function quotedSize(s: string, measure: (text: string) => number): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return measure(JSON.stringify(s));
  }
  return s.length + 2;
}
