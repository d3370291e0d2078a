import { describe, expect, it } from 'vitest';
import { rawOffsetMap } from '../../src/parsers/embedded-json.js';
import { detectTreeFormat, extractDocuments } from '../../src/parsers/index.js';
import { parseJson } from '../../src/parsers/json.js';
import { extractTerraformPlan } from '../../src/parsers/terraform-plan.js';
import { getMember, type SourceNode } from '../../src/parsers/tree.js';

interface Res {
  readonly address: string;
  readonly type: string;
  readonly mode?: 'managed' | 'data';
  readonly values: Record<string, unknown>;
  readonly unknown?: Record<string, unknown>;
}

/** A `terraform show -json` plan (pretty-printed like `jq .`) with these resources. */
function planText(resources: readonly Res[], configuration?: unknown, childModules?: unknown[]): string {
  const entry = (r: Res) => ({ address: r.address, mode: r.mode ?? 'managed', type: r.type, name: r.address.split('.').pop(), values: r.values });
  return JSON.stringify(
    {
      format_version: '1.2',
      planned_values: { root_module: { resources: resources.filter((r) => !r.address.startsWith('module.')).map(entry), child_modules: childModules } },
      resource_changes: resources.map((r) => ({
        address: r.address,
        mode: r.mode ?? 'managed',
        type: r.type,
        change: { actions: ['create'], after: r.values, after_unknown: r.unknown ?? {} },
      })),
      ...(configuration ? { configuration } : {}),
    },
    null,
    2,
  );
}

function extract(text: string, withText = true) {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return extractTerraformPlan('plan.json', parsed.root, withText ? text : undefined);
}

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string, resource = '*') => ({ Effect: 'Allow', Action: action, Resource: resource });

