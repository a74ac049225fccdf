import type { AnnouncementChannel } from '../../announcements/announcement-rules.ts';
import { readAnnouncementSettings } from '../../announcements/save-announcement-settings.ts';
import { messageOf } from '../../texts/default-texts.ts';
import type { SyncContext } from '../context.ts';
import type { Queues } from '../queues.ts';

/** The job of one boost start: its id names the boost and the start, so a re-save adds no second one. */
export function boostStartJobId(boost: { id: number; startsAt: Date }): string {
  return `boost-start-${boost.id}-${boost.startsAt.getTime()}`;
}

/**
 * Schedules the announcement of a boost's start: a delayed maintenance job due at the start. Called
 * after each committed save; a moved start gets a job of its own, and the old one finds nothing due.
 */
export async function scheduleBoostStart(
  queues: Pick<Queues, 'maintenance'>,
  boost: { id: number; startsAt: Date; endsAt: Date; active: boolean },
  now = new Date(),
): Promise<void> {
  if (!boost.active || boost.endsAt.getTime() <= now.getTime()) return;
  await queues.maintenance.add(
    'boost-start',
    { task: 'boost-start' },
    { jobId: boostStartJobId(boost), delay: Math.max(0, boost.startsAt.getTime() - now.getTime()) },
  );
}

interface StartedBoost {
  id: number;
  name: string;
  factor: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Announces every active boost whose start has come and was not announced yet. The announcements are
 * queued first, keyed by the boost and its start, and only then is each boost marked announced
 * (`announced_start` := that start) by a conditional write: a run that stops in between (the process
 * died, Redis was unreachable) leaves the boost due, and the next run queues the same keys again,
 * which adds nothing, so a start is never lost and never posted twice. Two ticks, two workers or a
 * job run again after a restart announce it once. A boost already over by the time this runs is
 * marked and not announced. Returns how many starts this run marked announced.
 */
export async function announceBoostStarts(ctx: SyncContext, now = new Date()): Promise<number> {
  const { rows: due } = await ctx.db.pool.query<StartedBoost & { live: boolean }>(
    `SELECT id, name, factor, starts_at AS "startsAt", ends_at AS "endsAt", ends_at > $1 AS live FROM boosts
      WHERE active AND starts_at <= $1 AND announced_start IS DISTINCT FROM starts_at
      ORDER BY id`,
    [now],
  );
  if (due.length === 0) return 0;
  const started = due.filter((boost) => boost.live);
  if (started.length > 0) await queueStartAnnouncements(ctx, started);
  // Marked with the start that was announced: a start moved meanwhile stays due, for its own post.
  const { rows: marked } = await ctx.db.pool.query<{ id: number }>(
    `UPDATE boosts b SET announced_start = b.starts_at
       FROM unnest($1::int[], $2::timestamptz[]) AS d(id, starts_at)
      WHERE b.id = d.id AND b.starts_at = d.starts_at AND b.announced_start IS DISTINCT FROM b.starts_at
     RETURNING b.id`,
    [due.map((boost) => boost.id), due.map((boost) => boost.startsAt)],
  );
  const live = new Set(started.map((boost) => boost.id));
  return marked.filter((row) => live.has(row.id)).length;
}

async function queueStartAnnouncements(ctx: SyncContext, started: StartedBoost[]): Promise<void> {
  const settings = (await readAnnouncementSettings(ctx)).value;
  const channels: AnnouncementChannel[] = [];
  // The community's announcement channel: the rank-up one, else the achievement one, per platform.
  const discord = settings.rankUp.discordChannelId ?? settings.achievement.discordChannelId;
  const telegram = settings.rankUp.telegramChatId ?? settings.achievement.telegramChatId;
  if (discord) channels.push({ platform: 'discord', chatId: discord });
  if (telegram) channels.push({ platform: 'telegram', chatId: telegram });
  for (const boost of started) {
    const message = messageOf('notice.announce.boostStart', {
      name: boost.name,
      factor: boost.factor,
      ends: `${boost.endsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    });
    for (const channel of channels) {
      if (!ctx.ports[channel.platform]) continue;
      await ctx.queues.enqueueAnnouncement(`${boostStartJobId(boost)}-${channel.platform}`, {
        channel,
        message,
      });
    }
  }
}
