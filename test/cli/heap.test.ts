import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, SEMI_SPACE_CAP, heapGovernor, tuneHeap } from '../../src/cli/heap.js';

describe('tuneHeap', () => {
  it('sets the heap growing factor on Node.js versions whose V8 has the flag', () => {
    const flags: string[] = [];
    expect(tuneHeap('20.20.2', (f) => flags.push(f))).toBe(true);
    expect(tuneHeap('24.1.0', (f) => flags.push(f))).toBe(true);
    expect(flags).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it('leaves other versions alone (V8 prints an unknown flag as an error)', () => {
    const flags: string[] = [];
    expect(tuneHeap('19.9.0', (f) => flags.push(f))).toBe(false);
    expect(tuneHeap('26.0.0', (f) => flags.push(f))).toBe(false);
    expect(flags).toEqual([]);
  });
});

describe('heapGovernor', () => {
  it('stops the young generation growing once a semi-space reaches the cap, looking every 16 calls', () => {
    const flags: string[] = [];
    const sizes = [SEMI_SPACE_CAP / 2, SEMI_SPACE_CAP, SEMI_SPACE_CAP * 2];
    let reads = 0;
    const tick = heapGovernor('20.20.2', () => sizes[reads++], (f) => flags.push(f));
    for (let i = 0; i < 15; i++) tick();
    expect(reads).toBe(0);
    tick(); // 16th: below the cap
    expect(reads).toBe(1);
    expect(flags).toEqual([]);
    for (let i = 0; i < 16; i++) tick(); // 32nd: at the cap
    expect(reads).toBe(2);
    expect(flags).toEqual(['--semi-space-growth-factor=1']);
    for (let i = 0; i < 64; i++) tick(); // capped once, never asks again
    expect(reads).toBe(2);
    expect(flags).toEqual(['--semi-space-growth-factor=1']);
  });

  it('does nothing on Node.js versions it does not know', () => {
    const flags: string[] = [];
    let reads = 0;
    const tick = heapGovernor('26.0.0', () => (reads++, SEMI_SPACE_CAP * 4), (f) => flags.push(f));
    for (let i = 0; i < 64; i++) tick();
    expect([reads, flags]).toEqual([0, []]);
  });
});
