/**
 * Small text helpers shared by the replies and the notices the features queue, so both bots write
 * numbers, counts and times the same way. Plain text only: no Markdown or HTML, which the two
 * platforms would render differently.
 */

/** `12,345`: thousands separated the same way whatever the server's locale. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

/** `1 coin`, `250 coins`. */
export function countOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(value)} ${value === 1 ? singular : plural}`;
}

/** `+120 XP and +50 coins`, or just the part that is not zero. */
export function formatReward(xp: number, coins: number): string {
  const parts = [xp > 0 ? `+${formatNumber(xp)} XP` : null, coins > 0 ? `+${countOf(coins, 'coin')}` : null];
  return parts.filter(Boolean).join(' and ') || 'nothing';
}

/**
 * `+50 XP and +10 coins`, `+50 XP`, `+10 coins`; empty when there is nothing. The task and scenario
 * texts' form (figures as they are), older than formatReward's.
 */
export function rewardText(xp: number, coins: number): string {
  const parts = [xp > 0 ? `+${xp} XP` : '', coins > 0 ? `+${coins} coins` : ''].filter(Boolean);
  return parts.join(' and ');
}

/** `2026-11-22 12:34 UTC`: unambiguous whatever the reader's time zone. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `5h 12m`, `42m`, `less than a minute`: how long until something, rounded up to the minute. */
export function formatWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 0) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

/** `▰▰▰▱▱▱▱▱▱▱`: a percentage as a bar that reads the same in Telegram and Discord. */
export function progressBar(percent: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

/** `A, B and C`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * How a bot shows a name a player chose. Telegram gets plain text and shows it as is; Discord
 * renders markdown, so its bot passes an escaping one (src/discord/name-as-text.ts).
 */
export type ShowName = (name: string) => string;
export const nameAsIs: ShowName = (name) => name;
