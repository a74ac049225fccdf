import type { Database } from '../db/database.ts';

export const exportFormats = ['csv', 'tandem'] as const;
export type ExportFormat = (typeof exportFormats)[number];

interface ExportedPlayer {
  discordId?: string;
  telegramId?: string;
  username?: string;
  xp: number;
  coins: number;
}

interface ExportRow {
  id: string;
  display_name: string;
  xp: number;
  balance: number;
  discord_id: string | null;
  telegram_id: string | null;
}

/** Players read per query: a big community is exported page by page, never held whole. */
const pageSize = 1000;

/**
 * Every live player with an identity, in a format `import-xp` reads back: Tandem's own JSON or a
 * CSV. Players without any platform identity cannot be matched on import and are left out.
 */
export async function exportXp(db: Database, format: ExportFormat, now = new Date()): Promise<string> {
  let text = '';
  for await (const chunk of exportXpChunks(db, format, now)) text += chunk;
  return text;
}

/** The export as pieces of text, a page of players each, to stream to a file or an HTTP answer. */
export async function* exportXpChunks(
  db: Database,
  format: ExportFormat,
  now = new Date(),
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield 'discord_id,telegram_id,username,xp,coins\n';
    for await (const page of playerPages(db))
      yield page
        .map(
          (p) =>
            `${[p.discordId ?? '', p.telegramId ?? '', csvCell(p.username ?? ''), p.xp, p.coins].join(',')}\n`,
        )
        .join('');
    return;
  }
  // JSON.stringify(file, null, 2) of the whole file, written a player at a time.
  const head = JSON.stringify({ format: 'tandem-xp', version: 1, exportedAt: now.toISOString() }, null, 2);
  yield `${head.slice(0, -2)},\n  "players": [`;
  let first = true;
  for await (const page of playerPages(db)) {
    yield page
      .map((p) => {
        const item = `${first ? '' : ','}\n    ${JSON.stringify(p, null, 2).replace(/\n/g, '\n    ')}`;
        first = false;
        return item;
      })
      .join('');
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

/** The players, highest XP first, a page at a time (keyset: a page costs the same deep in the list). */
async function* playerPages(db: Database): AsyncGenerator<ExportedPlayer[]> {
  let after: { xp: number; id: string } | null = null;
  for (;;) {
    const { rows } = await db.pool.query<ExportRow>(
      `SELECT p.id, p.display_name, p.xp, p.balance,
              max(i.platform_user_id) FILTER (WHERE i.platform = 'discord') AS discord_id,
              max(i.platform_user_id) FILTER (WHERE i.platform = 'telegram') AS telegram_id
         FROM players p JOIN identities i ON i.player_id = p.id
        WHERE $1::int IS NULL OR p.xp < $1 OR (p.xp = $1 AND p.id > $2::uuid)
        GROUP BY p.id ORDER BY p.xp DESC, p.id LIMIT $3`,
      [after?.xp ?? null, after?.id ?? null, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      ...(r.discord_id ? { discordId: r.discord_id } : {}),
      ...(r.telegram_id ? { telegramId: r.telegram_id } : {}),
      username: r.display_name,
      xp: r.xp,
      coins: r.balance,
    }));
    const last: ExportRow = rows[rows.length - 1]!;
    after = { xp: last.xp, id: last.id };
    if (rows.length < pageSize) return;
  }
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""').replace(/[\r\n]+/g, ' ')}"` : value;
}
