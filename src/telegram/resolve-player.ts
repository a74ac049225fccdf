import type { MiddlewareFn } from 'telegraf';
import { resolvePlayer } from '../linking/identities.ts';
import type { TandemContext } from './tandem-context.ts';
import type { TelegramDeps } from './telegram-deps.ts';

/**
 * Finds (or creates, on first contact) the player behind the sender and puts it on the context,
 * with the language they read. Updates from bots, and updates without a sender, reach no feature:
 * Tandem's players are people. The username and the client's language are refreshed on every
 * update, so a renamed player shows their new name in /top and notices follow their client.
 */
export function resolveSender(deps: Pick<TelegramDeps, 'db' | 'texts'>): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return;
    const { playerId, language } = await resolvePlayer(deps.db, {
      platform: 'telegram',
      platformUserId: String(from.id),
      username: displayNameOf(from),
      clientLanguage: from.language_code,
    });
    ctx.playerId = playerId;
    ctx.language = await deps.texts.languageFor(language);
    ctx.t = await deps.texts.translator(ctx.language);
    return next();
  };
}

/** The handle when the user has one (unique, what other players recognise), else the first name. */
function displayNameOf(from: { username?: string; first_name: string }): string | undefined {
  const name = from.username ?? from.first_name;
  return name.trim() ? name.trim().slice(0, 100) : undefined;
}
