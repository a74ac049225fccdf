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
  typed: { kind: 'text', about: 'what the player typed' },
  languages: { kind: 'text', about: 'the codes of the languages the bots speak' },
} as const satisfies Record<string, { kind: 'number' | 'text'; about: string }>;

export type PlaceholderName = keyof typeof placeholders;

export function isNumberPlaceholder(name: string): boolean {
  return Object.hasOwn(placeholders, name) && placeholders[name as PlaceholderName].kind === 'number';
}
