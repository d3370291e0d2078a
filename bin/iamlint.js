#!/usr/bin/env node
// The command, bundled by npm run build (scripts/postbuild.mjs): one file to load.
import '../dist/cli/iamlint.js';
