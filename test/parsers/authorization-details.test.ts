import { describe, expect, it } from 'vitest';
import { extractAuthorizationDetails } from '../../src/parsers/authorization-details.js';
import { detectTreeFormat, extractDocuments } from '../../src/parsers/index.js';
import { parseJson } from '../../src/parsers/json.js';

const ACCT = '111122223333';
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (action: string, resource = '*') => ({ Effect: 'Allow', Action: action, Resource: resource });
const trust = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
const managed = (name: string, versions: { document: unknown; isDefault: boolean }[]) => ({
  PolicyName: name,
  Arn: `arn:aws:iam::${ACCT}:policy/${name}`,
  Path: '/',
  DefaultVersionId: 'v1',
  PolicyVersionList: versions.map((v, i) => ({ Document: v.document, VersionId: `v${versions.length - i}`, IsDefaultVersion: v.isDefault })),
});
const attached = (...names: string[]) => names.map((n) => ({ PolicyName: n, PolicyArn: n.startsWith('arn:') ? n : `arn:aws:iam::${ACCT}:policy/${n}` }));

function extract(dump: object) {
  const text = JSON.stringify(dump, null, 2);
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { text, result: extractAuthorizationDetails('account.json', parsed.root, text) };
}

const summary = (r: ReturnType<typeof extract>['result']) => r.policies.map((p) => [p.name, p.kind, p.set ? `${p.set.name} ${p.set.role}` : undefined]);

describe('extractAuthorizationDetails', () => {
  it('is chosen for a get-account-authorization-details dump', () => {
    const parsed = parseJson('{"RoleDetailList": [], "Policies": []}');
    expect(parsed.ok && detectTreeFormat(parsed.root)).toBe('authorization-details');
  });

  it('makes each role a policy set: trust, inline, attached default versions, boundary; AWS-managed policies not in the dump are skipped', () => {
    const { result } = extract({
      RoleDetailList: [
        {
          RoleName: 'app',
          Arn: `arn:aws:iam::${ACCT}:role/app`,
          AssumeRolePolicyDocument: trust,
          RolePolicyList: [{ PolicyName: 'Stuff', PolicyDocument: doc(allow('s3:GetObject')) }],
          AttachedManagedPolicies: attached('shared', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
          PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: `arn:aws:iam::${ACCT}:policy/boundary` },
        },
        { RoleName: 'other', Arn: `arn:aws:iam::${ACCT}:role/other`, AssumeRolePolicyDocument: trust, RolePolicyList: [], AttachedManagedPolicies: attached('shared') },
      ],
      Policies: [
        managed('shared', [
          { document: doc(allow('sqs:SendMessage')), isDefault: false },
          { document: doc(allow('sqs:ReceiveMessage')), isDefault: true },
        ]),
        managed('boundary', [{ document: doc(allow('s3:*')), isDefault: true }]),
        managed('unused', [{ document: doc(allow('sns:Publish')), isDefault: true }]),
      ],
    });
    expect(result.unparsed).toEqual([]);
    expect(summary(result)).toEqual([
      ['role/app › AssumeRolePolicyDocument', 'trust', 'role/app trust'],
      ['role/app › RolePolicyList "Stuff"', 'identity', 'role/app identity'],
      ['policy/shared', 'identity', 'role/app identity'],
      ['policy/boundary', 'boundary', 'role/app boundary'],
      ['role/other › AssumeRolePolicyDocument', 'trust', 'role/other trust'],
      ['policy/shared', 'identity', 'role/other identity'],
      ['policy/unused', 'identity', undefined],
    ]);
    // the default version (the second in the list) is the one linted
    expect(result.policies[2].path).toEqual(['Policies', 0, 'PolicyVersionList', 1, 'Document']);
    expect(result.policies[2].set?.key).toBe(`arn:aws:iam::${ACCT}:role/app`);
  });

  it("gives users their groups' policies; groups without members are linted on their own", () => {
    const { result } = extract({
      UserDetailList: [{ UserName: 'ana', Arn: `arn:aws:iam::${ACCT}:user/ana`, GroupList: ['dev'], UserPolicyList: [{ PolicyName: 'mine', PolicyDocument: doc(allow('s3:ListAllMyBuckets')) }], AttachedManagedPolicies: [] }],
      GroupDetailList: [
        { GroupName: 'dev', GroupPolicyList: [{ PolicyName: 'dev-inline', PolicyDocument: doc(allow('logs:GetLogEvents')) }], AttachedManagedPolicies: attached('arn:aws:iam::aws:policy/AdministratorAccess') },
        { GroupName: 'empty', GroupPolicyList: [{ PolicyName: 'lonely', PolicyDocument: doc(allow('ec2:DescribeInstances')) }], AttachedManagedPolicies: [] },
      ],
      RoleDetailList: [],
      Policies: [],
    });
    expect(summary(result)).toEqual([
      ['user/ana › UserPolicyList "mine"', 'identity', 'user/ana identity'],
      ['group/dev › GroupPolicyList "dev-inline"', 'identity', 'user/ana identity'],
      ['group/empty › GroupPolicyList "lonely"', 'identity', undefined],
    ]);
  });

  it('decodes URL-encoded documents (the raw API) with findings at the string, and JSON-text documents with positions inside it', () => {
    const encoded = encodeURIComponent(JSON.stringify(doc(allow('s3:GetObject'))));
    const { text, result } = extract({
      RoleDetailList: [{ RoleName: 'r', AssumeRolePolicyDocument: encoded, RolePolicyList: [{ PolicyName: 'p', PolicyDocument: JSON.stringify(doc(allow('sqs:SendMessage'))) }] }],
    });
    expect(summary(result)).toEqual([
      ['role/r › AssumeRolePolicyDocument', 'trust', 'role/r trust'],
      ['role/r › RolePolicyList "p"', 'identity', 'role/r identity'],
    ]);
    const lines = text.split('\n');
    const encodedLine = lines.findIndex((l) => l.includes('%7B')) + 1;
    const trustRoot = result.policies[0].root;
    expect(trustRoot.kind).toBe('object');
    expect(trustRoot.range.start).toMatchObject({ line: encodedLine, column: lines[encodedLine - 1].indexOf('"%7B') + 1 });
    const { documents } = extractDocuments('account.json', text);
    const action = documents[1].statements[0].action!.values[0];
    const jsonLine = lines.findIndex((l) => l.includes('sqs:SendMessage'));
    expect(action.value).toBe('sqs:SendMessage');
    expect(action.range.start).toMatchObject({ line: jsonLine + 1, column: lines[jsonLine].indexOf('\\"sqs:SendMessage') + 1 });
  });

  it('reports a document that is not JSON, naming where it sits', () => {
    const { result } = extract({ RoleDetailList: [{ RoleName: 'r', AssumeRolePolicyDocument: '{"Version": "2012-10-17"', RolePolicyList: [] }] });
    expect(result.unparsed.map((u) => [u.reason, u.message])).toEqual([['syntax', "Expected ',' or '}' but found end of input (in role/r › AssumeRolePolicyDocument)"]]);
  });
});
