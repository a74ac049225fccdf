// `npm run import-xp -- --from mee6|csv|tandem FILE [--dry-run] [--mode add|replace]`: brings
// players' XP and coins over from another bot's export (or Tandem's own), with `npm start`'s settings:
// with no DATABASE_URL or REDIS_URL, on the embedded servers under DATA_DIR (those `npm start` runs,
// or, when it is not running, ones started for the import and stopped after).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { formatImportReport } from '../import-export/format-report.ts';
import { type ImportFormat, InvalidImportFileError, importFormats } from '../import-export/import-rows.ts';
import { importXp } from '../import-export/import-xp.ts';
import { createLogger } from '../logging/logger.ts';
import { provideCommandInfrastructure } from '../runtime/command-infrastructure.ts';
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
const text = await readFile(positionals[0]!, 'utf8').catch((error: NodeJS.ErrnoException) => {
  process.stderr.write(`cannot read ${positionals[0]}: ${error.code ?? error.message}\n`);
  process.exit(2);
});
// On stderr: the report on stdout stays the command's output.
const logger = createLogger(config.LOG_LEVEL, 'tandem-import-xp', config.LOG_FORMAT, pino.destination(2));
const infrastructure = await provideCommandInfrastructure(config, logger, { migrate: true });
const services = openConfiguredServices(config, infrastructure, logger);
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
  await infrastructure.stop();
}
process.exit(status);
