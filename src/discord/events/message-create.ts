import { Events } from 'discord.js';
import { awardMessageXp } from '../../earning/award-message-xp.ts';
import { isCommunityGuild } from '../bot-context.ts';
import { memberRoleIds, playerForUser } from '../discord-identity.ts';
import { defineGatewayEvent } from './gateway-event.ts';

/**
 * Message XP. Routine XP is silent: no reply, the rank-up notice comes from the sync engine. The
 * service keys the award by message id, so a resumed gateway replaying this message pays nothing
 * twice. The message's own time (from its snowflake) is used rather than the arrival time, so a
 * backlog replayed after an outage meets the cooldown as it was written.
 */
export const messageCreate = defineGatewayEvent({
  event: Events.MessageCreate,
  async handle(ctx, message) {
    if (!message.inGuild() || message.author.bot || message.webhookId !== null || message.system) return;
    if (!isCommunityGuild(ctx, message.guildId)) return;
    const { playerId } = await playerForUser(ctx.deps, message.author);
    const result = await awardMessageXp(ctx.deps, {
      playerId,
      platform: 'discord',
      messageId: message.id,
      channelId: message.channelId,
      roleIds: message.member ? memberRoleIds(message.member) : [],
      length: message.content.trim().length,
      now: message.createdAt,
    });
    ctx.logger.debug({ playerId, messageId: message.id, result }, 'message XP');
  },
});
