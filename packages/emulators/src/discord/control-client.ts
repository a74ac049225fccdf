/**
 * A typed client for the emulator's control API (HTTP under `/control`), for tests and scripts.
 * Every method is one documented endpoint; see docs/emulators/discord.md.
 */

import type {
  ControlAuditLogEntry,
  ControlBot,
  ControlChannel,
  ControlChannelType,
  ControlEvent,
  ControlGuild,
  ControlInteraction,
  ControlMember,
  ControlMessage,
  ControlPermissions,
  ControlRole,
  ControlRoleChange,
  ControlRoleFields,
  ControlUser,
  Json,
} from './control-types.ts';

export type * from './control-types.ts';

export class ControlRequestError extends Error {
  override name = 'ControlRequestError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    request: string,
  ) {
    super(`${request} -> ${status}: ${JSON.stringify(body)}`);
  }
}

export class DiscordControlClient {
  /** @param controlUrl The emulator's `controlUrl` (e.g. `http://127.0.0.1:40123/control`). */
  constructor(private readonly controlUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ControlRequestError(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  // World
  reset = () => this.request<void>('POST', '/reset');
  state = () => this.request<Json>('GET', '/state');
  createBot = (input: { username: string; id?: string; token?: string; privilegedIntents?: string[] }) =>
    this.request<ControlBot>('POST', '/bots', input);
  updateBot = (applicationId: string, input: { privilegedIntents: string[] }) =>
    this.request<ControlBot>('PATCH', `/bots/${applicationId}`, input);
  createUser = (input: {
    username: string;
    id?: string;
    globalName?: string;
    acceptsDirectMessages?: boolean;
    locale?: string;
  }) => this.request<ControlUser>('POST', '/users', input);
  updateUser = (
    userId: string,
    input: { globalName?: string | null; acceptsDirectMessages?: boolean; locale?: string },
  ) => this.request<ControlUser>('PATCH', `/users/${userId}`, input);
  createGuild = (input: { name: string; id?: string; ownerId?: string; preferredLocale?: string }) =>
    this.request<ControlGuild>('POST', '/guilds', input);
  guild = (guildId: string) => this.request<ControlGuild>('GET', `/guilds/${guildId}`);
  updateGuild = (
    guildId: string,
    input: { name?: string; afkChannelId?: string | null; afkTimeout?: number; preferredLocale?: string },
  ) => this.request<ControlGuild>('PATCH', `/guilds/${guildId}`, input);
  /** A role as a server admin creates it; `managed` or `botUserId` model an integration's or another bot's role. */
  createRole = (
    guildId: string,
    input: ControlRoleFields & { name: string; id?: string; managed?: boolean; botUserId?: string },
  ) => this.request<ControlRole>('POST', `/guilds/${guildId}/roles`, input);
  updateRole = (guildId: string, roleId: string, input: ControlRoleFields) =>
    this.request<ControlRole>('PATCH', `/guilds/${guildId}/roles/${roleId}`, input);
  /** Moves one role to `position` (1 = just above @everyone); the others make room. */
  moveRole = (guildId: string, roleId: string, position: number) =>
    this.updateRole(guildId, roleId, { position });
  /** Moves several roles at once; answers every role, highest first. */
  moveRoles = (guildId: string, positions: Array<{ id: string; position: number }>) =>
    this.request<ControlRole[]>('PATCH', `/guilds/${guildId}/roles`, positions);
  setRolePermissions = (guildId: string, roleId: string, permissions: ControlPermissions) =>
    this.updateRole(guildId, roleId, { permissions });
  deleteRole = (guildId: string, roleId: string) =>
    this.request<void>('DELETE', `/guilds/${guildId}/roles/${roleId}`);
  createChannel = (
    guildId: string,
    input: {
      name: string;
      type?: ControlChannelType;
      id?: string;
      parentId?: string;
      topic?: string;
      position?: number;
      userLimit?: number;
      nsfw?: boolean;
      afk?: boolean;
    },
  ) => this.request<ControlChannel>('POST', `/guilds/${guildId}/channels`, input);
  updateChannel = (
    channelId: string,
    input: {
      name?: string;
      type?: 'text' | 'announcement';
      parentId?: string | null;
      topic?: string | null;
      position?: number;
      userLimit?: number;
      nsfw?: boolean;
    },
  ) => this.request<ControlChannel>('PATCH', `/channels/${channelId}`, input);
  deleteChannel = (channelId: string) => this.request<void>('DELETE', `/channels/${channelId}`);
  addMember = (
    guildId: string,
    input: {
      userId: string;
      roles?: string[];
      nick?: string;
      botRole?: { name?: string; position?: number; permissions?: string | number | string[] };
    },
  ) => this.request<ControlMember>('POST', `/guilds/${guildId}/members`, input);
  removeMember = (guildId: string, userId: string) =>
    this.request<void>('DELETE', `/guilds/${guildId}/members/${userId}`);
  /** Bans a user as a moderator does (a member is removed too); `unbanUser` lifts it. */
  banUser = (guildId: string, userId: string, input: { reason?: string } = {}) =>
    this.request<void>('PUT', `/guilds/${guildId}/bans/${userId}`, input);
  unbanUser = (guildId: string, userId: string) =>
    this.request<void>('DELETE', `/guilds/${guildId}/bans/${userId}`);

  // What users and moderators do
  sendMessage = (channelId: string, input: { authorId: string; content?: string; mentions?: string[] }) =>
    this.request<ControlMessage>('POST', `/channels/${channelId}/messages`, input);
  /** A member reacts with a unicode emoji (MESSAGE_REACTION_ADD); `unreact` takes it back. */
  react = (channelId: string, messageId: string, emoji: string, userId: string) =>
    this.request<ControlMessage>(
      'PUT',
      `/channels/${channelId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}/${userId}`,
    );
  unreact = (channelId: string, messageId: string, emoji: string, userId: string) =>
    this.request<ControlMessage>(
      'DELETE',
      `/channels/${channelId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}/${userId}`,
    );
  /** A member joins a thread (THREAD_MEMBERS_UPDATE); `leaveThread` takes them out. */
  joinThread = (threadId: string, userId: string) =>
    this.request<void>('PUT', `/channels/${threadId}/thread-members/${userId}`);
  leaveThread = (threadId: string, userId: string) =>
    this.request<void>('DELETE', `/channels/${threadId}/thread-members/${userId}`);
  sendDirectMessage = (input: { userId: string; content: string; botUserId?: string }) =>
    this.request<{ channelId: string; message: ControlMessage }>('POST', '/dms', input);
  runCommand = (input: {
    channelId: string;
    userId: string;
    name: string;
    applicationId?: string;
    subcommandGroup?: string;
    subcommand?: string;
    options?: Record<string, unknown>;
  }) => this.request<ControlInteraction>('POST', '/interactions/commands', input);
  pressButton = (input: { messageId: string; userId: string; customId: string; values?: string[] }) =>
    this.request<ControlInteraction>('POST', '/interactions/components', input);
  /** A user types into an autocomplete option: `options[focused]` is the text so far. */
  typeIntoOption = (input: {
    channelId: string;
    userId: string;
    name: string;
    focused: string;
    applicationId?: string;
    subcommandGroup?: string;
    subcommand?: string;
    options?: Record<string, unknown>;
  }) => this.request<ControlInteraction>('POST', '/interactions/autocomplete', input);
  /** The user submits the modal the bot opened in answer to `interactionId`. */
  submitModal = (input: { interactionId: string; values: Record<string, string | string[]> }) =>
    this.request<ControlInteraction>('POST', '/interactions/modals', input);
  /** The interaction, optionally once it got a response, completed, or `count` follow-ups. */
  interaction = (
    interactionId: string,
    wait?: { until: 'response' | 'completed' | 'followups'; count?: number; timeoutMs?: number },
  ) => {
    const query = wait
      ? `?wait=${wait.until}&count=${wait.count ?? 1}&timeoutMs=${wait.timeoutMs ?? 5000}`
      : '';
    return this.request<ControlInteraction>('GET', `/interactions/${interactionId}${query}`);
  };
  interactions = () => this.request<ControlInteraction[]>('GET', '/interactions');
  setVoiceState = (
    guildId: string,
    userId: string,
    input: {
      channelId?: string;
      selfMute?: boolean;
      selfDeaf?: boolean;
      selfVideo?: boolean;
      selfStream?: boolean;
      mute?: boolean;
      deaf?: boolean;
    },
  ) => this.request<Json>('PUT', `/guilds/${guildId}/voice/${userId}`, input);
  leaveVoice = (guildId: string, userId: string) =>
    this.request<void>('DELETE', `/guilds/${guildId}/voice/${userId}`);
  changeRolesAsModerator = (
    guildId: string,
    userId: string,
    input: { add?: string[]; remove?: string[]; set?: string[]; moderatorId?: string; reason?: string },
  ) =>
    this.request<{ member: ControlMember; added: string[]; removed: string[] }>(
      'POST',
      `/guilds/${guildId}/members/${userId}/roles`,
      input,
    );

  // Reading what the bot did
  messages = (channelId: string, query: { authorId?: string } = {}) =>
    this.request<ControlMessage[]>(
      'GET',
      `/channels/${channelId}/messages${query.authorId ? `?authorId=${query.authorId}` : ''}`,
    );
  directMessages = (query: { userId?: string; botUserId?: string } = {}) =>
    this.request<Array<{ channelId: string; userId: string; botUserId: string; messages: ControlMessage[] }>>(
      'GET',
      `/dms?${new URLSearchParams(query as Record<string, string>)}`,
    );
  roleChanges = (query: { guildId?: string; userId?: string; actorKind?: 'bot' | 'moderator' } = {}) =>
    this.request<ControlRoleChange[]>(
      'GET',
      `/role-changes?${new URLSearchParams(query as Record<string, string>)}`,
    );
  commands = (query: { applicationId?: string; guildId?: string } = {}) =>
    this.request<Json[]>('GET', `/commands?${new URLSearchParams(query as Record<string, string>)}`);
  /** The guild's audit log, newest first, as GET /guilds/:id/audit-logs gives its entries. */
  auditLog = (guildId: string, query: { userId?: string; actionType?: number } = {}) => {
    const params = new URLSearchParams();
    if (query.userId) params.set('userId', query.userId);
    if (query.actionType !== undefined) params.set('actionType', String(query.actionType));
    return this.request<ControlAuditLogEntry[]>('GET', `/guilds/${guildId}/audit-log?${params}`);
  };
  history = (after = 0) => this.request<ControlEvent[]>('GET', `/events/history?after=${after}`);

  // Faults
  faults = () => this.request<Json>('GET', '/faults');
  clearFaults = () => this.request<void>('DELETE', '/faults');
  setLatency = (ms: number) => this.request<Json>('PUT', '/faults/latency', { ms });
  failNextRestCalls = (input: { count?: number; status?: number; route?: string }) =>
    this.request<Json>('POST', '/faults/rest-errors', input);
  rateLimitStorm = (input: { durationMs: number; scope?: 'global' | 'route'; route?: string }) =>
    this.request<Json>('POST', '/faults/rate-limit', input);
  dropGateway = (input: { mode?: 'abrupt' | 'invalid-session' | 'close'; botUserId?: string } = {}) =>
    this.request<{ connections: number }>('POST', '/faults/gateway/drop', input);
  /** Cuts every gateway connection and refuses new ones until `clearFaults()` or `durationMs` ends. */
  stopGateway = (input: { durationMs?: number } = {}) =>
    this.request<{ connections: number }>('POST', '/faults/gateway/down', input);
  requestReconnect = (input: { botUserId?: string } = {}) =>
    this.request<{ connections: number }>('POST', '/faults/gateway/reconnect', input);
}
