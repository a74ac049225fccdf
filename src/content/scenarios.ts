import { z } from 'zod';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import { slugSchema } from '../core/slug.ts';
import {
  requireSomeChange,
  rewardSchema,
  staleWriteError,
  versionedDeleteSchema,
  versionedUpdateSchema,
  versionFilter,
} from '../core/versioned-write.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../db/constraint-violations.ts';
import type { Scenario } from '../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../live/changes.ts';
import { ScenarioInUseError } from './errors.ts';
import { scenarioButtonsSchema } from './scenario-buttons.ts';

export type { Scenario };

/**
 * Scenarios: pages of the bot (a text with inline buttons), optionally paying a one-time reward to
 * each player who opens them. Buttons name other scenarios by slug; one naming a scenario that does
 * not exist (yet) is accepted and simply not shown until it does.
 */

const titleSchema = storedText().trim().min(1, 'is required').max(100, 'at most 100 characters');
/** Discord caps a message at 2000 characters; the rest is room for the reward line. */
const textSchema = storedText()
  .trim()
  .min(1, 'a scenario needs some text')
  .max(1800, 'at most 1800 characters (Discord messages are limited to 2000)');

const fields = {
  slug: slugSchema,
  title: titleSchema,
  text: textSchema,
  buttons: scenarioButtonsSchema,
  rewardXp: rewardSchema,
  rewardCoins: rewardSchema,
  active: z.boolean({ message: 'must be true or false' }),
};

const createSchema = z.object({
  ...fields,
  buttons: fields.buttons.default([]),
  rewardXp: fields.rewardXp.default(0),
  rewardCoins: fields.rewardCoins.default(0),
  active: fields.active.default(true),
});

const updateSchema = versionedUpdateSchema(fields);

const deleteSchema = versionedDeleteSchema;

export type CreateScenarioInput = z.input<typeof createSchema>;
export type UpdateScenarioInput = z.input<typeof updateSchema>;
export type DeleteScenarioInput = z.input<typeof deleteSchema>;

export async function createScenario(deps: AdminWriteDeps, input: CreateScenarioInput): Promise<Scenario> {
  const data = parseInput(createSchema, input, 'scenario');
  const scenario = await slugOrExplain(data.slug, () => deps.db.prisma.scenario.create({ data }));
  await deps.changes.publish({ entity: 'scenarios', action: 'created', id: String(scenario.id) });
  return scenario;
}

/** One conditional UPDATE: it applies only if the scenario still has the version the admin opened. */
export async function updateScenario(deps: AdminWriteDeps, input: UpdateScenarioInput): Promise<Scenario> {
  const { id, expectedVersion, ...changes } = parseInput(updateSchema, input, 'scenario');
  requireSomeChange(changes, 'scenario');
  const [scenario] = await slugOrExplain(changes.slug, () =>
    deps.db.prisma.scenario.updateManyAndReturn({
      where: { id, ...versionFilter(expectedVersion) },
      data: { ...changes, version: { increment: 1 } },
    }),
  );
  if (!scenario) {
    const current = await deps.db.prisma.scenario.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('scenario', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'scenarios', action: 'updated', id: String(id) });
  return scenario;
}

/**
 * Deletes a scenario no menu button opens. The foreign key refuses it otherwise, and the admin is
 * told which buttons to change. Rewards players already got from it stay in the ledger.
 */
export async function deleteScenario(deps: AdminWriteDeps, input: DeleteScenarioInput): Promise<void> {
  const { id, expectedVersion } = parseInput(deleteSchema, input, 'scenario deletion');
  let count: number;
  try {
    ({ count } = await deps.db.prisma.scenario.deleteMany({
      where: { id, ...versionFilter(expectedVersion) },
    }));
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    const buttons = await deps.db.prisma.menuButton.findMany({
      where: { scenarioId: id },
      select: { label: true },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    });
    throw new ScenarioInUseError(
      id,
      buttons.map((b) => b.label),
    );
  }
  if (count === 0) {
    const current = await deps.db.prisma.scenario.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('scenario', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'scenarios', action: 'deleted', id: String(id) });
}

/** The slug is unique: a taken one is said next to the field instead of as a database error. */
async function slugOrExplain<T>(slug: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `another scenario already uses "${slug}": pick another slug`;
      throw new InvalidChangeError(`Invalid scenario: slug: ${message}`, { slug: message });
    }
    throw error;
  }
}
