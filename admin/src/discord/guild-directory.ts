/**
 * The Discord server as the API reads it through the bot (`GET /api/discord/guild`): its roles and
 * channels by name, and whether Tandem can give each role. The panel's pickers and fields read it
 * here; the ids stay what the API's records hold.
 */

export type RoleProblemCode = 'everyone' | 'managed' | 'above-bot' | 'no-manage-roles';

export interface DiscordRole {
  id: string;
  name: string;
  /** 0 = no colour. */
  color: number;
  position: number;
  managed: boolean;
  everyone: boolean;
  /** Whether Tandem can give and take this role. */
  assignable: boolean;
  /** Why not, when not assignable: `message` is the API's English sentence with the fix. */
  problem?: { code: RoleProblemCode; message: string; params: { role: string; botRole: string } };
}

export type DiscordChannelType = 'text' | 'voice' | 'category' | 'announcement' | 'stage' | 'forum' | 'other';

export interface DiscordChannel {
  id: string;
  name: string;
  type: DiscordChannelType;
  position: number;
  parentId: string | null;
}

export interface GuildDirectory {
  status: 'ready' | 'not-configured' | 'unreachable';
  /** An English sentence when not ready, e.g. "Discord answered 401: the bot token is wrong". */
  reason?: string;
  guild?: { id: string; name: string };
  bot?: {
    userId: string;
    topRoleId: string | null;
    topRoleName: string;
    topRolePosition: number;
    manageRoles: boolean;
    sendMessages: boolean;
  };
  /** Highest first, @everyone last. */
  roles: DiscordRole[];
  /** Categories by position, each followed by its channels; then channels with no category. */
  channels: DiscordChannel[];
  fetchedAt?: string;
}

/**
 * Which channels a picker offers: text channels take messages (announcement channels too), voice
 * channels hold calls (stage channels too).
 */
export type ChannelKind = 'text' | 'voice';

const typesOf: Record<ChannelKind, ReadonlySet<DiscordChannelType>> = {
  text: new Set(['text', 'announcement', 'forum']),
  voice: new Set(['voice', 'stage']),
};

/** The CSS colour of a Discord role colour, or undefined for "no colour". */
export function roleColour(color: number): string | undefined {
  if (!Number.isInteger(color) || color <= 0) return undefined;
  return `#${color.toString(16).padStart(6, '0')}`;
}

/** The roles by id, and the categories' names by id, for fields that show many ids. */
export interface DirectoryIndex {
  roles: ReadonlyMap<string, DiscordRole>;
  channels: ReadonlyMap<string, DiscordChannel>;
}

export function indexDirectory(directory: GuildDirectory | undefined): DirectoryIndex {
  return {
    roles: new Map((directory?.roles ?? []).map((role) => [role.id, role])),
    channels: new Map((directory?.channels ?? []).map((channel) => [channel.id, channel])),
  };
}

/**
 * The role ids a picker offers, highest first: @everyone is left out where a role must be held by
 * some members only (every member has it), and the ids chosen before that the server no longer has
 * come last, so the picker can still show (and drop) them.
 */
export function roleChoices(
  directory: GuildDirectory | undefined,
  chosen: readonly string[],
  options: { withEveryone?: boolean } = {},
): string[] {
  const roles = (directory?.roles ?? []).filter((role) => options.withEveryone || !role.everyone);
  const ids = roles.map((role) => role.id);
  const known = new Set((directory?.roles ?? []).map((role) => role.id));
  return [...ids, ...chosen.filter((id) => id && !known.has(id))];
}

/** A channel a picker offers, with the category it sits under (null: none, or unknown). */
export interface ChannelChoice {
  id: string;
  category: string | null;
}

/**
 * The channels of `kind` in the order Discord lists them, each with its category's name (a picker
 * groups by it), and then the ids chosen before that the server no longer has.
 */
export function channelChoices(
  directory: GuildDirectory | undefined,
  kind: ChannelKind,
  chosen: readonly string[],
): ChannelChoice[] {
  const channels = directory?.channels ?? [];
  const categories = new Map(
    channels.filter((channel) => channel.type === 'category').map((channel) => [channel.id, channel.name]),
  );
  const offered: ChannelChoice[] = channels
    .filter((channel) => typesOf[kind].has(channel.type))
    .map((channel) => ({
      id: channel.id,
      category: channel.parentId ? (categories.get(channel.parentId) ?? null) : null,
    }));
  // Autocomplete groups runs of equal categories: keep each category's channels together, in the
  // order its first channel came, whatever order the API sent.
  const order = [...new Set(offered.map((choice) => choice.category))];
  offered.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  const known = new Set(channels.map((channel) => channel.id));
  const unknown = chosen.filter((id) => id && !known.has(id)).map((id) => ({ id, category: null }));
  return [...offered, ...unknown];
}
