/**
 * docs/writing-rules.md shows example files and the output of iamlint on them: every
 * `<!-- file: P -->` block must be the file P, and every `<!-- output: DIR -->` block what the
 * built command (bin/iamlint.js, as a user runs it; `npm ci` builds it) prints in DIR.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './fixture-helpers.js';

const doc = readFileSync(join(ROOT, 'docs/writing-rules.md'), 'utf8');
const blocks = [...doc.matchAll(/<!-- (file|output): (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map(([, kind, target, body]) => ({ kind, target, body }));

describe('docs/writing-rules.md', () => {
  it('holds the example files and outputs it promises', () => {
    expect(blocks.map((b) => `${b.kind} ${b.target}`)).toEqual([
      'file examples/custom-rules/.iamlintrc.json',
      'file examples/custom-rules/roles/app-uploader.json',
      'output examples/custom-rules',
      'file examples/plugin/.iamlintrc.json',
      'file examples/plugin/iamlint-rules/index.js',
      'output examples/plugin',
    ]);
  });

  for (const block of blocks) {
    it(`shows ${block.kind === 'file' ? 'the file' : 'the output of iamlint in'} ${block.target} exactly`, () => {
      if (block.kind === 'file') {
        expect(block.body).toBe(readFileSync(join(ROOT, block.target), 'utf8'));
        return;
      }
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/iamlint.js'), '--no-color', '.'], { cwd: join(ROOT, block.target), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(r.stdout.trimEnd()).toBe(block.body.trimEnd());
    });
  }
});
