/**
 * Small text helpers shared by the replies and the notices the features queue, so both bots write
 * them the same way. Plain text only: no Markdown or HTML, which the two platforms would render
 * differently. Words belong in the locale files (src/texts/locales); what is here is language-free:
 * bars, UTC times, names.
 */

/** `2026-11-22 12:34 UTC`: unambiguous whatever the reader's time zone. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `▰▰▰▱▱▱▱▱▱▱`: a percentage as a bar that reads the same in Telegram and Discord. */
export function progressBar(percent: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

/**
 * How a bot shows a name a player chose. Telegram gets plain text and shows it as is; Discord
 * renders markdown, so its bot passes an escaping one (src/discord/name-as-text.ts).
 */
export type ShowName = (name: string) => string;
export const nameAsIs: ShowName = (name) => name;
