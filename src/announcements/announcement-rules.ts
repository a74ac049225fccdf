import type { AchievementAnnouncements, RankUpAnnouncements } from './announcement-settings.ts';

/** A community channel a piece of news is posted in. */
export interface AnnouncementChannel {
  platform: 'telegram' | 'discord';
  chatId: string;
}

/** Where one event is announced: the community's channels, and whether the player hears it by DM. */
export interface AnnouncementPlan {
  channels: AnnouncementChannel[];
  dm: boolean;
}

const nowhere: AnnouncementPlan = { channels: [], dm: false };

function channelsOf(targets: { discordChannelId: string | null; telegramChatId: string | null }) {
  const channels: AnnouncementChannel[] = [];
  if (targets.discordChannelId) channels.push({ platform: 'discord', chatId: targets.discordChannelId });
  if (targets.telegramChatId) channels.push({ platform: 'telegram', chatId: targets.telegramChatId });
  return channels;
}

/**
 * Whether a rank-up to the rank at `ordinal` (its place among the active ranks in threshold order,
 * 1 = the lowest) is announced: from `fromRank` on, then every `everyRanks`-th rank.
 * The throttle applies to every target, the DM included, so "only from rank 5" is quiet everywhere.
 */
export function rankUpPlan(settings: RankUpAnnouncements, ordinal: number, dmsOn: boolean): AnnouncementPlan {
  if (ordinal < settings.fromRank) return nowhere;
  if ((ordinal - settings.fromRank) % settings.everyRanks !== 0) return nowhere;
  return { channels: channelsOf(settings), dm: settings.dm && dmsOn };
}

/** Whether an unlocked achievement is announced: `rewardsOnly` keeps quiet about those giving nothing. */
export function achievementPlan(
  settings: AchievementAnnouncements,
  reward: { xp: number; coins: number },
  dmsOn: boolean,
): AnnouncementPlan {
  if (settings.rewardsOnly && reward.xp <= 0 && reward.coins <= 0) return nowhere;
  return { channels: channelsOf(settings), dm: settings.dm && dmsOn };
}

/**
 * A player's name as a channel shows it: plain text that pings nobody. Discord is also told to
 * ping nobody (allowed_mentions), but Telegram turns "@name" in plain text into a mention, so the
 * at sign is swapped for the full-width one that looks alike and mentions nothing.
 */
export function quietName(name: string): string {
  return name.replace(/@/g, '＠').slice(0, 100);
}
