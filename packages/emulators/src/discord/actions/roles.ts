import { rolePayload } from '../payloads/guild.ts';
import type { GuildRecord, RoleRecord } from '../world/types.ts';
import type { EmulatorContext } from './context.ts';

/**
 * Puts a role at `position` (1 = just above @everyone) and renumbers the others 1..n, as Discord
 * keeps positions contiguous. Returns the roles whose position changed.
 */
function placeRole(
  ctx: EmulatorContext,
  guild: GuildRecord,
  role: RoleRecord,
  position: number,
): RoleRecord[] {
  const others = ctx.world
    .rolesByRank(guild)
    .reverse()
    .filter((r) => r.id !== guild.id && r.id !== role.id);
  const index = Math.max(0, Math.min(others.length, position - 1));
  others.splice(index, 0, role);
  const moved: RoleRecord[] = [];
  others.forEach((r, i) => {
    if (r.position !== i + 1) {
      r.position = i + 1;
      moved.push(r);
    }
  });
  return moved;
}

export function createRole(
  ctx: EmulatorContext,
  guild: GuildRecord,
  input: {
    id?: string;
    name: string;
    position?: number;
    permissions?: bigint;
    color?: number;
    hoist?: boolean;
    mentionable?: boolean;
    managedForBot?: string;
  },
): RoleRecord {
  const role: RoleRecord = {
    id: input.id ?? ctx.ids.next(),
    guildId: guild.id,
    name: input.name,
    color: input.color ?? 0,
    hoist: input.hoist ?? false,
    position: 0,
    permissions: input.permissions ?? 0n,
    managed: input.managedForBot !== undefined,
    mentionable: input.mentionable ?? false,
    botUserId: input.managedForBot ?? null,
  };
  guild.roles.set(role.id, role);
  // New roles land at position 1 on Discord, pushing the others up.
  const moved = placeRole(ctx, guild, role, input.position ?? 1).filter((r) => r.id !== role.id);
  ctx.events.dispatch({
    event: 'GUILD_ROLE_CREATE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, role: rolePayload(role) },
  });
  for (const other of moved) dispatchRoleUpdate(ctx, guild, other);
  ctx.events.record('role.created', { guildId: guild.id, role: rolePayload(role) });
  return role;
}

export function updateRole(
  ctx: EmulatorContext,
  guild: GuildRecord,
  role: RoleRecord,
  changes: {
    name?: string;
    position?: number;
    permissions?: bigint;
    color?: number;
    hoist?: boolean;
    mentionable?: boolean;
  },
): RoleRecord {
  if (changes.name !== undefined) role.name = changes.name;
  if (changes.permissions !== undefined) role.permissions = changes.permissions;
  if (changes.color !== undefined) role.color = changes.color;
  if (changes.hoist !== undefined) role.hoist = changes.hoist;
  if (changes.mentionable !== undefined) role.mentionable = changes.mentionable;
  const moved =
    changes.position !== undefined && role.id !== guild.id
      ? placeRole(ctx, guild, role, changes.position)
      : [];
  dispatchRoleUpdate(ctx, guild, role);
  for (const other of moved) if (other.id !== role.id) dispatchRoleUpdate(ctx, guild, other);
  ctx.events.record('role.updated', { guildId: guild.id, role: rolePayload(role) });
  return role;
}

function dispatchRoleUpdate(ctx: EmulatorContext, guild: GuildRecord, role: RoleRecord): void {
  ctx.events.dispatch({
    event: 'GUILD_ROLE_UPDATE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, role: rolePayload(role) },
  });
}
