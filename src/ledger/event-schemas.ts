import { z } from 'zod';
import { idempotencyKeySchema } from './idempotency-key.ts';

export const eventTypes = [
  'xp_change',
  'balance_change',
  'rank_change',
  'achievement_unlock',
  'reward_grant',
  'payout_decision',
] as const;
export type EventType = (typeof eventTypes)[number];
export const eventSources = ['telegram', 'discord', 'admin', 'system'] as const;
export type EventSource = (typeof eventSources)[number];

/** Events that move XP or coins: each is one ledger row. */
export const economyEventTypes = ['xp_change', 'balance_change', 'reward_grant'] as const;
export type EconomyEventType = (typeof economyEventTypes)[number];
/** Events that only carry a derived fact or a notice to the platforms: never a ledger row. */
export const projectionEventTypes = ['rank_change', 'achievement_unlock', 'payout_decision'] as const;
export type ProjectionEventType = (typeof projectionEventTypes)[number];

export function isEconomyEventType(type: EventType): type is EconomyEventType {
  return (economyEventTypes as readonly string[]).includes(type);
}

/** A single change is bounded: a typo of a few zeros should be refused, not paid. */
export const maxDeltaPerEvent = 1_000_000;
/** Metadata travels with the ledger row and the event; keep it to a note, not a document. */
export const maxMetadataBytes = 4096;

const delta = z.number().int('must be a whole number').min(-maxDeltaPerEvent).max(maxDeltaPerEvent);

const metadataSchema = z
  .record(z.string(), z.json())
  .default({})
  .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= maxMetadataBytes, {
    message: `metadata is larger than ${maxMetadataBytes} bytes`,
  });

/** What a caller asks the engine to record. */
export const economyChangeSchema = z
  .object({
    key: idempotencyKeySchema,
    playerId: z.uuid('must be a player id (uuid)'),
    type: z.enum(economyEventTypes, { message: `must be one of ${economyEventTypes.join(', ')}` }),
    source: z.enum(eventSources, { message: `must be one of ${eventSources.join(', ')}` }),
    xpDelta: delta.default(0),
    coinDelta: delta.default(0),
    reason: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, '1-64 lowercase letters, digits or "_" (e.g. "daily", "game_win")'),
    metadata: metadataSchema,
  })
  .superRefine((change, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (change.xpDelta === 0 && change.coinDelta === 0) issue('xpDelta', 'a change must move XP or coins');
    if (change.type === 'xp_change' && change.coinDelta !== 0) issue('coinDelta', 'xp_change moves XP only');
    if (change.type === 'balance_change' && change.xpDelta !== 0)
      issue('xpDelta', 'balance_change moves coins only');
    if (change.type === 'reward_grant' && (change.xpDelta < 0 || change.coinDelta < 0)) {
      issue('xpDelta', 'a reward cannot take XP or coins away');
    }
    // Players lose XP only by an admin's correction or a merge; earning sources only add.
    if (change.xpDelta < 0 && (change.source === 'telegram' || change.source === 'discord')) {
      issue('xpDelta', `XP cannot be taken away by a ${change.source} action`);
    }
  });

export type EconomyChangeInput = z.input<typeof economyChangeSchema>;
export type EconomyChange = z.output<typeof economyChangeSchema>;

/** The payload stored on each SyncEvent, by type. */
export const economyPayloadSchema = z.object({
  ledgerEntryId: z.string(),
  xpDelta: z.number().int(),
  coinDelta: z.number().int(),
  xpAfter: z.number().int().nonnegative(),
  balanceAfter: z.number().int().nonnegative(),
  reason: z.string(),
});

export const rankChangePayloadSchema = z.object({
  fromRankId: z.number().int().nullable(),
  /** Equal to `fromRankId` when reconcile re-applies a rank role changed by hand: nothing is announced. */
  toRankId: z.number().int().nullable(),
  direction: z.enum(['up', 'down']),
  xp: z.number().int().nonnegative(),
  /** The event whose processing moved the rank. */
  causeEventId: z.uuid(),
});

export const achievementUnlockPayloadSchema = z.object({
  achievementId: z.number().int(),
  slug: z.string(),
  name: z.string(),
  rewardXp: z.number().int().nonnegative(),
  rewardCoins: z.number().int().nonnegative(),
  discordRoleId: z.string().nullable(),
  /** Re-grants the role of an achievement unlocked before (reconcile found it missing): no announcement. */
  regrant: z.boolean().optional(),
});

/** An admin's decision on a payout, told to the player on each linked platform. */
export const payoutDecisionPayloadSchema = z.object({
  payoutId: z.uuid(),
  decision: z.enum(['approved', 'declined']),
  amount: z.number().int().positive(),
  /** Why a payout was declined, as the admin wrote it. */
  reason: z.string().min(1).optional(),
  /** The balance right after a decline's refund. */
  balanceAfter: z.number().int().nonnegative().optional(),
});

export const eventPayloadSchemas = {
  xp_change: economyPayloadSchema,
  balance_change: economyPayloadSchema,
  reward_grant: economyPayloadSchema,
  rank_change: rankChangePayloadSchema,
  achievement_unlock: achievementUnlockPayloadSchema,
  payout_decision: payoutDecisionPayloadSchema,
} as const satisfies Record<EventType, z.ZodType>;

export type EconomyPayload = z.infer<typeof economyPayloadSchema>;
export type RankChangePayload = z.infer<typeof rankChangePayloadSchema>;
export type AchievementUnlockPayload = z.infer<typeof achievementUnlockPayloadSchema>;
export type PayoutDecisionPayload = z.infer<typeof payoutDecisionPayloadSchema>;
