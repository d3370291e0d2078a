/** Progress on stderr: only for a terminal, only for long runs, throttled, and erased at the end. */
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';
import { project, run } from './cli-helpers.js';

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] });

function fakeTty(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (t: string) => void writes.push(t) }, writes };
}

describe('progress', () => {
  it('rewrites one line at most every 100 ms, always shows the last file, and erases the line', () => {
    const { stream, writes } = fakeTty(true);
    let clock = 0;
    const p = createProgress(stream, () => clock);
    for (let done = 1; done <= 60; done++) {
      clock += 30;
      p.update(done, 60);
    }
    p.end();
    // t=30 first, then every 4th call (120 ms apart ≥ 100 ms), then 60/60.
    expect(writes[0]).toBe('\rlinting 1/60 files…');
    expect(writes.length).toBe(17);
    expect(writes.at(-2)).toBe('\rlinting 60/60 files…');
    expect(writes.at(-1)).toBe(`\r${' '.repeat('linting 60/60 files…'.length)}\r`);
    expect(writes.slice(0, -1).every((w) => /^\rlinting \d+\/60 files…$/.test(w))).toBe(true);
  });

  it('pads a shorter line so no characters of the previous one are left', () => {
    const { stream, writes } = fakeTty(true);
    let clock = 0;
    const p = createProgress(stream, () => (clock += 1000));
    p.update(100, 120);
    p.update(9, 120);
    expect(writes[1]).toBe('\rlinting 9/120 files…  ');
  });

  it('stays silent when stderr is not a terminal or the run is short', () => {
    const notTty = fakeTty(false);
    const p = createProgress(notTty.stream);
    p.update(1, 500);
    p.end();
    expect(notTty.writes).toEqual([]);
    const short = fakeTty(true);
    const q = createProgress(short.stream);
    for (let i = 1; i <= 50; i++) q.update(i, 50);
    q.end();
    expect(short.writes).toEqual([]);
  });

  it('runs in the CLI on a terminal for more than 50 files, and never otherwise', async () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`policies/p${String(i).padStart(2, '0')}.json`, POLICY]));
    const dir = project(files);
    const tty = await run(['--format', 'json', 'policies'], dir, '', { stderrIsTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/^\rlinting 1\/60 files….*\rlinting 60\/60 files…\r {20}\r$/s);
    expect(JSON.parse(tty.stdout)).toHaveLength(60);
    const piped = await run(['--format', 'json', 'policies'], dir);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(tty.stdout);
  });
});
