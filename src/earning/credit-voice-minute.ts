import { z } from 'zod';
import { ledgerReasons } from '../economy/achievements.ts';
import { minuteBucket, voiceXpForMinutes } from '../economy/earning-rules.ts';
import { IdempotencyConflictError } from '../sync/errors.ts';
import { buildIdempotencyKey } from '../sync/idempotency-key.ts';
import { type EarningDeps, parseEarningInput } from './earning-deps.ts';

const voiceInputSchema = z.object({
  playerId: z.uuid('playerId must be a player id (uuid)'),
  /** Any instant within the minute being credited. */
  minute: z.date(),
  roleIds: z.array(z.string()).default([]),
});
export type CreditVoiceMinuteInput = z.input<typeof voiceInputSchema>;

export interface VoiceMinuteOutcome {
  /** false when this minute was already credited (or is worth nothing under the settings). */
  credited: boolean;
  /** XP credited by this call. */
  xp: number;
}

/**
 * One eligible minute in a Discord voice channel (the bot checks eligibility with
 * voiceMinuteEligible). The key names the UTC minute (`dc-voice-202611221234-<player>`), so a tick
 * that fires twice, or two bot processes ticking at once, credit the minute once.
 */
export async function creditVoiceMinute(
  deps: EarningDeps,
  input: CreditVoiceMinuteInput,
): Promise<VoiceMinuteOutcome> {
  const { playerId, minute, roleIds } = parseEarningInput(voiceInputSchema, input, 'voice minute');
  const xp = voiceXpForMinutes(1, roleIds, await deps.settings.economy());
  if (xp === 0) return { credited: false, xp: 0 };
  try {
    const outcome = await deps.engine.record({
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
    });
    return outcome.applied ? { credited: true, xp } : { credited: false, xp: 0 };
  } catch (error) {
    // The member's roles changed between two ticks of one minute: a different amount, same minute.
    if (error instanceof IdempotencyConflictError) return { credited: false, xp: 0 };
    throw error;
  }
}
