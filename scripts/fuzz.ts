/**
 * Property-based robustness checks for the whole linter (all builtin rules), shared by the
 * short run in test/property/lint-never-throws.test.ts and the long run of `npm run fuzz`.
 *
 * The properties feed lint() arbitrary JSON, policy-shaped objects with hostile strings,
 * YAML (including CloudFormation with short tags) and Markdown with fences, and check that
 * no exception escapes, no rule fails (`internal-error`), every position lies inside the
 * file, and linting twice gives the same result.
 *
 *   npm run fuzz                          # 60 seconds over all properties
 *   npm run fuzz -- --seconds 300
 *   npm run fuzz -- --property yaml --seed 42 --path "3:1:0"   # replay a counterexample
 *   IAMLINT_FUZZ_HOSTILE_MAX=20000 npm run fuzz                # hostile strings up to ~20,000 repetitions
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { configFromObject } from '../src/engine/config.js';
import { lint, type Finding, type LintResult, type SourceFile } from '../src/engine/linter.js';
import { builtinRules } from '../src/rules/index.js';

// ---------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------

const CWD = '/fuzz';
const KIND_FILES = { 'scp.json': 'scp', 'rcp.json': 'rcp', 'boundary.json': 'boundary', 'resource.json': 'resource', 'trust.json': 'trust' } as const;

const config = configFromObject(
  {
    extends: ['iamlint:all'],
    overrides: Object.entries(KIND_FILES).map(([file, kind]) => ({ files: [file], kind })),
    policySets: [{ name: 'set', identity: ['app.json'], boundary: 'pb.json', trust: 'role-trust.json', trustedService: 'lambda.amazonaws.com' }],
  },
  builtinRules,
  CWD,
);

export interface Input {
  readonly files: readonly SourceFile[];
}

function lintInput(input: Input): LintResult {
  return lint({ sources: input.files, config, rules: builtinRules, cwd: CWD, today: '2025-01-01' });
}

function lineLengths(text: string): number[] {
  return text.split("\n").map((l) => l.length);
}

function checkPosition(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, lines: number[], what: string): void {
  const ok =
    Number.isInteger(f.line) &&
    Number.isInteger(f.column) &&
    f.line >= 1 &&
    f.column >= 1 &&
    f.line <= lines.length &&
    f.column <= lines[f.line - 1] + 1 &&
    f.endLine >= f.line &&
    f.endLine <= lines.length &&
    f.endColumn >= 1 &&
    f.endColumn <= lines[f.endLine - 1] + 1;
  if (!ok) throw new Error(`${what}: position ${f.line}:${f.column}-${f.endLine}:${f.endColumn} outside the file (${lines.length} lines)`);
}

/** Throws (with a readable message) when the linter misbehaves on `input`. */
export function checkInput(input: Input): void {
  const first = lintInput(input);
  const texts = new Map(input.files.map((f) => [f.filePath, lineLengths(f.text)]));
  for (const file of first.files) {
    const lines = texts.get(file.filePath);
    for (const f of file.findings) {
      if (f.ruleId === 'internal-error') throw new Error(`internal-error in ${f.filePath}: ${f.message}`);
      if (!lines) continue;
      checkPosition(f, lines, `${f.ruleId}/${f.messageId} in ${f.filePath}`);
      for (const r of f.related) {
        const rl = texts.get(r.filePath);
        if (rl) checkPosition(r, rl, `related location of ${f.ruleId}/${f.messageId} in ${r.filePath}`);
      }
    }
  }
  const second = lintInput(input);
  const a = JSON.stringify(first);
  const b = JSON.stringify(second);
  if (a !== b) throw new Error('lint() is not deterministic: two runs on the same input differ');
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const IAM_WORDS = [
  '*', '?', '**', '*?*', '', ' ', 's3:GetObject', 's3:*', 's3:Get*', 'S3:getobject', 'ECR:putimage', 'iam:PassRole', 'iam:*',
  'sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'kms:CreateGrant', 'ec2:RunInstances', 'lambda:InvokeFunction', '*:*',
  'nosuchservice:Foo', 's3:', ':', 'arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::${aws:username}/*',
  'arn:aws:iam::123456789012:role/app', 'arn:aws:iam::123456789012:root', 'arn:aws:iam::*:role/*', 'arn:aws:kms:us-east-1:123456789012:key/{KeyId}',
  'arn:aws:sqs:us-east-1:123456789012:queue', 'arn:aws:ecr:*:*:repository/x', 'arn:${Partition}:s3:::{BucketName}', 'arn', 'arn:aws',
  'arn:aws:::::::', '123456789012', 'lambda.amazonaws.com', 'ec2.amazonaws.com', 'cognito-identity.amazonaws.com',
  'token.actions.githubusercontent.com', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  '${aws:username}', '${aws:PrincipalTag/team}', '${*}', '${?}', '${$}', '${', '}', '{X}', '{{x}}', '<ACCOUNT_ID>', 'REPLACE_ME',
  'aws:SourceArn', 'aws:SourceAccount', 'aws:PrincipalOrgID', 'aws:MultiFactorAuthPresent', 'aws:SecureTransport', 'iam:PassedToService',
  's3:prefix', 'kms:GrantOperations', 'token.actions.githubusercontent.com:sub', 'ec2:ResourceTag/${aws:PrincipalTag/x}', 'aws:RequestTag/',
  'true', 'false', '0', '-1', '1e309', '2012-10-17', '10.0.0.0/8', '::1/128', '2020-01-01T00:00:00Z', 'AKIAIOSFODNN7EXAMPLE',
  'ünïcödé', '\u0000', '\u2028', '\ud800', '😀', 'a\nb', '"', '\\',
  // Names of Object.prototype members: a table lookup must not find them (test/robustness/prototype-keys.test.ts).
  'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf',
];

/**
 * Longest hostile string, in repetitions: 2,000 by default (npm test runs these properties too);
 * `IAMLINT_FUZZ_HOSTILE_MAX=20000 npm run fuzz` for the long ones (a 20,000-character condition key
 * once took 0.7 s in unknown-condition-key's suggestions, before edit distances were capped).
 */
const HOSTILE_MAX = Number(process.env.IAMLINT_FUZZ_HOSTILE_MAX) || 2_000;

const hostileRepeat = fc
  .tuple(fc.constantFrom('a*', '*', 'a', '?', '*a*?', '${', 'arn:aws:s3:::', '\u00e9'), fc.integer({ min: 50, max: HOSTILE_MAX }), fc.constantFrom('', 'b', '*', 'x:y'))
  .map(([unit, n, tail]) => unit.repeat(n) + tail);

export const iamString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...IAM_WORDS), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom(...IAM_WORDS), fc.constantFrom(...IAM_WORDS)).map(([a, b]) => a + b), weight: 3 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...'ab:*?/${}-_. '.split('')), maxLength: 30 }), weight: 3 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 10 }), weight: 1 },
  { arbitrary: hostileRepeat, weight: 1 },
);

const jsonScalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), iamString);

/** A value where IAM expects string-or-list: mostly that, sometimes anything. */
const stringOrList: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: iamString, weight: 4 },
  { arbitrary: fc.array(iamString, { maxLength: 5 }), weight: 4 },
  { arbitrary: fc.array(jsonScalar, { maxLength: 3 }), weight: 1 },
  { arbitrary: jsonScalar, weight: 1 },
  { arbitrary: fc.dictionary(iamString, jsonScalar, { maxKeys: 2 }), weight: 1 },
);

const principal: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant('*'),
  fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser', 'aws', 'Other'), stringOrList, { maxKeys: 4 }),
  stringOrList,
);

const OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase', 'ArnLike', 'ArnEquals', 'ArnNotLike',
  'Bool', 'BoolIfExists', 'Null', 'NumericLessThan', 'NumericEquals', 'DateGreaterThan', 'IpAddress', 'NotIpAddress', 'BinaryEquals',
  'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'ForAllValues:StringLikeIfExists', 'StringLikeIfExists', 'ArnLikeIfExists',
  'ForAllValues:', 'ForAnyValue:Bool', 'IfExists', 'stringequals', 'NoSuchOperator',
];

const condition: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...OPERATORS), iamString), fc.oneof({ arbitrary: fc.dictionary(iamString, stringOrList, { maxKeys: 3 }), weight: 5 }, { arbitrary: jsonScalar, weight: 1 }), { maxKeys: 3 }), weight: 6 },
  { arbitrary: jsonScalar, weight: 1 },
  { arbitrary: fc.array(jsonScalar, { maxLength: 2 }), weight: 1 },
);

