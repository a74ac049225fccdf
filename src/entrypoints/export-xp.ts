// `npm run export-xp -- --format csv|tandem [FILE]`: every player's XP and coins in a file
// `import-xp` reads back (stdout without FILE), with `npm start`'s settings: with no DATABASE_URL, from
// the embedded PostgreSQL under DATA_DIR (the one `npm start` runs, or one started for the export).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { type ExportFormat, exportFormats, exportXp } from '../import-export/export-xp.ts';
import { createLogger } from '../logging/logger.ts';
import { provideCommandInfrastructure } from '../runtime/command-infrastructure.ts';

const { values, positionals } = parseArgs({
  options: { format: { type: 'string', default: 'tandem' } },
  allowPositionals: true,
});
const format = values.format as ExportFormat;
if (!exportFormats.includes(format) || positionals.length > 1) {
  process.stderr.write('usage: npm run export-xp -- --format csv|tandem [FILE]\n');
  process.exit(2);
}
const config = loadConfig();
// On stderr: without FILE the export itself is written to stdout.
const logger = createLogger(config.LOG_LEVEL, 'tandem-export-xp', config.LOG_FORMAT, pino.destination(2));
const infrastructure = await provideCommandInfrastructure(config, logger, { migrate: true });
const db = openDatabase(infrastructure.databaseUrl, 2);
try {
  const text = await exportXp(db, format);
  if (positionals[0]) await writeFile(positionals[0], text);
  else process.stdout.write(text);
} finally {
  await db.close();
  await infrastructure.stop();
}
