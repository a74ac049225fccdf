import { z } from 'zod';

/** The `settings` row that says where rank-ups and achievements are announced. */
export const announcementSettingsKey = 'announcements';

/** A Discord channel id (a snowflake) or null for none. */
const discordChannelId = z
  .string()
  .regex(/^\d{1,20}$/, 'must be a Discord channel id (digits only), or null for none')
  .nullable()
  .default(null);

/** A Telegram group id (negative, as Telegram numbers groups) or null for none. */
const telegramChatId = z
  .string()
  .regex(/^-\d{1,20}$/, 'must be a Telegram group id (a negative number), or null for none')
  .nullable()
  .default(null);

/** Where one kind of news goes: a Discord channel, a Telegram group, the player's own DMs. */
const targets = {
  discordChannelId,
  telegramChatId,
  /** Whether the player is told by direct message (unless they turned it off). @defaultValue true */
  dm: z.boolean({ message: 'must be true or false' }).default(true),
};

export const announcementSettingsSchema = z.object({
  rankUp: z
    .object({
      ...targets,
      /**
       * Only ranks from the N-th up are announced (1 = the lowest rank, in threshold order). @defaultValue 1
       */
      fromRank: z.number().int().min(1, 'must be 1 or more').max(1000).default(1),
      /** Only every N-th rank from `fromRank` on: 1 announces each. @defaultValue 1 */
      everyRanks: z.number().int().min(1, 'must be 1 or more').max(1000).default(1),
    })
    .default({ discordChannelId: null, telegramChatId: null, dm: true, fromRank: 1, everyRanks: 1 }),
  achievement: z
    .object({
      ...targets,
      /** Only achievements that give XP or coins are announced. @defaultValue false */
      rewardsOnly: z.boolean({ message: 'must be true or false' }).default(false),
    })
    .default({ discordChannelId: null, telegramChatId: null, dm: true, rewardsOnly: false }),
});
export type AnnouncementSettings = z.output<typeof announcementSettingsSchema>;
export type RankUpAnnouncements = AnnouncementSettings['rankUp'];
export type AchievementAnnouncements = AnnouncementSettings['achievement'];

/** The settings as stored, or the defaults (DMs only, as before announcements existed) when unreadable. */
export function announcementSettingsOf(stored: unknown): AnnouncementSettings {
  const parsed = announcementSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : announcementSettingsSchema.parse({});
}
