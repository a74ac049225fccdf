import { z } from 'zod';
import {
  amount,
  type ImportFormat,
  type ImportRow,
  InvalidImportFileError,
  platformUserId,
  rowError,
} from './import-rows.ts';

const username = z.string().max(100).optional();

const mee6Player = z.looseObject({
  id: platformUserId,
  username,
  xp: amount,
  level: z.number().int().min(0).optional(),
  message_count: z.number().int().min(0).optional(),
  detailed_xp: z.array(z.number()).optional(),
});

export const tandemPlayer = z
  .object({
    discordId: platformUserId.optional(),
    telegramId: platformUserId.optional(),
    username: username.nullable(),
    xp: amount,
    coins: amount.default(0),
  })
  .refine((p) => p.discordId || p.telegramId, { message: 'needs a discordId or a telegramId' });

const csvRow = z
  .object({
    discord_id: platformUserId.optional(),
    telegram_id: platformUserId.optional(),
    username,
    xp: amount,
    coins: amount.default(0),
  })
  .refine((r) => r.discord_id || r.telegram_id, { message: 'needs a discord_id or a telegram_id' });

/** Every row of a file, or the first reason it cannot be imported (with its line or entry). */
export function parseImportFile(format: ImportFormat, text: string): ImportRow[] {
  if (format === 'csv') return parseCsv(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidImportFileError(`not valid JSON: ${(error as Error).message}`);
  }
  const players = (json as { players?: unknown } | null)?.players;
  if (!Array.isArray(players)) throw new InvalidImportFileError('the file has no "players" array');
  if (format === 'tandem' && (json as { format?: unknown }).format !== 'tandem-xp')
    throw new InvalidImportFileError('not a Tandem export: "format" is not "tandem-xp"');
  return players.map((entry, index) => {
    const where = `entry ${index}`;
    if (format === 'mee6') {
      const p = mee6Player.safeParse(entry);
      if (!p.success) throw rowError(where, p.error);
      return { where, discordId: p.data.id, username: p.data.username, xp: p.data.xp, coins: 0 };
    }
    const p = tandemPlayer.safeParse(entry);
    if (!p.success) throw rowError(where, p.error);
    return {
      where,
      discordId: p.data.discordId,
      telegramId: p.data.telegramId,
      username: p.data.username ?? undefined,
      xp: p.data.xp,
      coins: p.data.coins,
    };
  });
}

function parseCsv(text: string): ImportRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  if (!header.includes('xp')) throw new InvalidImportFileError('line 1: the header has no "xp" column');
  if (!header.includes('discord_id') && !header.includes('telegram_id'))
    throw new InvalidImportFileError('line 1: the header needs a "discord_id" or "telegram_id" column');
  const rows: ImportRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 2}`;
    const cells = splitCsvLine(line);
    const record: Record<string, unknown> = {};
    header.forEach((name, column) => {
      const cell = cells[column]?.trim() ?? '';
      if (cell === '') return;
      record[name] = name === 'xp' || name === 'coins' ? Number(cell) : cell;
    });
    const r = csvRow.safeParse(record);
    if (!r.success) throw rowError(where, r.error);
    rows.push({
      where,
      discordId: r.data.discord_id,
      telegramId: r.data.telegram_id,
      username: r.data.username,
      xp: r.data.xp,
      coins: r.data.coins,
    });
  });
  return rows;
}

/** One CSV line's cells; a quoted cell may hold commas and doubled quotes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  return cells;
}
