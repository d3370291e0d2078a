/**
 * Documentation placeholders left in a policy: `{AWS_REGION}`, `<ACCOUNT-ID>`, `${BucketName}`,
 * the CloudFormation pseudo parameter `${AWS::Region}`. IAM substitutes none of them: it keeps
 * the text literally. One grammar for every rule: unresolved-placeholder reports exactly what
 * `findPlaceholders` finds, and the shape checks (malformed-arn, resource-mismatch, condition
 * value types, condition key lookups) read exactly those as "any value" and leave them to it.
 *
 * IAM policy variables (`${aws:username}`, `${saml:sub}`) and the escapes `${*}`, `${?}`,
 * `${$}` are policy syntax, not placeholders (see policy-variables.ts).
 */
import type { SourceNode } from '../parsers/tree.js';
import { isPolicyVariable, policyVariableToWildcard } from './policy-variables.js';

/** One placeholder found in a string: as written (`<ACCOUNT-ID>`) and its name (`ACCOUNT-ID`). */
export interface Placeholder {
  readonly text: string;
  readonly name: string;
  /** `${AWS::Region}`, `{AWS::AccountId}`: a CloudFormation pseudo parameter. */
  readonly pseudoParameter: boolean;
}

/** `${…}`, `{…}` or `<…>` with no nested braces; the inside is judged by PLACEHOLDER_NAME. */
const CANDIDATE = /\$\{([^{}]*)\}|\{([^{}]*)\}|<([^<>]*)>/g;
/** Identifier-like names: `AWS_REGION`, `ACCOUNT-ID`, `bucket.name`, and `AWS::Region`. */
const PLACEHOLDER_NAME = /^[A-Za-z0-9_.-]+(?:::[A-Za-z0-9_.-]+)*$/;
const HAS_LETTER = /[A-Za-z]/;
const PSEUDO_PARAMETER = /^AWS::/;

/**
 * Documentation placeholders in one string, each text once, in order. Names are identifier-like
 * (letters, digits, `_`, `-`, `.`, and `::` for the `AWS::X` form) with at least one letter, so
 * text such as `a<b and c>d` or JSON inside a value is not mistaken for one. With `inSub`, the
 * string is a CloudFormation `Fn::Sub` template, where CloudFormation resolves every `${…}`
 * itself: only `{X}` and `<X>` count there.
 */
export function findPlaceholders(value: string, inSub = false): Placeholder[] {
  if (!value.includes('{') && !value.includes('<')) return [];
  const found: Placeholder[] = [];
  for (const match of value.matchAll(CANDIDATE)) {
    const [text, dollarName, braceName, angleName] = match;
    const name = dollarName ?? braceName ?? angleName;
    if (!PLACEHOLDER_NAME.test(name) || !HAS_LETTER.test(name)) continue;
    if (dollarName !== undefined && (inSub || isPolicyVariable(name))) continue;
    if (found.some((p) => p.text === text)) continue;
    found.push({ text, name, pseudoParameter: PSEUDO_PARAMETER.test(name) });
  }
  return found;
}

/**
 * Can any string value or key of the tree hold a placeholder? Every placeholder needs `{` or `<`
 * (config variable substitution only replaces placeholders, so it cannot add one to a string
 * without them): a scan that allocates nothing lets a rule skip documents without either.
 */
export function treeMayHoldPlaceholders(root: SourceNode): boolean {
  const stack: SourceNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'string') {
      if (mayHoldPlaceholder(node.value)) return true;
    } else if (node.kind === 'object') {
      for (const e of node.entries) {
        if (mayHoldPlaceholder(e.key)) return true;
        stack.push(e.value);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) stack.push(item);
    }
  }
  return false;
}

function mayHoldPlaceholder(text: string): boolean {
  return text.includes('{') || text.includes('<');
}

/** Does the string hold a documentation placeholder? */
export function hasPlaceholder(value: string): boolean {
  return findPlaceholders(value).length > 0;
}

/** The string with each placeholder replaced by what `replace` returns for it. */
export function replacePlaceholders(value: string, replace: (p: Placeholder) => string): string {
  const found = findPlaceholders(value);
  if (found.length === 0) return value;
  const byText = new Map(found.map((p) => [p.text, p]));
  return value.replace(CANDIDATE, (text) => {
    const p = byText.get(text);
    return p ? replace(p) : text;
  });
}

/**
 * The text as an IAM wildcard pattern for "can this be a …?" questions: every documentation
 * placeholder and every policy variable becomes `*` (the escapes `${*}`, `${?}`, `${$}` become
 * `*`, `?`, `$`; see policyVariableToWildcard). Over-approximating what a placeholder stands
 * for is the safe side: the shape checks stay quiet and unresolved-placeholder reports it.
 */
export function variablesToWildcards(value: string): string {
  return policyVariableToWildcard(replacePlaceholders(value, () => '*'));
}
