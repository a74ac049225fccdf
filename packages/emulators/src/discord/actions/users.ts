import { randomBytes } from 'node:crypto';
import type { PrivilegedIntentName } from '../gateway/intents.ts';
import { PRIVILEGED_INTENTS } from '../gateway/intents.ts';
import { DEFAULT_LOCALE } from '../world/locales.ts';
import type { ApplicationRecord, UserRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';

/** Users and bots (a bot is a bot user plus its application). */

export function createUser(
  ctx: EmulatorContext,
  input: {
    id?: string;
    username: string;
    globalName?: string | null;
    bot?: boolean;
    acceptsDirectMessages?: boolean;
    locale?: string;
  },
): UserRecord {
  const user: UserRecord = {
    id: input.id ?? ctx.ids.next(),
    username: input.username,
    globalName: input.globalName ?? null,
    bot: input.bot ?? false,
    acceptsDirectMessages: input.acceptsDirectMessages ?? true,
    locale: input.locale ?? DEFAULT_LOCALE,
  };
  ctx.world.users.set(user.id, user);
  ctx.events.record('user.created', { user: { id: user.id, username: user.username, bot: user.bot } });
  return user;
}

/** A token shaped like Discord's: base64 user id, timestamp part, random signature. */
function makeBotToken(userId: string): string {
  const id = Buffer.from(userId).toString('base64url');
  return `${id}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

export function createBot(
  ctx: EmulatorContext,
  input: {
    username: string;
    userId?: string;
    applicationId?: string;
    token?: string;
    privilegedIntents?: readonly PrivilegedIntentName[];
  },
): { application: ApplicationRecord; user: UserRecord } {
  const user = createUser(ctx, { id: input.userId, username: input.username, bot: true });
  const application: ApplicationRecord = {
    // Applications created since 2020 share their id with their bot user.
    id: input.applicationId ?? user.id,
    name: input.username,
    botUserId: user.id,
    token: input.token ?? makeBotToken(user.id),
    privilegedIntents: new Set(input.privilegedIntents ?? PRIVILEGED_INTENTS),
    flags: 0,
    sessionStartsRemaining: 1000,
  };
  ctx.world.applications.set(application.id, application);
  ctx.events.record('bot.created', {
    applicationId: application.id,
    botUserId: user.id,
    privilegedIntents: [...application.privilegedIntents],
  });
  return { application, user };
}
