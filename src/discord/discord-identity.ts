import type { GuildMember, User } from 'discord.js';
import { type ResolvedPlayer, resolvePlayer } from '../linking/identities.ts';
import type { DiscordDeps } from './discord-deps.ts';

/**
 * The player behind a Discord user, created on first contact. The username is kept on the identity
 * (and names a new player), so profiles and the admin pages show who it is.
 */
export function playerForUser(
  deps: Pick<DiscordDeps, 'db'>,
  user: Pick<User, 'id'> & { username?: string },
): Promise<ResolvedPlayer> {
  return resolvePlayer(deps.db, { platform: 'discord', platformUserId: user.id, username: user.username });
}

/**
 * A member's role ids without @everyone: every member holds it (its id is the guild's), so it can
 * neither earn a multiplier nor drift, and leaving it out keeps role lists what admins see.
 */
export function memberRoleIds(member: Pick<GuildMember, 'roles' | 'guild'>): string[] {
  return member.roles.cache.filter((role) => role.id !== member.guild.id).map((role) => role.id);
}
