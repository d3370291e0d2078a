/**
 * The compact store written at build time (dist/data/) holds exactly what the package's own files
 * hold: written here into a temporary directory with the build's own function, then every service
 * and index entry is compared with the records made from the package's files.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servicePart, storeIndex, useStore, writeCompactStore, type StoreIndex } from '../../src/iam/data-store.js';

const dir = mkdtempSync(join(tmpdir(), 'iamlint-store-'));
afterAll(() => {
  useStore(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('compact service data store', () => {
  const written = writeCompactStore(dir);

  it('writes one file per service and an index, far smaller than the package data', () => {
    useStore(null);
    const services = storeIndex('services');
    expect(services.length).toBeGreaterThan(400);
    expect(written.services).toBe(services.length);
    expect(readdirSync(join(dir, 'services')).sort()).toEqual(services.map((s) => `${s}.json`).sort());
    expect(statSync(join(dir, 'index.json')).isFile()).toBe(true);
    expect(written.bytes).toBeLessThan(6_000_000); // the package's pretty-printed files: ~15 MB
  });

  it('gives the same records as the package files, for every service and index entry', () => {
    useStore(null);
    const keys: (keyof StoreIndex)[] = ['version', 'updatedAt', 'services', 'serviceNames', 'unassociatedConditions', 'rcpSupportedServices', 'globalKeys'];
    const services = storeIndex('services');
    const fromPackage = {
      index: Object.fromEntries(keys.map((k) => [k, storeIndex(k)])),
      services: services.map((s) => [servicePart(s, 'actions'), servicePart(s, 'resourceTypes'), servicePart(s, 'conditionKeys')]),
    };
    useStore(dir);
    const fromStore = {
      index: Object.fromEntries(keys.map((k) => [k, storeIndex(k)])),
      services: services.map((s) => [servicePart(s, 'actions'), servicePart(s, 'resourceTypes'), servicePart(s, 'conditionKeys')]),
    };
    expect(fromStore).toEqual(fromPackage);
    expect((fromStore.index.globalKeys as unknown[]).length).toBeGreaterThan(30);
    expect(fromStore.services.find((_, i) => services[i] === 's3')![0].find((a) => a[0] === 'GetObject')).toEqual(['GetObject', 'Read', expect.any(Array), expect.any(Array), expect.any(Array)]);
  });
});
