import type { GuildChannelSnapshot, GuildRoleSnapshot, GuildSnapshot } from './guild-port.ts';

/**
 * The Discord server as the panel sees it (`GET /api/discord/guild`): its roles with whether Tandem
 * can give them, and its channels, in the order Discord's own settings show them. Pure: built from
 * one read of the server.
 */
export interface GuildDirectory {
  status: 'ready' | 'not-configured' | 'unreachable';
  /** English sentence when not ready: "Discord answered 401: the bot token is wrong". */
  reason?: string;
  guild?: { id: string; name: string };
  /** Tandem's bot in that server. */
  bot?: {
    userId: string;
    topRoleId: string | null;
    topRoleName: string;
    topRolePosition: number;
    manageRoles: boolean;
    sendMessages: boolean;
  };
  /** Highest first, as Server Settings → Roles shows them; @everyone last. */
  roles: DirectoryRole[];
  /** Categories by position, each followed by its channels; then channels with no category. */
  channels: DirectoryChannel[];
  /** When Discord was read (ISO). */
  fetchedAt: string;
}

export type RoleProblemCode = 'everyone' | 'managed' | 'above-bot' | 'no-manage-roles';

export interface DirectoryRole {
  id: string;
  name: string;
  color: number;
  position: number;
  managed: boolean;
  everyone: boolean;
  /** Whether Tandem can give and take this role. */
  assignable: boolean;
  problem?: { code: RoleProblemCode; message: string; params: { role: string; botRole: string } };
}

export type ChannelKind = 'text' | 'voice' | 'category' | 'announcement' | 'stage' | 'forum' | 'other';

export interface DirectoryChannel {
  id: string;
  name: string;
  type: ChannelKind;
  position: number;
  parentId: string | null;
}

const Permission = { Administrator: 1n << 3n, SendMessages: 1n << 11n, ManageRoles: 1n << 28n };
const channelKinds: Record<number, ChannelKind> = {
  0: 'text',
  2: 'voice',
  4: 'category',
  5: 'announcement',
  13: 'stage',
  15: 'forum',
};
const roleSettings = 'Server Settings → Roles';

/** A directory that is not ready: the pickers fall back to typed ids, saves go unchecked. */
export function unavailableDirectory(
  status: 'not-configured' | 'unreachable',
  reason: string,
  now: Date,
): GuildDirectory {
  return { status, reason, roles: [], channels: [], fetchedAt: now.toISOString() };
}

/**
 * Discord's role order: higher position first; on a tie the older role (smaller id) is higher, as
 * Discord itself breaks it.
 */
