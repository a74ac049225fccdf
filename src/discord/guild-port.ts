import {
  type APIGuild,
  type APIGuildChannel,
  type APIGuildMember,
  type APIRole,
  type APIUser,
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  type REST,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import {
  DiscordGuildError,
  type DiscordGuildPort,
  type GuildRoleSnapshot,
} from '../discord-guild/guild-port.ts';

export interface DiscordGuildPortOptions {
  /** The REST client of the platform ports (it rejects on a rate limit rather than waiting). */
  rest: REST;
  guildId: string;
  /** How long one call may take before the server counts as unreachable. @defaultValue 10000 */
  timeoutMs?: number;
}

type Step = 'read' | 'create-role' | 'move-roles';

/** A call waits out a rate limit this short (a read, a role write), this many times, before giving up. */
const maxReadWaitMs = 3_000;
const maxWriteWaitMs = 15_000;
const maxAttempts = 5;

/** The server's roles, channels and Tandem's own member, over REST with the bot's token. */
export function createDiscordGuildPort(options: DiscordGuildPortOptions): DiscordGuildPort {
  const { rest, guildId } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let botUserId: string | null = null;

  async function call<T>(step: Step, send: (signal: AbortSignal) => Promise<unknown>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await send(AbortSignal.timeout(timeoutMs))) as T;
      } catch (error) {
        // The client rejects on a rate limit (the queue's jobs must not wait inside it). Here an
        // admin is waiting for an answer: a short wait is part of it (creating a community's rank
        // roles is a few dozen calls); a read waits less, a save must not hang on it.
        const waitMs = error instanceof RateLimitError ? Math.max(error.retryAfter, error.timeToReset) : null;
        const limit = step === 'read' ? maxReadWaitMs : maxWriteWaitMs;
        if (waitMs === null || waitMs > limit || attempt >= maxAttempts)
          throw toGuildError(error, step, guildId);
        await new Promise((resolve) => setTimeout(resolve, Math.max(waitMs, 50)));
      }
    }
  }

  return {
    guildId,
    async read() {
      botUserId ??= (await call<APIUser>('read', (signal) => rest.get(Routes.user(), { signal }))).id;
      const userId = botUserId;
      const [guild, channels, member] = await Promise.all([
        call<APIGuild>('read', (signal) => rest.get(Routes.guild(guildId), { signal })),
        call<Array<APIGuildChannel & { position?: number }>>('read', (signal) =>
          rest.get(Routes.guildChannels(guildId), { signal }),
        ),
        call<APIGuildMember>('read', (signal) => rest.get(Routes.guildMember(guildId, userId), { signal })),
      ]);
      return {
        guild: { id: guild.id, name: guild.name },
        roles: guild.roles.map(roleSnapshot),
        channels: channels.map((channel) => ({
          id: channel.id,
          name: channel.name ?? channel.id,
          type: channel.type,
          position: channel.position ?? 0,
          parentId: channel.parent_id ?? null,
        })),
        bot: { userId, roleIds: member.roles },
      };
    },
    async createRole({ name, color, reason }) {
      const role = await call<APIRole>('create-role', (signal) =>
        rest.post(Routes.guildRoles(guildId), {
          // No permissions of its own: a rank role is a badge, not a key.
          body: { name, color, permissions: '0', hoist: false, mentionable: false },
          reason,
          signal,
        }),
      );
      return roleSnapshot(role);
    },
    async moveRoles(positions, reason) {
      if (positions.length === 0) return;
      await call('move-roles', (signal) =>
        rest.patch(Routes.guildRoles(guildId), { body: positions, reason, signal }),
      );
    },
  };
}

function roleSnapshot(role: APIRole): GuildRoleSnapshot {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    position: role.position,
    permissions: role.permissions,
    managed: role.managed,
  };
}

/** An English reason for each way Discord can fail a call, naming what to change. */
function toGuildError(error: unknown, step: Step, guildId: string): DiscordGuildError {
  const options = { cause: error };
  if (error instanceof RateLimitError) {
    const waitMs = Math.max(error.retryAfter, error.timeToReset, 1_000);
    return new DiscordGuildError(
      `Discord asked Tandem to slow down: try again in ${Math.ceil(waitMs / 1000)} s.`,
      { ...options, retryAfterMs: waitMs },
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = Number(error.code);
    if (error.status === 401) {
      return new DiscordGuildError(
        'Discord answered 401: the bot token is wrong. Reset it in the Discord Developer Portal → your application → Bot, and set DISCORD_BOT_TOKEN.',
        options,
      );
    }
    if (code === RESTJSONErrorCodes.UnknownGuild || (step === 'read' && error.status === 403)) {
      return new DiscordGuildError(
        `Discord answered ${error.status}: the bot is not in the server ${guildId}. Invite it, or correct DISCORD_GUILD_ID.`,
        options,
      );
    }
    if (code === RESTJSONErrorCodes.MissingPermissions || error.status === 403) {
      return new DiscordGuildError(
        `Discord refused (${error.status}): Tandem's role needs the Manage Roles permission, and may only move roles below its own. Fix it in Server Settings → Roles.`,
        { ...options, refused: true },
      );
    }
    if (error.status >= 500) {
      return new DiscordGuildError(
        `Discord answered ${error.status}: it is having trouble. Try again in a minute.`,
        options,
      );
    }
    return new DiscordGuildError(`Discord answered ${error.status}: ${error.message}`, {
      ...options,
      refused: step !== 'read',
    });
  }
  if (error instanceof HTTPError) {
    return new DiscordGuildError(
      `Discord answered ${error.status}: ${error.message}. Try again in a minute.`,
      options,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DiscordGuildError(
    `Discord did not answer (${message}): check the network to Discord and try again.`,
    options,
  );
}
