import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import type { EconomyChange } from './event-schemas.ts';
import { recordLedgerChanges } from './record-ledger-changes.ts';

/**
 * A group of records reads what it needs by key, even with the statistics of empty tables (a new
 * install before its first ANALYZE): joined with the group's input, the players, ledger and outbox
 * could be planned as scans, and every group would cost the whole history.
 */
let tandem: TestTandem;
let client: pg.Client;
const players: string[] = [];

beforeAll(async () => {
  tandem = await openTestTandem();
  for (let i = 0; i < 30; i++) players.push(await tandem.createPlayer(`group ${i}`));
  client = new pg.Client({ connectionString: tandem.database.url });
  await client.connect();
  await client.query('ANALYZE ledger_entries; ANALYZE sync_events');
});
afterAll(async () => {
  await client?.end();
  await tandem?.stop();
});

const message = (playerId: string, n: number): EconomyChange => ({
  key: `group-read-${n}`,
  playerId,
  type: 'xp_change',
  source: 'telegram',
  xpDelta: 1,
  coinDelta: 0,
  reason: 'message',
  metadata: {},
});

/** Rows read by sequential scans of the ledger and the outbox so far, as this connection's work shows. */
async function rowsScanned(): Promise<number> {
  await client.query('SELECT pg_stat_force_next_flush()');
  // The counters are flushed when the connection goes idle: a new statement sees them.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ n: string }>(
    `SELECT COALESCE(SUM(seq_tup_read), 0) AS n FROM pg_stat_user_tables
      WHERE relname IN ('ledger_entries', 'sync_events')`,
  );
  return Number(rows[0]!.n);
}

describe('a group of records', () => {
  it('reads its players and its replayed keys by key, not by scanning the history', async () => {
    const db = client as unknown as pg.Pool;
    let n = 0;
    for (let group = 0; group < 100; group++) {
      const outcomes = await recordLedgerChanges(
        db,
        players.map((id) => message(id, n++)),
      );
      expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    }
    const before = await rowsScanned();
    // Half new keys, half replays of keys recorded long ago.
    const mixed = players.map((id, i) =>
      i % 2 ? message(players[(i * 13) % 30]!, i * 13) : message(id, n++),
    );
    const outcomes = await recordLedgerChanges(db, mixed);
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    const scanned = (await rowsScanned()) - before;
    // 3,000 ledger rows and 3,000 events exist; the group may read its own 30 keys' worth.
    expect(scanned).toBeLessThan(300);
  });
});
