import { memberPayload, rolePayload } from '../payloads/guild.ts';
import type { GuildRecord, RoleRecord } from '../world/types.ts';
import { AuditLogEvent, diffChanges, recordAuditEntry } from './audit-log.ts';
import type { EmulatorContext } from './context.ts';
import type { ChangeActor } from './member-update.ts';

/** Who made a role change and why (Discord's audit log), for the activity record. */
/** The role fields the audit log tracks (position moves are not logged). */
function roleAuditView(role: RoleRecord): Record<string, unknown> {
  return {
    name: role.name,
    permissions: role.permissions.toString(),
    color: role.color,
    hoist: role.hoist,
    mentionable: role.mentionable,
  };
}

function auditOf(actor: ChangeActor | undefined): Record<string, unknown> {
  return actor ? { actor } : {};
}

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
    /** A role an integration manages (another bot's or app's): nobody can assign or delete it. */
    managedByIntegration?: boolean;
  },
  actor?: ChangeActor,
): RoleRecord {
  const role: RoleRecord = {
    id: input.id ?? ctx.ids.next(),
    guildId: guild.id,
    name: input.name,
    color: input.color ?? 0,
    hoist: input.hoist ?? false,
    position: 0,
    permissions: input.permissions ?? 0n,
    managed: input.managedForBot !== undefined || input.managedByIntegration === true,
    mentionable: input.mentionable ?? false,
    botUserId: input.managedForBot ?? null,
    ...(input.managedForBot === undefined && input.managedByIntegration
      ? { integrationId: ctx.ids.next() }
      : {}),
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
  ctx.events.record('role.created', { guildId: guild.id, role: rolePayload(role), ...auditOf(actor) });
  // A bot's own role comes with the bot joining, not from anyone creating it.
  if (input.managedForBot === undefined) {
    const changes = diffChanges(null, roleAuditView(role));
    recordAuditEntry(ctx, guild, { actionType: AuditLogEvent.RoleCreate, targetId: role.id, changes }, actor);
  }
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
  actor?: ChangeActor,
): RoleRecord {
  const before = roleAuditView(role);
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
  ctx.events.record('role.updated', { guildId: guild.id, role: rolePayload(role), ...auditOf(actor) });
  const audited = diffChanges(before, roleAuditView(role));
  if (audited.length > 0) {
    recordAuditEntry(
      ctx,
      guild,
      { actionType: AuditLogEvent.RoleUpdate, targetId: role.id, changes: audited },
      actor,
    );
  }
  return role;
}

function dispatchRoleUpdate(ctx: EmulatorContext, guild: GuildRecord, role: RoleRecord): void {
  ctx.events.dispatch({
    event: 'GUILD_ROLE_UPDATE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, role: rolePayload(role) },
  });
}

/**
 * Moves several roles at once (PATCH /guilds/:id/roles): each listed role lands at its
 * requested position, lowest request first, the others keep their order, and positions are
 * renumbered 1..n. Dispatches GUILD_ROLE_UPDATE for every role whose position changed.
 */
export function moveRoles(
  ctx: EmulatorContext,
  guild: GuildRecord,
  moves: ReadonlyArray<{ role: RoleRecord; position: number }>,
  actor?: ChangeActor,
): RoleRecord[] {
  const plan = planRoleMoves(ctx, guild, moves);
  const moved: RoleRecord[] = [];
  for (const [role, position] of plan) {
    if (role.position === position) continue;
    role.position = position;
    moved.push(role);
  }
  for (const role of moved) dispatchRoleUpdate(ctx, guild, role);
  if (moved.length > 0)
    ctx.events.record('roles.moved', {
      guildId: guild.id,
      roles: moved.map((role) => ({ id: role.id, name: role.name, position: role.position })),
      ...auditOf(actor),
    });
  return moved;
}

/**
 * Where every role (but @everyone) would end up after `moves`, without changing anything:
 * each listed role takes its requested place (lowest request first), the others fill the
 * remaining places in their current order, and positions run 1..n.
 */
export function planRoleMoves(
  ctx: EmulatorContext,
  guild: GuildRecord,
  moves: ReadonlyArray<{ role: RoleRecord; position: number }>,
): Map<RoleRecord, number> {
  const requested = new Map(moves.filter((m) => m.role.id !== guild.id).map((m) => [m.role, m.position]));
  const order = ctx.world
    .rolesByRank(guild)
    .reverse()
    .filter((r) => r.id !== guild.id && !requested.has(r));
  const byTarget = [...requested].sort(([a, pa], [b, pb]) => pa - pb || a.position - b.position);
  for (const [role, position] of byTarget) order.splice(Math.max(0, position - 1), 0, role);
  return new Map(order.map((role, i) => [role, i + 1]));
}

/**
 * Deletes a role: members who had it lose it (each gets a GUILD_MEMBER_UPDATE), then
 * GUILD_ROLE_DELETE. The others keep their positions (Discord leaves the gap until the next move).
 */
export function deleteRole(
  ctx: EmulatorContext,
  guild: GuildRecord,
  role: RoleRecord,
  actor?: ChangeActor,
): void {
  if (role.id === guild.id) throw new Error('The @everyone role cannot be deleted');
  guild.roles.delete(role.id);
  for (const member of ctx.world.membersInOrder(guild)) {
    if (!member.roles.includes(role.id)) continue;
    member.roles = member.roles.filter((id) => id !== role.id);
    const user = ctx.world.requireUser(member.userId);
    ctx.events.dispatch({
      event: 'GUILD_MEMBER_UPDATE',
      audience: { guildId: guild.id },
      data: { guild_id: guild.id, ...memberPayload(member, user) },
    });
  }
  ctx.events.dispatch({
    event: 'GUILD_ROLE_DELETE',
    audience: { guildId: guild.id },
    data: { guild_id: guild.id, role_id: role.id },
  });
  ctx.events.record('role.deleted', { guildId: guild.id, role: rolePayload(role), ...auditOf(actor) });
  const changes = diffChanges(roleAuditView(role), null);
  recordAuditEntry(ctx, guild, { actionType: AuditLogEvent.RoleDelete, targetId: role.id, changes }, actor);
}
