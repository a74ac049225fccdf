import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const root = new URL('../../', import.meta.url);
const readJson = (name: string) => JSON.parse(readFileSync(new URL(name, root), 'utf8'));

describe('the lock file', () => {
  it('holds only packages that run on the oldest Node version package.json names', () => {
    const manifest = readJson('package.json') as { engines: { node: string } };
    const lock = readJson('package-lock.json') as { packages: Record<string, LockedPackage> };
    const oldest = semver.minVersion(manifest.engines.node)?.version;
    expect(oldest).toBeDefined();
    const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
      const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!path || !wanted || semver.satisfies(oldest!, wanted, { includePrerelease: true })) return [];
      return [`${path}@${entry.version} wants Node ${wanted}`];
    });
    expect(refusing).toEqual([]);
  });
});
