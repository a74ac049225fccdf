/** The values a text's placeholders take: numbers are written in the reader's language (12,345 / 12 345). */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * A text for a player, named by its key in the locale files (src/texts/locales) with its
 * placeholders' values, and written out in the reader's language only when it is sent: a notice
 * queued now is read in the language and wording the community has when it goes out.
 */
export interface Message {
  key: string;
  params?: MessageParams;
}
