import { z } from 'zod';
import { activeBoosts, boostFactors } from '../boosts/active-boosts.ts';
import { IdempotencyConflictError, TandemError } from '../core/errors.ts';
import { parseInput } from '../core/parse-input.ts';
import { ledgerReasons } from '../economy/achievements.ts';
import { earningFactors, minuteBucket, voiceXpForMinutes } from '../economy/earning-rules.ts';
import { combineFactors } from '../economy/xp-factors.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import type { EarningDeps } from './earning-deps.ts';
import { lockLivePlayer } from './lock-player.ts';

const voiceInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  /** Any instant within the minute being credited. */
  minute: z.date(),
  roleIds: z.array(z.string()).default([]),
  /** The voice channel, for its multiplier; omitted, no channel multiplier applies. */
  channelId: z.string().min(1).max(64).optional(),
});
export type CreditVoiceMinuteInput = z.input<typeof voiceInputSchema>;

export interface VoiceMinuteOutcome {
  /** false when this minute was already credited (or is worth nothing under the settings). */
  credited: boolean;
  /** XP credited by this call. */
  xp: number;
}

/** Thrown inside the transaction to undo the person's minute when the ledger had it already. */
class AlreadyCredited extends TandemError {
  constructor() {
    super('conflict', 'This voice minute was credited before');
  }
}

/**
 * One eligible minute in a Discord voice channel (the bot checks eligibility with
 * voiceMinuteEligible). A minute earns once per person: the person's last credited minute moves
 * forward by a conditional write, so the same minute cannot earn again on an account just unlinked
 * or linked, nor on a second Discord account of the person. The key names the UTC minute
 * (`dc-voice-202611221234-<player>`), so a tick that fires twice, or two bot processes ticking at
 * once, credit the minute once.
 */
export async function creditVoiceMinute(
  deps: EarningDeps,
  input: CreditVoiceMinuteInput,
): Promise<VoiceMinuteOutcome> {
  const { playerId, minute, roleIds, channelId } = parseInput(voiceInputSchema, input, 'voice minute');
  const minuteStart = new Date(Math.floor(minute.getTime() / 60_000) * 60_000);
  // A boost is in force for the minute when its start has come by the minute's start.
  const extra = { channelId, boosts: boostFactors(await activeBoosts(deps.db, minuteStart, 'voice')) };
  const settings = await deps.settings.economy();
  const xp = voiceXpForMinutes(1, roleIds, settings, extra);
  if (xp === 0) return { credited: false, xp: 0 };
  const { applied } = combineFactors(0, earningFactors({ roleIds, ...extra }, settings));
  try {
    return await deps.engine.transaction(async (tx) => {
      const player = await lockLivePlayer(tx.client, playerId);
      const moved = await tx.client.query(
        `INSERT INTO persons (id, last_voice_minute_at) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET last_voice_minute_at = EXCLUDED.last_voice_minute_at
          WHERE persons.last_voice_minute_at IS NULL OR persons.last_voice_minute_at < EXCLUDED.last_voice_minute_at`,
        [player.personId, minuteStart],
      );
      if (moved.rowCount === 0) return { credited: false, xp: 0 };
      const outcome = await tx.record({
        key: buildIdempotencyKey({
          source: 'discord',
          action: 'voice',
          entity: minuteBucket(minute),
          playerId,
        }),
        playerId,
        type: 'xp_change',
        source: 'discord',
        xpDelta: xp,
        reason: ledgerReasons.voiceMinute,
        metadata: applied.length > 0 ? { factors: applied } : undefined,
      });
      if (!outcome.applied) throw new AlreadyCredited();
      return { credited: true, xp };
    });
  } catch (error) {
    // The member's roles changed between two ticks of one minute: a different amount, same minute.
    if (error instanceof IdempotencyConflictError || error instanceof AlreadyCredited) {
      return { credited: false, xp: 0 };
    }
    throw error;
  }
}
