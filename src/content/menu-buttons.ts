import { z } from 'zod';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import {
  expectedVersionSchema,
  idSchema,
  requireSomeChange,
  staleWriteError,
  versionedDeleteSchema,
  versionFilter,
} from '../core/versioned-write.ts';
import { isForeignKeyViolation } from '../db/constraint-violations.ts';
import type { MenuButton } from '../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../live/changes.ts';
import { botCommandSchema, buttonLabelSchema, buttonUrlSchema } from './scenario-buttons.ts';

export type { MenuButton };

/**
 * The main menu's buttons, as admins edit them. A button opens exactly one of a scenario, a web link
 * or a bot command (the database's CHECK says the same; zod says it first, next to the field).
 */

const targetFields = {
  scenarioId: idSchema.nullish(),
  url: buttonUrlSchema.nullish(),
  command: botCommandSchema.nullish(),
};
const targetKeys = ['scenarioId', 'url', 'command'] as const;
type TargetPatch = { scenarioId?: number | null; url?: string | null; command?: string | null };

const positionSchema = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'cannot be negative')
  .max(100_000, 'at most 100000');

function exactlyOneTarget(button: TargetPatch, ctx: z.RefinementCtx): void {
  const set = targetKeys.filter((key) => button[key] !== undefined && button[key] !== null);
  if (set.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['scenarioId'],
      message: 'choose what the button opens: a scenario, a web link (url) or a bot command',
    });
  }
  if (set.length > 1) {
    for (const key of set)
      ctx.addIssue({ code: 'custom', path: [key], message: 'set only one of scenario, url or command' });
  }
}

const createSchema = z
  .object({
    label: buttonLabelSchema,
    ...targetFields,
    /** Buttons show by position, then by id. @defaultValue 0 */
    position: positionSchema.default(0),
    active: z.boolean({ message: 'must be true or false' }).default(true),
  })
  .superRefine(exactlyOneTarget);

const updateSchema = z
  .object({
    id: idSchema,
    expectedVersion: expectedVersionSchema,
    label: buttonLabelSchema.optional(),
    ...targetFields,
    position: positionSchema.optional(),
    active: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .superRefine((patch, ctx) => {
    // Sending any target field replaces the target as a whole; sending none keeps it.
    if (targetKeys.some((key) => patch[key] !== undefined)) exactlyOneTarget(patch, ctx);
  });

const deleteSchema = versionedDeleteSchema;

export type CreateMenuButtonInput = z.input<typeof createSchema>;
export type UpdateMenuButtonInput = z.input<typeof updateSchema>;
export type DeleteMenuButtonInput = z.input<typeof deleteSchema>;

export async function createMenuButton(
  deps: AdminWriteDeps,
  input: CreateMenuButtonInput,
): Promise<MenuButton> {
  const { label, position, active, ...target } = parseInput(createSchema, input, 'menu button');
  const button = await writeOrExplain(() =>
    deps.db.prisma.menuButton.create({ data: { label, position, active, ...wholeTarget(target) } }),
  );
  await deps.changes.publish({ entity: 'menu_buttons', action: 'created', id: String(button.id) });
  return button;
}

/** One conditional UPDATE: it applies only if the button still has the version the admin opened. */
export async function updateMenuButton(
  deps: AdminWriteDeps,
  input: UpdateMenuButtonInput,
): Promise<MenuButton> {
  const { id, expectedVersion, label, position, active, ...target } = parseInput(
    updateSchema,
    input,
    'menu button',
  );
  const targetChanged = targetKeys.some((key) => target[key] !== undefined);
  requireSomeChange({ label, position, active, target: targetChanged || undefined }, 'menu button');
  const [button] = await writeOrExplain(() =>
    deps.db.prisma.menuButton.updateManyAndReturn({
      where: { id, ...versionFilter(expectedVersion) },
      data: {
        label,
        position,
        active,
        ...(targetChanged ? wholeTarget(target) : {}),
        version: { increment: 1 },
      },
    }),
  );
  if (!button) {
    const current = await deps.db.prisma.menuButton.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('menu button', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'menu_buttons', action: 'updated', id: String(id) });
  return button;
}

export async function deleteMenuButton(deps: AdminWriteDeps, input: DeleteMenuButtonInput): Promise<void> {
  const { id, expectedVersion } = parseInput(deleteSchema, input, 'menu button deletion');
  const { count } = await deps.db.prisma.menuButton.deleteMany({
    where: { id, ...versionFilter(expectedVersion) },
  });
  if (count === 0) {
    const current = await deps.db.prisma.menuButton.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('menu button', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'menu_buttons', action: 'deleted', id: String(id) });
}

/** The chosen target, with the other two cleared (the CHECK allows exactly one). */
function wholeTarget(target: TargetPatch) {
  return { scenarioId: target.scenarioId ?? null, url: target.url ?? null, command: target.command ?? null };
}

/** A scenario id that does not exist reaches the foreign key: said next to the field. */
async function writeOrExplain<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new InvalidChangeError('Invalid menu button: scenarioId: there is no such scenario', {
        scenarioId: 'there is no such scenario: pick one from the list',
      });
    }
    throw error;
  }
}
