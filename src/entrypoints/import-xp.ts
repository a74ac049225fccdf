// `npm run import-xp -- --from mee6|csv|tandem FILE [--dry-run] [--mode add|replace]`: brings
// players' XP and coins over from another bot's export (or Tandem's own), with `npm start`'s settings.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { formatImportReport } from '../import-export/format-report.ts';
import { type ImportFormat, InvalidImportFileError, importFormats } from '../import-export/import-rows.ts';
import { importXp } from '../import-export/import-xp.ts';
import { createLogger } from '../logging/logger.ts';
import { openConfiguredServices } from '../runtime/sync-runtime.ts';

const usage = 'usage: npm run import-xp -- --from mee6|csv|tandem FILE [--dry-run] [--mode add|replace]';
const { values, positionals } = parseArgs({
  options: { from: { type: 'string' }, 'dry-run': { type: 'boolean' }, mode: { type: 'string' } },
  allowPositionals: true,
});
const format = values.from as ImportFormat;
const mode = (values.mode ?? 'add') as 'add' | 'replace';
if (!importFormats.includes(format) || positionals.length !== 1 || !['add', 'replace'].includes(mode)) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
const config = loadConfig();
if (!config.DATABASE_URL || !config.REDIS_URL) {
  process.stderr.write('Set DATABASE_URL and REDIS_URL to the database and Redis Tandem runs on.\n');
  process.exit(2);
}
const text = await readFile(positionals[0]!, 'utf8').catch((error: NodeJS.ErrnoException) => {
  process.stderr.write(`cannot read ${positionals[0]}: ${error.code ?? error.message}\n`);
  process.exit(2);
});
const logger = createLogger(config.LOG_LEVEL, 'tandem-import-xp', config.LOG_FORMAT);
const services = openConfiguredServices(
  config,
  { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL },
  logger,
);
let status = 0;
try {
  const dryRun = values['dry-run'] ?? false;
  const report = await importXp(services, { format, text, mode, dryRun });
  process.stdout.write(formatImportReport(report, dryRun));
  if (report.counts.refused > 0) status = 1;
} catch (error) {
  if (!(error instanceof InvalidImportFileError)) throw error;
  process.stdout.write(`refused file: ${error.message}\nnothing was written\n`);
  status = 1;
} finally {
  await services.close();
}
process.exit(status);
