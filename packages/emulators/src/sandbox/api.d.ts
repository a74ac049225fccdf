/** Types of api.js, the sandbox page's only link to the emulators (plain JS, served as it is). */

type Json = Record<string, unknown>;
type Id = string | number;

export class ControlApiError extends Error {
  constructor(status: number, message: string);
  readonly status: number;
}

export const TELEGRAM_EVENT_TYPES: string[];
export const DISCORD_EVENT_KINDS: string[];

export function loadConfig(pageUrl: string): Promise<{
  telegramControlUrl: string;
  discordControlUrl: string;
  links: Array<{ label: string; url: string }>;
}>;

/** `/config.json` as last read (`current`, updated in place) and how to read it again. */
export function sandboxEndpoints(pageUrl: string): Promise<{
  current: {
    telegramControlUrl: string;
    discordControlUrl: string;
    links: Array<{ label: string; url: string }>;
  };
  refresh(): Promise<void>;
}>;

/** A control URL, or a function answering the current one; `refresh` finds a moved emulator again. */
type ControlUrl = string | (() => string);
interface ApiOptions {
  refresh?: () => Promise<void>;
}

export interface TelegramApi {
  refresh(): Promise<void>;
  world(): Promise<{ bots: Json[]; users: Json[]; groups: Json[] }>;
  /** With `user`, `menuButton` is the one of that user's private chat. */
  bot(bot: Id, options?: { user?: number }): Promise<Json>;
  createUser(input: {
    firstName: string;
    username?: string;
    languageCode?: string;
  }): Promise<Json & { id: number; language_code?: string }>;
  messages(userId: number, bot?: Id): Promise<Json[]>;
  sendMessage(input: { from: number; bot?: Id; text: string }): Promise<Json & { seq: number }>;
  sendCommand(input: {
    from: number;
    bot?: Id;
    command: string;
    args?: string;
  }): Promise<Json & { seq: number }>;
  pressButton(input: { from: number; bot?: Id; messageId: number; data: string }): Promise<Json>;
  /** The user opens the bot's Mini App: `{ initData, url }`, the url with the signed init data. */
  openWebApp(input: { user: number; bot?: Id; url?: string }): Promise<Json & { url: string }>;
  /** The user's reactions on a message afterwards (`[]` removes theirs); in a group give `chatId`. */
  react(input: {
    from: number;
    bot?: Id;
    chatId?: number;
    messageId: number;
    reaction: string[];
  }): Promise<Json & { newReaction: Json[] }>;
  /** Votes in a bot's poll by 0-based option index (`[]` retracts); in a group give `chatId`. */
  votePoll(input: {
    from: number;
    bot?: Id;
    chatId?: number;
    messageId: number;
    optionIds: number[];
  }): Promise<Json & { poll: Json }>;
  // A group the played user is in, named by its (negative) chatId.
  groupMessages(chatId: number): Promise<Json[]>;
  sendGroupMessage(input: { from: number; chatId: number; text: string }): Promise<Json & { seq: number }>;
  /** Sends `/command@bot`, as a command picked from a group's menu. */
  sendGroupCommand(input: {
    from: number;
    chatId: number;
    bot: Id;
    command: string;
  }): Promise<Json & { seq: number }>;
  pressGroupButton(input: { from: number; chatId: number; messageId: number; data: string }): Promise<Json>;
  eventsUrl(): string;
}
export function telegramApi(controlUrl: ControlUrl, options?: ApiOptions): TelegramApi;

/** A member invoking a slash command: where, which command and the options given. */
export interface CommandInvocation {
  channelId: string;
  userId: string;
  applicationId?: string;
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, unknown>;
}

export interface DiscordApi {
  refresh(): Promise<void>;
  state(): Promise<Json & { bots: Json[]; users: Json[]; guilds: Json[]; sessions: Json[] }>;
  /** A new user, their Discord app set to `locale` (one of Discord's locales). */
  createUser(input: { username: string; locale?: string }): Promise<Json & { id: string; locale: string }>;
  addMember(guildId: string, userId: string): Promise<Json>;
  removeMember(guildId: string, userId: string): Promise<void>;
  banUser(guildId: string, userId: string, input?: { reason?: string }): Promise<void>;
  unbanUser(guildId: string, userId: string): Promise<void>;
  commands(applicationId?: string): Promise<Json[]>;
  channelMessages(channelId: string): Promise<Json[]>;
  directMessages(query: {
    userId?: string;
    botUserId?: string;
  }): Promise<Array<Json & { channelId: string }>>;
  roleChanges(query: { guildId?: string; userId?: string }): Promise<Json[]>;
  sendMessage(
    channelId: string,
    input: { authorId: string; content: string },
  ): Promise<Json & { id: string }>;
  sendDirectMessage(input: {
    userId: string;
    botUserId?: string;
    content: string;
  }): Promise<{ channelId: string; message: Json }>;
  runCommand(input: CommandInvocation): Promise<Json & { id: string; token: string }>;
  pressComponent(input: {
    messageId: string;
    userId: string;
    customId: string;
    values?: string[];
  }): Promise<Json & { id: string }>;
  typeIntoOption(
    input: CommandInvocation & { focused: string },
  ): Promise<Json & { id: string; token: string }>;
  interactionResponse(
    interactionId: string,
    wait?: { timeoutMs?: number },
  ): Promise<Json & { id: string; response: { type: number; data: Json | null } | null }>;
  submitModal(input: {
    interactionId: string;
    values: Record<string, string | string[]>;
  }): Promise<Json & { id: string; response: { type: number; data: Json | null } | null }>;
  setVoiceState(
    guildId: string,
    userId: string,
    input: { channelId?: string; selfMute?: boolean; selfDeaf?: boolean },
  ): Promise<Json>;
  leaveVoice(guildId: string, userId: string): Promise<void>;
  eventsUrl(): string;
}
export function discordApi(controlUrl: ControlUrl, options?: ApiOptions): DiscordApi;
