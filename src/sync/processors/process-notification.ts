import type { Language } from '../../texts/languages.ts';
import type { SyncContext } from '../context.ts';
import type { NotificationJob } from '../queues.ts';

/**
 * Sends one notice, written in the reader's language; a platform that is not running drops it
 * (there is nobody to tell). A job queued with its text already written is sent as it is.
 */
export async function processNotification(
  ctx: SyncContext,
  job: NotificationJob,
): Promise<'sent' | 'skipped'> {
  const port = ctx.ports[job.platform];
  if (!port) return 'skipped';
  const text = 'text' in job ? job.text : await ctx.texts.render(await readerLanguage(ctx, job), job.message);
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
