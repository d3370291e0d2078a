/** The access-not-granted guard from the command line (`--access-not-granted`). */
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-helpers.js';

const POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Data', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::acme-data/*' },
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
    ],
  },
  null,
  2,
);

async function guard(args: string[], config?: object) {
  const dir = project({ 'p.json': POLICY, ...(config ? { '.iamlintrc.json': JSON.stringify(config) } : {}) });
  const r = await run(['--format', 'json', ...args, 'p.json'], dir);
  const out = r.stdout ? (JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[]) : [];
  return { ...r, findings: out.flatMap((f) => f.messages.filter((m) => m.ruleId === 'access-not-granted').map((m) => [m.line, m.column, m.message])) };
}

describe('--access-not-granted', () => {
  it('reports every grant of the listed actions (comma-separated, repeatable), wildcards on both sides, where the resource can be theirs', async () => {
    const r = await guard(['--access-not-granted', 's3:DeleteObject,s3:PutBucketPolicy', '--access-not-granted', 'iam:Pass*']);
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([
      // s3:PutBucketPolicy acts on buckets: an object ARN (acme-data/*) cannot grant it.
      [7, 17, '"s3:*" allows s3:DeleteObject on "arn:aws:s3:::acme-data/*" in statement "Data", which no policy may allow (it is on the access-not-granted list).'],
      [13, 17, '"iam:PassRole" allows iam:PassRole on "arn:aws:iam::111122223333:role/app" in statement "Pass", which no policy may allow (it is on the access-not-granted list).'],
    ]);
  });

  it("adds to the config's list, and runs even where the config turned the rule off", async () => {
    const added = await guard(['--access-not-granted', 'iam:PassRole'], { rules: { 'access-not-granted': ['warning', { actions: ['s3:DeleteObject'] }] } });
    expect(added.findings.map((f) => f[0])).toEqual([7, 13]);
    const off = await guard(['--access-not-granted', 'iam:PassRole'], { rules: { 'access-not-granted': 'off' } });
    expect(off.findings.map((f) => f[0])).toEqual([13]);
    const none = await guard([], { rules: { 'access-not-granted': 'off' } });
    expect(none.findings).toEqual([]);
  });

  it('rejects an empty list (exit 2)', async () => {
    const r = await guard(['--access-not-granted', 'iam:*,,']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('--access-not-granted needs IAM action patterns separated by commas, e.g. iam:*,s3:DeleteBucket; got "iam:*,,".');
  });
});
