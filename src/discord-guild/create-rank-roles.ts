import { TandemError } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import type { GuildDirectory } from './guild-directory.ts';
import type { GuildDirectorySource } from './guild-directory-source.ts';
import { isDiscordGuildError } from './guild-port.ts';
import { placeRankRoles } from './rank-role-order.ts';

export interface RankRoleMapping {
  rankId: number;
  rankName: string;
  roleId: string;
}

export interface CreateRankRolesResult {
  created: RankRoleMapping[];
  adopted: RankRoleMapping[];
  /** Active ranks left as they were: they have a role, or one of their name Tandem cannot give. */
  skipped: number;
}

export interface CreateRankRolesDeps {
  db: Pick<Database, 'prisma' | 'pool'>;
  discordGuild: Pick<GuildDirectorySource, 'get' | 'drop' | 'port'>;
}

/** Maps a rank to its new role: a versioned rank update, audited and announced by the caller. */
export type MapRankRole = (input: {
  id: number;
  expectedVersion: number;
  discordRoleId: string;
}) => Promise<unknown>;

/** The run cannot go ahead, or Discord stopped it part way; the message says what to do. */
export class RankRolesRefusedError extends TandemError {
  override name = 'RankRolesRefusedError';
  constructor(message: string, kind: 'conflict' | 'rate_limited' = 'conflict') {
    super(kind, message);
  }
}

/** Role colours by rank priority (1 = the lowest rank): bronze, silver, gold, then gemstones. */
const palette = [
  0xcd7f32, 0xa8a9ad, 0xd4af37, 0x50c878, 0x0f52ba, 0xe0115f, 0x9966cc, 0x40e0d0, 0xff8c00, 0xb9f2ff,
];
export const rankRoleColor = (priority: number): number =>
  palette[(((priority - 1) % palette.length) + palette.length) % palette.length] ?? 0;

/** Any fixed number: two runs at once (two admins, two API processes) take turns on it. */
const runLockKey = 7_300_414;
const lockWaitMs = 30_000;

/**
 * Gives every active rank without a Discord role one: a role of the server with the rank's exact
 * name that nothing else uses is adopted, else one is created (coloured by priority). The roles of
 * the run are placed below Tandem's role, higher ranks above lower ones, then mapped to their ranks
 * through `mapRole`. Adopting by name is what makes a second run, or one after a run cut short,
 * create each role only once; runs take turns on a PostgreSQL advisory lock.
 */
export async function createRankRoles(
  deps: CreateRankRolesDeps,
  mapRole: MapRankRole,
): Promise<CreateRankRolesResult> {
  const port = deps.discordGuild.port;
  if (!port)
    throw new RankRolesRefusedError(
      notReady('Discord is not configured: set DISCORD_BOT_TOKEN and DISCORD_GUILD_ID.'),
    );
  return withRunLock(deps.db, async () => {
    const directory = await deps.discordGuild.get({ refresh: true });
    const bot = readyBot(directory);
    const ranks = await deps.db.prisma.rank.findMany({
      where: { active: true },
      orderBy: { priority: 'desc' },
      select: { id: true, name: true, priority: true, version: true, discordRoleId: true },
    });
    const used = await usedRoleIds(deps.db);
    const created: RankRoleMapping[] = [];
    const adopted: RankRoleMapping[] = [];
    const pending: Array<{ rank: (typeof ranks)[number]; roleId: string }> = [];
    const claimed = new Set<string>();

    for (const rank of ranks) {
      if (rank.discordRoleId !== null) continue;
      const same = directory.roles.find(
        (role) => role.name === rank.name && !used.has(role.id) && !claimed.has(role.id),
      );
      if (same) {
        // A role of the rank's name Tandem cannot give is left for the admin to move; a second one
        // of the same name would only confuse.
        if (!same.assignable) continue;
        claimed.add(same.id);
        adopted.push({ rankId: rank.id, rankName: rank.name, roleId: same.id });
        pending.push({ rank, roleId: same.id });
        continue;
      }
      const role = await discordStep(created, () =>
        port.createRole({
          name: rank.name,
          color: rankRoleColor(rank.priority),
          reason: `Tandem: the role of rank ${rank.name}`,
        }),
      );
      claimed.add(role.id);
      created.push({ rankId: rank.id, rankName: rank.name, roleId: role.id });
      pending.push({ rank, roleId: role.id });
    }

    if (pending.length > 0) {
      const fresh = created.length > 0 ? await deps.discordGuild.get({ refresh: true }) : directory;
      const roles = fresh.roles.filter((role) => !role.everyone);
      const placing = new Map(pending.map(({ rank, roleId }) => [rank.id, roleId]));
      const moves = placeRankRoles({
        roles,
        botTopRoleId: bot.topRoleId,
        ranks: ranks.flatMap((rank) => {
          const roleId = placing.get(rank.id) ?? rank.discordRoleId;
          return roleId ? [{ roleId, place: placing.has(rank.id) }] : [];
        }),
      });
      await discordStep(created, () => port.moveRoles(moves, 'Tandem: rank roles in rank order'));
      deps.discordGuild.drop();
      for (const { rank, roleId } of pending) {
        await mapRole({ id: rank.id, expectedVersion: rank.version, discordRoleId: roleId });
      }
    }
    return { created, adopted, skipped: ranks.length - pending.length };
  });
}

