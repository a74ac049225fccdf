// Runs `prisma generate` (postinstall). Prisma 7's CLI insists on finding its native schema engine,
// which it downloads from Prisma's servers; generation never uses it, so on a machine without that
// download we point the CLI at a file that exists and let it go on.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
