import { ControlError } from '../errors.ts';
import type { BotSeed } from '../options.ts';
import type { BotRecord, CallbackRecord, ChatRecord, InlineQueryRecord, UserRecord } from './records.ts';
import { botIdFromToken, generateToken } from './tokens.ts';

export interface UserSeed {
  id?: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export interface GroupSeed {
  title: string;
  type?: 'group' | 'supergroup' | 'channel';
  username?: string;
}

/** Everything a world holds, as {@link World.exportState} gives it and {@link World.importState} takes it. */
export interface WorldState {
  bots: BotRecord[];
  users: UserRecord[];
  groups: ChatRecord[];
  privateChats: ChatRecord[];
  callbacks: CallbackRecord[];
  /** Absent in worlds saved before inline mode. */
  inlineQueries?: InlineQueryRecord[];
  sequences: { user: number; group: number; bot: number; callback: number };
}

/**
 * How far every counter jumps when a world is read back after a crash: its last changes may not
 * have been saved, and an id handed out then must not be handed out again to something else.
 */
export const CRASH_ID_GAP = 1000;

const usernamePattern = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;
const firstUserId = 100_000_001;
const firstGroupId = -4_100_000_001;
const firstSupergroupId = -1_001_100_000_001;

/**
 * Everyone and everything a bot can meet: bot accounts, users, groups and the chats between them.
 * Private chats are per bot (each bot sees the user's chat under the user's id); groups are shared.
 */
export class World {
  private readonly bots = new Map<number, BotRecord>();
  private readonly botsByToken = new Map<string, BotRecord>();
  private readonly users = new Map<number, UserRecord>();
  private readonly groups = new Map<number, ChatRecord>();
  private readonly privateChats = new Map<string, ChatRecord>();
  readonly callbacks = new Map<string, CallbackRecord>();
  readonly inlineQueries = new Map<string, InlineQueryRecord>();
  private userSeq = 0;
  private groupSeq = 0;
  private botSeq = 0;
  private callbackSeq = 0;

  addBot(seed: BotSeed = {}): BotRecord {
    this.botSeq += 1;
    const token = seed.token ?? generateToken(7_100_000_000 + this.botSeq);
    const id = botIdFromToken(token);
    if (id === undefined) {
      throw ControlError.invalid(
        `Bot token "${token}" is not shaped like Telegram's: use <bot id digits>:<35 characters of A-Z a-z 0-9 _ ->`,
      );
    }
    if (this.bots.has(id) || this.users.has(id)) throw ControlError.conflict(`Id ${id} is already taken`);
    const username = seed.username?.replace(/^@/, '') ?? `emulated_${this.botSeq}_bot`;
    if (!/_?bot$/i.test(username) || !usernamePattern.test(username)) {
      throw ControlError.invalid(
        `Bot username "${username}" must be 5-32 characters of letters, digits and _ and end in "bot"`,
      );
    }
    this.assertUsernameFree(username);
    const bot: BotRecord = {
      id,
      token,
      username,
      firstName: seed.firstName ?? `Emulated Bot ${this.botSeq}`,
      canReadAllGroupMessages: seed.canReadAllGroupMessages ?? false,
      inlineMode: seed.supportsInlineQueries ?? true,
      inlineFeedback: seed.inlineFeedback ?? true,
      commands: new Map(),
      menuButtons: new Map(),
    };
    this.bots.set(id, bot);
    this.botsByToken.set(token, bot);
    return bot;
  }

  bot(id: number): BotRecord | undefined {
    return this.bots.get(id);
  }

  botByToken(token: string): BotRecord | undefined {
    return this.botsByToken.get(token);
  }

  /** A bot by id or username (with or without @). */
  botByRef(ref: number | string): BotRecord | undefined {
    if (typeof ref === 'number' || /^\d+$/.test(ref)) return this.bots.get(Number(ref));
    const name = ref.replace(/^@/, '').toLowerCase();
    return [...this.bots.values()].find((bot) => bot.username.toLowerCase() === name);
  }

  allBots(): BotRecord[] {
    return [...this.bots.values()];
  }

  addUser(seed: UserSeed): UserRecord {
    let id = seed.id;
    if (id !== undefined && (this.users.has(id) || this.bots.has(id))) {
      throw ControlError.conflict(`User id ${id} is already taken`);
    }
    while (id === undefined || this.users.has(id) || this.bots.has(id)) {
      id = firstUserId + this.userSeq;
      this.userSeq += 1;
    }
    if (seed.username !== undefined) {
      if (!usernamePattern.test(seed.username)) {
        throw ControlError.invalid(
          `Username "${seed.username}" must be 5-32 characters of letters, digits and _, starting with a letter`,
        );
      }
      this.assertUsernameFree(seed.username);
    }
    const user: UserRecord = {
      id,
      firstName: seed.firstName,
      lastName: seed.lastName,
      username: seed.username,
      languageCode: seed.languageCode,
      startedBots: new Set(),
      blockedBots: new Set(),
    };
    this.users.set(id, user);
    return user;
  }

