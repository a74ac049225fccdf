import { z } from 'zod';
import { activeBoosts, boostFactors } from '../boosts/active-boosts.ts';
import {
  IdempotencyConflictError,
  PlayerMergedError,
  PlayerNotFoundError,
  TandemError,
} from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { platforms } from '../core/platforms.ts';
import { ledgerReasons } from '../economy/achievements.ts';
import { earningFactors, type MessageXpResult, messageXp } from '../economy/earning-rules.ts';
import { combineFactors } from '../economy/xp-factors.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { EarningDeps, PlayerTotals } from './earning-deps.ts';

const messageInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  platform: z.enum(platforms),
  /** Telegram message ids count per chat, Discord's are global: the key combines them as needed. */
  messageId: z.string().regex(/^[A-Za-z0-9_.]{1,64}$/, 'messageId: 1-64 letters, digits, "_" or "."'),
  /** A Telegram chat id may be negative (groups). */
  channelId: z.string().regex(/^-?[A-Za-z0-9_.]{1,64}$/, 'channelId: 1-64 letters, digits, "_" or "."'),
  roleIds: z.array(z.string()).default([]),
  /** Characters in the message after trimming. */
  length: z.number().int().min(0),
  now: z.date(),
});
export type AwardMessageXpInput = z.input<typeof messageInputSchema> & {
  /** A uniform draw from [0, 1) for the amount. @defaultValue `Math.random` */
  random?: () => number;
};

export type MessageXpOutcome =
  | { awarded: true; xp: number; totals: PlayerTotals }
  | {
      awarded: false;
      /**
       * Why nothing was earned: the rules' reasons, `duplicate` (this message was already credited)
       * or `zero_xp` (the settings make this message worth nothing).
       */
      reason: Extract<MessageXpResult, { award: false }>['reason'] | 'duplicate' | 'zero_xp';
    };

/** How often a message that lost the cooldown race decides again before settling for `cooldown`. */
const maxCooldownRaces = 3;

/** Thrown inside the transaction to undo the cooldown move of a message credited before. */
class AlreadyCredited extends TandemError {
  constructor() {
    super('conflict', 'This message was credited before');
  }
}

interface CooldownState {
  lastAwardAt: Date | null;
  mergedIntoId: string | null;
  credited: boolean;
}

/**
 * XP for one chat message. The rules (channel, roles, length, cooldown) decide on the cooldown read
 * from the person (shared by all their accounts, so unlinking gives no fresh cooldown); the award
 * then moves the person's `last_message_xp_at` only if it still holds what was read (a
 * compare-and-set), so of several messages racing within the cooldown exactly one earns. The ledger
 * key names the message, and a message credited before undoes its cooldown move: a replayed message
 * earns nothing and leaves the cooldown where it was.
 */
export async function awardMessageXp(
  deps: EarningDeps,
  input: AwardMessageXpInput,
): Promise<MessageXpOutcome> {
  const message = parseInput(messageInputSchema, input, 'message');
  const { playerId, platform, now } = message;
  const settings = await deps.settings.economy();
  // One draw for the whole call, so re-deciding after a lost race cannot change the amount.
  const draw = (input.random ?? Math.random)();
  let boosts = boostFactors([]);
  const decide = (lastAwardAt: Date | null) =>
    messageXp({ ...message, lastAwardAt, random: () => draw, boosts }, settings);

  // Most messages fail on length or channel: answered without touching the database.
  const early = decide(null);
  if (!early.award) return { awarded: false, reason: early.reason };
  // The boosts of the message's own time, so a replay decides as the first delivery did.
  boosts = boostFactors(await activeBoosts(deps.db, now, 'message'));
  const upfront = decide(null);
  if (!upfront.award) return { awarded: false, reason: upfront.reason };
  if (upfront.xp === 0) return { awarded: false, reason: 'zero_xp' };
  const key = messageKey(message);
  const { applied } = combineFactors(0, earningFactors({ ...message, boosts }, settings));

  for (let race = 1; ; race++) {
    const state = await readCooldown(deps, playerId, key);
    if (state.credited) return { awarded: false, reason: 'duplicate' };
    const verdict = decide(state.lastAwardAt);
    if (!verdict.award) return { awarded: false, reason: verdict.reason };
    try {
      const outcome = await deps.engine.transaction(async (tx) => {
        // The person's row is created here on first use; a concurrent creation makes this a compare.
        const moved = await tx.client.query(
          `INSERT INTO persons (id, last_message_xp_at)
           SELECT person_id, $2 FROM players WHERE id = $1 AND merged_into_id IS NULL AND $3::timestamptz IS NULL
           ON CONFLICT (id) DO UPDATE SET last_message_xp_at = EXCLUDED.last_message_xp_at
            WHERE persons.last_message_xp_at IS NULL`,
          [playerId, now, state.lastAwardAt],
        );
        if (moved.rowCount === 0) {
          const compared = await tx.client.query(
            `UPDATE persons SET last_message_xp_at = $2
              WHERE id = (SELECT person_id FROM players WHERE id = $1 AND merged_into_id IS NULL)
                AND last_message_xp_at IS NOT DISTINCT FROM $3::timestamptz`,
            [playerId, now, state.lastAwardAt],
          );
          if (compared.rowCount === 0) return null;
        }
        // The account's copy, shown to admins.
        await tx.client.query('UPDATE players SET last_message_xp_at = $2 WHERE id = $1', [playerId, now]);
        const recorded = await tx.record({
          key,
          playerId,
          type: 'xp_change',
          source: platform,
          xpDelta: verdict.xp,
          reason: ledgerReasons.message,
          metadata: {
            channelId: message.channelId,
            messageId: message.messageId,
            ...(applied.length > 0 ? { factors: applied } : {}),
          },
        });
        if (!recorded.applied) throw new AlreadyCredited();
        return recorded;
      });
      if (outcome)
        return { awarded: true, xp: verdict.xp, totals: { xp: outcome.xp, balance: outcome.balance } };
    } catch (error) {
      // A replay drawing another amount is an idempotency conflict: still the same message.
      if (error instanceof AlreadyCredited || error instanceof IdempotencyConflictError) {
        return { awarded: false, reason: 'duplicate' };
      }
      throw error;
    }
    // Another message moved the cooldown first: decide again on what it wrote.
    if (race >= maxCooldownRaces) return { awarded: false, reason: 'cooldown' };
  }
}

function messageKey(message: z.output<typeof messageInputSchema>): string {
  const entity =
    message.platform === 'telegram'
      ? `${message.channelId.replace(/^-/, 'n')}.${message.messageId}`
      : message.messageId;
  return buildIdempotencyKey({ source: message.platform, action: 'msg', entity, playerId: message.playerId });
}

async function readCooldown(deps: EarningDeps, playerId: string, key: string): Promise<CooldownState> {
  const { rows } = await deps.db.pool.query<CooldownState>(
    `SELECT pe.last_message_xp_at AS "lastAwardAt", p.merged_into_id AS "mergedIntoId",
            EXISTS (SELECT 1 FROM ledger_entries WHERE idempotency_key = $2) AS credited
       FROM players p LEFT JOIN persons pe ON pe.id = p.person_id WHERE p.id = $1`,
    [playerId, key],
  );
  const state = rows[0];
  if (!state) throw new PlayerNotFoundError(playerId);
  if (state.mergedIntoId) throw new PlayerMergedError(playerId, state.mergedIntoId);
  return state;
}
