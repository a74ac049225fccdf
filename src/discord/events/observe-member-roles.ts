import type { GuildMember } from 'discord.js';
import { observeMemberRoles } from '../../roles/observe-member-roles.ts';
import { type DiscordBotContext, isCommunityGuild } from '../bot-context.ts';
import { memberRoleIds } from '../discord-identity.ts';

/**
 * Hands a member's current roles to the sync engine, which puts back a rank role changed by hand
 * (or reports it) and does nothing for the echo of Tandem's own writes. The bot itself never
 * writes roles: the worker's DiscordPort does, paced and 429-aware.
 */
export async function observeRolesOf(ctx: DiscordBotContext, member: GuildMember): Promise<void> {
  if (member.user.bot || !isCommunityGuild(ctx, member.guild.id)) return;
  const observed = await observeMemberRoles(
    ctx.deps,
    { discordUserId: member.id, roleIds: memberRoleIds(member) },
    { roleDriftPolicy: ctx.roleDriftPolicy },
  );
  ctx.logger.debug({ discordUserId: member.id, outcome: observed.outcome }, 'member roles observed');
}
