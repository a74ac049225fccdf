import { z } from 'zod';
import { createRole, deleteRole, moveRoles, planRoleMoves, updateRole } from '../../actions/roles.ts';
import { discordErrors } from '../../errors.ts';
import { rolePayload } from '../../payloads/guild.ts';
import { guildPermissions, highestRole, outranks, Permission } from '../../world/permissions.ts';
import type { GuildRecord, RoleRecord } from '../../world/types.ts';
import { parseForm } from '../form-errors.ts';
import { type AuthenticatedBot, noContent, ok, param, type RouteDefinition } from '../rest-call.ts';
import { snowflake } from '../schemas/snowflake.ts';
import { botActor, botAndGuildOf, type RouteDeps } from './route-deps.ts';

/** Discord's cap on roles per guild (30005 beyond it). */
const MAX_ROLES = 250;

/** A permission bit set: Discord sends strings, and still takes integers. */
const permissionBits = z
  .union([z.string().regex(/^\d{1,20}$/, { message: 'Invalid permission bits.' }), z.number().int().min(0)])
  .transform((value) => BigInt(value));

const color = z.number().int().min(0).max(0xffffff);

/** Role fields (`colors` is how discord.js 14.19+ sends the colour; `color` the older way). */
const roleBody = z.looseObject({
  name: z.string().max(100).nullish(),
  permissions: permissionBits.nullish(),
  color: color.nullish(),
  colors: z.looseObject({ primary_color: color.nullish() }).nullish(),
  hoist: z.boolean().nullish(),
  mentionable: z.boolean().nullish(),
});

const positionsBody = z.array(z.looseObject({ id: snowflake, position: z.number().int().min(0).nullish() }));

type RoleFields = z.output<typeof roleBody>;

function fieldsOf(body: RoleFields) {
  const colour = body.colors?.primary_color ?? body.color;
  return {
    ...(body.name != null ? { name: body.name } : {}),
    ...(body.permissions != null ? { permissions: body.permissions } : {}),
    ...(colour != null ? { color: colour } : {}),
    ...(body.hoist != null ? { hoist: body.hoist } : {}),
    ...(body.mentionable != null ? { mentionable: body.mentionable } : {}),
  };
}

/**
 * Creating, editing, moving and deleting roles, as Discord checks them: Manage Roles, only
 * roles strictly below the bot's highest role, and no permission the bot does not have itself
 * (each refused with 403 50013 Missing Permissions). The guild owner is not limited.
 */
export function roleRoutes(deps: RouteDeps): RouteDefinition[] {
  const ctx = deps.emulator;
  const { world } = ctx;

  function assertBelowBot(guild: GuildRecord, bot: AuthenticatedBot, role: RoleRecord): void {
    if (guild.ownerId === bot.user.id) return;
    if (!outranks(highestRole(guild, bot.user.id), role)) throw discordErrors.missingPermissions();
  }

  /** A role cannot be given permissions its editor lacks (those it already has may stay). */
  function assertGrantable(guild: GuildRecord, bot: AuthenticatedBot, wanted: bigint, had = 0n): void {
    const own = guildPermissions(guild, bot.user.id);
    if ((wanted & ~had & ~own) !== 0n) throw discordErrors.missingPermissions();
  }

  /** A bulk move may reorder the roles below the bot's highest role, and nothing else. */
  function assertMovable(guild: GuildRecord, bot: AuthenticatedBot, plan: Map<RoleRecord, number>): void {
    if (guild.ownerId === bot.user.id) return;
    const top = highestRole(guild, bot.user.id);
    const before = world.rolesByRank(guild).filter((r) => r.id !== guild.id);
    const after = [...plan].sort(([, a], [, b]) => b - a).map(([role]) => role);
    // Everything from the bot's role up keeps its order, and nothing crosses it (a bot whose
    // highest role is @everyone may move nothing).
    const head = (list: RoleRecord[]) =>
      (top.id === guild.id ? list : list.slice(0, list.indexOf(top) + 1)).map((r) => r.id);
    const headBefore = head(before);
    const headAfter = head(after);
    if (headBefore.join() !== headAfter.join()) throw discordErrors.missingPermissions();
  }

  return [
    {
      method: 'post',
      path: '/guilds/:guildId/roles',
      bucket: 'role-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.ManageRoles);
        const fields = fieldsOf(parseForm(roleBody, call.body ?? {}));
        if (fields.permissions !== undefined) assertGrantable(guild, bot, fields.permissions);
        if (guild.roles.size >= MAX_ROLES) throw discordErrors.maxRoles();
        // Discord names an unnamed role "new role" and gives it @everyone's permissions.
        const role = createRole(
          ctx,
          guild,
          {
            ...fields,
            name: fields.name || 'new role',
            permissions: fields.permissions ?? world.requireRole(guild, guild.id).permissions,
            position: 1,
          },
          botActor(call, bot),
        );
        return ok(rolePayload(role));
      },
    },
    {
      method: 'patch',
      path: '/guilds/:guildId/roles',
      bucket: 'role-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.ManageRoles);
        const body = parseForm(positionsBody, call.body ?? []);
        const moves = body.flatMap(({ id, position }) =>
          position == null ? [] : [{ role: world.requireRole(guild, id), position }],
        );
        assertMovable(guild, bot, planRoleMoves(ctx, guild, moves));
        moveRoles(ctx, guild, moves, botActor(call, bot));
        return ok(world.rolesByRank(guild).reverse().map(rolePayload));
      },
    },
    {
      method: 'patch',
      path: '/guilds/:guildId/roles/:roleId',
      bucket: 'role-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.ManageRoles);
        const role = world.requireRole(guild, param(call, 'roleId'));
        const fields = fieldsOf(parseForm(roleBody, call.body ?? {}));
        assertBelowBot(guild, bot, role);
        if (fields.permissions !== undefined)
          assertGrantable(guild, bot, fields.permissions, role.permissions);
        if (role.id === guild.id) delete fields.name;
        updateRole(ctx, guild, role, fields, botActor(call, bot));
        return ok(rolePayload(role));
      },
    },
    {
      method: 'delete',
      path: '/guilds/:guildId/roles/:roleId',
      bucket: 'role-edits',
      auth: 'bot',
      handler: (call) => {
        const { bot, guild } = botAndGuildOf(deps, call, Permission.ManageRoles);
        const role = world.requireRole(guild, param(call, 'roleId'));
        // @everyone and roles an integration manages cannot be deleted by anyone.
        if (role.id === guild.id || role.managed) throw discordErrors.invalidRole();
        assertBelowBot(guild, bot, role);
        deleteRole(ctx, guild, role, botActor(call, bot));
        return noContent();
      },
    },
  ];
}
