import { fallbackLanguage, type Language, languageOfTag } from '../../texts/languages.ts';

/** The public board page's words, in every language Tandem speaks (the compiler asks for each). */
export const boardPageTexts: Record<
  Language,
  {
    title: string;
    position: string;
    player: string;
    xp: string;
    rank: string;
    empty: string;
    previous: string;
    next: string;
    page: (page: number) => string;
    notPublic: string;
    /** The links to the season boards, and back to the lifetime board. */
    seasons: string;
    allTime: string;
    /** A season's window, e.g. `2026-12-07 – 2026-12-14 (UTC)`. */
    window: (startsAt: string, endsAt: string) => string;
  }
> = {
  en: {
    title: 'Leaderboard',
    position: '#',
    player: 'Player',
    xp: 'XP',
    rank: 'Rank',
    empty: 'No one on this page yet.',
    previous: '← Previous',
    next: 'Next →',
    page: (page) => `Page ${page}`,
    notPublic: 'This community has no public leaderboard.',
    seasons: 'Seasons',
    allTime: 'All time',
    window: (startsAt, endsAt) => `XP gained ${startsAt} – ${endsAt} (UTC)`,
  },
  ru: {
    title: 'Таблица лидеров',
    position: '№',
    player: 'Игрок',
    xp: 'XP',
    rank: 'Ранг',
    empty: 'На этой странице пока никого нет.',
    previous: '← Назад',
    next: 'Дальше →',
    page: (page) => `Страница ${page}`,
    notPublic: 'У этого сообщества нет открытой таблицы лидеров.',
    seasons: 'Сезоны',
    allTime: 'За всё время',
    window: (startsAt, endsAt) => `Опыт за ${startsAt} – ${endsAt} (UTC)`,
  },
};

/**
 * The page's language: `?lang=` when Tandem speaks it, else the first language of the browser's
 * Accept-Language that it speaks (in the order given; weights are in that order in practice), else
 * the fallback.
 */
export function boardPageLanguage(lang: unknown, acceptLanguage: string | undefined): Language {
  const asked = typeof lang === 'string' ? languageOfTag(lang) : null;
  if (asked) return asked;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const spoken = languageOfTag(part.split(';')[0]);
    if (spoken) return spoken;
  }
  return fallbackLanguage;
}
