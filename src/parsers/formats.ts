/**
 * The input formats and what a format parser hands to normalization: located policy trees
 * found in a file, each with its place in the file, a name for messages, and (for templates
 * and account dumps) the policy set it belongs to.
 */
import type { InlineSuppression, JsonPath, Located, PolicyKind, UnparsedDocument } from '../engine/model.js';
import type { SourceNode } from './tree.js';

export const INPUT_FORMATS = ['policy', 'cloudformation', 'terraform-plan', 'markdown', 'authorization-details'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface InferredSetMembership {
  /** Policies with the same key (within one file) form one policy set, e.g. a role's logical id. */
  readonly key: string;
  /** Set name for messages, e.g. `AppRole` or `role/mlspace-app`. */
  readonly name: string;
  readonly role: 'identity' | 'boundary' | 'trust';
  /** Service principal the role must trust, when the container says so. */
  readonly trustedService?: string;
}

export interface EmbeddedPolicy {
  /** The policy's located tree (positions in the coordinates of the file). */
  readonly root: SourceNode;
  /** Where the policy sits in the file, e.g. ["Resources", "AppRole", "Properties", "Policies", 0, "PolicyDocument"]. */
  readonly path: JsonPath;
  /** For messages: names the container, e.g. `AppRole (AWS::IAM::Role) › Policies[0] "s3-read"`. */
  readonly name: string;
  /** Kind known from the container (trust for AssumeRolePolicyDocument, resource for a bucket policy). */
  readonly kind?: PolicyKind;
  readonly set?: InferredSetMembership;
  /**
   * Values hold template expressions (`${AWS::Region}`, references turned into `${Logical.Id}`):
   * they are wildcard segments for ARN checks and never unresolved placeholders.
   */
  readonly templateExpressions?: boolean;
  /** Suppressions the container declares for this policy (CloudFormation resource `Metadata.iamlint.ignore`). */
  readonly suppressions?: readonly InlineSuppression[];
}

export interface FormatResult {
  readonly policies: readonly EmbeddedPolicy[];
  /** Parts that could not be parsed or checked (a truncated fence, a computed Terraform value). */
  readonly unparsed: readonly UnparsedDocument[];
  /** False when the file holds nothing policy-like: a directory walk then skips it silently. */
  readonly looksLikePolicy: boolean;
}

/** A Located<null> at a node, for unparsed parts and findings about a whole container. */
export function locatedAt(node: SourceNode): Located<null> {
  return { value: null, path: node.path, range: node.range };
}
