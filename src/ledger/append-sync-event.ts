import { z } from 'zod';
import type { RecordingTransaction } from './engine.ts';
import {
  type AchievementUnlockPayload,
  eventPayloadSchemas,
  type PayoutDecisionPayload,
  type ProjectionEventType,
  type RankChangePayload,
} from './event-schemas.ts';

/**
 * A projection event to append to the outbox. Economy events are never appended this way: the
 * record statement writes each with its ledger row, in the same statement. Rank changes and
 * achievement unlocks are derived by Tandem itself (source `system`); a payout decision is an
 * admin's (source `admin`).
 */
export type NewSyncEvent = {
  /** The event's id when the caller must know it beforehand (e.g. to name it as its own cause). */
  id?: string;
  key: string;
  playerId: string;
} & (
  | { type: 'rank_change'; payload: RankChangePayload }
  | { type: 'achievement_unlock'; payload: AchievementUnlockPayload }
  | { type: 'payout_decision'; payload: PayoutDecisionPayload }
);

const sourceOf: Record<ProjectionEventType, 'system' | 'admin'> = {
  rank_change: 'system',
  achievement_unlock: 'system',
  payout_decision: 'admin',
};

const appendSql = `
INSERT INTO sync_events (id, idempotency_key, source, type, player_id, payload)
VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $6::"EventSource", $3::"EventType", $4, $5)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id`;

/**
 * The one way an event other than a ledger change enters the outbox (`sync_events`): its payload is
 * checked against its type's schema first, so the processors never meet a payload they cannot read.
 * Runs in the caller's transaction and hands the event to the queues once it commits. A key seen
 * before appends nothing and answers null, so a step that runs twice records its event once.
 */
export async function appendSyncEvent(
  tx: Pick<RecordingTransaction, 'client' | 'dispatchAfterCommit'> &
    Partial<Pick<RecordingTransaction, 'countAfterCommit'>>,
  event: NewSyncEvent,
): Promise<string | null> {
  const payload = parsePayload(event.type, event.payload);
  const { rows } = await tx.client.query<{ id: string }>(appendSql, [
    event.id ?? null,
    event.key,
    event.type,
    event.playerId,
    JSON.stringify(payload),
    sourceOf[event.type],
  ]);
  const id = rows[0]?.id ?? null;
  tx.countAfterCommit?.({
    type: event.type,
    source: sourceOf[event.type],
    outcome: id ? 'recorded' : 'duplicate',
  });
  if (id) tx.dispatchAfterCommit({ id, idempotencyKey: event.key, type: event.type });
  return id;
}

function parsePayload(type: ProjectionEventType, payload: unknown): unknown {
  const parsed = eventPayloadSchemas[type].safeParse(payload);
  if (!parsed.success)
    throw new Error(`A ${type} event's payload is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
