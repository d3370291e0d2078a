#!/usr/bin/env node
'use strict';
// The iamlint command. npm run build bundles it into dist/cli/iamlint.cjs (scripts/postbuild.mjs)
// and saves V8's compiled code for it in dist/cli/iamlint.cjs.cache, which this launcher hands to
// V8 so that a run compiles almost nothing (a pre-commit hook pays start-up on every commit).
// A cache made by another Node.js version is rejected by V8 and the bundle is compiled as usual.
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'cli', 'iamlint.cjs');
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache (not built yet by postbuild): compile as usual
}
const script = new Script(wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData, importModuleDynamically: undefined });
// Code run through vm.Script cannot use import() (it has no module loader of its own): rule
// plugins that are ES modules are imported through this module instead (src/engine/plugins.ts).
globalThis[Symbol.for('iamlint.import')] = (url) => import(url);
if (process.env.IAMLINT_WRITE_CODE_CACHE === '1') {
  // Build step only: save the code compiled during this run (see scripts/postbuild.mjs).
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, createRequire(bundle), module_, bundle, dirname(bundle));
