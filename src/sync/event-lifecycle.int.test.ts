import { afterEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import {
  completeEvent,
  completeManySql,
  completeSql,
  readManySql,
  readOpenEvent,
} from './event-lifecycle.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

async function recordMessages(t: TestTandem, playerId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const outcome = await t.engine.record({
      key: `tg-msg-${n}-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'telegram',
      xpDelta: 10,
      reason: 'message',
    });
    ids.push(outcome.eventId);
  }
  return ids;
}

describe('reading and completing events sent together', () => {
  it('completes a batch in one statement, the last completion of a player saying what the platforms reflect', async () => {
    tandem = await openTestTandem();
    const [ann, bob] = [await tandem.createPlayer(), await tandem.createPlayer()];
    const [a1, a2, a3] = await recordMessages(tandem, ann, 3);
    const [b1] = await recordMessages(tandem, bob, 1);
    const statements: string[] = [];
    const query = tandem.db.pool.query.bind(tandem.db.pool);
    tandem.db.pool.query = ((config: unknown, values: unknown) => {
      statements.push(typeof config === 'string' ? config : (config as { text: string }).text);
      return query(config as string, values as unknown[]);
    }) as typeof tandem.db.pool.query;

    const read = await Promise.all([a1, a2, a3, b1, a1].map((id) => readOpenEvent(tandem.db.pool, id!)));
    expect(read.map((e) => e?.id)).toEqual([a1, a2, a3, b1, a1]);
    expect(read[0]!.player.xp).toBe(30);

    const attempt = { number: 1, workerName: 'w1' };
    await Promise.all([
      completeEvent(tandem.db.pool, a1!, { telegramXp: 10, balance: 0 }, attempt),
      completeEvent(tandem.db.pool, a2!, { telegramXp: 20, discordRankRoleId: '700' }, attempt),
      completeEvent(tandem.db.pool, a3!, { discordXp: 30 }, attempt),
      completeEvent(tandem.db.pool, b1!, { telegramXp: 10, discordRankRoleId: null }, attempt),
      // The same event completed twice at once (a job run twice): one of them waits for the next batch.
      completeEvent(tandem.db.pool, b1!, { telegramXp: 10, discordRankRoleId: null }, attempt),
    ]);
    expect(statements.filter((s) => s === readManySql)).toHaveLength(1);
    expect(statements.filter((s) => s === completeManySql || s === completeSql)).toHaveLength(2);

    const { rows: events } = await tandem.db.pool.query(
      `SELECT status, attempts, processed_by FROM sync_events WHERE id = ANY($1::uuid[])`,
      [[a1, a2, a3, b1]],
    );
    for (const e of events) expect(e).toEqual({ status: 'completed', attempts: 1, processed_by: 'w1' });
    const { rows: states } = await tandem.db.pool.query(
      `SELECT player_id, last_telegram_xp, last_discord_xp, last_balance, discord_rank_role_id FROM sync_states`,
    );
    const stateOf = (id: string) => states.find((s) => s.player_id === id);
    // Column by column, as the three completions one after the other would have left it.
    expect(stateOf(ann)).toMatchObject({
      last_telegram_xp: 20,
      last_discord_xp: 30,
      last_balance: 0,
      discord_rank_role_id: '700',
    });
    expect(stateOf(bob)).toMatchObject({ last_telegram_xp: 10, discord_rank_role_id: null });
    // Completed events are no longer open: a job that runs again finds nothing to do.
    expect(await readOpenEvent(tandem.db.pool, a1!)).toBeNull();
  });
});
