// Worker entry for test/cli-parallel.test.ts: the command's sources, run through tsx. The built
// command uses bin/iamlint.js itself as its worker script.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
