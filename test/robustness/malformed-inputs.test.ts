/**
 * Malformed input: every file is reported, with a clear json-syntax finding where it cannot be
 * linted, and the run always finishes. Inputs are built in a temporary directory at test time (the
 * 50 MB file too); the CLI runs in-process.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromObject, loadConfig } from '../../src/engine/config.js';
import { lint, type SourceFile } from '../../src/engine/linter.js';
import type { Statement } from '../../src/engine/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { getFormatter } from '../../src/formatters/index.js';
import { builtinRules } from '../../src/rules/index.js';
import { run } from '../cli-helpers.js';

const POLICY = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]\n}\n';
const MB = 1024 * 1024;
const READ = 'The file could not be read: ';

/**
 * 10,000 statements of one context (the same effect, no condition), each on its own bucket, but
 * the 9,999th repeats the first and the last covers nine others: duplicate-statement compares
 * them through its index, not pairwise.
 */
const MANY_STATEMENTS = Array.from({ length: 10_000 }, (_, i) => {
  const [action, resource] = i === 9_998 ? ['s3:GetObject', 'bucket-0/*'] : i === 9_999 ? ['s3:Get*', 'bucket-999*'] : ['s3:GetObject', `bucket-${i}/*`];
  return `    {"Sid": "S${i}", "Effect": "Allow", "Action": "${action}", "Resource": "arn:aws:s3:::${resource}"}`;
});
/** Statement i is on line 4 + i. */
const COVERED_BY_LAST = [999, 9_990, 9_991, 9_992, 9_993, 9_994, 9_995, 9_996, 9_997].map(
  (i): Outcome => ['duplicate-statement', `Statement "S${i}" adds nothing: statement "S9999" (line 10003) has the same effect, principals and conditions and already covers its actions and resources. Remove it, or merge the two.`, 4 + i, 5],
);

