import { z } from 'zod';
import { type DiscordIdCheckDeps, refuseUnusableRole } from '../core/discord-id-check.ts';
import { InvalidChangeError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { storedText } from '../core/postgres-values.ts';
import { requireSomeChange, staleWriteError, versionedUpdateSchema } from '../core/versioned-write.ts';
import type { ShopItem } from '../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../live/changes.ts';
import { type ShopItemKind, shopItemKinds } from './shop-item.ts';

export type { ShopItem };

/** The longest timed role, in days: beyond a year, "for good" is what the admin means. */
export const maxDurationDays = 366;

const instant = z.coerce.date({ message: 'must be a date and time' });
const count = (what: string) =>
  z
    .number({ message: `must be a number of ${what}` })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1_000_000, 'at most 1000000');
const snowflake = z.string({ message: 'must be an id' }).regex(/^\d{1,20}$/, 'must be a numeric id');

const fields = {
  name: storedText().trim().min(1, 'is required').max(100, 'at most 100 characters'),
  description: storedText().trim().max(1000, 'at most 1000 characters'),
  price: count('coins'),
  /** null: unlimited. 0 is allowed: on show, not for sale. */
  stock: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'cannot be negative')
    .nullable(),
  perPlayerLimit: count('purchases').nullable(),
  availableFrom: instant.nullable(),
  availableUntil: instant.nullable(),
  minRankId: z.number({ message: 'must be a rank id' }).int().positive('must be a rank id').nullable(),
  discordRoleId: snowflake.nullable(),
  durationDays: count('days').max(maxDurationDays, `at most ${maxDurationDays}`).nullable(),
  telegramChatId: z
    .string({ message: 'must be a chat id' })
    .regex(/^-\d{1,20}$/, 'must be a group chat id (negative)')
    .nullable(),
  /** Telegram allows 16 characters, no emoji. */
  telegramTitle: storedText().trim().min(1, 'is required').max(16, 'at most 16 characters').nullable(),
  active: z.boolean({ message: 'must be true or false' }),
};

const createSchema = z.object({
  ...fields,
  kind: z.enum(shopItemKinds, { message: `must be one of ${shopItemKinds.join(', ')}` }),
  description: fields.description.default(''),
  stock: fields.stock.default(null),
  perPlayerLimit: fields.perPlayerLimit.default(null),
  availableFrom: fields.availableFrom.default(null),
  availableUntil: fields.availableUntil.default(null),
  minRankId: fields.minRankId.default(null),
  discordRoleId: fields.discordRoleId.default(null),
  durationDays: fields.durationDays.default(null),
  telegramChatId: fields.telegramChatId.default(null),
  telegramTitle: fields.telegramTitle.default(null),
  active: fields.active.default(true),
});
/** The kind is fixed once created: purchases were granted by it. */
const updateSchema = versionedUpdateSchema(fields);

export type CreateShopItemInput = z.input<typeof createSchema>;
export type UpdateShopItemInput = z.input<typeof updateSchema>;

type ItemShape = Pick<
  ShopItem,
  'availableFrom' | 'availableUntil' | 'discordRoleId' | 'durationDays' | 'telegramChatId' | 'telegramTitle'
> & { kind: ShopItemKind };

/** What each kind needs, field by field, as the migration's CHECK says: a clear 400 instead of a 500. */
function refuseInconsistent(item: ItemShape): void {
  const problems: Record<string, string> = {};
  const required = (field: keyof ItemShape, why: string) => {
    if (item[field] === null) problems[field] = why;
  };
  const absent = (field: keyof ItemShape) => {
    if (item[field] !== null) problems[field] = `must be empty for a ${item.kind} item`;
  };
  if (item.kind === 'discord_role') {
    required('discordRoleId', 'is required: the role the item grants');
    absent('telegramChatId');
    absent('telegramTitle');
  } else if (item.kind === 'telegram_title') {
    required('telegramChatId', 'is required: the group where the title is set');
    required('telegramTitle', 'is required: the title the item grants');
    absent('discordRoleId');
    absent('durationDays');
  } else {
    for (const field of ['discordRoleId', 'durationDays', 'telegramChatId', 'telegramTitle'] as const)
      absent(field);
  }
  if (item.availableFrom && item.availableUntil && item.availableUntil <= item.availableFrom) {
    problems.availableUntil = 'must be after availableFrom';
  }
  const entries = Object.entries(problems);
  if (entries.length) {
    const summary = entries.map(([field, why]) => `${field}: ${why}`).join('; ');
    throw new InvalidChangeError(`Invalid shop item: ${summary}`, problems);
  }
}

