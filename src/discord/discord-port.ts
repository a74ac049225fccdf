import {
  type APIDMChannel,
  type APIGuildMember,
  DiscordAPIError,
  type REST,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import type { DiscordPort, MemberRoles } from '../sync/ports.ts';
import { type DiscordCall, toPlatformError } from './discord-port-errors.ts';

export interface DiscordPortOptions {
  /**
   * The REST client, made with `rejectOnRateLimit: () => true`: a 429 must reach the queue (which
   * pauses and retries without spending an attempt) instead of being waited out inside a job.
   */
  rest: REST;
  /** The server whose roles Tandem manages. */
  guildId: string;
  /** DM channel ids remembered (least recently used dropped first). @defaultValue 1000 */
  dmChannelCacheSize?: number;
}

/** Discord refuses longer message contents (50035). */
const maxContentLength = 2000;
const maxMembersPerPage = 1000;

/**
 * The engine's Discord, over REST only (the worker has no gateway). Role writes to one member are
 * run one after another in this process, so a rank change (read, then write) never overwrites an
 * achievement grant made in between by another job of the same worker.
 */
export function createDiscordPort(options: DiscordPortOptions): DiscordPort {
  const { rest, guildId } = options;
  const dmChannels = new BoundedCache<string, string>(options.dmChannelCacheSize ?? 1000);
  const memberQueue = new KeyedQueue();

  async function request<T = void>(call: DiscordCall, send: () => Promise<unknown>): Promise<T> {
    try {
      return (await send()) as T;
    } catch (error) {
      throw toPlatformError(error, call, guildId);
    }
  }

  /** Removing a role from someone who left the server has nothing left to do. */
  async function unlessGone(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof Error && isUnknownMember(error.cause))) throw error;
    }
  }

  async function openDm(userId: string): Promise<string> {
    const cached = dmChannels.get(userId);
    if (cached) return cached;
    const channel = await request<APIDMChannel>({ kind: 'dm', userId }, () =>
      rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
    );
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  async function postDm(userId: string, content: string): Promise<void> {
    const channelId = await openDm(userId);
    await request({ kind: 'dm', userId }, () =>
      rest.post(Routes.channelMessages(channelId), { body: { content, allowed_mentions: { parse: [] } } }),
    );
  }

  /**
   * Gives the member exactly `wanted` among `rankRoleIds` (other roles untouched), in one write.
   * The smallest write that gets there in one call. One role to add or remove: PUT/DELETE, which
   * Discord applies atomically without touching the member's other roles. More (the usual rank-up
   * swap, or stacked roles): one PATCH of the whole list rather than several PUT/DELETE, because
   * member edits have a tight bucket (about 10 per 10 s per guild) and because the member then goes
   * straight to the final roles: the gateway echoes one GUILD_MEMBER_UPDATE that already matches
   * what Tandem wants, instead of an in-between state (two rank roles, or none) that the drift check
   * could take for a hand edit. The PATCH rests on the read just before it: a role a moderator
   * changes in those milliseconds would be reverted, a rare race accepted for the reasons above
   * (Tandem's own writes to this member from this process wait their turn in `memberQueue`).
   */
  function writeRankRoles(
    userId: string,
    wanted: readonly string[],
    rankRoleIds: readonly string[],
    reason: string,
  ): Promise<void> {
    return memberQueue.run(userId, async () => {
      const member = await request<APIGuildMember>({ kind: 'member-read', userId }, () =>
        rest.get(Routes.guildMember(guildId, userId)),
      );
      const held = new Set(member.roles);
      const keep = new Set(wanted);
      const remove = [...new Set(rankRoleIds)].filter((id) => !keep.has(id) && held.has(id));
      const add = [...keep].filter((id) => !held.has(id));
      const changed = [...add, ...remove];
      if (changed.length === 0) return;
      const edit: DiscordCall = { kind: 'role-edit', userId, roleIds: changed };
      if (changed.length === 1) {
        const route = Routes.guildMemberRole(guildId, userId, changed[0]!);
        await request(edit, () =>
          add.length ? rest.put(route, { reason }) : rest.delete(route, { reason }),
        );
        return;
      }
      const roles = [...[...held].filter((id) => !remove.includes(id)), ...add];
      await request(edit, () => rest.patch(Routes.guildMember(guildId, userId), { body: { roles }, reason }));
    });
  }

  return {
    setRankRole({ userId, roleId, rankRoleIds, reason }) {
      const work = () => writeRankRoles(userId, roleId === null ? [] : [roleId], rankRoleIds, reason);
      return roleId === null ? unlessGone(work) : work();
    },

    setRankRoles({ userId, roleIds, rankRoleIds, reason }) {
      const work = () => writeRankRoles(userId, roleIds, rankRoleIds, reason);
      return roleIds.length === 0 ? unlessGone(work) : work();
    },

    grantRole(userId, roleId, reason) {
      return memberQueue.run(userId, () =>
        request({ kind: 'role-edit', userId, roleIds: [roleId] }, () =>
          rest.put(Routes.guildMemberRole(guildId, userId, roleId), { reason }),
        ),
      );
    },

    revokeRole(userId, roleId, reason) {
      return unlessGone(() =>
        memberQueue.run(userId, () =>
          request({ kind: 'role-edit', userId, roleIds: [roleId] }, () =>
            rest.delete(Routes.guildMemberRole(guildId, userId, roleId), { reason }),
          ),
        ),
      );
    },

    async notify(discordUserId, text) {
      const content = text.length <= maxContentLength ? text : `${text.slice(0, maxContentLength - 1)}…`;
      try {
        await postDm(discordUserId, content);
      } catch (error) {
        // A remembered DM channel that Discord no longer knows: open a fresh one, once.
        if (!(error instanceof Error && isUnknownChannel(error.cause))) throw error;
        dmChannels.delete(discordUserId);
        await postDm(discordUserId, content);
      }
    },

    async postToChannel(channelId, text) {
      const content = text.length <= maxContentLength ? text : `${text.slice(0, maxContentLength - 1)}…`;
      // parse: [] — names in announcements are plain text: no @everyone, role or user ping, ever.
      await request({ kind: 'channel-post', channelId }, () =>
        rest.post(Routes.channelMessages(channelId), { body: { content, allowed_mentions: { parse: [] } } }),
      );
    },

    async listMemberRoles({ after, limit }) {
      const pageSize = Math.min(Math.max(Math.trunc(limit), 1), maxMembersPerPage);
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (after) query.set('after', after);
      const page = await request<APIGuildMember[]>({ kind: 'member-list' }, () =>
        rest.get(Routes.guildMembers(guildId), { query }),
      );
      const members: MemberRoles[] = page.flatMap((m) =>
        m.user ? [{ userId: m.user.id, roleIds: m.roles }] : [],
      );
      const last = members.at(-1);
      return { members, nextAfter: page.length === pageSize && last ? last.userId : null };
    },
  };
}

function isUnknownMember(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember;
}

function isUnknownChannel(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel;
}

/** Runs the tasks given for one key one after another; keys are forgotten once idle. */
class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}

/** A Map that forgets its least recently used entry beyond `capacity`. */
class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }
}