const statement: fc.Arbitrary<unknown> = fc.record(
  {
    Sid: fc.oneof(fc.constantFrom('A', 'B', 'A', 'AllowAll', ''), iamString, jsonScalar),
    Effect: fc.oneof({ arbitrary: fc.constantFrom('Allow', 'Deny'), weight: 8 }, { arbitrary: fc.constantFrom('allow', 'DENY', ''), weight: 1 }, { arbitrary: jsonScalar, weight: 1 }),
    Action: stringOrList,
    NotAction: stringOrList,
    Resource: stringOrList,
    NotResource: stringOrList,
    Principal: principal,
    NotPrincipal: principal,
    Condition: condition,
    Extra: jsonScalar,
  },
  { requiredKeys: [] },
);

/** Make the common case (Effect + Action + Resource, no Not*) likely, so rules go past their early exits. */
const policyStatement: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: statement, weight: 2 },
  {
    arbitrary: fc
      .tuple(statement, fc.constantFrom('Allow', 'Deny'), stringOrList, stringOrList, fc.boolean())
      .map(([s, Effect, Action, Resource, withPrincipal]) => {
        const { NotAction: _a, NotResource: _r, NotPrincipal: _p, Extra: _e, ...rest } = s as Record<string, unknown>;
        const out: Record<string, unknown> = { ...rest, Effect, Action, Resource };
        if (!withPrincipal) delete out.Principal;
        return out;
      }),
    weight: 3,
  },
);

export const policyObject: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.record(
      {
        Version: fc.oneof({ arbitrary: fc.constant('2012-10-17'), weight: 6 }, { arbitrary: fc.constantFrom('2008-10-17', '2012-10-18', ''), weight: 1 }, { arbitrary: jsonScalar, weight: 1 }),
        Id: iamString,
        Statement: fc.oneof({ arbitrary: fc.array(policyStatement, { maxLength: 5 }), weight: 5 }, { arbitrary: policyStatement, weight: 2 }, { arbitrary: jsonScalar, weight: 1 }),
      },
      { requiredKeys: ['Statement'] },
    ),
    weight: 8,
  },
  // Fragments: a bare statement or statement list.
  { arbitrary: policyStatement, weight: 1 },
  { arbitrary: fc.array(policyStatement, { minLength: 1, maxLength: 3 }), weight: 1 },
);

/** Text edits that break well-formed text: truncation, insertion, deletion, duplication. */
function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\n', '  ', '\t', '-', '!', '#', '```', '\\', '\u0000', 'Statement', '\r'));
  return fc.tuple(text, fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([t, edits, truncate]) => {
    let s = t;
    for (const [at, del, ins] of edits) {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return truncate && s.length > 0 ? s.slice(0, Math.floor(s.length / 2)) : s;
  });
}

const indent = fc.constantFrom<number | string | undefined>(undefined, 2, 4, '\t');

function json(value: unknown, space: number | string | undefined): string {
  return JSON.stringify(value, null, space) ?? 'null';
}

const policyJson = fc.tuple(policyObject, indent).map(([p, s]) => json(p, s));

const anyJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.jsonValue(), indent).map(([v, s]) => json(v, s)),
  fc.tuple(fc.anything(), indent).map(([v, s]) => {
    try {
      return json(v, s);
    } catch {
      return 'null';
    }
  }),
  fc.tuple(fc.dictionary(fc.constantFrom('Version', 'Statement', 'Id', 'Resources', 'format_version', 'RoleDetailList', 'AWSTemplateFormatVersion'), fc.jsonValue({ maxDepth: 3 })), indent).map(([v, s]) => json(v, s)),
  fc.string({ maxLength: 200 }),
  mutated(policyJson),
);

// YAML: values `__TAG<n>__` are replaced by CloudFormation short-tag expressions after stringify.
const SHORT_TAGS = [
  "!Sub 'arn:aws:s3:::${Bucket}/*'", '!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x', '!Ref Bucket', '!GetAtt Role.Arn',
  "!Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]", '!Join', '!Sub', '!Ref', "!If [Cond, '*', !Ref AWS::NoValue]", '!ImportValue X',
  '!Select [0, !GetAZs ""]', '!Split [",", "a,b"]', '!FindInMap [M, K, V]', '!Base64 x', '!Unknown x', '!!str x', '&a x', '*a',
  '!GetAtt', '!Sub [ "arn:aws:s3:::${B}", { B: !Ref Bucket } ]', '{ "Fn::Sub": "arn:aws:s3:::${Bucket}" }', '{ Ref: AWS::AccountId }',
];
const taggedString = fc.oneof({ arbitrary: iamString, weight: 4 }, { arbitrary: fc.nat({ max: SHORT_TAGS.length - 1 }).map((i) => `__TAG${i}__`), weight: 1 });

