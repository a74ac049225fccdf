import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { approveSubmission, rejectSubmission } from '../tasks/decide-submission.ts';
import { createTask } from '../tasks/manage-tasks.ts';
import { submitTask } from '../tasks/submit-task.ts';

let tandem: TestTandem;
let taskId: number;

beforeAll(async () => {
  tandem = await openTestTandem();
  taskId = (await createTask(tandem, { title: 'Invite a friend', rewardXp: 100, rewardCoins: 25 })).id;
});
afterAll(async () => {
  await tandem?.stop();
});
// Each case sets up the boosts it means: none of an earlier case is in force.
beforeEach(async () => {
  await tandem.db.pool.query('UPDATE boosts SET active = false');
});

/** A boost in force from an hour ago for an hour more, for the given sources. */
async function boostNow(name: string, factor: number, sources: string[]): Promise<number> {
  const { rows } = await tandem.db.pool.query<{ id: number }>(
    `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
     VALUES ($1, now() - interval '1 hour', now() + interval '1 hour', $2, $3) RETURNING id`,
    [name, factor, sources],
  );
  return rows[0]!.id;
}

async function submitted(): Promise<{ playerId: string; submissionId: string }> {
  const playerId = await tandem.createPlayer();
  const { submission } = await submitTask(tandem, { playerId, taskId, proof: '@bob', platform: 'discord' });
  return { playerId, submissionId: submission.id };
}

async function taskRows(playerId: string) {
  const { rows } = await tandem.db.pool.query<{
    xpDelta: number;
    coinDelta: number;
    metadata: { factors?: unknown };
  }>(
    `SELECT xp_delta AS "xpDelta", coin_delta AS "coinDelta", metadata FROM ledger_entries
      WHERE player_id = $1 AND reason = 'task'`,
    [playerId],
  );
  return rows;
}

describe("a boost of the 'tasks' source", () => {
  it('multiplies the XP (not the coins) of a task submitted inside its window, approved after it ended', async () => {
    const boostId = await boostNow('Double weekend', 2, ['tasks']);
    const { playerId, submissionId } = await submitted();
    // The weekend is over before the admin gets to it: the submission's time counts.
    await tandem.db.pool.query('UPDATE boosts SET ends_at = clock_timestamp() WHERE id = $1', [boostId]);

    const approval = await approveSubmission(tandem, { submissionId, decidedBy: 'alice' });
    expect(approval.paid).toEqual({ xp: 200, coins: 25 });
    const rows = await taskRows(playerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ xpDelta: 200, coinDelta: 25 });
    expect(rows[0]!.metadata.factors).toEqual([{ name: `boost:${boostId}:Double weekend`, value: 2 }]);
  });

  it('leaves a task submitted before its start alone, though it is approved during it', async () => {
    const { playerId, submissionId } = await submitted();
    await tandem.db.pool.query(
      `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
       VALUES ('Late', clock_timestamp(), clock_timestamp() + interval '1 hour', 2, ARRAY['tasks'])`,
    );

    expect((await approveSubmission(tandem, { submissionId, decidedBy: 'alice' })).paid).toEqual({
      xp: 100,
      coins: 25,
    });
    const [row] = await taskRows(playerId);
    expect(row).toMatchObject({ xpDelta: 100, coinDelta: 25 });
    expect(row!.metadata.factors).toBeUndefined();
  });

  it('judges proof sent again after a rejection by when it was sent again', async () => {
    const boostId = await boostNow('Double weekend', 2, ['tasks']);
    const { playerId, submissionId } = await submitted();
    await rejectSubmission(tandem, { submissionId, decidedBy: 'alice', note: 'Blurry' });
    // The weekend ends; the real proof comes after it.
    await tandem.db.pool.query('UPDATE boosts SET ends_at = clock_timestamp() WHERE id = $1', [boostId]);
    await submitTask(tandem, { playerId, taskId, proof: 'https://example.com/proof', platform: 'discord' });

    expect((await approveSubmission(tandem, { submissionId, decidedBy: 'alice' })).paid).toEqual({
      xp: 100,
      coins: 25,
    });
    const [row] = await taskRows(playerId);
    expect(row!.metadata.factors).toBeUndefined();
  });

  it('is not applied by a boost of the other sources', async () => {
    await boostNow('Everything but tasks', 3, ['message', 'voice', 'daily', 'game']);
    const { playerId, submissionId } = await submitted();

    await approveSubmission(tandem, { submissionId, decidedBy: 'alice' });
    const [row] = await taskRows(playerId);
    expect(row).toMatchObject({ xpDelta: 100, coinDelta: 25 });
    expect(row!.metadata.factors).toBeUndefined();
  });

  it('combines boosts by the one rule and pays once however often and concurrently it is approved', async () => {
    const first = await boostNow('Tasks week', 1.5, ['tasks']);
    const second = await boostNow('Launch day', 2, ['tasks', 'message']);
    const { playerId, submissionId } = await submitted();

    const approvals = await Promise.all(
      Array.from({ length: 5 }, () => approveSubmission(tandem, { submissionId, decidedBy: 'alice' })),
    );
    await approveSubmission(tandem, { submissionId, decidedBy: 'bob' });
    expect(approvals.filter((a) => a.decidedNow).map((a) => a.paid)).toEqual([{ xp: 300, coins: 25 }]);
    const rows = await taskRows(playerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ xpDelta: 300, coinDelta: 25 });
    expect(rows[0]!.metadata.factors).toEqual([
      { name: `boost:${first}:Tasks week`, value: 1.5 },
      { name: `boost:${second}:Launch day`, value: 2 },
    ]);
    const { rows: totals } = await tandem.db.pool.query('SELECT xp, balance FROM players WHERE id = $1', [
      playerId,
    ]);
    expect(totals[0]).toEqual({ xp: 300, balance: 25 });
  });
});
