/**
 * node:crypto, loaded on first use: its load costs every run a few ms, and only SARIF
 * fingerprints and `--cache` need it. Loaded once, however many hashes follow.
 */
import { createRequire } from 'node:module';

let loaded: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  loaded ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return loaded;
}