function withTags(text: string): string {
  return text.replace(/(['"]?)__TAG(\d+)__\1/g, (_m, _q, i: string) => SHORT_TAGS[Number(i)]);
}

/** Same shapes as policyObject, but some strings are short-tag expressions. */
const taggedPolicy: fc.Arbitrary<unknown> = fc.record(
  {
    Version: fc.constant('2012-10-17'),
    Statement: fc.array(
      fc.record(
        {
          Sid: taggedString,
          Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), taggedString),
          Action: fc.oneof(taggedString, fc.array(taggedString, { maxLength: 4 })),
          Resource: fc.oneof(taggedString, fc.array(taggedString, { maxLength: 4 })),
          Principal: fc.oneof(fc.constant('*'), fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated'), fc.oneof(taggedString, fc.array(taggedString, { maxLength: 3 })), { maxKeys: 2 })),
          Condition: fc.dictionary(fc.constantFrom(...OPERATORS), fc.dictionary(iamString, fc.oneof(taggedString, fc.array(taggedString, { maxLength: 3 })), { maxKeys: 2 }), { maxKeys: 2 }),
        },
        { requiredKeys: ['Effect'] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ['Statement'] },
);

const CFN_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::S3::BucketPolicy', 'AWS::SQS::QueuePolicy', 'AWS::KMS::Key', 'AWS::Lambda::Function', 'AWS::Serverless::Function', 'Custom::Thing', 'toString', 'constructor'];

const cfnTemplate: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.boolean(),
    fc.dictionary(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/),
      fc.record(
        {
          Type: fc.oneof({ arbitrary: fc.constantFrom(...CFN_TYPES), weight: 4 }, { arbitrary: iamString, weight: 1 }),
          Properties: fc.oneof(
            fc.record(
              {
                PolicyDocument: fc.oneof(taggedPolicy, policyObject),
                AssumeRolePolicyDocument: fc.oneof(taggedPolicy, policyObject),
                KeyPolicy: taggedPolicy,
                PolicyName: taggedString,
                Policies: fc.array(fc.record({ PolicyName: taggedString, PolicyDocument: fc.oneof(taggedPolicy, policyObject) }, { requiredKeys: [] }), { maxLength: 2 }),
                Policy: fc.constantFrom('AWSLambdaBasicExecutionRole', 'x'),
                Bucket: taggedString,
                PermissionsBoundary: taggedString,
              },
              { requiredKeys: [] },
            ),
            jsonScalar,
          ),
        },
        { requiredKeys: ['Type'] },
      ),
      { maxKeys: 3 },
    ),
    fc.boolean(),
  )
  .map(([withVersion, Resources, withTransform]) => ({
    ...(withVersion ? { AWSTemplateFormatVersion: '2010-09-09' } : {}),
    ...(withTransform ? { Transform: 'AWS::Serverless-2016-10-31' } : {}),
    Resources,
  }));

function yaml(value: unknown): string {
  try {
    return withTags(yamlStringify(value, { lineWidth: 0 }));
  } catch {
    return '';
  }
}

const YAML_UNITS = [...'abS:- \n\n  !&*[]{}#|>"\',?%@`\t'.split(''), 'Statement', 'Effect', 'Allow', 'Action', 'Resource', 'Resources', '!Sub', '!Ref', '---', '...', 'Type'];

export const yamlText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: cfnTemplate.map(yaml), weight: 4 },
  { arbitrary: fc.oneof(policyObject, taggedPolicy).map(yaml), weight: 3 },
  { arbitrary: mutated(cfnTemplate.map(yaml)), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom(...YAML_UNITS), { maxLength: 80 }).map((u) => u.join('')), weight: 2 },
  { arbitrary: fc.tuple(fc.array(cfnTemplate.map(yaml), { minLength: 2, maxLength: 3 })).map(([docs]) => docs.join('---\n')), weight: 1 },
  { arbitrary: fc.jsonValue().map(yaml), weight: 1 },
);

