/**
 * A typed client for the emulator's control API (HTTP under `/control`), for tests and scripts.
 * Every method is one documented endpoint; see docs/emulators/discord.md.
 */

type Json = Record<string, unknown>;

/** Discord-shaped objects as the control API returns them (only the fields scripts usually read). */
export interface ControlBot {
  applicationId: string;
  userId: string;
  token: string;
  privilegedIntents: string[];
}
export interface ControlUser extends Json {
  id: string;
  username: string;
  /** The language of the user's Discord app, sent as `locale` on their interactions. */
  locale: string;
}
export interface ControlRole extends Json {
  id: string;
  name: string;
  position: number;
}
export interface ControlChannel extends Json {
  id: string;
  name: string;
  type: number;
}
export interface ControlMember extends Json {
  user: ControlUser;
  roles: string[];
}
export interface ControlMessage extends Json {
  id: string;
  channel_id: string;
  content: string;
  author: ControlUser;
  components: unknown[];
  embeds: unknown[];
  attachments: Array<{ id: string; filename: string; url: string; size: number }>;
  flags: number;
  ephemeral?: boolean;
}
export interface ControlGuild extends Json {
  id: string;
  name: string;
  ownerId: string;
  everyoneRoleId: string;
  roles: ControlRole[];
  channels: ControlChannel[];
  members: ControlMember[];
}
export interface ControlInteraction extends Json {
  id: string;
  token: string;
  state: 'pending' | 'deferred' | 'completed';
  response: { type: number; data: Json | null; at: string } | null;
  ephemeral: boolean;
  original: ControlMessage | null;
  followups: Array<ControlMessage | null>;
}
export interface ControlRoleChange extends Json {
  guildId: string;
  userId: string;
  roleId: string;
  action: 'add' | 'remove';
  actorId: string | null;
  actorKind: 'bot' | 'moderator';
  reason: string | null;
}
export interface ControlEvent extends Json {
  seq: number;
  at: string;
  kind: string;
}

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
  createRole = (
    guildId: string,
    input: { name: string; position?: number; permissions?: string | number | string[]; color?: number },
  ) => this.request<ControlRole>('POST', `/guilds/${guildId}/roles`, input);
  updateRole = (
    guildId: string,
    roleId: string,
    input: { name?: string; position?: number; permissions?: string | number | string[] },
  ) => this.request<ControlRole>('PATCH', `/guilds/${guildId}/roles/${roleId}`, input);
  createChannel = (
    guildId: string,
    input: { name: string; type?: 'text' | 'voice' | 'category'; parentId?: string; afk?: boolean },
  ) => this.request<ControlChannel>('POST', `/guilds/${guildId}/channels`, input);
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

  // What users and moderators do
  sendMessage = (channelId: string, input: { authorId: string; content?: string; mentions?: string[] }) =>
    this.request<ControlMessage>('POST', `/channels/${channelId}/messages`, input);
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
  requestReconnect = (input: { botUserId?: string } = {}) =>
    this.request<{ connections: number }>('POST', '/faults/gateway/reconnect', input);
}
