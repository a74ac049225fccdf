import { z } from 'zod';
import { type DiscordIdCheckDeps, refuseUnusableRole } from '../core/discord-id-check.ts';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import {
  expectedVersionSchema,
  idSchema,
  requireSomeChange,
  staleWriteError,
  versionedDeleteSchema,
  versionFilter,
} from '../core/versioned-write.ts';
import type { Season } from '../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../live/changes.ts';
import { seasonRewardSchema } from './season-rewards.ts';
import { nextSeasonWindow } from './season-window.ts';

export type { Season };

/**
 * Seasons as admins edit them. Seasons may overlap (a weekly season inside a monthly one is a
 * normal setup: each board reads the ledger over its own window). A weekly or monthly season given
 * no end lasts one week or one calendar month from its start. A closed season's results are final:
 * it can be neither edited nor deleted.
 */

const when = (field: string) =>
  z.iso
    .datetime({ offset: true, message: `must be a date and time (ISO 8601, e.g. 2026-12-07T00:00:00Z)` })
    .transform((value) => new Date(value))
    .describe(field);

const fields = {
  name: storedText().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  startsAt: when('startsAt'),
  endsAt: when('endsAt'),
  recurrence: z.enum(['none', 'weekly', 'monthly'], { message: 'must be none, weekly or monthly' }),
  winners: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'at least 1')
    .max(100, 'at most 100'),
  rewards: z
    .array(seasonRewardSchema, { message: 'must be a list of { xp, coins }' })
    .max(100, 'at most 100'),
  discordRoleId: z
    .union([storedText('must be a Discord role id').trim(), z.null()])
    .transform((id) => (id === '' ? null : id))
    .refine(
      (id) => id === null || /^\d{1,32}$/.test(id),
      'must be a Discord role id (digits only), or empty',
    ),
};

const createSchema = z.object({
  ...fields,
  endsAt: fields.endsAt.optional(),
  recurrence: fields.recurrence.default('none'),
  winners: fields.winners.default(3),
  rewards: fields.rewards.default([]),
  discordRoleId: fields.discordRoleId.default(null),
});

const updateSchema = z.object({
  id: idSchema,
  expectedVersion: expectedVersionSchema,
  ...z.object(fields).partial().shape,
});

export type CreateSeasonInput = z.input<typeof createSchema>;
export type UpdateSeasonInput = z.input<typeof updateSchema>;
export type DeleteSeasonInput = z.input<typeof versionedDeleteSchema>;
export type SeasonWriteDeps = AdminWriteDeps & DiscordIdCheckDeps;

function invalid(field: string, message: string): InvalidChangeError {
  const where = field === '_' ? '' : `${field}: `;
  return new InvalidChangeError(`Invalid season: ${where}${message}`, { [field]: message });
}

/** A season's window: the end after the start, and a recurring season given no end gets its preset. */
function windowOf(values: { startsAt: Date; endsAt?: Date; recurrence: 'none' | 'weekly' | 'monthly' }) {
  const endsAt = values.endsAt ?? nextSeasonWindow(values.recurrence, values.startsAt)?.endsAt;
  if (!endsAt)
    throw invalid('endsAt', 'is required for a custom season (weekly and monthly ones have presets)');
  if (endsAt <= values.startsAt) throw invalid('endsAt', 'must be after startsAt');
  return { startsAt: values.startsAt, endsAt };
}

export async function createSeason(deps: SeasonWriteDeps, input: CreateSeasonInput): Promise<Season> {
  const data = parseInput(createSchema, input, 'season');
  const window = windowOf(data);
  await refuseUnusableRole(deps, data.discordRoleId, 'season');
  const season = await deps.db.prisma.season.create({ data: { ...data, ...window } });
  await deps.changes.publish({ entity: 'seasons', action: 'created', id: String(season.id) });
  return season;
}

/** One conditional UPDATE on the version the admin opened; a closed season is refused. */
export async function updateSeason(deps: SeasonWriteDeps, input: UpdateSeasonInput): Promise<Season> {
  const { id, expectedVersion, ...changes } = parseInput(updateSchema, input, 'season');
  requireSomeChange(changes, 'season');
  const current = await deps.db.prisma.season.findUnique({ where: { id } });
  if (!current) throw staleWriteError('season', id, expectedVersion, null);
  if (current.closedAt) throw invalid('_', 'this season is closed: its winners and rewards are final');
  windowOf({
    startsAt: changes.startsAt ?? current.startsAt,
    endsAt: changes.endsAt ?? current.endsAt,
    recurrence: changes.recurrence ?? current.recurrence,
  });
  await refuseUnusableRole(deps, changes.discordRoleId, 'season');
  const [season] = await deps.db.prisma.season.updateManyAndReturn({
    where: { id, closedAt: null, ...versionFilter(expectedVersion) },
    data: { ...changes, version: { increment: 1 } },
  });
  if (!season) {
    const now = await deps.db.prisma.season.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('season', id, expectedVersion, now);
  }
  await deps.changes.publish({ entity: 'seasons', action: 'updated', id: String(id) });
  return season;
}

/** Deletes a season that has not closed (a closed one keeps its results). */
export async function deleteSeason(deps: SeasonWriteDeps, input: DeleteSeasonInput): Promise<void> {
  const { id, expectedVersion } = parseInput(versionedDeleteSchema, input, 'season deletion');
  const current = await deps.db.prisma.season.findUnique({ where: { id }, select: { closedAt: true } });
  if (current?.closedAt) throw invalid('_', 'this season is closed: its winners and rewards are final');
  const { count } = await deps.db.prisma.season.deleteMany({
    where: { id, closedAt: null, ...versionFilter(expectedVersion) },
  });
  if (count === 0) {
    const now = await deps.db.prisma.season.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('season', id, expectedVersion, now);
  }
  await deps.changes.publish({ entity: 'seasons', action: 'deleted', id: String(id) });
}
