import type * as Tg from '../types.ts';

export interface FormattedText {
  text: string;
  entities: Tg.MessageEntity[];
}

/** Markup Telegram cannot read; the Bot API reports it as `Bad Request: can't parse entities: <message>`. */
export class EntityParseError extends Error {
  override name = 'EntityParseError';
}

/** Byte offset (UTF-8) of a position in the input, as Telegram's parse errors report it. */
export function byteOffset(input: string, index: number): number {
  return Buffer.byteLength(input.slice(0, index));
}

/** Telegram's order: by offset, longer (outer) first; empty entities are dropped. */
export function sortEntities(entities: Tg.MessageEntity[]): Tg.MessageEntity[] {
  return entities
    .filter((entity) => entity.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
}
