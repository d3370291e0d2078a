import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/engine/model.js';
import { actionEntryFor, coversAction } from '../../src/iam/statement.js';
import { parseJson } from '../../src/parsers/json.js';
import { normalizeDocument } from '../../src/parsers/normalize.js';

function statement(element: 'Action' | 'NotAction', actions: string | string[]): Statement {
  const r = parseJson(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [element]: actions, Resource: '*' }] }));
  if (!r.ok) throw new Error(r.error.message);
  return normalizeDocument(r.root, { id: 'p#0', filePath: 'p.json' }).statements[0]!;
}

/** Index of the entry actionEntryFor returns, -1 for the NotAction key, undefined for none. */
function entryIndex(stmt: Statement, action: string): number | undefined {
  const entry = actionEntryFor(stmt, action);
  if (entry === undefined) return undefined;
  return entry === stmt.action!.key ? -1 : stmt.action!.values.indexOf(entry);
}

describe('actionEntryFor', () => {
  it('returns the first entry in list order that matches, ignoring case', () => {
    expect(entryIndex(statement('Action', ['s3:*', 's3:GetObject']), 's3:GetObject')).toBe(0);
    expect(entryIndex(statement('Action', ['s3:GetObject', 's3:Get*']), 's3:GetObject')).toBe(0);
    expect(entryIndex(statement('Action', ['s3:List*', 'S3:GETOBJECT', 's3:Get*']), 's3:getobject')).toBe(1);
    expect(entryIndex(statement('Action', ['ec2:*', 's3:Put*', 's3:G?tObject', 's3:GetObject']), 'S3:GetObject')).toBe(2);
    expect(entryIndex(statement('Action', ['s3:GetObject', 's3:getobject']), 's3:GetObject')).toBe(0);
    expect(entryIndex(statement('Action', 's3:GetObject'), 's3:GetObjectAcl')).toBeUndefined();
    expect(entryIndex(statement('Action', ['*']), 'iam:PassRole')).toBe(0);
    // entries of other services are never tried; a wildcard service part may match any service
    expect(entryIndex(statement('Action', ['*:Get*', 's3:GetObject']), 's3:GetObject')).toBe(0);
    expect(entryIndex(statement('Action', ['s3:Put*', 'ec2:*', '*']), 'EC2:RunInstances')).toBe(1);
    expect(entryIndex(statement('Action', ['s3:Put*', 'e?2:Run*', 'ec2:*']), 'ec2:RunInstances')).toBe(1);
    expect(entryIndex(statement('Action', ['ec2:Describe*', 'ec2:*', 's*']), 'ec2:RunInstances')).toBe(1);
    expect(entryIndex(statement('Action', ['s3:*', 's3*']), 's3x:Get')).toBe(1);
    expect(entryIndex(statement('Action', ['s3:*']), 's3')).toBeUndefined();
  });

  it('NotAction: the key when the action is not excluded, nothing when it is', () => {
    const stmt = statement('NotAction', ['iam:*', 'S3:Delete*']);
    expect(entryIndex(stmt, 's3:GetObject')).toBe(-1);
    expect(entryIndex(stmt, 's3:DeleteObject')).toBeUndefined();
    expect(entryIndex(stmt, 'IAM:PassRole')).toBeUndefined();
    expect(coversAction(stmt, 'ec2:RunInstances')).toBe(true);
  });

  it('answers the same for a statement asked many times (its index is built once)', () => {
    const stmt = statement('Action', ['s3:Get*', 'ec2:Describe*', 's3:PutObject']);
    for (let i = 0; i < 3; i++) {
      expect([entryIndex(stmt, 's3:PutObject'), entryIndex(stmt, 'ec2:DescribeVpcs'), entryIndex(stmt, 's3:GetBucketPolicy'), entryIndex(stmt, 'iam:GetRole')]).toEqual([2, 1, 0, undefined]);
    }
  });
});
