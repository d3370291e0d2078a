/** `--cache`: findings remembered per file between runs, and everything that must start it over. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';

const policy = (...statements: object[]) => `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
const WILDCARD = policy({ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::acme-b/*' });
const NARROW = policy({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-b/*' });

interface CacheFile {
  files: Record<string, { findings: { message: string }[] }>;
}

/** Replaces the messages the cache holds for a file: a run that prints them read the cache instead of linting. */
function tamper(dir: string, file: string, message = 'FROM THE CACHE'): void {
  const location = join(dir, '.iamlintcache');
  const cache = JSON.parse(readFileSync(location, 'utf8')) as CacheFile;
  for (const f of cache.files[file].findings) f.message = message;
  writeFileSync(location, JSON.stringify(cache));
}

const today = '2026-11-23';

describe('--cache', () => {
  it('prints the same output, and a second run answers unchanged files from .iamlintcache', async () => {
    const dir = project({ 'a.json': WILDCARD, 'b.json': WILDCARD });
    const plain = await run(['.'], dir, '', { today });
    const first = await run(['--cache', '.'], dir, '', { today });
    expect(first).toEqual(plain);
    expect(existsSync(join(dir, '.iamlintcache'))).toBe(true);
    tamper(dir, 'a.json');
    const second = await run(['--cache', '.'], dir, '', { today });
    expect(second.stdout).toContain('FROM THE CACHE');
    const lines = (text: string, part: string) => text.split('\n').filter((l) => l.includes(part)).length;
    expect(lines(second.stdout, 'FROM THE CACHE')).toBe(lines(plain.stdout, 'service-wildcard-action') / 2); // a.json's findings
    expect(lines(second.stdout, 'allows all')).toBe(1); // b.json, linted: its cached entry was not touched
    writeFileSync(join(dir, 'a.json'), NARROW);
    const changed = await run(['--cache', '.'], dir, '', { today });
    expect(changed.stdout).not.toContain('FROM THE CACHE');
    expect(changed.stdout).not.toMatch(/a\.json/);
  });

  it('starts over when the config, a command-line option or the date changes', async () => {
    const dir = project({ 'a.json': WILDCARD, '.iamlintrc.json': '{}' });
    await run(['--cache', '.'], dir, '', { today });
    tamper(dir, 'a.json');
    expect((await run(['--cache', '.'], dir, '', { today })).stdout).toContain('FROM THE CACHE');
    const fresh = [
      await run(['--cache', '.'], dir, '', { today: '2026-11-24' }),
      await run(['--cache', '--access-not-granted', 'iam:*', '.'], dir, '', { today }),
    ];
    for (const r of fresh) expect(r.stdout).not.toContain('FROM THE CACHE');
    await run(['--cache', '.'], dir, '', { today });
    tamper(dir, 'a.json');
    writeFileSync(join(dir, '.iamlintrc.json'), JSON.stringify({ rules: { 'service-wildcard-action': 'off' } }));
    const reconfigured = await run(['--cache', '.'], dir, '', { today });
    expect(reconfigured.stdout).not.toContain('FROM THE CACHE');
    expect(reconfigured.stdout).not.toContain('service-wildcard-action');
  });

  it('never answers policy-set members from it: their findings depend on the other members', async () => {
    const app = policy({ Sid: 'Train', Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*' });
    const boundary = (action: string) => policy({ Sid: 'Cap', Effect: 'Allow', Action: action, Resource: '*' });
    const config = JSON.stringify({ policySets: [{ name: 'ml', identity: ['app.json'], boundary: 'boundary.json' }] });
    const dir = project({ 'app.json': app, 'boundary.json': boundary('sagemaker:*'), '.iamlintrc.json': config });
    expect((await run(['--cache', '.'], dir, '', { today })).stdout).not.toContain('boundary-missing-grant');
    writeFileSync(join(dir, 'boundary.json'), boundary('s3:*'));
    expect((await run(['--cache', '.'], dir, '', { today })).stdout).toContain('boundary-missing-grant');
  });

  it('keeps what config ignore entries suppressed in cached files: no stale-suppression for them', async () => {
    const config = JSON.stringify({ ignore: [{ rule: 'service-wildcard-action', files: ['a.json'], reason: 'bucket admin' }] });
    const dir = project({ 'a.json': WILDCARD, 'b.json': NARROW, '.iamlintrc.json': config });
    const first = await run(['--cache', '.'], dir, '', { today });
    writeFileSync(join(dir, 'b.json'), NARROW.replace('GetObject', 'GetObjectVersion')); // b is linted again, a comes from the cache
    const second = await run(['--cache', '.'], dir, '', { today });
    expect(first.stdout).not.toContain('stale-suppression');
    expect(second.stdout).not.toContain('stale-suppression');
    expect(second.code).toBe(0);
  });

  it('ignores a damaged cache file and writes a new one; --cache-location puts it elsewhere', async () => {
    const dir = project({ 'a.json': WILDCARD, '.iamlintcache': '{ not json' });
    const plain = await run(['.'], dir, '', { today });
    expect(await run(['--cache', '.'], dir, '', { today })).toEqual(plain);
    expect((JSON.parse(readFileSync(join(dir, '.iamlintcache'), 'utf8')) as CacheFile).files['a.json'].findings.length).toBeGreaterThan(0);
    expect(await run(['--cache-location', 'tmp/cache/iamlint.json', '.'], dir, '', { today })).toEqual(plain);
    expect(existsSync(join(dir, 'tmp/cache/iamlint.json'))).toBe(true);
  });

  it('is not used with a no-new-access reference (findings then depend on the reference)', async () => {
    const dir = project({ 'a.json': WILDCARD, 'ref/a.json': NARROW });
    const r = await run(['--cache', '--reference', 'ref', 'a.json'], dir, '', { today });
    expect(r.stdout).toContain('no-new-access');
    expect(existsSync(join(dir, '.iamlintcache'))).toBe(false);
  });
});
