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
 * them may be empty, `*`, or hold wildcards and `${...}` variables. Returns undefined when
 * the text does not start with `arn:` or has fewer than six colon-separated parts.
 */
export function parseArn(s: string): ParsedArn | undefined {
  const fields: string[] = [];
  let start = 0;
  for (let k = 0; k < 5; k++) {
    const colon = s.indexOf(':', start);
    if (colon < 0) return undefined;
    fields.push(s.slice(start, colon));
    start = colon + 1;
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
