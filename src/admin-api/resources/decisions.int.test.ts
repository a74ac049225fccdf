import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openResourcesTestApp,
  type ResourcesTestApp,
  totalOf,
} from '../../../test/support/resources-test-app.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { requestPayout } from '../../payouts/request-payout.ts';
import { submitTask } from '../../tasks/submit-task.ts';

let api: ResourcesTestApp;
beforeEach(async () => {
  api = await openResourcesTestApp();
});
afterEach(async () => {
  await api.close();
});

type Answer = { message: string; errors: Record<string, unknown> } & Record<string, unknown>;

async function task(title: string, rewardXp: number, rewardCoins = 0): Promise<number> {
  const row = await api.tandem.db.prisma.task.create({ data: { title, rewardXp, rewardCoins } });
  return row.id;
}

async function submission(taskId: number, playerId: string): Promise<string> {
  const { submission } = await submitTask(api.tandem, {
    taskId,
    playerId,
    platform: 'telegram',
    proof: `proof of ${playerId.slice(0, 4)}`,
  });
  return submission.id;
}

describe('task submissions', () => {
  it('are listed with task and player, filtered by status and task', async () => {
    const share = await task('Share the server', 100, 10);
    const invite = await task('Invite a friend', 50);
    const ada = await api.tandem.createPlayer('Ada');
    const bob = await api.tandem.createPlayer('Bob');
    await submission(share, ada);
    await submission(invite, ada);
    const bobs = await submission(share, bob);

    const list = await api.list('task_submissions', {
      filter: { taskId: share },
      sort: ['playerName', 'DESC'],
    });
    expect(list.headers.get('content-range')).toBe('task_submissions 0-1/2');
    expect(list.body[0]).toMatchObject({
      id: bobs,
      taskTitle: 'Share the server',
      rewardXp: 100,
      rewardCoins: 10,
      playerName: 'Bob',
      status: 'pending',
      version: 1,
    });
    expect(totalOf(await api.list('task_submissions', { filter: { q: 'invite' } }))).toBe(1);
    expect(
      totalOf(await api.list('task_submissions', { filter: { status: ['approved', 'rejected'] } })),
    ).toBe(0);
    expect((await api.list('task_submissions', { filter: { status: 'lost' } })).status).toBe(400);
  });

  it('approval pays the reward through the engine once; rejection tells why; a stale decision is refused', async () => {
    const share = await task('Share the server', 100, 10);
    const ada = await api.tandem.createPlayer('Ada');
    const bob = await api.tandem.createPlayer('Bob');
    const adas = await submission(share, ada);
    const bobs = await submission(share, bob);

    const approved = await api.request<Answer>('POST', `/task_submissions/${adas}/approve`, { version: 1 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      data: { id: adas, status: 'approved', decidedBy: 'alice', version: 2 },
      decidedNow: true,
      paid: { xp: 100, coins: 10 },
      totals: { xp: 100, balance: 10 },
    });
    const again = await api.request<Answer>('POST', `/task_submissions/${adas}/approve`, {});
    expect(again.body).toMatchObject({ decidedNow: false, paid: null });
    const ledger = await api.tandem.db.prisma.ledgerEntry.findMany({ where: { playerId: ada } });
    expect(ledger).toMatchObject([{ source: 'admin', reason: 'task', xpDelta: 100, coinDelta: 10 }]);
    expect((ledger[0]!.metadata as Record<string, unknown>).decidedBy).toBe('alice');

    const stale = await api.request<Answer>('POST', `/task_submissions/${bobs}/reject`, {
      version: 7,
      note: 'x',
    });
    expect(stale.status).toBe(409);
    const rejected = await api.request<Answer>('POST', `/task_submissions/${bobs}/reject`, {
      version: 1,
      note: 'The link does not open',
    });
    expect(rejected.body).toMatchObject({ data: { status: 'rejected', note: 'The link does not open' } });
    const flip = await api.request<Answer>('POST', `/task_submissions/${bobs}/approve`, {});
    expect(flip.status).toBe(409);
    expect(flip.body.message).toContain('already rejected');
    const long = await api.request<Answer>('POST', `/task_submissions/${adas}/reject`, {
      note: 'x'.repeat(501),
    });
    expect(long.status).toBe(400);
    expect(long.body.errors.note).toBe('at most 500 characters');
    expect(await api.tandem.db.prisma.ledgerEntry.count({ where: { playerId: bob } })).toBe(0);
    await waitFor(async () => api.announced.some((c) => c.entity === 'task_submissions' && c.id === bobs));
  });

  it('bulk approval decides each one and reports the ones it could not', async () => {
    const share = await task('Share the server', 30);
    const ada = await api.tandem.createPlayer('Ada');
    const bob = await api.tandem.createPlayer('Bob');
    const cy = await api.tandem.createPlayer('Cy');
    const adas = await submission(share, ada);
    const bobs = await submission(share, bob);
    const cys = await submission(share, cy);
    await api.request('POST', `/task_submissions/${cys}/reject`, { note: 'no' });

    const bulk = await api.request<{ approved: string[]; results: Answer[] }>(
      'POST',
      '/task_submissions/approve',
      {
        ids: [adas, bobs, cys],
      },
    );
    expect(bulk.status).toBe(200);
    expect(bulk.body.approved).toEqual([adas, bobs]);
    expect(bulk.body.results[2]).toMatchObject({ id: cys, approved: false, status: 409 });
    const players = await api.tandem.db.prisma.player.findMany({ where: { id: { in: [ada, bob, cy] } } });
    expect(players.map((p) => p.xp).sort()).toEqual([0, 30, 30]);
    expect((await api.request('POST', '/task_submissions/approve', { ids: ['nope'] })).status).toBe(400);
  });
});

