import type { Language } from '../../texts/languages.ts';
import type { SyncContext } from '../context.ts';
import { PlatformRefusedError } from '../ports.ts';
import type { ChannelNotice, NotificationJob } from '../queues.ts';

/**
 * Sends one notice, written in the reader's language; a platform that is not running drops it
 * (there is nobody to tell). A job queued with its text already written is sent as it is.
 */
export async function processNotification(
  ctx: SyncContext,
  job: NotificationJob | ChannelNotice,
): Promise<'sent' | 'skipped'> {
  if ('channel' in job) return postInChannel(ctx, job);
  const port = ctx.ports[job.platform];
  if (!port) return 'skipped';
  let text: string;
  if ('text' in job) text = job.text;
  else {
    // An admin's page names its language; a player's notice follows the player's choice.
    const language = job.language
      ? await ctx.texts.languageFor({ client: job.language })
      : await readerLanguage(ctx, job);
    text = await ctx.texts.render(language, job.message);
  }
  await port.notify(job.platformUserId, text);
  return 'sent';
}

/**
 * The player's own choice (/language), else what their client on this platform reports, else the
 * community's default: read when the notice goes out, so a choice made while it waited counts.
 */
async function readerLanguage(
  ctx: SyncContext,
  reader: { platform: 'telegram' | 'discord'; platformUserId: string },
): Promise<Language> {
  const { rows } = await ctx.db.pool.query<{ chosen: string | null; client: string | null }>(
    `SELECT p.language AS chosen, i.client_language AS client
       FROM identities i JOIN players p ON p.id = i.player_id
      WHERE i.platform = $1::"Platform" AND i.platform_user_id = $2`,
    [reader.platform, reader.platformUserId],
  );
  return ctx.texts.languageFor(rows[0] ?? {});
}

/**
 * An announcement in a community channel, in the community's default language. A refusal (the bot
 * lacks a permission there, or left the group) is retried like a network failure, since an admin
 * may fix it meanwhile; after the last attempt the job stays failed in the queue with the reason,
 * and is logged. The player's own DM is a job of its own, so it never waits on this one.
 */
async function postInChannel(ctx: SyncContext, job: ChannelNotice): Promise<'sent' | 'skipped'> {
  const { platform, chatId } = job.channel;
  const text = await ctx.texts.render(await ctx.texts.defaultLanguage(), job.message);
  try {
    if (platform === 'discord') {
      const port = ctx.ports.discord;
      if (!port?.postToChannel) return 'skipped';
      await port.postToChannel(chatId, text);
    } else {
      const port = ctx.ports.telegram;
      if (!port?.postToChat) return 'skipped';
      await port.postToChat(chatId, text);
    }
  } catch (error) {
    if (!(error instanceof PlatformRefusedError)) throw error;
    ctx.logger.warn({ platform, chatId, err: error.message }, 'an announcement could not be posted');
    throw new AnnouncementRefusedError(error.message);
  }
  return 'sent';
}

/** A channel refused an announcement: retried (an admin may grant the permission), then recorded as failed. */
export class AnnouncementRefusedError extends Error {
  override name = 'AnnouncementRefusedError';
}
