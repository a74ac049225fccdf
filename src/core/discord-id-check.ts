import { InvalidChangeError } from './errors.ts';

/**
 * What the Discord server says about ids an admin is saving (a rank's role, the no-XP channels...).
 * The admin API's services take it as an optional dependency: without one, or while the server
 * cannot be read (Discord not configured, or unreachable), ids are saved unchecked as they always
 * were. src/discord-guild provides it from the guild directory.
 */
export interface DiscordIdCheck {
  /** The server as last read (60 s at most), or null when it cannot be read now. */
  idsNow(): Promise<DiscordIds | null>;
}

/** Lookups in one read of the server; each answers an English sentence with the fix, or null when fine. */
export interface DiscordIds {
  /** Why Tandem cannot give and take this role (missing, @everyone, managed, above its own role...). */
  roleProblem(roleId: string): string | null;
  /** Why this is no role of the server. */
  missingRole(roleId: string): string | null;
  /** Why this is no channel of the server. */
  missingChannel(channelId: string): string | null;
}

/** What a service that may check Discord ids works with. */
export interface DiscordIdCheckDeps {
  /** Absent: ids are saved unchecked. @defaultValue none */
  discordGuild?: DiscordIdCheck;
}

/**
 * Refuses a role the bot could not give to players, as an invalid `discordRoleId` naming the fix.
 * `what` names the record (`rank`, `achievement`), as the other field errors do.
 */
export async function refuseUnusableRole(
  deps: DiscordIdCheckDeps,
  roleId: string | null | undefined,
  what: string,
): Promise<void> {
  if (roleId === null || roleId === undefined || !deps.discordGuild) return;
  const problem = (await deps.discordGuild.idsNow())?.roleProblem(roleId);
  if (problem) {
    throw new InvalidChangeError(`Invalid ${what}: discordRoleId: ${problem}`, { discordRoleId: problem });
  }
}
