import type { Database } from '../db/database.ts';
import { resolvePlayer } from '../linking/identities.ts';
import type { Language } from '../texts/languages.ts';
import type { Texts } from '../texts/texts.ts';
import type { MiniAppUser } from './init-data.ts';

export interface MiniAppPlayer {
  playerId: string;
  /** The language the player reads: their choice, else their Telegram client's, else the community's. */
  language: Language;
}

/**
 * The player behind the Mini App's Telegram user, created on first contact exactly as the bot does
 * (src/telegram/resolve-player.ts): the same identity, name and client language, so opening the app
 * before ever writing to the bot makes the same player writing first would.
 */
export async function miniAppPlayer(
  deps: { db: Pick<Database, 'pool'>; texts: Pick<Texts, 'languageFor'> },
  user: MiniAppUser,
): Promise<MiniAppPlayer> {
  const name = (user.username ?? user.firstName).trim().slice(0, 100);
  const { playerId, language } = await resolvePlayer(deps.db, {
    platform: 'telegram',
    platformUserId: String(user.id),
    username: name || undefined,
    clientLanguage: user.languageCode,
  });
  return { playerId, language: await deps.texts.languageFor(language) };
}
