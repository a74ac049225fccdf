import type { MiddlewareFn } from 'telegraf';
import type { Database } from '../db/database.ts';
import { resolvePlayer } from '../linking/identities.ts';
import type { TandemContext } from './tandem-context.ts';

/**
 * Finds (or creates, on first contact) the player behind the sender and puts it on the context.
 * Updates from bots, and updates without a sender, reach no feature: Tandem's players are people.
 * The username is refreshed on every update, so a renamed player shows their new name in /top.
 */
export function resolveSender(db: Pick<Database, 'pool'>): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return;
    const { playerId } = await resolvePlayer(db, {
      platform: 'telegram',
      platformUserId: String(from.id),
      username: displayNameOf(from),
    });
    ctx.playerId = playerId;
    return next();
  };
}

/** The handle when the user has one (unique, what other players recognise), else the first name. */
function displayNameOf(from: { username?: string; first_name: string }): string | undefined {
  const name = from.username ?? from.first_name;
  return name.trim() ? name.trim().slice(0, 100) : undefined;
}
