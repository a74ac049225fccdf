import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';

let world: AdminApiWorld;
let distDir: string;
beforeAll(async () => {
  distDir = await mkdtemp(path.join(tmpdir(), 'tandem-admin-dist-'));
  world = await openAdminApiWorld({ api: { adminDistDir: distDir } });
});
afterAll(async () => {
  await world?.stop();
  await rm(distDir, { recursive: true, force: true });
});

describe('the panel at /admin', () => {
  it('says how to build it while admin/dist is missing', async () => {
    const response = await world.call('/admin/');
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/not built yet[\s\S]*npm run build -w admin/);
  });

  it('serves the built app, its hashed assets cached for good, index.html for any other path', async () => {
    await mkdir(path.join(distDir, 'assets'), { recursive: true });
    await writeFile(path.join(distDir, 'index.html'), '<!doctype html><title>Tandem admin</title>');
    await writeFile(path.join(distDir, 'assets', 'index-abc123.js'), 'console.log("panel")');

    const index = await world.call('/admin/');
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toMatch(/Tandem admin/);

    const asset = await world.call('/admin/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const deep = await world.call('/admin/players/42/show');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toMatch(/Tandem admin/);
  });

  it('is where the site root leads', async () => {
    const root = await world.call('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/admin/');
  });
});
