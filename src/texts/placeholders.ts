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
  task: { kind: 'text', about: 'a task: its title in notices, its number (as players type it) in replies' },
  note: { kind: 'text', about: "an admin's note to the player" },
  reason: { kind: 'text', about: 'why, as the admin wrote it' },
  name: { kind: 'text', about: 'the name of the other account' },
  platform: { kind: 'text', about: 'Telegram or Discord' },
  player: { kind: 'text', about: "the player's name" },
  days: { kind: 'number', about: 'days in a row' },
  held: { kind: 'number', about: 'coins set aside for payouts' },
  percent: { kind: 'number', about: 'the progress to the next rank, in percent' },
  bar: { kind: 'text', about: 'the progress to the next rank, as a bar' },
  achievements: { kind: 'text', about: "achievements' names" },
  more: { kind: 'number', about: 'how many more there are' },
  reward: { kind: 'text', about: 'what was earned, e.g. "+50 XP and +10 coins"' },
  wait: { kind: 'text', about: 'how long until then, e.g. "5h 12m"' },
  time: { kind: 'text', about: 'a date and time in UTC' },
  place: { kind: 'text', about: 'a place in the leaderboard (a medal or "4.")' },
  max: { kind: 'number', about: 'the largest number allowed' },
  tries: { kind: 'number', about: 'tries left' },
  games: { kind: 'number', about: 'games left today' },
  limit: { kind: 'number', about: 'games per day' },
  secret: { kind: 'number', about: 'the number that was to be guessed' },
  balance: { kind: 'number', about: "the player's balance in coins" },
  code: { kind: 'text', about: 'a link code' },
  otherPlatform: { kind: 'text', about: 'the other platform: Telegram or Discord' },
  merged: { kind: 'text', about: 'the XP and coins of the account that joins' },
  kept: { kind: 'text', about: 'the XP and coins of the account that is kept' },
  together: { kind: 'text', about: 'the XP and coins after linking' },
  button: { kind: 'text', about: "a button's label" },
  bot: { kind: 'text', about: "the bot's username" },
  title: { kind: 'text', about: "a task's title" },
  status: { kind: 'text', about: 'a status or decision' },
  hint: { kind: 'text', about: 'what proof a task asks for' },
  telegram: { kind: 'text', about: 'the Telegram account' },
  discord: { kind: 'text', about: 'the Discord account' },
  items: { kind: 'text', about: 'the first items of a list' },
  last: { kind: 'text', about: 'the last item of a list' },
  record: { kind: 'text', about: 'what kind of record (task, scenario, ...)' },
  version: { kind: 'number', about: "a record's version" },
  count: { kind: 'number', about: 'how many' },
  buttons: { kind: 'text', about: "menu buttons' labels" },
  characters: { kind: 'number', about: 'characters at most' },
  typed: { kind: 'text', about: 'what the player typed' },
  languages: { kind: 'text', about: 'the codes of the languages the bots speak' },
} as const satisfies Record<string, { kind: 'number' | 'text'; about: string }>;

export type PlaceholderName = keyof typeof placeholders;

export function isNumberPlaceholder(name: string): boolean {
  return Object.hasOwn(placeholders, name) && placeholders[name as PlaceholderName].kind === 'number';
}
