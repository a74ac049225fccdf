// `npm run migrate`: applies pending migrations and seeds the default ranks and achievements.
// Interchangeable with `prisma migrate deploy` (same bookkeeping table).

import { seedEconomyDefaults } from '../catalog/seed.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { applyMigrations } from '../db/migrations.ts';
import { createLogger } from '../logging/logger.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'tandem-migrate', config.LOG_FORMAT);
if (!config.DATABASE_URL) {
  logger.fatal(
    'Set DATABASE_URL to the database to migrate (`npm start` migrates its embedded one by itself).',
  );
  process.exit(2);
}
// PostgreSQL itself: the runner holds a session lock across its transactions, which a pooler in
// transaction mode would not keep on one server connection.
const directUrl = config.DATABASE_DIRECT_URL ?? config.DATABASE_URL;
const applied = await applyMigrations(directUrl);
const db = openDatabase(directUrl, 2);
const seeded = await seedEconomyDefaults(db.prisma);
await db.close();
logger.info({ applied, seeded }, applied.length ? 'migrations applied' : 'database already up to date');
