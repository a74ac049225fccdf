import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The folder rules live in .dependency-cruiser.cjs (also run by `npm run structure`).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config: IConfiguration = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs'));

async function violationsIn(dirs: string[], baseDir = root): Promise<string[]> {
  const { output } = await cruise(dirs, {
    ...config.options,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    baseDir,
    outputType: 'json',
  });
  const result = (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult;
  return result.summary.violations.map(
    (v) =>
      `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`,
  );
}

describe('the import graph', () => {
  it('keeps every rule: no loop between folders or files, shared code in core, features under the surfaces', async () => {
    expect(await violationsIn(['src', 'packages/emulators/src'])).toEqual([]);
  }, 60_000);

  it('catches a loop between two folders (the rules are not vacuous)', async () => {
    const violations = await violationsIn(['src'], path.join(root, 'test/structure/fixtures/looped'));
    expect(violations.some((v) => v.startsWith('no-loops-between-folders:'))).toBe(true);
    expect(violations.some((v) => v.startsWith('no-loops-between-files:'))).toBe(true);
  }, 60_000);

  it("catches a feature taking a shared mechanism (an error class) from another feature's folder", async () => {
    const violations = await violationsIn(['src'], path.join(root, 'test/structure/fixtures/borrowed'));
    expect(violations).toEqual([
      'shared-mechanisms-come-from-core: src/earning/claim.ts -> src/linking/errors.ts',
    ]);
  }, 60_000);
});