/** The 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function member(node: SourceNode, ...path: (string | number)[]): SourceNode {
  let n = node;
  for (const p of path) {
    if (typeof p === 'number' && n.kind === 'array') n = n.items[p];
    else if (typeof p === 'string' && n.kind === 'object') n = getMember(n, p)!.value;
    else throw new Error(`no ${p}`);
  }
  return n;
}

describe('rawOffsetMap', () => {
  it('maps decoded offsets past escapes', () => {
    // decoded: a " b \ c <newline> d < e
    expect(rawOffsetMap('a\\"b\\\\c\\nd\\u003ce')).toEqual([0, 1, 3, 4, 6, 7, 9, 10, 16, 17]);
  });
});

describe('extractTerraformPlan', () => {
  it('is chosen for `terraform show -json` output', () => {
    const parsed = parseJson(planText([]));
    expect(parsed.ok && detectTreeFormat(parsed.root)).toBe('terraform-plan');
  });

  it('skips a plan with no IAM policy silently', () => {
    const result = extract(planText([{ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', values: { bucket: 'b' } }]));
    expect(result).toEqual({ policies: [], unparsed: [], looksLikePolicy: false });
  });

  it.each([
    ['with the file text', true],
    ['without it (literal rebuilt from its length)', false],
  ])('points into the JSON string literal through escapes (Go style \\u003c, \\", \\\\, \\n) %s', (_, withText) => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'a<b', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/x\\y' }] }, null, 1);
    const text = planText([{ address: 'aws_iam_policy.p', type: 'aws_iam_policy', values: { name: 'p', policy: doc } }]).replaceAll('<', '\\u003c');
    const [p] = extract(text, withText).policies;
    const resource = member(p.root, 'Statement', 0, 'Resource');
    const action = member(p.root, 'Statement', 0, 'Action');
    expect(resource.range.start).toMatchObject(positionOf(text, '\\"arn:aws:s3:::b/x'));
    expect(resource.range.end).toMatchObject({ column: positionOf(text, '\\"\\n  }').column + 2 });
    expect(action.range.start).toMatchObject(positionOf(text, '\\"s3:GetObject'));
    expect(p.name).toBe('aws_iam_policy.p › policy');
    expect(p.path).toEqual(['planned_values', 'root_module', 'resources', 0, 'values', 'policy']);
  });

  it('makes a role a policy set: trust, inline blocks, role policies, attachments and boundary', () => {
    const text = planText([
      {
        address: 'aws_iam_role.app',
        type: 'aws_iam_role',
        values: {
          name: 'app',
          assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
          inline_policy: [{ name: 'logs', policy: policy(allow('logs:PutLogEvents')) }],
          permissions_boundary: 'arn:aws:iam::111122223333:policy/boundary',
        },
      },
      { address: 'aws_iam_role_policy.extra', type: 'aws_iam_role_policy', values: { role: 'app', name: 'extra', policy: policy(allow('sqs:SendMessage')) } },
      { address: 'aws_iam_policy.boundary', type: 'aws_iam_policy', values: { name: 'boundary', arn: 'arn:aws:iam::111122223333:policy/boundary', policy: policy(allow('logs:*')) } },
      { address: 'aws_iam_policy.shared', type: 'aws_iam_policy', values: { name: 'shared', path: '/team/', policy: policy(allow('s3:ListAllMyBuckets')) }, unknown: { arn: true } },
      { address: 'aws_iam_role_policy_attachment.shared', type: 'aws_iam_role_policy_attachment', values: { role: 'app', policy_arn: 'arn:aws:iam::111122223333:policy/team/shared' } },
      { address: 'aws_iam_user_policy.u', type: 'aws_iam_user_policy', values: { user: 'u', policy: policy(allow('s3:GetObject')) } },
    ]);
    const result = extract(text);
    expect(result.unparsed).toEqual([]);
    expect(result.policies.map((p) => [p.name, p.kind, p.set && `${p.set.key} ${p.set.role}`])).toEqual([
      ['aws_iam_role.app › assume_role_policy', 'trust', 'aws_iam_role.app trust'],
      ['aws_iam_role.app › inline_policy[0] "logs"', 'identity', 'aws_iam_role.app identity'],
      ['aws_iam_role_policy.extra › policy', 'identity', 'aws_iam_role.app identity'],
      ['aws_iam_user_policy.u › policy', 'identity', undefined],
      ['aws_iam_policy.boundary › policy', 'boundary', 'aws_iam_role.app boundary'],
      ['aws_iam_policy.shared › policy', 'identity', 'aws_iam_role.app identity'],
    ]);
  });

  it('follows configuration references when names and ARNs are known only after apply, in child modules too', () => {
    const text = planText(
      [
        { address: 'module.svc.aws_iam_role.task', type: 'aws_iam_role', values: { assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }) }, unknown: { name: true, permissions_boundary: true } },
        { address: 'module.svc.aws_iam_policy.b', type: 'aws_iam_policy', values: { policy: policy(allow('s3:*')) }, unknown: { arn: true, name: true } },
        { address: 'module.svc.aws_iam_role_policy.inline', type: 'aws_iam_role_policy', values: { policy: policy(allow('s3:GetObject')) }, unknown: { role: true } },
      ],
      {
        root_module: {
          module_calls: {
            svc: {
              module: {
                resources: [
                  { address: 'aws_iam_role.task', expressions: { permissions_boundary: { references: ['aws_iam_policy.b.arn', 'aws_iam_policy.b'] } } },
                  { address: 'aws_iam_role_policy.inline', expressions: { role: { references: ['aws_iam_role.task.id', 'aws_iam_role.task'] } } },
                ],
              },
            },
          },
        },
      },
      [
        {
          address: 'module.svc',
          resources: [
            { address: 'module.svc.aws_iam_role.task', mode: 'managed', type: 'aws_iam_role', values: { assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }) } },
            { address: 'module.svc.aws_iam_policy.b', mode: 'managed', type: 'aws_iam_policy', values: { policy: policy(allow('s3:*')) } },
            { address: 'module.svc.aws_iam_role_policy.inline', mode: 'managed', type: 'aws_iam_role_policy', values: { policy: policy(allow('s3:GetObject')) } },
          ],
        },
      ],
    );
    const result = extract(text);
    expect(result.policies.map((p) => [p.name, p.set && `${p.set.name} ${p.set.role}`])).toEqual([
      ['module.svc.aws_iam_role.task › assume_role_policy', 'module.svc.aws_iam_role.task trust'],
      ['module.svc.aws_iam_role_policy.inline › policy', 'module.svc.aws_iam_role.task identity'],
      ['module.svc.aws_iam_policy.b › policy', 'module.svc.aws_iam_role.task boundary'],
    ]);
    expect(result.policies[0].path.slice(0, 4)).toEqual(['planned_values', 'root_module', 'child_modules', 0]);
  });

  it('lints a managed policy attached to two roles once per role, under one name', () => {
    const role = (n: string): Res => ({ address: `aws_iam_role.${n}`, type: 'aws_iam_role', values: { name: n, assume_role_policy: '' } });
    const text = planText([
      role('a'),
      role('b'),
      { address: 'aws_iam_policy.p', type: 'aws_iam_policy', values: { name: 'p', arn: 'arn:aws:iam::111122223333:policy/p', policy: policy(allow('s3:GetObject')) } },
      { address: 'aws_iam_policy_attachment.p', type: 'aws_iam_policy_attachment', values: { roles: ['a', 'b'], policy_arn: 'arn:aws:iam::111122223333:policy/p' } },
    ]);
    const result = extract(text);
    expect(result.policies.map((p) => [p.name, p.set?.key])).toEqual([
      ['aws_iam_policy.p › policy', 'aws_iam_role.a'],
      ['aws_iam_policy.p › policy', 'aws_iam_role.b'],
    ]);
  });

  it('reports policies computed at apply time, but not optional ones AWS fills in when unset', () => {
    const text = planText(
      [
        { address: 'aws_iam_policy.p', type: 'aws_iam_policy', values: { name: 'p' }, unknown: { arn: true, policy: true } },
        { address: 'aws_kms_key.default', type: 'aws_kms_key', values: {}, unknown: { arn: true, policy: true } },
        { address: 'aws_kms_key.custom', type: 'aws_kms_key', values: {}, unknown: { arn: true, policy: true } },
        { address: 'aws_iam_role.r', type: 'aws_iam_role', values: { name: 'r' }, unknown: { assume_role_policy: true, inline_policy: true } },
      ],
      { root_module: { resources: [{ address: 'aws_kms_key.custom', expressions: { policy: { references: ['data.aws_iam_policy_document.key.json'] } } }] } },
    );
    const result = extract(text);
    expect(result.policies).toEqual([]);
    expect(result.looksLikePolicy).toBe(true);
    expect(result.unparsed.map((u) => [u.reason, u.message, u.at.range.start.line, u.at.range.start.column])).toEqual([
      ['uncheckable', 'aws_iam_role.r assume_role_policy is computed at apply time (known after apply)', positionOf(text, '"assume_role_policy": true').line, 11],
      ['uncheckable', 'aws_kms_key.custom policy is computed at apply time (known after apply)', positionOf(text, '"policy": true', text.indexOf('"aws_kms_key.custom"', text.indexOf('resource_changes'))).line, 11],
      ['uncheckable', 'aws_iam_policy.p policy is computed at apply time (known after apply)', positionOf(text, '"policy": true').line, 11],
    ]);
  });

  it('lints a policy document data source only when no linted attribute holds its text', () => {
    const used = policy(allow('s3:GetObject'));
    const alone = policy(allow('sqs:SendMessage'));
    const text = planText([
      { address: 'data.aws_iam_policy_document.used', type: 'aws_iam_policy_document', mode: 'data', values: { json: used } },
      { address: 'data.aws_iam_policy_document.alone', type: 'aws_iam_policy_document', mode: 'data', values: { json: alone } },
      { address: 'data.aws_iam_policy_document.later', type: 'aws_iam_policy_document', mode: 'data', values: {}, unknown: { json: true } },
      { address: 'aws_iam_policy.p', type: 'aws_iam_policy', values: { name: 'p', policy: used } },
    ]);
    expect(extract(text).policies.map((p) => p.name)).toEqual(['aws_iam_policy.p › policy', 'data.aws_iam_policy_document.alone › json']);
    expect(extract(text).unparsed).toEqual([]);
  });

  it('reports a policy string that is not JSON at the error inside the literal', () => {
    const text = planText([{ address: 'aws_sqs_queue_policy.q', type: 'aws_sqs_queue_policy', values: { queue_url: 'u', policy: '{"Version": "2012-10-17",}' } }]);
    const [u] = extract(text).unparsed;
    expect(u.reason).toBe('syntax');
    expect(u.message).toBe("Expected a property name after ',' but found '}' (in aws_sqs_queue_policy.q › policy)");
    expect(u.at.range.start).toMatchObject({ line: positionOf(text, '"policy": "{').line, column: positionOf(text, ',}"').column + 1 });
  });

  it('gives the resource-policy kind to bucket, queue, topic, key, repository and secret policies', () => {
    const types = ['aws_s3_bucket_policy', 'aws_sqs_queue_policy', 'aws_sns_topic_policy', 'aws_kms_key', 'aws_ecr_repository_policy', 'aws_secretsmanager_secret_policy'];
    const doc = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '*' });
    const text = planText([...types.map((type) => ({ address: `${type}.x`, type, values: { policy: doc } })), { address: 'aws_lambda_permission.x', type: 'aws_lambda_permission', values: { action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com' } }]);
    expect(extract(text).policies.map((p) => `${p.name} ${p.kind}`)).toEqual(types.map((t) => `${t}.x › policy resource`));
  });

  it('goes through normalization with file positions (extractDocuments)', () => {
    const text = planText([{ address: 'aws_iam_policy.p', type: 'aws_iam_policy', values: { name: 'p', policy: policy(allow('s3:GetObject', 'arn:aws:s3:::b/*')) } }]);
    const { documents, format } = extractDocuments('plan.json', text);
    expect(format).toBe('terraform-plan');
    expect(documents).toHaveLength(1);
    expect(documents[0].name).toBe('aws_iam_policy.p › policy');
    expect(documents[0].statements[0].action?.values[0].range.start).toMatchObject(positionOf(text, '\\"s3:GetObject'));
  });
});
