import { z } from 'zod';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import {
  expectedVersionSchema,
  idSchema,
  requireSomeChange,
  rewardSchema,
  staleWriteError,
  versionedDeleteSchema,
  versionFilter,
} from '../core/versioned-write.ts';
import { isForeignKeyViolation } from '../db/constraint-violations.ts';
import type { Task } from '../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../live/changes.ts';
import { TaskHasSubmissionsError } from './errors.ts';

export type { Task };

/** Tasks as admins edit them: what to do, what proof to send, and the reward an approval pays. */

const fields = {
  title: storedText().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  description: storedText().trim().max(1500, 'at most 1500 characters'),
  proofHint: storedText()
    .trim()
    .max(200, 'at most 200 characters')
    .nullable()
    // An emptied field in a form means "no hint".
    .transform((hint) => (hint === '' ? null : hint)),
  rewardXp: rewardSchema,
  rewardCoins: rewardSchema,
  active: z.boolean({ message: 'must be true or false' }),
};

const createSchema = z
  .object({
    ...fields,
    description: fields.description.default(''),
    proofHint: fields.proofHint.optional(),
    rewardXp: fields.rewardXp.default(0),
    rewardCoins: fields.rewardCoins.default(0),
    active: fields.active.default(true),
  })
  .refine((task) => task.rewardXp > 0 || task.rewardCoins > 0, {
    path: ['rewardXp'],
    message: 'a task needs a reward: some XP, some coins or both',
  });

const updateSchema = z
  .object({
    id: idSchema,
    expectedVersion: expectedVersionSchema,
    title: fields.title.optional(),
    description: fields.description.optional(),
    proofHint: fields.proofHint.optional(),
    rewardXp: fields.rewardXp.optional(),
    rewardCoins: fields.rewardCoins.optional(),
    active: fields.active.optional(),
  })
  .refine((task) => !(task.rewardXp === 0 && task.rewardCoins === 0), {
    path: ['rewardXp'],
    message: 'a task needs a reward: some XP, some coins or both',
  });

const deleteSchema = versionedDeleteSchema;

export type CreateTaskInput = z.input<typeof createSchema>;
export type UpdateTaskInput = z.input<typeof updateSchema>;
export type DeleteTaskInput = z.input<typeof deleteSchema>;

export async function createTask(deps: AdminWriteDeps, input: CreateTaskInput): Promise<Task> {
  const data = parseInput(createSchema, input, 'task');
  const task = await deps.db.prisma.task.create({ data });
  await deps.changes.publish({ entity: 'tasks', action: 'created', id: String(task.id) });
  return task;
}

/**
 * One conditional UPDATE: it applies only if the task still has the version the admin opened. A new
 * reward applies to approvals from now on; rewards already paid stay as they were.
 */
export async function updateTask(deps: AdminWriteDeps, input: UpdateTaskInput): Promise<Task> {
  const { id, expectedVersion, ...changes } = parseInput(updateSchema, input, 'task');
  requireSomeChange(changes, 'task');
  const [task] = await deps.db.prisma.task.updateManyAndReturn({
    where: { id, ...versionFilter(expectedVersion) },
    data: { ...changes, version: { increment: 1 } },
  });
  if (!task) {
    const current = await deps.db.prisma.task.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('task', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'tasks', action: 'updated', id: String(id) });
  return task;
}

/** Deletes a task nobody submitted for; the foreign key keeps submissions (and their history) safe. */
export async function deleteTask(deps: AdminWriteDeps, input: DeleteTaskInput): Promise<void> {
  const { id, expectedVersion } = parseInput(deleteSchema, input, 'task deletion');
  let count: number;
  try {
    ({ count } = await deps.db.prisma.task.deleteMany({ where: { id, ...versionFilter(expectedVersion) } }));
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    throw new TaskHasSubmissionsError(
      id,
      await deps.db.prisma.taskSubmission.count({ where: { taskId: id } }),
    );
  }
  if (count === 0) {
    const current = await deps.db.prisma.task.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('task', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'tasks', action: 'deleted', id: String(id) });
}
