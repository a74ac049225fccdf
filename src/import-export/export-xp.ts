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

/**
 * Every live player with an identity, in a format `import-xp` reads back: Tandem's own JSON or a
 * CSV. Players without any platform identity cannot be matched on import and are left out.
 */
export async function exportXp(db: Database, format: ExportFormat, now = new Date()): Promise<string> {
  const { rows } = await db.pool.query<{
    display_name: string;
    xp: number;
    balance: number;
    discord_id: string | null;
    telegram_id: string | null;
  }>(
    `SELECT p.display_name, p.xp, p.balance,
            max(i.platform_user_id) FILTER (WHERE i.platform = 'discord') AS discord_id,
            max(i.platform_user_id) FILTER (WHERE i.platform = 'telegram') AS telegram_id
       FROM players p JOIN identities i ON i.player_id = p.id
      GROUP BY p.id ORDER BY p.xp DESC, p.id`,
  );
  const players: ExportedPlayer[] = rows.map((r) => ({
    ...(r.discord_id ? { discordId: r.discord_id } : {}),
    ...(r.telegram_id ? { telegramId: r.telegram_id } : {}),
    username: r.display_name,
    xp: r.xp,
    coins: r.balance,
  }));
  if (format === 'tandem')
    return `${JSON.stringify({ format: 'tandem-xp', version: 1, exportedAt: now.toISOString(), players }, null, 2)}\n`;
  const lines = ['discord_id,telegram_id,username,xp,coins'];
  for (const p of players)
    lines.push([p.discordId ?? '', p.telegramId ?? '', csvCell(p.username ?? ''), p.xp, p.coins].join(','));
  return `${lines.join('\n')}\n`;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""').replace(/[\r\n]+/g, ' ')}"` : value;
}
