// Prints the SQL that builds a schema.prisma from an empty database, using Prisma 6.19's WASM
// schema engine (Prisma 7's CLI needs a native engine that cannot be downloaded here). Used to write
// new migrations and by the drift test, which compares that SQL's database with the migrations' one.
//   node scripts/schema-sql.mjs [prisma/schema.prisma] > prisma/migrations/<ts>_<name>/migration.sql
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');

// The WASM engine opens a connection through the adapter even for a diff from empty, so it needs a
// reachable database; it reads nothing from it.
export function schemaSql(
  schemaPath = join(root, 'prisma/schema.prisma'),
  databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-schema-'));
  // Prisma 6 wants a url in the schema; with an adapter configured it goes unused.
  const schema = readFileSync(schemaPath, 'utf8').replace(
    /provider = "postgresql"/,
    'provider = "postgresql"\n  url = "postgresql://localhost/unused"',
  );
  writeFileSync(join(dir, 'schema.prisma'), schema);
  const adapter = pathToAdapter();
  writeFileSync(
    join(dir, 'prisma.config.mjs'),
    `import { PrismaPg } from ${JSON.stringify(adapter)};
export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  adapter: async () => new PrismaPg({ connectionString: ${JSON.stringify(databaseUrl)} }),
};
`,
  );
  return execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/prisma6/build/index.js'),
      'migrate',
      'diff',
      '--config',
      'prisma.config.mjs',
      '--from-empty',
      '--to-schema-datamodel',
      'schema.prisma',
      '--script',
    ],
    {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      // The WASM engine does the work; the CLI only checks that a native library file exists.
      env: {
        ...process.env,
        PRISMA_QUERY_ENGINE_LIBRARY: fileURLToPath(import.meta.url),
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
    },
  );
}

function pathToAdapter() {
  return join(root, 'node_modules/@prisma/adapter-pg/dist/index.mjs');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(schemaSql(process.argv[2]));
}
