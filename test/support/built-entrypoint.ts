import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const checkout = resolve(import.meta.dirname, '..', '..');
let built = false;

/**
 * The compiled entrypoint `npm run <name>` runs (`dist/entrypoints/<name>.js`), rebuilt first if a
 * source changed since the last build, so a process test runs the code as it is now. Relative to
 * the checkout, where the tests spawn their processes.
 */
export function builtEntrypoint(name: string): string {
  if (!built) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: checkout, stdio: 'ignore' });
    built = true;
  }
  return `dist/entrypoints/${name}.js`;
}
