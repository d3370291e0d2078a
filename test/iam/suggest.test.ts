/**
 * editDistance reuses its rows from call to call and closeNames remembers lower-cased candidate
 * lists: checked against the plain optimal-string-alignment recurrence on generated strings.
 */
import { describe, expect, it } from 'vitest';
import { closeNames, editDistance } from '../../src/iam/suggest.js';

/** Optimal string alignment distance, written out plainly (no cut-off). */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it('agrees with the recurrence, with and without a limit, whatever the previous call', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const word = () => Array.from({ length: random(12) }, () => 'abcde'[random(5)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = word();
      const b = random(4) === 0 ? word() + word() + word() : word();
      const exact = reference(a, b);
      expect(editDistance(a, b), `${a} ~ ${b}`).toBe(exact);
      const limit = random(4);
      expect(editDistance(a, b, limit), `${a} ~ ${b} within ${limit}`).toBe(exact <= limit ? exact : limit + 1);
    }
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('sagemkaer', 'sagemaker')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
  });
});

describe('closeNames', () => {
  it('compares without case and keeps the candidates as written, closest first', () => {
    const candidates = ['GetObject', 'PutObject', 'GetObjectAcl', 'ListBucket'];
    expect(closeNames('getobjet', candidates)).toEqual(['GetObject']);
    expect(closeNames('GETOBJECT', candidates)).toEqual(['GetObject', 'PutObject']);
    expect(closeNames('getobjectac', candidates)).toEqual(['GetObjectAcl', 'GetObject']);
    expect(closeNames('xyz', candidates)).toEqual([]);
  });
});
