import { formatNumber, nameAsIs, type ShowName } from '../core/text-format.ts';
import type { LeaderboardRow } from '../players/top-players.ts';

const medals = ['🥇', '🥈', '🥉'];

/** `/top`. Rank names are the admins' own text; player names go through `showName`. */
export function topReply(rows: readonly LeaderboardRow[], showName: ShowName = nameAsIs): string {
  if (rows.length === 0) {
    return 'Nobody has earned XP yet. Be the first: chat, play or claim your /daily bonus!';
  }
  const lines = rows.map((row) => {
    const place = medals[row.position - 1] ?? `${row.position}.`;
    const rank = row.rankName ? ` · ${row.rankName}` : '';
    return `${place} ${showName(row.displayName)}: ${formatNumber(row.xp)} XP${rank}`;
  });
  return ['🏆 Top players', ...lines].join('\n');
}
