import { z } from 'zod';
import { type DiscordIdCheckDeps, refuseUnusableRole } from '../core/discord-id-check.ts';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import {
  requireSomeChange,
  staleWriteError,
  versionedDeleteSchema,
  versionedUpdateSchema,
  versionFilter,
} from '../core/versioned-write.ts';
import { isUniqueViolation } from '../db/constraint-violations.ts';
import type { Rank } from '../generated/prisma/client.ts';
import { type CatalogWriteDeps, catalogChanged, discordRoleIdSchema } from './catalog-writes.ts';

export type { Rank };

/**
 * The rank table as admins edit it. A player's rank follows from their XP and this table (see
 * ranks.ts); editing a threshold moves players' ranks as their next event is processed, and
 * reconcile brings the Discord roles of everyone else in line.
 */

const fields = {
  name: storedText().trim().min(1, 'is required').max(64, 'at most 64 characters'),
  minXp: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'cannot be negative')
    .max(1_000_000_000, 'at most 1000000000'),
  discordRoleId: discordRoleIdSchema,
  priority: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'at least 1 (the lowest rank)')
    .max(1000, 'at most 1000'),
  active: z.boolean({ message: 'must be true or false' }),
};

const createSchema = z.object({
  ...fields,
  discordRoleId: fields.discordRoleId.default(null),
  active: fields.active.default(true),
});

const updateSchema = versionedUpdateSchema(fields);

const deleteSchema = versionedDeleteSchema;

export type CreateRankInput = z.input<typeof createSchema>;
export type UpdateRankInput = z.input<typeof updateSchema>;
export type DeleteRankInput = z.input<typeof deleteSchema>;

/**
 * What editing ranks works with. With `discordGuild`, a role Tandem could not give (above its own,
 * managed, @everyone, not in the server) is refused at save instead of failing at the next rank-up.
 */
export type RankWriteDeps = CatalogWriteDeps & DiscordIdCheckDeps;

export async function createRank(deps: RankWriteDeps, input: CreateRankInput): Promise<Rank> {
  const data = parseInput(createSchema, input, 'rank');
  await refuseUnusableRole(deps, data.discordRoleId, 'rank');
  const rank = await uniqueOrExplain(deps, data, null, () => deps.db.prisma.rank.create({ data }));
  await catalogChanged(deps, 'ranks', 'created', rank.id);
  return rank;
}

/** One conditional UPDATE: it applies only if the rank still has the version the admin opened. */
export async function updateRank(deps: RankWriteDeps, input: UpdateRankInput): Promise<Rank> {
  const { id, expectedVersion, ...changes } = parseInput(updateSchema, input, 'rank');
  requireSomeChange(changes, 'rank');
  await refuseUnusableRole(deps, changes.discordRoleId, 'rank');
  const [rank] = await uniqueOrExplain(deps, changes, id, () =>
    deps.db.prisma.rank.updateManyAndReturn({
      where: { id, ...versionFilter(expectedVersion) },
      data: { ...changes, version: { increment: 1 } },
    }),
  );
  if (!rank) {
    const current = await deps.db.prisma.rank.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('rank', id, expectedVersion, current);
  }
  await catalogChanged(deps, 'ranks', 'updated', id);
  return rank;
}

/**
 * Deletes a rank. Its holders fall to the rank below as their next event is processed; setting it
 * inactive does the same and keeps the row for later.
 */
export async function deleteRank(deps: CatalogWriteDeps, input: DeleteRankInput): Promise<void> {
  const { id, expectedVersion } = parseInput(deleteSchema, input, 'rank deletion');
  const { count } = await deps.db.prisma.rank.deleteMany({
    where: { id, ...versionFilter(expectedVersion) },
  });
  if (count === 0) {
    const current = await deps.db.prisma.rank.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('rank', id, expectedVersion, current);
  }
  await catalogChanged(deps, 'ranks', 'deleted', id);
}

/**
 * Names and priorities are unique: the database refuses a duplicate, then the admin is told which
 * field (and which rank already has it) instead of a constraint name.
 */
async function uniqueOrExplain<T>(
  deps: CatalogWriteDeps,
  values: { name?: string; priority?: number },
  id: number | null,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // An undefined field would match every row: only the values written are looked up.
    const taken = [
      ...(values.name === undefined ? [] : [{ name: values.name }]),
      ...(values.priority === undefined ? [] : [{ priority: values.priority }]),
    ];
    const others = await deps.db.prisma.rank.findMany({
      where: {
        OR: taken,
        ...(id === null ? {} : { NOT: { id } }),
      },
      select: { name: true, priority: true },
    });
    const fields: Record<string, string> = {};
    for (const other of others) {
      if (values.name !== undefined && other.name === values.name)
        fields.name = `another rank is already called "${other.name}"`;
      if (values.priority !== undefined && other.priority === values.priority)
        fields.priority = `rank "${other.name}" already has priority ${other.priority}: pick a free one`;
    }
    if (Object.keys(fields).length === 0) throw error;
    const summary = Object.entries(fields)
      .map(([field, message]) => `${field}: ${message}`)
      .join('; ');
    throw new InvalidChangeError(`Invalid rank: ${summary}`, fields);
  }
}
