import { TandemError } from '../core/errors.ts';

/** A role as Discord describes it (the fields Tandem reads). */
export interface GuildRoleSnapshot {
  id: string;
  name: string;
  /** 0: no colour. */
  color: number;
  position: number;
  /** The permission bits, as Discord sends them (a decimal string). */
  permissions: string;
  /** Given and taken by an integration (a bot's own role, a booster or subscription role). */
  managed: boolean;
}

export interface GuildChannelSnapshot {
  id: string;
  name: string;
  /** Discord's channel type number (0 text, 2 voice, 4 category, 5 announcement, 13 stage, 15 forum). */
  type: number;
  position: number;
  parentId: string | null;
}

/** One read of the server: what the panel's pickers and the save checks need. */
export interface GuildSnapshot {
  guild: { id: string; name: string };
  roles: GuildRoleSnapshot[];
  channels: GuildChannelSnapshot[];
  /** Tandem's bot as a member of the server. */
  bot: { userId: string; roleIds: string[] };
}

/**
 * The server's roles and channels, read and arranged over Discord's REST API with the bot's token.
 * Failures are DiscordGuildErrors whose reason an admin can act on.
 */
export interface DiscordGuildPort {
  readonly guildId: string;
  read(): Promise<GuildSnapshot>;
  /** Creates a role (Discord puts a new role at position 1, just above @everyone). */
  createRole(input: { name: string; color: number; reason: string }): Promise<GuildRoleSnapshot>;
  /** Moves roles to the positions given (1 = just above @everyone); others keep theirs. */
  moveRoles(positions: ReadonlyArray<{ id: string; position: number }>, reason: string): Promise<void>;
}

/**
 * Discord could not be read or refused a change. `reason` is an English sentence with the fix, e.g.
 * "Discord answered 401: the bot token is wrong".
 */
export class DiscordGuildError extends TandemError {
  override name = 'DiscordGuildError';
  constructor(
    readonly reason: string,
    options: {
      /** Discord asked to wait this long first (a rate limit). */
      retryAfterMs?: number;
      /** Discord refused a change (a permission), as opposed to not answering. */
      refused?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super('upstream', reason, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.refused = options.refused ?? false;
  }
  readonly retryAfterMs: number | null;
  readonly refused: boolean;
}

export function isDiscordGuildError(error: unknown): error is DiscordGuildError {
  return error instanceof DiscordGuildError;
}
