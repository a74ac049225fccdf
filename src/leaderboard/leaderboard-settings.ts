import { z } from 'zod';

/** The `settings` row that holds the community's leaderboard choices. */
export const leaderboardSettingsKey = 'leaderboard';

export const leavePolicies = ['keep', 'hide'] as const;
export const banPolicies = ['keep', 'hide', 'reset'] as const;
export type LeavePolicy = (typeof leavePolicies)[number];
export type BanPolicy = (typeof banPolicies)[number];

/**
 * Who sees the boards and who is on them. The public board is off until the community turns it on
 * (it shows names to anyone with the address). A member who leaves the Discord server or is banned
 * stays on the boards by default; `hide` keeps them off while they are away, and `reset` (bans only)
 * also takes their XP back to zero by one ledger correction per ban.
 */
export const leaderboardSettingsSchema = z.object({
  public: z.boolean({ message: 'public must be true or false' }).default(false),
  onLeave: z
    .enum(leavePolicies, { message: `onLeave must be one of ${leavePolicies.join(', ')}` })
    .default('keep'),
  onBan: z.enum(banPolicies, { message: `onBan must be one of ${banPolicies.join(', ')}` }).default('keep'),
});
export type LeaderboardSettings = z.infer<typeof leaderboardSettingsSchema>;

/** The stored value read leniently: a row written by an older Tandem falls back to the defaults. */
export function leaderboardSettingsOf(value: unknown): LeaderboardSettings {
  const parsed = leaderboardSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : leaderboardSettingsSchema.parse({});
}
