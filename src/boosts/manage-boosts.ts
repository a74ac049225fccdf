import { z } from 'zod';
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
import type { Boost } from '../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../live/changes.ts';
import { boostSources } from './boost-sources.ts';

export type { Boost };

/** The smallest and largest factor a boost may have: below 1 slows earning, 0 would be a no-XP rule. */
export const minBoostFactor = 0.1;
export const maxBoostFactor = 10;

const instant = z.coerce.date({ message: 'must be a date and time' });

const fields = {
  name: storedText().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  startsAt: instant,
  endsAt: instant,
  factor: z
    .number({ message: 'must be a number' })
    .min(minBoostFactor, `at least ${minBoostFactor}`)
    .max(maxBoostFactor, `at most ${maxBoostFactor}`),
  sources: z
    .array(z.enum(boostSources, { message: `each must be one of ${boostSources.join(', ')}` }))
    .min(1, 'pick at least one source')
    .transform((sources) => [...new Set(sources)]),
  active: z.boolean({ message: 'must be true or false' }),
};

const createSchema = z.object({ ...fields, active: fields.active.default(true) });
const updateSchema = versionedUpdateSchema(fields);

export type CreateBoostInput = z.input<typeof createSchema>;
export type UpdateBoostInput = z.input<typeof updateSchema>;

/** The start's announcement is scheduled by the caller once the write has committed. */
export type BoostWriteDeps = AdminWriteDeps;

/** The window is [startsAt, endsAt): an end at or before the start would never apply. */
function refuseEmptyWindow(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new InvalidChangeError('Invalid boost: endsAt: must be after startsAt', {
      endsAt: 'must be after startsAt',
    });
  }
}

export async function createBoost(deps: BoostWriteDeps, input: CreateBoostInput): Promise<Boost> {
  const data = parseInput(createSchema, input, 'boost');
  refuseEmptyWindow(data.startsAt, data.endsAt);
  const boost = await deps.db.prisma.boost.create({ data });
  await boostChanged(deps, 'created', boost);
  return boost;
}

/** One conditional UPDATE on the version the admin opened; the window is checked with the stored half. */
export async function updateBoost(deps: BoostWriteDeps, input: UpdateBoostInput): Promise<Boost> {
  const { id, expectedVersion, ...changes } = parseInput(updateSchema, input, 'boost');
  requireSomeChange(changes, 'boost');
  const current = await deps.db.prisma.boost.findUnique({ where: { id } });
  if (!current) throw staleWriteError('boost', id, expectedVersion, null);
  refuseEmptyWindow(changes.startsAt ?? current.startsAt, changes.endsAt ?? current.endsAt);
  const [boost] = await deps.db.prisma.boost.updateManyAndReturn({
    where: {
      id,
      ...versionFilter(expectedVersion),
      // The window was checked against these: a concurrent move of either is a conflict.
      startsAt: current.startsAt,
      endsAt: current.endsAt,
    },
    data: { ...changes, version: { increment: 1 } },
  });
  if (!boost) {
    const now = await deps.db.prisma.boost.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('boost', id, expectedVersion, now);
  }
  await boostChanged(deps, 'updated', boost);
  return boost;
}

export async function deleteBoost(deps: BoostWriteDeps, input: z.input<typeof versionedDeleteSchema>) {
  const { id, expectedVersion } = parseInput(versionedDeleteSchema, input, 'boost deletion');
  const { count } = await deps.db.prisma.boost.deleteMany({
    where: { id, ...versionFilter(expectedVersion) },
  });
  if (count === 0) {
    const current = await deps.db.prisma.boost.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('boost', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'boosts', action: 'deleted', id: String(id) });
}

async function boostChanged(deps: BoostWriteDeps, action: 'created' | 'updated', boost: Boost) {
  await deps.changes.publish({ entity: 'boosts', action, id: String(boost.id) });
}
