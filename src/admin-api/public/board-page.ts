import type { PublicBoardPage } from '../../leaderboard/public-board.ts';
import type { PublicSeason, PublicSeasonBoardPage } from '../../seasons/public-season-board.ts';
import type { Language } from '../../texts/languages.ts';
import { type PageTextKey, pageText } from '../../texts/page-texts.ts';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Player names are theirs to choose: every one is escaped before it reaches the page. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

const style = `body{font-family:system-ui,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem;color:#222}
table{width:100%;border-collapse:collapse}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}
td.num,th.num{text-align:right}nav{display:flex;justify-content:space-between;margin-top:1rem}
@media (prefers-color-scheme:dark){body{background:#121212;color:#eee}th,td{border-color:#333}a{color:#8ab4f8}}`;

/** The page's words in a language, from the locale files (`page.board.*` in pages.json). */
function wordsOf(language: Language) {
  const word = (key: PageTextKey, values?: Record<string, string | number>) =>
    escapeHtml(pageText(language, key, values));
  return {
    title: word('page.board.title'),
    position: word('page.board.position'),
    player: word('page.board.player'),
    xp: word('page.board.xp'),
    rank: word('page.board.rank'),
    empty: word('page.board.empty'),
    previous: word('page.board.previous'),
    next: word('page.board.next'),
    page: (page: number) => word('page.board.page', { page }),
    notPublic: word('page.board.notPublic'),
    seasons: word('page.board.seasons'),
    allTime: word('page.board.allTime'),
    window: (startsAt: string, endsAt: string) => word('page.board.window', { startsAt, endsAt }),
  };
}

/**
 * The public board as one HTML page, rendered on the server: no script (so the API's content
 * security policy holds as is), paged by plain links that keep the language and page size.
 */
export function renderBoardPage(
  board: PublicBoardPage | PublicSeasonBoardPage,
  language: Language,
  /** Started seasons to link to (the lifetime board's page lists them). @defaultValue none */
  seasons: readonly PublicSeason[] = [],
): string {
  const t = wordsOf(language);
  // Numbers as the bots write them in this language: 3,400 in English, 3 400 in Russian.
  const number = new Intl.NumberFormat(language);
  // A season board has no rank column: ranks follow lifetime XP, not a season's.
  const season = 'season' in board ? board.season : null;
  const seasonPart = season ? `&amp;season=${season.id}` : '';
  const link = (page: number) =>
    `?page=${page}&amp;perPage=${board.perPage}&amp;lang=${language}${seasonPart}`;
  const rows = board.rows
    .map(
      (row) =>
        `<tr><td class="num">${row.position}</td><td>${escapeHtml(row.displayName)}</td>` +
        `<td class="num">${number.format(row.xp)}</td>` +
        (season ? '' : `<td>${escapeHtml(('rankName' in row ? row.rankName : null) ?? '')}</td>`) +
        '</tr>',
    )
    .join('\n');
  const rankHead = season ? '' : `<th>${t.rank}</th>`;
  const body = board.rows.length
    ? `<table><thead><tr><th class="num">${t.position}</th><th>${t.player}</th><th class="num">${t.xp}</th>${rankHead}</tr></thead>
<tbody>
${rows}
</tbody></table>`
    : `<p>${t.empty}</p>`;
  const previous =
    board.page > 1 ? `<a rel="prev" href="${link(board.page - 1)}">${t.previous}</a>` : '<span></span>';
  const next = board.hasMore ? `<a rel="next" href="${link(board.page + 1)}">${t.next}</a>` : '<span></span>';
  const day = (iso: string) => iso.slice(0, 10);
  const heading = season
    ? `<h1>${escapeHtml(season.name)}</h1>\n<p>${t.window(day(season.startsAt), day(season.endsAt))} · <a href="?lang=${language}">${t.allTime}</a></p>`
    : `<h1>${t.title}</h1>`;
  const seasonLinks = seasons.length
    ? `\n<p>${t.seasons}: ${seasons
        .map((s) => `<a href="?season=${s.id}&amp;lang=${language}">${escapeHtml(s.name)}</a>`)
        .join(' · ')}</p>`
    : '';
  return page(
    language,
    season ? `${escapeHtml(season.name)} · ${t.title}` : t.title,
    `${heading}${seasonLinks}
<p>${t.page(board.page)}</p>
${body}
<nav>${previous}${next}</nav>`,
  );
}

/** The page a visitor gets while the community keeps its board private (served with a 404). */
export function renderNotPublicPage(language: Language): string {
  const t = wordsOf(language);
  return page(language, t.title, `<h1>${t.title}</h1>\n<p>${t.notPublic}</p>`);
}

function page(language: Language, title: string, content: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${style}</style>
</head>
<body>
${content}
</body>
</html>
`;
}
