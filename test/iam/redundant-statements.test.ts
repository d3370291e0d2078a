/**
 * redundantStatements compares a statement only with the statements its index finds (those
 * listing its rarest entry or a wildcard that may cover it). It must give exactly the findings
 * of comparing every pair (redundancy-reference.ts): pinned cases and random policies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/engine/model.js';
import { redundantStatements } from '../../src/iam/redundant-statements.js';
import { extractDocuments } from '../../src/parsers/index.js';
import { referenceRedundantStatements } from './redundancy-reference.js';

let counter = 0;
const statementsOf = (statements: unknown[]): readonly Statement[] =>
  extractDocuments(`policy${counter++}.json`, JSON.stringify({ Version: '2012-10-17', Statement: statements })).documents[0].statements;

const summary = (found: ReturnType<typeof redundantStatements>): string[] => found.map((r) => `${r.statement.index}<${r.by.index}:${r.reason}`);

const check = (statements: unknown[]): string[] => {
  const parsed = statementsOf(statements);
  const found = summary(redundantStatements(parsed));
  expect(found).toEqual(summary(referenceRedundantStatements(parsed)));
  return found;
};

const allow = (Action: unknown, Resource?: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, ...(Resource === undefined ? {} : { Resource }), ...extra });

describe('redundantStatements', () => {
  it('duplicates: the first equal statement, whatever the order and case of entries', () => {
    expect(check([allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*'), allow('s3:ListBucket', 'arn:aws:s3:::b'), allow(['S3:putobject', 's3:GetObject', 's3:GetObject'], ['arn:aws:s3:::b/*']), allow(['s3:PutObject', 's3:GetObject'], 'arn:aws:s3:::b/*')])).toEqual([
      '2<0:duplicate',
      '3<0:duplicate',
    ]);
  });

  it('covers: the first covering statement; mutual covers keep the earlier one', () => {
    expect(check([allow('s3:GetObject', 'arn:aws:s3:::b/x'), allow('s3:Get*', 'arn:aws:s3:::b/*'), allow('s3:*', 'arn:aws:s3:::*'), allow('s3:**', 'arn:aws:s3:::**')])).toEqual([
      '0<1:covered',
      '1<2:covered',
      '3<2:covered',
    ]);
  });

  it('lists with no entries, NotAction, NotResource and trust policies', () => {
    check([allow([], 'arn:aws:s3:::b'), allow('s3:GetObject', 'arn:aws:s3:::b'), allow([], 'arn:aws:s3:::b'), allow([1], 'arn:aws:s3:::b')]);
    check([allow('s3:GetObject', []), allow('s3:*', '*'), allow('s3:GetObject', [])]);
    check([{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Deny', NotAction: 'IAM:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }]);
    check([allow('s3:GetObject', undefined, { NotResource: 'arn:aws:s3:::b/*' }), allow('s3:*', '*'), allow('s3:GetObject', undefined, { NotResource: 'arn:aws:s3:::b/*' })]);
    const trust = (Principal: unknown, Action: unknown) => ({ Effect: 'Allow', Principal, Action });
    expect(check([trust({ AWS: '111122223333' }, 'sts:AssumeRole'), trust({ AWS: 'arn:aws:iam::111122223333:root' }, ['sts:AssumeRole', 'sts:TagSession']), trust({ AWS: '111122223333' }, 'sts:*')])).toEqual(['0<1:covered', '1<2:covered']);
  });

  it('entries on which the old list encoding is ambiguous keep its answers', () => {
    // `[""]` and `[]` encoded alike; a NUL or `|` inside an entry could join two lists into one key.
    check([allow([''], 'arn:aws:s3:::b'), allow([], 'arn:aws:s3:::b')]);
    check([allow(['a\u0000b'], 'r'), allow(['a', 'b'], 'r')]);
    check([allow(['x]|Resource[y'], 'z'), allow('x', 'y]|Resource[z')]);
    // A `|` in an effect: statements of two contexts encoded alike.
    const a = allow('a', 'r]|-|-|Action[b]|Resource[s');
    const b = { Effect: 'Allow|-|-|Action[a]|Resource[r]', Action: 'b', Resource: 's' };
    expect(check([a, b])).toEqual(['1<0:duplicate']);
    expect(check([b, a, allow('c', 'd')])).toEqual(['1<0:duplicate']);
  });

  it('10,000 statements of one context: compared through the index, not pairwise (minutes)', () => {
    const statements = Array.from({ length: 10_000 }, (_, i) => allow('s3:GetObject', `arn:aws:s3:::bucket-${i}/*`));
    statements.push(allow('s3:GetObject', 'arn:aws:s3:::bucket-999*'), allow('S3:GETOBJECT', 'arn:aws:s3:::bucket-5/*'));
    const started = performance.now();
    const found = summary(redundantStatements(statementsOf(statements)));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found).toEqual(['999<10000:covered', ...Array.from({ length: 10 }, (_, k) => `${9990 + k}<10000:covered`), '10001<5:duplicate']);
  });

  it('agrees with comparing every pair on random policies', () => {
    const action = fc.constantFrom('s3:GetObject', 's3:getobject', 's3:Get*', 's3:*', 'S3:PutObject', 'ec2:*', '*', 's3:Get?bject', 'İ:x', '');
    const resource = fc.constantFrom('*', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/x', 'arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::?/x', 'a|b', '');
    const list = <T>(entry: fc.Arbitrary<T>) => fc.oneof(entry, fc.array(entry, { maxLength: 4 }));
    const statement = fc.record(
      {
        Effect: fc.constantFrom('Allow', 'Allow', 'Deny', 'Allow|-|-'),
        Action: list(action),
        NotAction: list(action),
        Resource: list(resource),
        NotResource: list(resource),
        Principal: fc.constantFrom({ AWS: '111122223333' }, { AWS: 'arn:aws:iam::111122223333:root' }, '*'),
        Condition: fc.constantFrom({ Bool: { 'aws:SecureTransport': 'true' } }, { Bool: { 'AWS:securetransport': ['true', 'true'] } }),
      },
      { requiredKeys: ['Effect'] },
    );
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 30 }), (statements) => {
        check(statements);
      }),
      { numRuns: 400 },
    );
  });
});