/**
 * What saving an item works with. A role the bot cannot give is refused at save (when the Discord
 * server can be read), rather than failing every purchase.
 */
export type ShopItemWriteDeps = AdminWriteDeps & DiscordIdCheckDeps;

/**
 * A rank's role is the rank's: reconcile keeps rank roles as the ranks say, so a bought one would be
 * taken away again.
 */
async function refuseRankRole(deps: AdminWriteDeps, roleId: string | null | undefined): Promise<void> {
  if (!roleId) return;
  const rank = await deps.db.prisma.rank.findFirst({
    where: { discordRoleId: roleId },
    select: { name: true },
  });
  if (rank) {
    const why = `is the role of the rank ${rank.name}: rank roles follow XP, pick another role`;
    throw new InvalidChangeError(`Invalid shop item: discordRoleId: ${why}`, { discordRoleId: why });
  }
}

async function refuseUnknownRank(deps: AdminWriteDeps, minRankId: number | null | undefined): Promise<void> {
  if (minRankId == null) return;
  const rank = await deps.db.prisma.rank.findUnique({ where: { id: minRankId }, select: { id: true } });
  if (!rank) {
    throw new InvalidChangeError(`Invalid shop item: minRankId: no rank ${minRankId}`, {
      minRankId: `no rank ${minRankId}`,
    });
  }
}

export async function createShopItem(deps: ShopItemWriteDeps, input: CreateShopItemInput): Promise<ShopItem> {
  const data = parseInput(createSchema, input, 'shop item');
  refuseInconsistent(data);
  await refuseUnknownRank(deps, data.minRankId);
  await refuseRankRole(deps, data.discordRoleId);
  await refuseUnusableRole(deps, data.discordRoleId, 'shop item');
  const item = await deps.db.prisma.shopItem.create({ data });
  await deps.changes.publish({ entity: 'shop_items', action: 'created', id: String(item.id) });
  return item;
}

/**
 * One conditional UPDATE on the version the admin opened (or, without one, the version the checks
 * were made against: a concurrent edit is a conflict, never a mix of the two). A purchase keeps
 * what the item granted when it was bought.
 */
export async function updateShopItem(deps: ShopItemWriteDeps, input: UpdateShopItemInput): Promise<ShopItem> {
  const { id, expectedVersion, ...changes } = parseInput(updateSchema, input, 'shop item');
  requireSomeChange(changes, 'shop item');
  const current = await deps.db.prisma.shopItem.findUnique({ where: { id } });
  if (!current) throw staleWriteError('shop item', id, expectedVersion, null);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw staleWriteError('shop item', id, expectedVersion, current);
  }
  const merged = { ...current, ...withoutUndefined(changes) };
  refuseInconsistent(merged);
  await refuseUnknownRank(deps, changes.minRankId);
  await refuseRankRole(deps, changes.discordRoleId);
  await refuseUnusableRole(deps, changes.discordRoleId, 'shop item');
  const [item] = await deps.db.prisma.shopItem.updateManyAndReturn({
    where: { id, version: current.version },
    data: { ...changes, version: { increment: 1 } },
  });
  if (!item) {
    const now = await deps.db.prisma.shopItem.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('shop item', id, expectedVersion, now);
  }
  await deps.changes.publish({ entity: 'shop_items', action: 'updated', id: String(item.id) });
  return item;
}

function withoutUndefined<T extends Record<string, unknown>>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
