import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { languages } from '../texts/languages.ts';
import { pageTextsOf } from '../texts/page-texts.ts';
import { parseTemplate } from '../texts/template.ts';

// The page's own script, imported as the browser imports it (a path the compiler does not follow:
// it is plain JavaScript for the browser).
const formatModule = new URL('./page/format.js', import.meta.url).href;
const { formatText } = (await import(formatModule)) as {
  formatText: (source: string, values: Record<string, string | number>, language: string) => string;
};

/** Values for every placeholder the Mini App's texts use, some numbers choosing each plural form. */
const samples: Array<Record<string, string | number>> = [0, 1, 2, 5, 21, 1234].map((n) => ({
  reason: 'HTTP 500',
  xp: n,
  coins: n,
  days: n,
  percent: n,
  rank: 'Gold',
  season: 'Winter',
  startsAt: '2026-12-01',
  endsAt: '2026-12-08',
  note: 'blurry',
  name: 'Double weekend',
  factor: n / 2,
  ends: '2026-12-08 18:00 UTC',
  count: n,
  bought: n,
  limit: n,
  kind: ['discord_role', 'telegram_title', 'custom'][n % 3]!,
  status: ['pendingGrant', 'pendingAdmin', 'granted', 'failed', 'refunded', 'expired'][n % 6]!,
}));

describe('the Mini App page’s text formatter', () => {
  it('formats every Mini App text exactly as the server’s ICU formatter does', () => {
    const texts = pageTextsOf('app');
    for (const language of languages) {
      for (const [key, source] of Object.entries(texts[language])) {
        const server = new IntlMessageFormat(parseTemplate(source), language);
        for (const values of samples) {
          expect(formatText(source, values, language), `${language} ${key}`).toBe(
            String(server.format(values)),
          );
        }
      }
    }
  });

  it('chooses exact forms and formats # in the language', () => {
    const source = '{n, plural, =0 {none} one {# coin} other {# coins}}';
    expect(formatText(source, { n: 0 }, 'en')).toBe('none');
    expect(formatText(source, { n: 1 }, 'en')).toBe('1 coin');
    expect(formatText(source, { n: 12345 }, 'en')).toBe('12,345 coins');
    expect(formatText('{who, select, me {you} other {{who}}}', { who: 'ann' }, 'en')).toBe('ann');
  });
});
