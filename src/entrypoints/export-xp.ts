// `npm run export-xp -- --format csv|tandem [FILE]`: every player's XP and coins in a file
// `import-xp` reads back (stdout without FILE), with `npm start`'s settings.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { type ExportFormat, exportFormats, exportXp } from '../import-export/export-xp.ts';

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
if (!config.DATABASE_URL) {
  process.stderr.write('Set DATABASE_URL to the database Tandem runs on.\n');
  process.exit(2);
}
const db = openDatabase(config.DATABASE_URL, 2);
try {
  const text = await exportXp(db, format);
  if (positionals[0]) await writeFile(positionals[0], text);
  else process.stdout.write(text);
} finally {
  await db.close();
}
