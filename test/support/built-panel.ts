import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built panel the API serves at `/admin`. */
export const adminDistDir = fileURLToPath(new URL('../../admin/dist', import.meta.url));

/** Fails at once with what to do when the panel was never built (the API would serve a notice page). */
export function requireBuiltPanel(): void {
  if (!existsSync(join(adminDistDir, 'index.html'))) {
    throw new Error(
      `The admin panel is not built (${adminDistDir}/index.html is missing): run \`npm run build -w admin\` ` +
        '(npm install does it) before the browser tests.',
    );
  }
}

/**
 * A copy of the built panel for one test file: rebuilding the panel while tests run (vite empties
 * `admin/dist` first) must not pull files away from under an open page. Copied again until every
 * file the copy refers to is in it (a copy taken mid-build is not).
 */
export async function snapshotPanel(): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    // No folder: never built. A folder without index.html: a build is writing it, wait for it.
    if (!existsSync(adminDistDir)) requireBuiltPanel();
    const copy = await mkdtemp(join(tmpdir(), 'tandem-panel-'));
    const complete = await cp(adminDistDir, copy, { recursive: true })
      .then(() => panelComplete(copy))
      .catch(() => false);
    if (complete) return copy;
    await rm(copy, { recursive: true, force: true });
    if (Date.now() > deadline) {
      throw new Error(`${adminDistDir} stayed incomplete for 20 s: run \`npm run build -w admin\` again.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function panelComplete(dir: string): Promise<boolean> {
  const assets = new Set(await readdir(join(dir, 'assets')));
  const texts = [await readFile(join(dir, 'index.html'), 'utf8')];
  for (const file of assets)
    if (file.endsWith('.js')) texts.push(await readFile(join(dir, 'assets', file), 'utf8'));
  const referenced = texts.flatMap((text) =>
    [...text.matchAll(/(?:assets\/|["']\.\/)([\w-]+\.(?:js|css))\b/g)].map((match) => match[1]!),
  );
  return referenced.length > 0 && referenced.every((file) => assets.has(file));
}
