import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testAdminDatabaseUrl } from '../../test/support/env.ts';
import { withDatabase } from '../../test/support/global-setup.ts';
import { applyMigrations, migrationsDir } from './migrations.ts';

const holdsMigration = '20261206130000_ledger_holds';
const name = `tandem_holds_${Date.now().toString(36)}`;
const url = withDatabase(testAdminDatabaseUrl, name);
let dir: string | undefined;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: testAdminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the ledger holds migration', () => {
  it('carries payouts recorded before it: held -> pending, approved -> posted, declined -> voided', async () => {
    const admin = new pg.Client({ connectionString: testAdminDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    // The migrations up to the one before holds, then the data as it was recorded then.
    dir = await mkdtemp(join(tmpdir(), 'tandem-migrations-'));
    for (const entry of await readdir(migrationsDir)) {
      if (entry < holdsMigration) await cp(join(migrationsDir, entry), join(dir, entry), { recursive: true });
    }
    await applyMigrations(url, dir);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const player = (
        await db.query(`INSERT INTO players (display_name, balance) VALUES ('Ada', 400) RETURNING id`)
      ).rows[0].id;
      const entry = async (key: string, delta: number, after: number, reason: string, payoutId?: string) =>
        (
          await db.query(
            `INSERT INTO ledger_entries (idempotency_key, player_id, type, source, xp_delta, coin_delta, xp_after,
                                         balance_after, reason, metadata)
             VALUES ($1, $2, 'balance_change', 'admin', 0, $3, 0, $4, $5, $6) RETURNING id::text`,
            [key, player, delta, after, reason, JSON.stringify(payoutId ? { payoutId } : {})],
          )
        ).rows[0].id as string;
      await entry('admin-grant-1', 1000, 1000, 'grant');
      const payout = async (status: string, amount: number) =>
        (
          await db.query(
            `INSERT INTO payouts (request_key, player_id, amount, status, decided_at)
             VALUES (gen_random_uuid()::text, $1, $2, $3::"PayoutStatus", CASE WHEN $3::text = 'held' THEN NULL ELSE now() END)
             RETURNING id`,
            [player, amount, status],
          )
        ).rows[0].id as string;
      const held = await payout('held', 100);
      const approved = await payout('approved', 200);
      const declined = await payout('declined', 300);
      const heldEntry = await entry(`sys-payout_hold-${held}`, -100, 900, 'payout_hold', held);
      const approvedEntry = await entry(`sys-payout_hold-${approved}`, -200, 700, 'payout_hold', approved);
      const declinedEntry = await entry(`sys-payout_hold-${declined}`, -300, 400, 'payout_hold', declined);
      const refundEntry = await entry(`admin-payout_refund-${declined}`, 300, 700, 'payout_refund', declined);

      await applyMigrations(url);
      const { rows } = await db.query(
        `SELECT p.status, p.hold_id::text AS hold, s.outcome, s.refund_entry_id::text AS refund
           FROM payouts p LEFT JOIN ledger_hold_settlements s ON s.hold_id = p.hold_id ORDER BY p.amount`,
      );
      expect(rows).toEqual([
        { status: 'held', hold: heldEntry, outcome: null, refund: null },
        { status: 'approved', hold: approvedEntry, outcome: 'posted', refund: null },
        { status: 'declined', hold: declinedEntry, outcome: 'voided', refund: refundEntry },
      ]);
      const holds = await db.query(
        'SELECT entry_id::text AS id, player_id FROM ledger_holds ORDER BY entry_id',
      );
      expect(holds.rows).toEqual(
        [heldEntry, approvedEntry, declinedEntry].map((id) => ({ id, player_id: player })),
      );
    } finally {
      await db.end();
    }
  });
});
