import type { Context } from 'telegraf';
import type { Language } from '../texts/languages.ts';
import { languageOfTag } from '../texts/languages.ts';
import { shippedTranslator, type Translate } from '../texts/texts.ts';

/**
 * The context every Tandem handler sees: telegraf's, plus the player behind `ctx.from` and the
 * language they read, set by the player middleware (src/telegram/resolve-player.ts) before any
 * feature runs.
 */
export interface TandemContext extends Context {
  playerId?: string;
  /** The player's language: their /language choice, else their client's, else the community's. */
  language?: Language;
  /** Writes texts in `language`, with the community's edits. */
  t?: Translate;
}

/** The player behind this update; the player middleware guarantees it for updates with a sender. */
export function playerIdOf(ctx: TandemContext): string {
  if (!ctx.playerId) throw new Error(`Update ${ctx.update.update_id} has no resolved player`);
  return ctx.playerId;
}

/**
 * The texts of this update's reader. Before the player middleware ran (or when it failed: the
 * database is away) there are no community edits to use: the shipped texts in the client's language.
 */
export function textsOf(ctx: TandemContext): Translate {
  return ctx.t ?? shippedTranslator(languageOfTag(ctx.from?.language_code) ?? 'en');
}
