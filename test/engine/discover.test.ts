import { describe, expect, it } from 'vitest';
import { toDisplayPath } from '../../src/engine/discover.js';

describe('toDisplayPath', () => {
  it('is the path relative to cwd with forward slashes, fast path or not', () => {
    expect(toDisplayPath('/repo', '/repo/policies/app.json')).toBe('policies/app.json');
    expect(toDisplayPath('/repo', '/repo/a..b.json')).toBe('a..b.json');
    expect(toDisplayPath('/repo', '/repo')).toBe('.');
    expect(toDisplayPath('/repo', '/repository/x.json')).toBe('../repository/x.json');
    expect(toDisplayPath('/repo', '/other/x.json')).toBe('../other/x.json');
    expect(toDisplayPath('/repo', '/repo/sub/../x.json')).toBe('x.json');
    expect(toDisplayPath('/', '/x.json')).toBe('x.json');
  });
});