function notReady(reason: string): string {
  return `Cannot create the rank roles: ${reason}`;
}

function readyBot(directory: GuildDirectory): { topRoleId: string } {
  if (directory.status !== 'ready' || !directory.bot) {
    throw new RankRolesRefusedError(notReady(directory.reason ?? 'the Discord server cannot be read.'));
  }
  const { bot } = directory;
  if (!bot.manageRoles) {
    throw new RankRolesRefusedError(
      notReady(
        `Tandem's role ${bot.topRoleName} lacks the Manage Roles permission: give the ${bot.topRoleName} role Manage Roles in Server Settings → Roles.`,
      ),
    );
  }
  if (!bot.topRoleId) {
    throw new RankRolesRefusedError(
      notReady('Tandem has no role in the server: invite the bot again with the Manage Roles permission.'),
    );
  }
  return { topRoleId: bot.topRoleId };
}

/** Roles ranks or achievements hand out already (active or not): never adopted for another rank. */
async function usedRoleIds(db: CreateRankRolesDeps['db']): Promise<Set<string>> {
  const [ranks, achievements] = await Promise.all([
    db.prisma.rank.findMany({ where: { discordRoleId: { not: null } }, select: { discordRoleId: true } }),
    db.prisma.achievement.findMany({
      where: { discordRoleId: { not: null } },
      select: { discordRoleId: true },
    }),
  ]);
  return new Set(
    [...ranks, ...achievements].flatMap((row) => (row.discordRoleId ? [row.discordRoleId] : [])),
  );
}

/** A Discord write of the run; a failure says what was done already and that running again finishes it. */
async function discordStep<T>(created: readonly RankRoleMapping[], step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!isDiscordGuildError(error)) throw error;
    const done =
      created.length > 0
        ? ` ${created.length} role${created.length === 1 ? ' was' : 's were'} created before that: run it again to place and map ${created.length === 1 ? 'it' : 'them'}.`
        : '';
    throw new RankRolesRefusedError(
      `Discord stopped the rank roles: ${error.reason}${done}`,
      error.retryAfterMs !== null ? 'rate_limited' : 'conflict',
    );
  }
}

/**
 * Runs `work` holding the run's advisory lock, waiting up to 30 s for another run. The lock is
 * transaction-scoped, in a transaction kept open on a connection of its own while `work` runs
 * (its statements go through the pool): a pooler in transaction mode keeps one server connection
 * for a transaction, where a session-level lock could be taken on one server connection and its
 * unlock sent to another. The database releases it as well if the process dies.
 */
async function withRunLock<T>(db: CreateRankRolesDeps['db'], work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + lockWaitMs;
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [runLockKey],
      );
      if (rows[0]?.locked) break;
      if (Date.now() > deadline) {
        throw new RankRolesRefusedError(
          'Another run is still creating the rank roles: try again when it has finished.',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return await work();
  } finally {
    // The transaction wrote nothing: ending it releases the lock. A connection that cannot end it
    // is dropped from the pool rather than handed out inside a transaction.
    const failed = await client.query('ROLLBACK').then(
      () => undefined,
      (error: Error) => error,
    );
    client.release(failed);
  }
}