const temporary: string[] = [];
afterAll(() => temporary.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary directory holding every malformed input (the 50 MB file is removed after the tests). */
function build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-malformed-'));
  temporary.push(dir);
  const w = (name: string, content: string | Buffer) => writeFileSync(join(dir, name), content);
  w('ok.json', POLICY);
  w('empty.json', '');
  w('truncated.json', POLICY.slice(0, 40));
  w('trailing-garbage.json', `${POLICY}garbage`);
  w('bom.json', `\ufeff${POLICY}`);
  w('utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, 'utf16le')]));
  w('utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(POLICY, 'utf16le').swap16()]));
  // 0xC3 0x28: a lead byte followed by "(" instead of a continuation byte, inside "Allow".
  w('invalid-utf8.json', Buffer.concat([Buffer.from(POLICY.slice(0, 60)), Buffer.from([0xc3, 0x28]), Buffer.from(POLICY.slice(60))]));
  w('nul-in-string.json', POLICY.replace('s3:GetObject', 's3:Get\u0000Object'));
  w('nul-after.json', `${POLICY}\u0000`);
  w('deep.json', '['.repeat(100_000) + ']'.repeat(100_000));
  const big = Buffer.alloc(50 * MB, 0x20);
  big.write(POLICY);
  w('big.json', big);
  w('many-statements.json', `{\n  "Version": "2012-10-17",\n  "Statement": [\n${MANY_STATEMENTS.join(',\n')}\n  ]\n}\n`);
  w('duplicate-keys.json', '{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}');
  w('proto.json', '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "prototype": 1}]}');
  w('wrong-types.json', '{"Version": 1, "Statement": [{"Effect": null, "Action": {"a": 1}, "Resource": 5}]}');
  w('unreadable.json', POLICY);
  chmodSync(join(dir, 'unreadable.json'), 0o000);
  mkdirSync(join(dir, 'x.json'));
  symlinkSync(join(dir, 'missing.json'), join(dir, 'broken-link.json'));
  symlinkSync(join(dir, 'loop-b.json'), join(dir, 'loop-a.json'));
  symlinkSync(join(dir, 'loop-a.json'), join(dir, 'loop-b.json'));
  return dir;
}

type Outcome = [ruleId: string, message: string, line: number, column: number];
const isRoot = process.getuid?.() === 0;

/** Per named file, the exact findings (rule, message, line, column). */
const EXPECTED: Record<string, Outcome[]> = {
  'ok.json': [],
  'empty.json': [['json-syntax', 'Not valid JSON: Empty document: expected a JSON value.', 1, 1]],
  'truncated.json': [['json-syntax', 'Not valid JSON: Unterminated string.', 3, 3]],
  'trailing-garbage.json': [['json-syntax', "Not valid JSON: Unexpected 'g' after the end of the JSON value.", 5, 1]],
  'bom.json': [],
  'utf16le.json': [['json-syntax', `${READ}the file is UTF-16 (little-endian, byte order mark FF FE); UTF-16 is not supported and AWS expects UTF-8: save it as UTF-8.`, 1, 1]],
  'utf16be.json': [['json-syntax', `${READ}the file is UTF-16 (big-endian, byte order mark FE FF); UTF-16 is not supported and AWS expects UTF-8: save it as UTF-8.`, 1, 1]],
  'invalid-utf8.json': [['json-syntax', `${READ}invalid UTF-8 (byte 0xC3 at byte offset 60); AWS expects UTF-8 text.`, 3, 32]],
  'nul-in-string.json': [['json-syntax', 'Not valid JSON: Control character inside a string.', 3, 54]],
  'nul-after.json': [['json-syntax', 'Not valid JSON: Unexpected a NUL character after the end of the JSON value.', 5, 1]],
  'deep.json': [['json-syntax', 'Not valid JSON: Nesting deeper than 1000 levels.', 1, 1001]],
  'big.json': [['json-syntax', `${READ}the file is 50.0 MB, over the 10 MB limit (config limits.maxFileSize).`, 1, 1]],
  'many-statements.json': [
    ['policy-size', 'The policy is 967,808 characters (not counting white space outside strings), over the 6,144 characters AWS allows for an IAM identity policy; AWS rejects it.', 1, 1],
    ...COVERED_BY_LAST,
    ['duplicate-statement', 'Statement "S9998" repeats statement "S0" (line 4): same effect, principals, actions, resources and conditions. Remove one of them.', 10002, 5],
  ],
  'duplicate-keys.json': [
    ['duplicate-key', 'Key "Version" is repeated (first at line 1); only the last value is kept, the earlier one is silently lost.', 1, 27],
    ['data-exfiltration', 'Statement 0 allows s3:GetObject on "*": the principal can read the content of any S3 object.', 1, 95],
  ],
  'proto.json': [
    ['policy-structure', 'Unknown policy element "__proto__" (element names are case-sensitive: Version, Id, Statement).', 1, 2],
    ['policy-structure', 'Unknown policy element "constructor" (element names are case-sensitive: Version, Id, Statement).', 1, 32],
    ['data-exfiltration', 'Statement 0 allows s3:GetObject on "*": the principal can read the content of any S3 object.', 1, 148],
    ['policy-structure', 'Unknown statement element "prototype" (element names are case-sensitive: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition).', 1, 181],
  ],
  'wrong-types.json': [
    ['policy-structure', 'Version must be a string, found a number.', 1, 13],
    ['policy-structure', 'Effect must be a string, found null.', 1, 41],
    ['policy-structure', 'Action must be a string or an array of strings, found an object.', 1, 57],
    ['policy-structure', 'Resource must be a string or an array of strings, found a number.', 1, 79],
  ],
  // Root (CI containers) reads a mode-000 file anyway: then it is linted like ok.json.
  'unreadable.json': isRoot ? [] : [['json-syntax', `${READ}permission denied.`, 1, 1]],
  'broken-link.json': [['json-syntax', `${READ}it is a broken symbolic link (its target does not exist).`, 1, 1]],
  'loop-a.json': [['json-syntax', `${READ}it is a symbolic link loop (too many levels of symbolic links).`, 1, 1]],
};

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; message: string; line: number; column: number }[];
}

const outcomes = (stdout: string): Record<string, Outcome[]> =>
  Object.fromEntries((JSON.parse(stdout) as JsonFile[]).map((f) => [f.filePath, f.messages.map((m) => [m.ruleId, m.message, m.line, m.column] as Outcome)]));

