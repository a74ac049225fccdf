import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { appendSyncEvent } from './append-sync-event.ts';
import type { DispatchableEvent } from './engine.ts';

/** A transaction that answers every insert with `answer` and keeps what it was asked. */
function fakeTransaction(answer: { id: string } | undefined) {
  const queries: unknown[][] = [];
  const dispatched: DispatchableEvent[] = [];
  const client = {
    query: async (_text: string, values: unknown[]) => {
      queries.push(values);
      return { rows: answer ? [answer] : [] };
    },
  } as unknown as pg.PoolClient;
  return {
    tx: { client, dispatchAfterCommit: (e: DispatchableEvent) => dispatched.push(e) },
    queries,
    dispatched,
  };
}

const playerId = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
const rankChange = {
  fromRankId: 1,
  toRankId: 2,
  direction: 'up',
  xp: 120,
  causeEventId: '0b7e6f1a-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
} as const;

describe('appendSyncEvent', () => {
  it('appends a valid event and hands it to the queues after commit', async () => {
    const { tx, queries, dispatched } = fakeTransaction({ id: 'e1' });
    const id = await appendSyncEvent(tx, {
      key: 'sys-rank-x-p',
      playerId,
      type: 'rank_change',
      payload: rankChange,
    });
    expect(id).toBe('e1');
    // A rank change is Tandem's own: its source is `system`.
    expect(queries).toEqual([
      [null, 'sys-rank-x-p', 'rank_change', playerId, JSON.stringify(rankChange), 'system'],
    ]);
    expect(dispatched).toEqual([{ id: 'e1', idempotencyKey: 'sys-rank-x-p', type: 'rank_change' }]);
  });

  it('answers null and dispatches nothing for a key appended before', async () => {
    const { tx, dispatched } = fakeTransaction(undefined);
    const id = await appendSyncEvent(tx, {
      key: 'sys-rank-x-p',
      playerId,
      type: 'rank_change',
      payload: rankChange,
    });
    expect(id).toBeNull();
    expect(dispatched).toEqual([]);
  });

  it('refuses a payload its type cannot read, before writing anything', async () => {
    const { tx, queries } = fakeTransaction({ id: 'e1' });
    const payload = { ...rankChange, causeEventId: 'not-a-uuid' };
    await expect(
      appendSyncEvent(tx, { key: 'sys-rank-x-p', playerId, type: 'rank_change', payload }),
    ).rejects.toThrow(/rank_change event's payload is invalid/);
    expect(queries).toEqual([]);
  });
});
