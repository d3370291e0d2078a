/** `--format github` end to end: workflow commands for real files, and the exit code CI acts on. */
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';

const policy = (resource: string) => `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Write",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": ${JSON.stringify(resource)}
    }
  ]
}
`;

describe('iamlint --format github', () => {
  it('annotates findings and fails on errors', async () => {
    const dir = project({ 'policies/bad.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject"}]}\n', 'policies/good.json': policy('arn:aws:s3:::app-data/*') });
    const { code, stdout, stderr } = await run(['--format', 'github', 'policies'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^iamlint: \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 2 files\.$/);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) file=policies\/bad\.json,line=1,col=\d+,endLine=1,endColumn=\d+,title=[a-z0-9-]+::\S/);
    expect(stdout).toContain('title=policy-structure::');
  });

  it('prints only the summary for clean files and exits 0', async () => {
    const dir = project({ 'good.json': policy('arn:aws:s3:::app-data/*') });
    expect(await run(['-f', 'github', 'good.json'], dir)).toEqual({ code: 0, stdout: 'iamlint: no problems found in 1 file.\n', stderr: '' });
  });
});