describe('malformed inputs', () => {
  const dir = build();

  it('named: every file is reported with its exact outcome, none aborts the run (exit 1)', async () => {
    const r = await run(['--format', 'json', ...Object.keys(EXPECTED)], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const got = outcomes(r.stdout);
    expect(Object.keys(got).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [file, expected] of Object.entries(EXPECTED)) expect(got[file], file).toEqual(expected);
    // The permission case is checked for real only when not root; as root, mode 000 is readable.
    if (isRoot) expect(readFileSync(join(dir, 'unreadable.json'), 'utf8')).toBe(POLICY);
    else expect(() => readFileSync(join(dir, 'unreadable.json'))).toThrow(/EACCES/);
  }, 60_000);

  it('no prototype pollution from __proto__, constructor and prototype keys', async () => {
    await run(['proto.json'], dir);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('walked: symlinks are not followed, a directory named x.json is walked, non-policy junk is left out', async () => {
    const r = await run(['--format', 'json', '.'], dir);
    expect(r.code).toBe(1);
    const got = outcomes(r.stdout);
    // empty, truncated-before-"Statement" and deep.json name no policy element: a walk skips them as not policies.
    const walked = Object.keys(EXPECTED).filter((f) => !/^(empty|truncated|deep|broken-link|loop-a)\.json$/.test(f));
    expect(Object.keys(got).sort()).toEqual(walked.sort());
    for (const file of walked) expect(got[file], file).toEqual(EXPECTED[file]);
  }, 60_000);

  it('a directory named x.json is walked (holding nothing: 0 files, exit 0)', async () => {
    const r = await run(['x.json'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'No problems found in 0 files.\n', '']);
  });

  it('a walked file over the size limit or in another encoding is skipped unless it names policy elements', async () => {
    const d = mkdtempSync(join(tmpdir(), 'iamlint-walk-'));
    writeFileSync(join(d, 'data.json'), Buffer.alloc(11 * MB, 0x20));
    writeFileSync(join(d, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(d, 'ok.json'), POLICY);
    const r = await run(['--format', 'json', '.'], d);
    expect(outcomes(r.stdout)).toEqual({ 'ok.json': [] });
    expect(r.code).toBe(0);
  });

  it('limits.maxFileSize and limits.maxNesting come from the config', async () => {
    const d = mkdtempSync(join(tmpdir(), 'iamlint-limits-'));
    writeFileSync(join(d, '.iamlintrc.json'), JSON.stringify({ limits: { maxFileSize: 1000, maxNesting: 3 } }));
    writeFileSync(join(d, 'big.json'), POLICY + ' '.repeat(2000 - POLICY.length));
    writeFileSync(join(d, 'nested.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}');
    writeFileSync(join(d, 'ok.json'), POLICY);
    const r = await run(['--format', 'json', '.'], d);
    expect(outcomes(r.stdout)).toEqual({
      'big.json': [['json-syntax', `${READ}the file is 2000 bytes, over the 1000 bytes limit (config limits.maxFileSize).`, 1, 1]],
      'nested.json': [['json-syntax', 'Not valid JSON: Nesting deeper than 3 levels.', 1, 71]],
      'ok.json': [],
    });
    expect(r.code).toBe(1);
    writeFileSync(join(d, '.iamlintrc.json'), JSON.stringify({ limits: { maxFileSize: 0 } }));
    const bad = await run(['.'], d);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('limits.maxFileSize: must be >= 1');
  });
});

/** A test rule that runs `onStatement` on every statement and never reports. */
function statementRule(id: string, description: string, onStatement: (stmt: Statement) => void) {
  return defineRule<Record<string, never>, 'never'>({
    meta: {
      id,
      docs: { description, why: 'test', fix: 'test', recommended: true },
      defaultSeverity: 'warning',
      schema: { type: 'object', additionalProperties: false, properties: {} },
      defaultOptions: {},
      messages: { never: 'never' },
    },
    create: () => ({ statement: onStatement }),
  });
}

describe('a rule that throws', () => {
  const boom = statementRule('boom', 'Throws on every statement', () => {
    throw new Error('kaboom');
  });

  it('becomes an internal-error finding naming the rule, file and message; other rules and files still run; exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-boom-'));
    writeFileSync(join(dir, 'a.json'), POLICY.replace('"arn:aws:s3:::b/*"', '"*"'));
    writeFileSync(join(dir, 'b.json'), POLICY);
    let stdout = '';
    let stderr = '';
    const { main } = await import('../../src/cli/main.js');
    const io = { cwd: dir, env: {}, stdoutIsTTY: false, write: (t: string) => void (stdout += t), writeError: (t: string) => void (stderr += t), readStdin: async () => '' };
    const code = await main(['--format', 'json', 'a.json', 'b.json'], io, [...builtinRules, boom]);
    expect([code, stderr]).toEqual([1, '']);
    const got = outcomes(stdout);
    const internal: Outcome = ['internal-error', 'Rule boom failed on this input: kaboom', 1, 1];
    expect(got['a.json']).toContainEqual(internal);
    expect(got['a.json']).toEqual([internal, ['data-exfiltration', 'Statement 0 allows s3:GetObject on "*": the principal can read the content of any S3 object.', 3, 47]]); // the other rules still ran
    expect(got['b.json']).toEqual([internal]);
    stdout = '';
    expect(await main(['--format', 'sarif', 'a.json', 'b.json'], io, [...builtinRules, boom])).toBe(1);
    const sarif = JSON.parse(stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const results = sarif.runs[0]!.results.filter((x) => x.ruleId === 'internal-error');
    expect(results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['a.json', 'b.json']);
  });
});

describe('a rule that mutates the model', () => {
  const mutate = statementRule('mutate', 'Rewrites every statement effect', (stmt) => {
    (stmt as { effect: unknown }).effect = undefined;
  });
  const sources = [{ filePath: 'a.json', text: POLICY }];
  const config = configFromObject({ rules: { mutate: 'warning' } }, [mutate]);

  it('fails with an internal-error when the documents are frozen (the RuleTester freezes them)', () => {
    const result = lint({ sources, config, rules: [mutate], freeze: true });
    expect(result.files[0]!.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['internal-error', 1, 1]]);
    expect(result.files[0]!.findings[0]!.message).toMatch(/^Rule mutate failed on this input: Cannot assign to read only property 'effect'/);
  });

  it('is not caught by default: the model is read-only by type, not frozen at run time (speed)', () => {
    expect(lint({ sources, config, rules: [mutate] }).files[0]!.findings).toEqual([]);
  });
});

describe('deterministic output', () => {
  it('lint(): the same sources in any order give byte-identical SARIF and the same JSON per file', () => {
    const root = join(import.meta.dirname, '../../fixtures');
    const sources: SourceFile[] = [];
    for (const rule of readdirSync(root).sort().slice(0, 40)) {
      for (const kind of ['valid', 'invalid']) {
        let names: string[] = [];
        try {
          names = readdirSync(join(root, rule, kind)).filter((n) => n.endsWith('.json'));
        } catch {
          continue;
        }
        for (const n of names) sources.push({ filePath: `fixtures/${rule}/${kind}/${n}`, text: readFileSync(join(root, rule, kind, n), 'utf8') });
      }
    }
    sources.push({ filePath: 'junk/empty.json', text: '' }, { filePath: 'junk/unreadable.json', text: '', readError: 'permission denied' });
    expect(sources.length).toBeGreaterThan(50);
    const cwd = join(root, '..');
    const config = loadConfig({ cwd: tmpdir(), rules: builtinRules });
    const shuffled = [...sources].reverse();
    shuffled.push(...shuffled.splice(3, 5));
    const outputs = (list: SourceFile[]) => {
      const result = lint({ sources: list, config, rules: builtinRules, cwd, today: '2026-01-01' });
      const ctx = { cwd, rules: builtinRules, color: false, toolVersion: '0.0.0' };
      return [getFormatter('json')(result, ctx), getFormatter('sarif')(result, ctx)];
    };
    const [json1, sarif1] = outputs(sources);
    const [json2, sarif2] = outputs(shuffled);
    expect(sarif2).toBe(sarif1);
    // lint() keeps the files in the order given (the rule tester relies on it); the same files
    // with their findings, file by file, are identical.
    const byFile = (json: string) => (JSON.parse(json) as JsonFile[]).sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
    expect(byFile(json2!)).toEqual(byFile(json1!));
  });

  it('the CLI gives byte-identical JSON and SARIF whatever order files are named in', async () => {
    const dir = build();
    const names = Object.keys(EXPECTED);
    for (const format of ['json', 'sarif']) {
      const a = await run(['--format', format, ...names], dir);
      const b = await run(['--format', format, ...[...names].reverse()], dir);
      const c = await run(['--format', format, ...names.slice(5), ...names.slice(0, 5)], dir);
      expect(a.code).toBe(1);
      expect(b.stdout).toBe(a.stdout);
      expect(c.stdout).toBe(a.stdout);
    }
  }, 60_000);
});
