import { Events } from 'discord.js';
import { recordMemberBanned, recordMemberLeft, recordMemberReturned } from '../../leaderboard/departures.ts';
import { isCommunityGuild } from '../bot-context.ts';
import { defineGatewayEvent } from './gateway-event.ts';

/**
 * Departures from the community's server, for the leaderboards: a member who leaves or is banned is
 * kept on the boards or not by the `leaderboard` setting, and a ban may reset their XP (one ledger
 * correction per ban). Discord sends a ban as GUILD_BAN_ADD and a removal, in either order: the
 * removal never turns `banned` back into `left`. The bot needs the GuildModeration intent for bans.
 */
const memberLeft = defineGatewayEvent({
  event: Events.GuildMemberRemove,
  async handle(ctx, member) {
    if (member.user?.bot || !isCommunityGuild(ctx, member.guild.id)) return;
    const outcome = await recordMemberLeft(ctx.deps, member.id);
    ctx.logger.debug({ discordUserId: member.id, ...outcome }, 'member left');
  },
});

const memberBanned = defineGatewayEvent({
  event: Events.GuildBanAdd,
  async handle(ctx, ban) {
    if (ban.user.bot || !isCommunityGuild(ctx, ban.guild.id)) return;
    const outcome = await recordMemberBanned(ctx.deps, ban.user.id);
    ctx.logger.info({ discordUserId: ban.user.id, ...outcome }, 'member banned');
  },
});

/** A member back on the server is back on the boards (their roles come back in guild-member-add.ts). */
const memberReturned = defineGatewayEvent({
  event: Events.GuildMemberAdd,
  async handle(ctx, member) {
    if (member.user.bot || !isCommunityGuild(ctx, member.guild.id)) return;
    const outcome = await recordMemberReturned(ctx.deps, member.id);
    if (outcome.changed) ctx.logger.debug({ discordUserId: member.id, ...outcome }, 'member returned');
  },
});

export const memberDepartureEvents = [memberLeft, memberBanned, memberReturned];
