import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/parsers/json.js';
import { toPlainValue, type ArrayNode, type ObjectNode, type SourceNode, type SourceRange } from '../../src/parsers/tree.js';
import { parseYamlTree } from '../../src/parsers/yaml.js';

function ok(text: string, options = {}): SourceNode {
  const r = parseYamlTree(text, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.root;
}

function err(text: string, options = {}) {
  const r = parseYamlTree(text, options);
  if (r.ok) throw new Error('expected a syntax error');
  return { message: r.error.message, at: `${r.error.position.line}:${r.error.position.column}` };
}

const span = (r: SourceRange) => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
const entry = (node: SourceNode, key: string) => (node as ObjectNode).entries.find((e) => e.key === key)!;

describe('parseYamlTree', () => {
  it('parses CloudFormation short tags into the same tree as their long forms', () => {
    const short = ok(`Resource:
  - !Ref Bucket
  - !Sub "arn:\${AWS::Partition}:s3:::\${Bucket}/*"
  - !GetAtt Role.Arn
  - !GetAtt [Role, Arn]
  - !Join ["", ["arn:", !Ref AWS::Partition, ":s3:::b"]]
  - !If [IsProd, !ImportValue prod-arn, !Ref AWS::NoValue]
  - !Select [0, !Split [",", !ImportValue list]]
  - !FindInMap [Map, !Ref AWS::Region, Key]
  - !Base64 {"Fn::Sub": "x"}
  - !Cidr [!GetAtt Vpc.CidrBlock, 6, 5]
  - !GetAZs ""
  - !Equals [a, b]
  - !Not [!Condition IsProd]
  - !And [!Condition A, !Or [!Condition B, !Condition C]]
  - !Sub
    - "\${Name}-x"
    - Name: !Ref Name
`);
    const long = parseJson(
      JSON.stringify({
        Resource: [
          { Ref: 'Bucket' },
          { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' },
          { 'Fn::GetAtt': ['Role', 'Arn'] },
          { 'Fn::GetAtt': ['Role', 'Arn'] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] },
          { 'Fn::If': ['IsProd', { 'Fn::ImportValue': 'prod-arn' }, { Ref: 'AWS::NoValue' }] },
          { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'list' }] }] },
          { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] },
          { 'Fn::Base64': { 'Fn::Sub': 'x' } },
          { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 6, 5] },
          { 'Fn::GetAZs': '' },
          { 'Fn::Equals': ['a', 'b'] },
          { 'Fn::Not': [{ Condition: 'IsProd' }] },
          { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] },
          { 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'Name' } }] },
        ],
      }),
    );
    if (!long.ok) throw new Error(long.error.message);
    expect(toPlainValue(short)).toEqual(toPlainValue(long.root));
  });

  it('gives a short tag the range of tag and value, its key the range of the tag', () => {
    const root = ok('Resource: !GetAtt Role.Arn\nPrincipal: !Sub\n  - "${A}"\n  - A: !Ref B\n');
    const getAtt = entry(root, 'Resource').value as ObjectNode;
    expect(span(getAtt.range)).toBe('1:11-1:27');
    expect(span(getAtt.entries[0].keyRange)).toBe('1:11-1:18');
    const [name, attribute] = (getAtt.entries[0].value as ArrayNode).items;
    expect([span(name.range), span(attribute.range)]).toEqual(['1:19-1:23', '1:24-1:27']);
    expect(getAtt.entries[0].value.path).toEqual(['Resource', 'Fn::GetAtt']);
    // A block sequence ends at its last value, not at the trailing newline.
    const sub = entry(root, 'Principal').value as ObjectNode;
    expect(span(sub.range)).toBe('2:12-4:14');
  });

  it('gives 1-based line/column ranges for keys and values, quotes included', () => {
    const root = ok('Statement:\n  - Effect: Allow\n    Action: "s3:GetObject" # read\n') as ObjectNode;
    const stmt = ((root.entries[0].value as ArrayNode).items[0]) as ObjectNode;
    expect(span(stmt.entries[1].keyRange)).toBe('3:5-3:11');
    expect(span(stmt.entries[1].value.range)).toBe('3:13-3:27');
    expect(stmt.entries[1].value.path).toEqual(['Statement', 0, 'Action']);
    expect(stmt.entries[1].value.range.start.offset).toBe(41);
  });

  it('keeps 2012-10-17 and other YAML 1.1 look-alikes as strings (core schema)', () => {
    expect(toPlainValue(ok('Version: 2012-10-17\nBool: yes\nOff: off\nNum: 012\nHex: 0x1f\nT: true\nN: ~\n'))).toEqual({
      Version: '2012-10-17',
      Bool: 'yes',
      Off: 'off',
      Num: 12,
      Hex: 31,
      T: true,
      N: null,
    });
    const hex = entry(ok('Hex: 0x1f\n'), 'Hex').value;
    expect(hex).toMatchObject({ kind: 'number', value: 31, raw: '0x1f' });
  });

  it('keeps duplicate keys in source order (the last one wins, as in JSON)', () => {
    const root = ok('Action: s3:GetObject\nAction: s3:PutObject\n') as ObjectNode;
    expect(root.entries.map((e) => [e.key, span(e.keyRange)])).toEqual([
      ['Action', '1:1-1:7'],
      ['Action', '2:1-2:7'],
    ]);
    expect(toPlainValue(root)).toEqual({ Action: 's3:PutObject' });
  });

  it('resolves anchors and aliases; aliased values keep the positions of the anchor', () => {
    const root = ok('Common: &actions [s3:GetObject, s3:ListBucket]\nAction: *actions\n');
    expect(toPlainValue(root)).toEqual({ Common: ['s3:GetObject', 's3:ListBucket'], Action: ['s3:GetObject', 's3:ListBucket'] });
    const alias = entry(root, 'Action').value as ArrayNode;
    expect(alias.path).toEqual(['Action']);
    expect(alias.items[1].path).toEqual(['Action', 1]);
    expect(span(alias.items[1].range)).toBe('1:33-1:46');
  });

  it('stops alias bombs and deep nesting with an error instead of a hang or a crash', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(err(bomb.join('\n')).message).toBe('YAML aliases expand into too many nodes');
    expect(err('a: [[[[1]]]]', { maxDepth: 3 })).toEqual({ message: 'Nesting deeper than 3 levels', at: '1:6' });
    expect(parseYamlTree('['.repeat(20000)).ok).toBe(false);
  });

  it('reports syntax errors at their YAML position', () => {
    expect(err('Resources:\n  Role:\n    Type: AWS::IAM::Role\n   Properties: {}\n')).toEqual({ message: 'YAML: All mapping items must start at the same column', at: '4:1' });
    expect(err('Statement: [a, b\n')).toMatchObject({ at: '2:1' });
    expect(err('Action: *missing\n').message).toMatch(/missing/);
  });

  it('takes the first document of a stream and parses empty text as null', () => {
    expect(toPlainValue(ok('---\na: 1\n---\nb: 2\n'))).toEqual({ a: 1 });
    expect(ok('')).toMatchObject({ kind: 'null' });
    expect(ok('# only a comment\n')).toMatchObject({ kind: 'null' });
  });

  it('reads block scalars as strings spanning their lines', () => {
    const root = ok('Policy: |\n  {"Version": "2012-10-17"}\nNext: 1\n');
    const value = entry(root, 'Policy').value;
    expect(value).toMatchObject({ kind: 'string', value: '{"Version": "2012-10-17"}\n' });
    expect(span(value.range)).toBe('1:9-2:28');
  });
});
