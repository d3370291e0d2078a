/** The AWS partitions, the second ARN field (`arn:aws-cn:…`). */
export const ARN_PARTITIONS: readonly string[] = Object.freeze([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon; may itself contain `:` and `/`. */
  resource: string;
}

/**
 * Split `arn:partition:service:region:account:resource`. Fields are not validated: any of
 * them may be empty, `*`, or hold wildcards and `${...}` variables. A colon inside `${...}`
 * does not separate fields, so `arn:aws:iam::${aws:accountid}:user/x` has the account
 * `${aws:accountid}` and a template's `${AWS::Region}` stays one region field.
 * Returns undefined when the text does not start with `arn:` or has fewer than six parts.
 */
export function parseArn(s: string): ParsedArn | undefined {
  const fields: string[] = [];
  let start = 0;
  let pos = 0;
  while (fields.length < 5) {
    const colon = s.indexOf(':', pos);
    if (colon < 0) return undefined;
    const open = s.indexOf('${', pos);
    if (open >= 0 && open < colon) {
      const close = s.indexOf('}', open + 2);
      if (close > colon) {
        pos = close + 1; // the colon is inside a variable
        continue;
      }
    }
    fields.push(s.slice(start, colon));
    start = pos = colon + 1;
  }
  if (fields[0] !== 'arn') return undefined;
  return {
    partition: fields[1],
    service: fields[2],
    region: fields[3],
    account: fields[4],
    resource: s.slice(start),
  };
}