const fenceBody = fc.oneof(
  { arbitrary: policyJson, weight: 6 },
  { arbitrary: mutated(policyJson), weight: 2 },
  { arbitrary: cfnTemplate.map(yaml), weight: 1 },
  { arbitrary: fc.oneof(policyObject, taggedPolicy).map(yaml), weight: 1 },
  { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
);
const fence = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constant('```'), weight: 4 }, { arbitrary: fc.constantFrom('~~~', '````', '  ```', '    ```', '> ```', '- ```', '1. ```'), weight: 2 }),
    fc.oneof({ arbitrary: fc.constantFrom('json', ''), weight: 4 }, { arbitrary: fc.constantFrom('yaml', 'yml', 'jsonc', 'json5', 'iam', 'json {title="x"}', 'JSON'), weight: 1 }),
    fenceBody,
    fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
  )
  .map(([open, lang, body, closed]) => {
    const prefix = /^[^`~]*/.exec(open)?.[0] ?? '';
    const marker = open.slice(prefix.length);
    const bodyPrefix = prefix.replace(/[-\d.]/g, ' ');
    return `${open}${lang}\n${body.split('\n').map((l) => bodyPrefix + l).join('\n')}\n${closed ? bodyPrefix + marker : ''}\n`;
  });
const prose = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('# Title\n', '- item\n', '> quote\n', 'Some text with `inline` code.\n', '<!-- iamlint-disable -->\n', '\n'));

export const markdownText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.array(fc.oneof(fence, prose), { maxLength: 6 }).map((parts) => parts.join('\n\n')), weight: 5 },
  { arbitrary: mutated(fc.array(fc.oneof(fence, prose), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('\n'))), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom('```', '~~~', 'json', '\n', '{', '}', '"Statement"', ':', '[', ']', ' ', '`'), { maxLength: 60 }).map((u) => u.join('')), weight: 1 },
);

const file = (filePath: string, text: string): Input => ({ files: [{ filePath, text }] });

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/** The generated inputs, by property name. */
export const inputs: Readonly<Record<string, fc.Arbitrary<Input>>> = {
  json: anyJsonText.map((t) => file('x.json', t)),
  policy: fc.tuple(policyJson, fc.constantFrom('x.json', 'x.json', 'x.json', ...Object.keys(KIND_FILES))).map(([t, name]) => file(name, t)),
  'policy-set': fc.tuple(policyJson, policyJson, policyJson).map(([app, pb, trust]) => ({
    files: [
      { filePath: 'app.json', text: app },
      { filePath: 'pb.json', text: pb },
      { filePath: 'role-trust.json', text: trust },
    ],
  })),
  yaml: yamlText.map((t) => file('t.yaml', t)),
  markdown: markdownText.map((t) => file('d.md', t)),
};

export interface NamedProperty {
  readonly name: string;
  readonly property: fc.IPropertyWithHooks<[Input]>;
}

export const properties: readonly NamedProperty[] = Object.entries(inputs).map(([name, arb]) => ({
  name,
  property: fc.property(arb, (input) => checkInput(input)),
}));

// ---------------------------------------------------------------------------------------------
// CLI: npm run fuzz -- [--seconds N] [--property NAME] [--seed S --path P]
// ---------------------------------------------------------------------------------------------

function parseArgs(argv: string[]): { seconds: number; only?: string; seed?: number; path?: string } {
  const out: { seconds: number; only?: string; seed?: number; path?: string } = { seconds: 60 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--seconds') out.seconds = Number(value());
    else if (arg === '--property') out.only = value();
    else if (arg === '--seed') out.seed = Number(value());
    else if (arg === '--path') out.path = value();
    else throw new Error(`unknown argument ${arg} (use --seconds N, --property NAME, --seed S, --path P)`);
  }
  if (!(out.seconds > 0)) throw new Error('--seconds must be a positive number');
  return out;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  const selected = properties.filter((p) => args.only === undefined || p.name === args.only);
  if (selected.length === 0) throw new Error(`no property named ${args.only} (have: ${properties.map((p) => p.name).join(', ')})`);
  const replay = args.seed !== undefined;
  const budgetMs = (args.seconds * 1000) / selected.length;
  let total = 0;
  let failures = 0;
  for (const { name, property } of selected) {
    const seed = args.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
    const started = Date.now();
    const details = fc.check(property, {
      seed,
      ...(replay ? { path: args.path, numRuns: 1 } : { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false }),
    });
    const tried = details.numRuns + details.numSkips;
    total += tried;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (details.failed) {
      failures++;
      console.log(`✗ ${name}: failed after ${tried} inputs (${secs} s)`);
      console.log(`  error: ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)}`);
      console.log(`  counterexample: ${fc.stringify(details.counterexample)}`);
      console.log(`  replay: npm run fuzz -- --property ${name} --seed ${details.seed} --path "${details.counterexamplePath}"`);
    } else {
      console.log(`✓ ${name}: ${tried} inputs (${secs} s, seed ${seed})`);
    }
  }
  console.log(`${total} inputs tried, ${failures} failing ${failures === 1 ? 'property' : 'properties'}`);
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = main();
}
