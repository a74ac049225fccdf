import type { Client } from 'discord.js';
import { creditVoiceMinute } from '../../earning/credit-voice-minute.ts';
import { type DiscordBotContext, isCommunityGuild } from '../bot-context.ts';
import { playerForUser } from '../discord-identity.ts';
import { assessVoiceMinute } from './voice-eligibility.ts';
import { voiceMembersOf } from './voice-snapshot.ts';

/** Members credited at once: keeps a busy voice hour from taking every database connection. */
const batchSize = 10;

/**
 * Credits the minute containing `now` to every member eligible at this moment, and returns how many
 * were credited. The service keys each credit by minute bucket, so a second call within the same
 * minute (a slow tick, a restarted bot) credits nobody twice. One member's failure is logged and
 * does not keep the others from their minute.
 */
export async function creditVoiceNow(ctx: DiscordBotContext, client: Client, now: Date): Promise<number> {
  const settings = await ctx.deps.settings.economy();
  const eligible = [...client.guilds.cache.values()]
    .filter((guild) => isCommunityGuild(ctx, guild.id))
    .flatMap((guild) =>
      assessVoiceMinute(voiceMembersOf(guild), settings, guild.afkChannelId).map((a) => ({ ...a, guild })),
    )
    .filter((a) => a.eligibility.eligible);

  let credited = 0;
  for (let start = 0; start < eligible.length; start += batchSize) {
    const batch = eligible.slice(start, start + batchSize);
    const results = await Promise.all(
      batch.map(async ({ userId, roleIds, channelId, guild }) => {
        try {
          const username = guild.client.users.cache.get(userId)?.username;
          const { playerId } = await playerForUser(ctx.deps, { id: userId, username });
          // The voice channel, for its multiplier (earning rules' `channelMultipliers`).
          const minute = { playerId, minute: now, roleIds, channelId };
          return (await creditVoiceMinute(ctx.deps, minute)).credited;
        } catch (error) {
          ctx.logger.error({ err: error, discordUserId: userId }, 'voice minute not credited');
          return false;
        }
      }),
    );
    credited += results.filter(Boolean).length;
  }
  return credited;
}