describe('payouts', () => {
  async function heldPayout(name: string, coins: number, amount: number) {
    const playerId = await api.tandem.createPlayer(name);
    await api.tandem.engine.record({
      key: `sys-grant-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'system',
      coinDelta: coins,
      reason: 'task',
    });
    const { payout } = await requestPayout(api.tandem, {
      playerId,
      amount,
      requestId: 'r1',
      source: 'telegram',
    });
    return { playerId, payoutId: payout.id };
  }

  it('are listed and filtered, approved once, declined with a refund and a reason', async () => {
    const ada = await heldPayout('Ada', 500, 200);
    const bob = await heldPayout('Bob', 300, 150);

    const list = await api.list('payouts', { sort: ['amount', 'DESC'] });
    expect(list.headers.get('content-range')).toBe('payouts 0-1/2');
    expect(list.body[0]).toMatchObject({ id: ada.payoutId, amount: 200, status: 'held', playerName: 'Ada' });
    expect(list.body[0]).not.toHaveProperty('requestKey');
    expect(totalOf(await api.list('payouts', { filter: { amount_gte: 160 } }))).toBe(1);

    const approved = await api.request<Answer>('POST', `/payouts/${ada.payoutId}/approve`, { version: 1 });
    expect(approved.body).toMatchObject({ data: { status: 'approved', decidedBy: 'alice', version: 2 } });
    const twice = await api.request<Answer>('POST', `/payouts/${ada.payoutId}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('already approved');

    const noReason = await api.request<Answer>('POST', `/payouts/${bob.payoutId}/decline`, { note: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.note).toBe('say why: the player is told');
    const stale = await api.request<Answer>('POST', `/payouts/${bob.payoutId}/decline`, {
      note: 'Wrong wallet',
      version: 3,
    });
    expect(stale.status).toBe(409);
    const declined = await api.request<Answer>('POST', `/payouts/${bob.payoutId}/decline`, {
      note: 'Wrong wallet',
      version: 1,
    });
    expect(declined.body).toMatchObject({ data: { status: 'declined' }, balance: 300 });
    const refund = await api.tandem.db.prisma.ledgerEntry.findFirstOrThrow({
      where: { playerId: bob.playerId, reason: 'payout_refund' },
    });
    expect(refund).toMatchObject({ source: 'admin', coinDelta: 150 });
    expect(
      await api.tandem.db.prisma.player.findUniqueOrThrow({ where: { id: ada.playerId } }),
    ).toMatchObject({
      balance: 300,
    });
    expect((await api.request<Answer>('GET', `/payouts/${bob.payoutId}`)).body).toMatchObject({
      status: 'declined',
    });
    await waitFor(async () => api.announced.some((c) => c.entity === 'payouts' && c.id === bob.payoutId));
  });
});
