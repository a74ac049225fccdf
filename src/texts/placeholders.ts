/**
 * Every placeholder a text may use, what it stands for and whether it is a number. Numbers are
 * written in the reader's language and may choose plural forms; text is inserted as it is. The panel
 * lists them beside each text, and a test checks every placeholder in the locale files is here.
 */
export const placeholders = {
  coins: { kind: 'number', about: 'an amount of coins' },
  xp: { kind: 'number', about: 'an amount of XP' },
  minutes: { kind: 'number', about: 'minutes' },
  hours: { kind: 'number', about: 'hours' },
  language: { kind: 'text', about: "the language's name" },
  totalXp: { kind: 'number', about: "the player's XP after the change" },
  totalCoins: { kind: 'number', about: "the player's coins after the change" },
  addedXp: { kind: 'number', about: 'the XP added to the account by linking' },
  addedCoins: { kind: 'number', about: 'the coins added to the account by linking' },
  amount: { kind: 'number', about: 'the coins of a payout' },
  rank: { kind: 'text', about: "the rank's name" },
  achievement: { kind: 'text', about: "the achievement's name" },
  task: { kind: 'text', about: "the task's title" },
  note: { kind: 'text', about: "an admin's note to the player" },
  reason: { kind: 'text', about: 'why, as the admin wrote it' },
  name: { kind: 'text', about: 'the name of the other account' },
  platform: { kind: 'text', about: 'Telegram or Discord' },
} as const satisfies Record<string, { kind: 'number' | 'text'; about: string }>;

export type PlaceholderName = keyof typeof placeholders;

export function isNumberPlaceholder(name: string): boolean {
  return Object.hasOwn(placeholders, name) && placeholders[name as PlaceholderName].kind === 'number';
}
