import { formatUtc, nameAsIs, type ShowName } from '../core/text-format.ts';
import type { LeaderboardRow } from '../players/top-players.ts';
import type { Translate } from '../texts/texts.ts';

const medals = ['🥇', '🥈', '🥉'];

/** `/top`. Rank names are the admins' own text; player names go through `showName`. */
export function topReply(
  t: Translate,
  rows: readonly LeaderboardRow[],
  showName: ShowName = nameAsIs,
): string {
  if (rows.length === 0) return t('reply.top.empty');
  const lines = rows.map((row) => {
    const place = medals[row.position - 1] ?? `${row.position}.`;
    const shown = { place, player: showName(row.displayName), xp: row.xp };
    return row.rankName
      ? t('reply.top.rowRanked', { ...shown, rank: row.rankName })
      : t('reply.top.row', shown);
  });
  return [t('reply.top.title'), ...lines].join('\n');
}

/** `/top season`: the running season's leaders by XP gained in it; rank names belong to lifetime XP. */
export function seasonTopReply(
  t: Translate,
  season: {
    name: string;
    endsAt: Date;
    rows: ReadonlyArray<{ position: number; displayName: string; xp: number }>;
  } | null,
  showName: ShowName = nameAsIs,
): string {
  if (!season) return t('reply.top.noSeason');
  if (season.rows.length === 0)
    return t('reply.top.seasonEmpty', { season: season.name, ends: formatUtc(season.endsAt) });
  const lines = season.rows.map((row) =>
    t('reply.top.row', {
      place: medals[row.position - 1] ?? `${row.position}.`,
      player: showName(row.displayName),
      xp: row.xp,
    }),
  );
  const ends = t('reply.top.seasonEnds', { ends: formatUtc(season.endsAt) });
  return [t('reply.top.seasonTitle', { season: season.name }), ...lines, ends].join('\n');
}
