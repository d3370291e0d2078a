// Build steps after tsc (npm run build), all for speed (docs/performance.md):
// 0. compact the AWS service data into dist/data/ (src/iam/data-store.ts): one small file per
//    service instead of three pretty-printed ones with descriptions;
// 1. precompile the config schema pieces of the built-in rules into dist/engine/validators/*.cjs
//    with ajv's standalone code generator, so that iamlint never compiles a JSON schema at
//    start-up (see src/engine/config-validators.ts for how they are used);
// 2. bundle the command (dist/cli/bin.js and every module it imports, dependencies excluded)
//    into one CommonJS file, dist/cli/iamlint.cjs, which bin/iamlint.js runs: one file to read
//    and compile instead of ~120 ES modules to resolve and link. The library entry
//    (dist/index.js) stays unbundled;
// 3. save V8's code cache for the bundle after a run on examples/ (dist/cli/iamlint.cjs.cache),
//    which bin/iamlint.js hands to V8 so that a run compiles almost nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// from import.meta.url (../../package.json, ../engine/validators/, ../data/) points at the same file.
const bundle = fileURLToPath(new URL('cli/iamlint.cjs', dist));
rmSync(`${bundle}.cache`, { force: true });
await build({
  entryPoints: [fileURLToPath(new URL('cli/bin.js', dist))],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  // The modules are ES modules; in one CommonJS file import.meta.url is the bundle's own URL.
  define: { 'import.meta.url': '__iamlintModuleUrl' },
  banner: { js: 'const __iamlintModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// bin.js starts with a #! line, which V8 accepts only at the very start of a script: the
// launcher wraps the bundle in a function, so drop it.
writeFileSync(bundle, readFileSync(bundle, 'utf8').replace(/^#!.*\n/, ''));

// 3. code cache: run the command once, as a user would, and save what V8 compiled.
const root = fileURLToPath(new URL('..', import.meta.url));
const run = spawnSync(process.execPath, ['bin/iamlint.js', 'examples/', '--format', 'json'], { cwd: root, env: { ...process.env, IAMLINT_WRITE_CODE_CACHE: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
if (run.status !== 0 && run.status !== 1) throw new Error(`postbuild: the code-cache run of bin/iamlint.js exited with ${run.status}`);
// V8 rejects a cache made under other flags (its flag hash differs): bin.ts leaves the heap flags
// alone in this run for that reason. Check that a fresh process accepts the cache.
const check = spawnSync(
  process.execPath,
  ['-e', `const {Script}=require('node:vm');const fs=require('node:fs');const {wrap}=require('node:module');const f=${JSON.stringify(bundle)};process.exit(new Script(wrap(fs.readFileSync(f,'utf8')),{filename:f,cachedData:fs.readFileSync(f+'.cache')}).cachedDataRejected?3:0)`],
  { stdio: 'inherit' },
);
if (check.status !== 0) throw new Error('postbuild: V8 rejects the code cache just written (dist/cli/iamlint.cjs.cache)');
