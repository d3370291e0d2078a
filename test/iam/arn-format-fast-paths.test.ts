/**
 * checkResourceArn answers most entries without arnCanMatchFormat: a resource part `X*` fits a
 * format whose resource part begins with X, or begins with the format's literal head followed
 * by text that the variable after the head can hold. That relies on format variables excluding
 * at most `/` and `:` (service-data's formatTokens); the first tests check that premise on every
 * ARN format of the data, so that a change there fails here rather than in a finding.
 */
import { describe, expect, it } from 'vitest';
import { checkResourceArn } from '../../src/iam/arn-format.js';
import { allServicePrefixes, arnCanMatchFormat, serviceResourceTypes } from '../../src/iam/service-data.js';
import { parseArn } from '../../src/iam/arn.js';

const HEADER = 'arn:x:x:x:x:';
/** Every printable ASCII character but the wildcards, `$` (never shortcut), `/` and `:`. */
const HOLDABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))
  .filter((c) => !'*?$/:'.includes(c))
  .join('');

/** Each format's resource part with the text before its first variable, where a variable follows it. */
function resourceParts(): { format: string; resource: string; head: string; variable: string }[] {
  const out: { format: string; resource: string; head: string; variable: string }[] = [];
  for (const prefix of allServicePrefixes()) {
    for (const rt of serviceResourceTypes(prefix)) {
      for (const format of rt.arnFormats) {
        const resource = parseArn(format)?.resource;
        if (resource === undefined) continue;
        const open = resource.indexOf('${');
        const close = open < 0 ? -1 : resource.indexOf('}', open + 2);
        out.push({ format, resource, head: open < 0 ? resource : resource.slice(0, open), variable: close < 0 ? '' : resource.slice(open + 2, close).toLowerCase() });
      }
    }
  }
  return out;
}

describe('premises of the resource-part shortcuts', () => {
  const parts = resourceParts();

  it('the data has formats to check', () => {
    expect(parts.length).toBeGreaterThan(1000);
  });

  it('a variable right after the head holds any printable character but `/` and `:` (one format per variable name)', () => {
    const seen = new Set<string>();
    for (const p of parts) {
      if (p.variable === '' || !p.resource.startsWith('${', p.head.length) || seen.has(p.variable)) continue;
      seen.add(p.variable);
      for (const text of [HOLDABLE, 'a']) {
        expect(arnCanMatchFormat(`${HEADER}${p.head}${text}*`, HEADER + p.resource), `${p.format} after ${p.head}`).toBe(true);
      }
    }
    expect(seen.size).toBeGreaterThan(100);
  });

  it('a pattern `X*` matches some resource of every format whose resource part begins with X', () => {
    for (const p of parts) {
      const literal = p.head.replace(/[*?].*$/, '');
      for (const x of ['', literal.slice(0, 1), literal]) expect(arnCanMatchFormat(`${HEADER}${x}*`, HEADER + p.resource), `${x}* ~ ${p.format}`).toBe(true);
    }
  });
});

describe('checkResourceArn on the shortcut boundaries', () => {
  const cases: [string, string | undefined][] = [
    // an empty resource part is not `X*`: judged in full
    ['arn:aws:s3:::', 'resourceMismatch'],
    ['arn:aws:iam::111122223333:role/', 'resourceMismatch'],
    ['arn:aws:iam::111122223333:role/*', undefined],
    ['arn:aws:iam::111122223333:role/idt-*', undefined],
    ['arn:aws:iam::111122223333:ro*', undefined],
    ['arn:aws:iam::111122223333:rolex*', 'resourceMismatch'],
    // `/` after the head: the bucket name cannot hold it, the object key can
    ['arn:aws:s3:::my-bucket/*', undefined],
    ['arn:aws:s3:::a/b*', undefined],
    ['arn:aws:lambda:us-east-1:111122223333:function:br-*', undefined],
    ['arn:aws:lambda:us-east-1:111122223333:function:a/b*', undefined],
    // `$` and policy variables are never shortcut
    ['arn:aws:iam::111122223333:role/a$b*', undefined],
    ['arn:aws:iam::111122223333:role/${aws:username}*', undefined],
    // literal first fields: the resource part alone decides; a `*` there may span colons
    ['arn:aws:ec2:us-east-1:111122223333:vpc-endpoint:*', 'resourceMismatch'],
    ['arn:aws:ec2:*:*:vpc-endpoint:*', undefined],
    ['arn:aws:apigateway:us-east-1::/restapis', undefined],
    ['arn:aws:logs:us-east-1:111122223333:/aws-glue/*', 'resourceMismatch'],
    ['arn:aws:logs:*:*:/aws-glue/*', undefined],
  ];
  for (const [arn, kind] of cases) {
    it(`${arn} → ${kind ?? 'well formed'} (twice: the answer is remembered)`, () => {
      expect(checkResourceArn(arn)?.kind).toBe(kind);
      expect(checkResourceArn(arn)?.kind).toBe(kind);
    });
  }
});