  user(id: number): UserRecord | undefined {
    return this.users.get(id);
  }

  allUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  addGroup(seed: GroupSeed): ChatRecord {
    const type = seed.type ?? 'supergroup';
    if (seed.username !== undefined) {
      if (type === 'group')
        throw ControlError.invalid('Only supergroups and channels can have a public username');
      if (!usernamePattern.test(seed.username)) {
        throw ControlError.invalid(`Group username "${seed.username}" must be 5-32 letters, digits and _`);
      }
      this.assertUsernameFree(seed.username);
    }
    const id = (type === 'group' ? firstGroupId : firstSupergroupId) - this.groupSeq;
    this.groupSeq += 1;
    const chat: ChatRecord = {
      id,
      type,
      title: seed.title,
      username: seed.username,
      members: new Map(),
      messages: new Map(),
      lastMessageId: 0,
    };
    this.groups.set(id, chat);
    return chat;
  }

  group(id: number): ChatRecord | undefined {
    return this.groups.get(id);
  }

  groupByUsername(username: string): ChatRecord | undefined {
    const name = username.replace(/^@/, '').toLowerCase();
    return [...this.groups.values()].find((chat) => chat.username?.toLowerCase() === name);
  }

  allGroups(): ChatRecord[] {
    return [...this.groups.values()];
  }

  /** The private chat between a bot and a user, created on first use. */
  privateChat(bot: BotRecord, user: UserRecord): ChatRecord {
    const key = `${bot.id}:${user.id}`;
    let chat = this.privateChats.get(key);
    if (!chat) {
      chat = {
        id: user.id,
        type: 'private',
        botId: bot.id,
        userId: user.id,
        members: new Map(),
        messages: new Map(),
        lastMessageId: 0,
      };
      this.privateChats.set(key, chat);
    }
    return chat;
  }

  findPrivateChat(botId: number, userId: number): ChatRecord | undefined {
    return this.privateChats.get(`${botId}:${userId}`);
  }

  /** Private chats of one bot (or of all bots), for the control API. */
  privateChatsOf(botId?: number): ChatRecord[] {
    return [...this.privateChats.values()].filter((chat) => botId === undefined || chat.botId === botId);
  }

  nextMessageId(chat: ChatRecord): number {
    chat.lastMessageId += 1;
    return chat.lastMessageId;
  }

  nextCallbackQueryId(): string {
    this.callbackSeq += 1;
    return (4_000_000_000_000_000_000n + BigInt(this.callbackSeq)).toString();
  }

  /** Forgets users, chats, messages and callbacks; bot accounts (and their commands) stay. */
  reset(): void {
    this.users.clear();
    this.groups.clear();
    this.privateChats.clear();
    this.callbacks.clear();
    this.inlineQueries.clear();
    this.userSeq = 0;
    this.groupSeq = 0;
  }

  exportState(): WorldState {
    return {
      bots: [...this.bots.values()],
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      privateChats: [...this.privateChats.values()],
      callbacks: [...this.callbacks.values()],
      inlineQueries: [...this.inlineQueries.values()],
      sequences: { user: this.userSeq, group: this.groupSeq, bot: this.botSeq, callback: this.callbackSeq },
    };
  }

  /** Replaces everything with a saved world; `afterCrash` moves every id counter past what may be lost. */
  importState(state: WorldState, { afterCrash = false } = {}): void {
    const gap = afterCrash ? CRASH_ID_GAP : 0;
    this.reset();
    this.bots.clear();
    this.botsByToken.clear();
    for (const bot of state.bots) {
      this.bots.set(bot.id, bot);
      this.botsByToken.set(bot.token, bot);
    }
    for (const user of state.users) this.users.set(user.id, user);
    for (const chat of state.groups) this.groups.set(chat.id, chat);
    for (const chat of [...state.groups, ...state.privateChats]) chat.lastMessageId += gap;
    for (const chat of state.privateChats) this.privateChats.set(`${chat.botId}:${chat.userId}`, chat);
    for (const callback of state.callbacks) this.callbacks.set(callback.query.id, callback);
    for (const inline of state.inlineQueries ?? []) this.inlineQueries.set(inline.query.id, inline);
    this.userSeq = state.sequences.user + gap;
    this.groupSeq = state.sequences.group + gap;
    this.botSeq = state.sequences.bot;
    this.callbackSeq = state.sequences.callback + gap;
  }

  private assertUsernameFree(username: string): void {
    const name = username.toLowerCase();
    const taken =
      [...this.bots.values()].some((bot) => bot.username.toLowerCase() === name) ||
      [...this.users.values()].some((user) => user.username?.toLowerCase() === name) ||
      [...this.groups.values()].some((chat) => chat.username?.toLowerCase() === name);
    if (taken) throw ControlError.conflict(`Username @${username} is already taken`);
  }
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
