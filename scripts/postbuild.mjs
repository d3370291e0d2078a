// Build steps after tsc (npm run build), all for speed (docs/performance.md):
// 0. compact the AWS service data into dist/data/ (src/iam/data-store.ts): one small file per
//    service instead of three pretty-printed ones with descriptions;
// 1. precompile the config schema pieces of the built-in rules into dist/engine/validators/*.cjs
//    with ajv's standalone code generator, so that iamlint never compiles a JSON schema at
//    start-up (see src/engine/config-validators.ts for how they are used);
// 2. bundle the command (dist/cli/bin.js and every module it imports, dependencies excluded)
//    into dist/cli/iamlint.js, which bin/iamlint.js runs: one file to read and compile instead of
//    ~120 modules to resolve. The library entry (dist/index.js) stays unbundled.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const dist = new URL('../dist/', import.meta.url);

// 0. service data
const { writeCompactStore } = await import('../dist/iam/data-store.js');
writeCompactStore(fileURLToPath(new URL('data/', dist)));

// 1. validators
const { Ajv2020 } = require('ajv/dist/2020.js');
const standaloneCode = require('ajv/dist/standalone/index.js').default;
const { baseConfigSchema, precompiledName } = await import('../dist/engine/config-validators.js');
const { ruleEntrySchema } = await import('../dist/engine/config-schema.js');
const { builtinRules } = await import('../dist/rules/index.js');
const validators = new URL('engine/validators/', dist);
rmSync(validators, { recursive: true, force: true });
mkdirSync(validators, { recursive: true });
const pieces = [['config', baseConfigSchema(builtinRules)], ...builtinRules.map((rule) => [precompiledName(rule), ruleEntrySchema(rule)])];
for (const [name, schema] of pieces) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  writeFileSync(new URL(`${name}.cjs`, validators), `${code}\nmodule.exports.schemaJson = ${JSON.stringify(JSON.stringify(schema))};\n`);
}

// 2. bundle. It sits in dist/cli/ like the modules it replaces, so every path a module builds
// from import.meta.url (../../package.json, ../engine/validators/) points at the same file.
await build({
  entryPoints: [fileURLToPath(new URL('cli/bin.js', dist))],
  outfile: fileURLToPath(new URL('cli/iamlint.js', dist)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
