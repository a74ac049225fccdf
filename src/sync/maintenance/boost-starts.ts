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
 * Announces every active boost whose start has come and was not announced yet. Each is claimed by
 * one conditional write (`announced_start` := its start), so two ticks, two workers or a job run again
 * after a restart announce it once; the announcement jobs are keyed by the boost and the start too.
 * A boost already over by the time this runs is marked and not announced.
 */
export async function announceBoostStarts(ctx: SyncContext, now = new Date()): Promise<number> {
  const { rows } = await ctx.db.pool.query<StartedBoost & { live: boolean }>(
    `UPDATE boosts SET announced_start = starts_at
      WHERE active AND starts_at <= $1 AND announced_start IS DISTINCT FROM starts_at
      RETURNING id, name, factor, starts_at AS "startsAt", ends_at AS "endsAt", ends_at > $1 AS live`,
    [now],
  );
  const started = rows.filter((boost) => boost.live);
  if (started.length === 0) return 0;
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
  return started.length;
}