export function compareRolesHighestFirst(
  a: Pick<GuildRoleSnapshot, 'id' | 'position'>,
  b: Pick<GuildRoleSnapshot, 'id' | 'position'>,
): number {
  if (a.position !== b.position) return b.position - a.position;
  const [x, y] = [BigInt(a.id), BigInt(b.id)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function buildGuildDirectory(snapshot: GuildSnapshot, fetchedAt: Date): GuildDirectory {
  const everyoneId = snapshot.guild.id;
  const byId = new Map(snapshot.roles.map((role) => [role.id, role]));
  const own = snapshot.bot.roleIds
    .map((id) => byId.get(id))
    .filter((role): role is GuildRoleSnapshot => role !== undefined && role.id !== everyoneId);
  const top = [...own].sort(compareRolesHighestFirst)[0] ?? null;
  const everyone = byId.get(everyoneId);
  const permissions = [...own, ...(everyone ? [everyone] : [])].reduce(
    (bits, role) => bits | BigInt(role.permissions),
    0n,
  );
  // Administrator grants every permission; it does not lift the role hierarchy.
  const has = (bit: bigint) => (permissions & (Permission.Administrator | bit)) !== 0n;
  const bot = {
    userId: snapshot.bot.userId,
    topRoleId: top?.id ?? null,
    topRoleName: top?.name ?? '@everyone',
    topRolePosition: top?.position ?? 0,
    manageRoles: has(Permission.ManageRoles),
    sendMessages: has(Permission.SendMessages),
  };
  const roles = [...snapshot.roles]
    .sort((a, b) => (a.id === everyoneId ? 1 : b.id === everyoneId ? -1 : compareRolesHighestFirst(a, b)))
    .map((role): DirectoryRole => {
      const isEveryone = role.id === everyoneId;
      const problem = roleProblem(role, isEveryone, top, bot.manageRoles);
      return {
        id: role.id,
        name: isEveryone ? '@everyone' : role.name,
        color: role.color,
        position: role.position,
        managed: role.managed,
        everyone: isEveryone,
        assignable: problem === undefined,
        ...(problem ? { problem } : {}),
      };
    });
  return {
    status: 'ready',
    guild: snapshot.guild,
    bot,
    roles,
    channels: orderChannels(snapshot.channels),
    fetchedAt: fetchedAt.toISOString(),
  };
}

function roleProblem(
  role: GuildRoleSnapshot,
  isEveryone: boolean,
  top: GuildRoleSnapshot | null,
  manageRoles: boolean,
): DirectoryRole['problem'] {
  const botRole = top?.name ?? 'Tandem';
  const params = { role: isEveryone ? '@everyone' : role.name, botRole };
  const name = params.role;
  if (isEveryone) {
    return {
      code: 'everyone',
      message: `@everyone is every member's role: no one can be given or lose it. Pick another role.`,
      params,
    };
  }
  if (role.managed) {
    return {
      code: 'managed',
      message: `${name} is managed by an integration (a bot, server boosts or subscriptions): only it can give the role. Pick another role.`,
      params,
    };
  }
  if (!manageRoles) {
    return {
      code: 'no-manage-roles',
      message: `Tandem's role ${botRole} lacks the Manage Roles permission: give the ${botRole} role Manage Roles in ${roleSettings}.`,
      params,
    };
  }
  // Discord lets a bot manage only the roles strictly below its highest one.
  if (!top || role.position >= top.position) {
    const message =
      role.id === top?.id
        ? `${name} is Tandem's own highest role: a bot can give only the roles below it. Pick a role below ${botRole} in ${roleSettings}.`
        : `${name} is ${top && role.position === top.position ? 'level with' : 'above'} Tandem's role ${botRole}: move the ${botRole} role above ${name} in ${roleSettings}.`;
    return { code: 'above-bot', message, params };
  }
  return undefined;
}

function orderChannels(channels: readonly GuildChannelSnapshot[]): DirectoryChannel[] {
  const byPosition = (a: GuildChannelSnapshot, b: GuildChannelSnapshot) =>
    a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1);
  const entry = (channel: GuildChannelSnapshot): DirectoryChannel => ({
    id: channel.id,
    name: channel.name,
    type: channelKinds[channel.type] ?? 'other',
    position: channel.position,
    parentId: channel.parentId,
  });
  const categories = channels.filter((c) => c.type === 4).sort(byPosition);
  const categoryIds = new Set(categories.map((c) => c.id));
  const inCategory = (id: string | null) =>
    channels.filter((c) => c.type !== 4 && c.parentId === id).sort(byPosition);
  return [
    ...categories.flatMap((category) => [entry(category), ...inCategory(category.id).map(entry)]),
    ...channels
      .filter((c) => c.type !== 4 && (c.parentId === null || !categoryIds.has(c.parentId)))
      .sort(byPosition)
      .map(entry),
  ];
}

/** The lookups the save checks make in one directory (see src/core/discord-id-check.ts). */
export function idLookups(directory: GuildDirectory & { status: 'ready' }) {
  const roles = new Map(directory.roles.map((role) => [role.id, role]));
  const channels = new Set(directory.channels.map((channel) => channel.id));
  const guildName = directory.guild?.name ?? 'the server';
  const missingRole = (roleId: string) =>
    roles.has(roleId) ? null : `There is no role ${roleId} in ${guildName}: pick one of the server's roles.`;
  return {
    missingRole,
    roleProblem: (roleId: string) => missingRole(roleId) ?? roles.get(roleId)?.problem?.message ?? null,
    missingChannel: (channelId: string) =>
      channels.has(channelId)
        ? null
        : `There is no channel ${channelId} in ${guildName}: pick one of the server's channels.`,
  };
}
