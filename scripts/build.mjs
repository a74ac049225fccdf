#!/usr/bin/env node
// Compiles Tandem's entrypoints to plain JavaScript in dist/entrypoints/, one file each, so the
// processes run without a transpiler (less memory, faster start). Run at install (postinstall) and
// by `npm start` and the other `npm run` commands when a source is newer than the build; takes
// about a second.
//
//   node scripts/build.mjs            build
//   node scripts/build.mjs --if-stale build only when a source changed since the last build
//
// Each bundle holds Tandem's own modules and the emulators workspace; every other package stays an
// import from node_modules, loaded as it is. A module that reads a file next to it (the migrations,
// the admin panel's build, the Mini App and sandbox pages, the Prisma client's runtime) still finds
// it: its `import.meta.url` is rewritten to its source file's address, so the files are read where
// they are in the checkout and are never copied.
//
// Stack traces name lines of the bundles; with NODE_OPTIONS=--enable-source-maps Node maps them back
// to the sources (each bundle has its map beside it; off by default, since it costs memory).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'entrypoints');
const entrypointDir = join(root, 'src', 'entrypoints');
/** Written last: the build is complete only when this exists, and its time is the build's. */
const stamp = join(outdir, '.built');
/** Where the bundled code comes from: a change under one of these makes the build stale. */
const sourceDirs = ['src', 'packages/emulators/src'].map((dir) => join(root, dir));

// An image installs its dependencies before it copies the sources in, and builds after.
if (!existsSync(entrypointDir)) {
  console.log('no sources to build yet (src/entrypoints is missing): skipped');
  process.exit(0);
}
const entrypoints = readdirSync(entrypointDir)
  .filter((file) => file.endsWith('.ts') && !file.includes('.test.'))
  .map((file) => join(entrypointDir, file));

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const started = Date.now();
const { build } = await import('esbuild');
const result = await build({
  entryPoints: entrypoints,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
  plugins: [externalPackages(), sourceRelativeImportMeta()],
});
// Each file is written aside and renamed into place: a process starting meanwhile (or a second
// build running at the same time) reads a whole old file or a whole new one, never half of one.
mkdirSync(outdir, { recursive: true });
for (const file of result.outputFiles) {
  const aside = `${file.path}.${process.pid}.tmp`;
  writeFileSync(aside, file.contents);
  renameSync(aside, file.path);
}
// Stamped with the time the build began: a source saved during the build makes the next start rebuild.
writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
utimesSync(stamp, new Date(started), new Date(started));
const ms = Date.now() - started;
console.log(`built ${entrypoints.length} entrypoints into ${relative(root, outdir)}/ in ${ms} ms`);

/** Packages load from node_modules at run time; only the emulators workspace (TypeScript) is bundled. */
function externalPackages() {
  return {
    name: 'external-packages',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
        args.path.startsWith('@tandem/') ? undefined : { path: args.path, external: true },
      );
    },
  };
}

/**
 * `import.meta.url` and `import.meta.dirname` in a bundled module name the source file it came
 * from, not the bundle: the files a module reads relative to itself stay where they are.
 */
function sourceRelativeImportMeta() {
  return {
    name: 'source-relative-import-meta',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.')) return { contents: source, loader: 'ts' };
        const fromBundle = relative(outdir, args.path).split('\\').join('/');
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        const dir = `__sourceFileToPath(new URL(${JSON.stringify(dirname(fromBundle))}, import.meta.url))`;
        // The import goes last (imports are hoisted) so the source map's lines stay right.
        const contents = `${source.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', dir)}
import { fileURLToPath as __sourceFileToPath } from 'node:url';\n`;
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** True when there is no complete build or a source file changed after it. */
function isStale() {
  let builtAt;
  try {
    builtAt = statSync(stamp).mtimeMs;
  } catch {
    return true;
  }
  const newer = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return newer(path);
      return statSync(path).mtimeMs > builtAt;
    });
  return sourceDirs.some(newer) || statSync(join(root, 'package-lock.json')).mtimeMs > builtAt;
}
