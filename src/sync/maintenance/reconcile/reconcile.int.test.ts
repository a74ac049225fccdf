import { UnrecoverableError, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../../../test/support/services.ts';
import { economyChangeSchema } from '../../../ledger/event-schemas.ts';
import { recordLedgerChange } from '../../../ledger/record-ledger-change.ts';
import { queueNames } from '../../queues.ts';
import type { SyncWorkers } from '../../workers.ts';
import { observeMemberRoles } from '../observe-member-roles.ts';
import { type ReconcileFinding, type ReconcileOptions, reconcile } from './reconcile.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const restore: ReconcileOptions = { roleDriftPolicy: 'restore', stuckAfterMs: 300_000 };
const reportOnly: ReconcileOptions = { roleDriftPolicy: 'report', stuckAfterMs: 300_000 };

/** Discord is down for the whole pass. */
class UnreachableDiscord extends FakeDiscord {
  override async listMemberRoles(): Promise<never> {
    this.calls.push('listMemberRoles');
    throw new Error('Discord is down (fake 503)');
  }
}

interface Community {
  discord: FakeDiscord;
  telegram: FakeTelegram;
  /** The three lowest ranks, with Discord roles 900, 901 and 902. */
  ranks: Array<{ id: number; minXp: number; name: string }>;
  workers: SyncWorkers | null;
}

async function openCommunity(discord = new FakeDiscord(), options = { workers: true }): Promise<Community> {
  const telegram = new FakeTelegram();
  tandem = await openTestTandem({ ports: { discord, telegram } });
  const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
  for (const [i, rank] of ranks.entries()) {
    await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
  }
  return { discord, telegram, ranks, workers: options.workers ? tandem.startWorkers() : null };
}

/** A player linked on both platforms who earned `xp` by chatting (no notices for that). */
async function linkedPlayer(discordUserId: string, xp: number): Promise<string> {
  const playerId = await tandem.createPlayer(`P${discordUserId}`);
  await tandem.db.prisma.identity.createMany({
    data: [
      { playerId, platform: 'discord', platformUserId: discordUserId },
      { playerId, platform: 'telegram', platformUserId: `7${discordUserId}` },
    ],
  });
  await tandem.engine.record({
    key: `dc-msg-1-${playerId}`,
    playerId,
    type: 'xp_change',
    source: 'discord',
    xpDelta: xp,
    reason: 'message',
  });
  return playerId;
}

async function counts() {
  const { rows } = await tandem.db.pool.query(
    `SELECT (SELECT count(*)::int FROM sync_events) AS events, (SELECT count(*)::int FROM ledger_entries) AS ledger`,
  );
  return rows[0] as { events: number; ledger: number };
}

async function findingsOf(runId: number): Promise<ReconcileFinding[]> {
  const run = await tandem.db.prisma.reconcileRun.findUniqueOrThrow({ where: { id: runId } });
  expect(run.finishedAt).toBeInstanceOf(Date);
  return run.findings as ReconcileFinding[];
}

describe('reconcile: totals', () => {
  it('sets a drifted total back to the ledger sums and records what it found', async () => {
    await openCommunity();
    const drifted = await linkedPlayer('1001', 120);
    const fine = await linkedPlayer('1002', 40);
    await tandem.settle();
    await tandem.db.pool.query('UPDATE players SET xp = xp + 7, balance = balance + 3 WHERE id = $1', [
      drifted,
    ]);
    const before = await counts();

    const report = await reconcile(tandem, restore);

    expect(report).toMatchObject({ playersChecked: 2, totalsFixed: 1, errors: 0, findings: 1 });
    expect(await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: drifted } })).toMatchObject({
      xp: 120,
      balance: 0,
    });
    expect(await findingsOf(report.runId)).toEqual([
      {
        kind: 'totals',
        playerId: drifted,
        expected: { xp: 120, balance: 0 },
        actual: { xp: 127, balance: 3 },
      },
    ]);
    const states = await tandem.db.prisma.syncState.findMany({ orderBy: { reconcileErrors: 'desc' } });
    expect(states).toHaveLength(2);
    expect(states[0]).toMatchObject({ playerId: drifted, reconcileErrors: 1 });
    expect(states[0]!.lastError).toMatch(/xp 127 \(ledger 120\), balance 3 \(ledger 0\)/);
    expect(states[1]).toMatchObject({ playerId: fine, reconcileErrors: 0 });
    for (const state of states) expect(state.lastReconcileAt).toBeInstanceOf(Date);
    // The ledger is the truth: nothing is appended to correct it.
    expect(await counts()).toEqual(before);

    const again = await reconcile(tandem, restore);
    expect(again).toMatchObject({ totalsFixed: 0, findings: 0, errors: 0 });
  });

  it('sets drifted achievement progress counters back to what the ledger says', async () => {
    await openCommunity();
    const drifted = await linkedPlayer('1001', 120);
    await tandem.settle();
    const before = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: drifted } });
    await tandem.db.pool.query(
      'UPDATE players SET messages = messages + 50, coins_earned = 999 WHERE id = $1',
      [drifted],
    );

    const report = await reconcile(tandem, restore);

    expect(report).toMatchObject({ totalsFixed: 1, errors: 0 });
    const after = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: drifted } });
    expect(after).toMatchObject({ messages: before.messages, coinsEarned: before.coinsEarned, xp: 120 });
  });

  it('keeps checking totals when Discord is down, and counts the error', async () => {
    const { discord } = await openCommunity(new UnreachableDiscord());
    const playerId = await linkedPlayer('1001', 30);
    await tandem.settle();
    await tandem.db.pool.query('UPDATE players SET xp = xp + 7 WHERE id = $1', [playerId]);

    const report = await reconcile(tandem, restore);

    expect(report).toMatchObject({ totalsFixed: 1, errors: 1, membersChecked: 0 });
    expect(discord.calls).toContain('listMemberRoles');
    expect(await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).toMatchObject({
      xp: 30,
    });
    const findings = await findingsOf(report.runId);
    expect(findings).toContainEqual({ kind: 'error', step: 'roles', message: 'Discord is down (fake 503)' });
    const run = await tandem.db.prisma.reconcileRun.findUniqueOrThrow({ where: { id: report.runId } });
    expect(run).toMatchObject({ totalsFixed: 1, errors: 1, playersChecked: 1 });
  });
});

describe('reconcile: scale', () => {
  it('walks players in batches, stamps each one, and keeps the first 200 findings with a count of the rest', async () => {
    tandem = await openTestTandem();
    // Totals no ledger row explains, and ranks never derived: two findings per player.
    await tandem.db.pool.query(
      `INSERT INTO players (display_name, xp) SELECT 'p' || g, 1 FROM generate_series(1, 205) g`,
    );

    const report = await reconcile(tandem, { ...restore, batchSize: 50 });

    expect(report).toMatchObject({
      playersChecked: 205,
      totalsFixed: 205,
      ranksRederived: 205,
      findings: 410,
    });
    const findings = await findingsOf(report.runId);
    expect(findings).toHaveLength(201);
    expect(findings.at(-1)).toEqual({ kind: 'truncated', omitted: 210 });
    const { rows } = await tandem.db.pool.query(
      `SELECT count(*) FILTER (WHERE last_reconcile_at IS NOT NULL)::int AS stamped,
              (SELECT count(*)::int FROM players WHERE xp <> 0) AS drifted
         FROM sync_states`,
    );
    expect(rows[0]).toEqual({ stamped: 205, drifted: 0 });
  });
});

describe('reconcile: ranks', () => {
  it('records the rank change a player missed, through the normal queue', async () => {
    const { discord, telegram, ranks } = await openCommunity();
    const playerId = await linkedPlayer('1001', ranks[1]!.minXp + 10);
    await tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['901']);
    // As if the rank change of the last event had been lost.
    await tandem.db.pool.query('UPDATE sync_states SET last_rank_id = $2 WHERE player_id = $1', [
      playerId,
      ranks[0]!.id,
    ]);

    const report = await reconcile(tandem, restore);
    expect(report).toMatchObject({ ranksRederived: 1, roleDrifts: 0, errors: 0 });
    expect(await findingsOf(report.runId)).toEqual([
      { kind: 'rank', playerId, expectedRankId: ranks[1]!.id, actualRankId: ranks[0]!.id },
    ]);
    await tandem.settle();
    const state = await tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } });
    expect(state.lastRankId).toBe(ranks[1]!.id);
    expect(discord.rolesOf('1001')).toEqual(['901']);
    const event = await tandem.db.prisma.syncEvent.findFirstOrThrow({
      where: { type: 'rank_change', idempotencyKey: { startsWith: 'sys-rank-' }, status: 'completed' },
      orderBy: { createdAt: 'desc' },
    });
    expect(event.payload).toMatchObject({
      fromRankId: ranks[0]!.id,
      toRankId: ranks[1]!.id,
      direction: 'up',
    });
    expect(telegram.messages.filter((m) => m.text.includes(`now ${ranks[1]!.name}`))).toHaveLength(1);
  });
});

describe('reconcile: Discord roles', () => {
  it('puts a removed rank role and a hand-added wrong one back through the platform queue', async () => {
    const { discord, telegram, ranks, workers } = await openCommunity();
    await linkedPlayer('1001', 20);
    await linkedPlayer('1002', ranks[1]!.minXp);
    discord.members.set('3000', new Set(['902', '555']));
    await tandem.settle();
    expect([discord.rolesOf('1001'), discord.rolesOf('1002')]).toEqual([['900'], ['901']]);
    // Reconcile must not write to Discord itself: with the workers stopped, only listing happens.
    await workers!.close();
    discord.members.get('1001')!.delete('900');
    discord.members.get('1002')!.add('902');
    const calls = discord.calls.length;
    const before = await counts();
    const notices = discord.messages.length + telegram.messages.length;

    const report = await reconcile(tandem, restore);

    expect(report).toMatchObject({ membersChecked: 2, roleDrifts: 2, rolesFixed: 2, errors: 0 });
    expect(discord.calls.slice(calls)).toEqual(['listMemberRoles null 1000']);
    const findings = await findingsOf(report.runId);
    expect(findings.filter((f) => f.kind === 'roles')).toEqual([
      expect.objectContaining({
        discordUserId: '1001',
        action: 'restored',
        drift: { extraRankRoleIds: [], missingRankRoleId: '900', missingAchievementRoleIds: [] },
      }),
      expect.objectContaining({
        discordUserId: '1002',
        action: 'restored',
        drift: { extraRankRoleIds: ['902'], missingRankRoleId: null, missingAchievementRoleIds: [] },
      }),
    ]);
    const fixes = await tandem.db.prisma.syncEvent.findMany({
      where: { idempotencyKey: { startsWith: 'sys-rolefix-' } },
    });
    expect(fixes).toHaveLength(2);
    expect((await counts()).ledger).toBe(before.ledger);

    tandem.startWorkers();
    await tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['900']);
    expect(discord.rolesOf('1002')).toEqual(['901']);
    // Not a linked player: not Tandem's business.
    expect(discord.rolesOf('3000')).toEqual(['555', '902']);
    // Putting a role back is no news to the player.
    expect(discord.messages.length + telegram.messages.length).toBe(notices);

    const again = await reconcile(tandem, restore);
    expect(again).toMatchObject({ roleDrifts: 0, rolesFixed: 0 });
  });

  it('only reports drift under the report policy', async () => {
    const { discord, workers } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    await tandem.settle();
    await workers!.close();
    discord.members.get('1001')!.delete('900');
    discord.members.get('1001')!.add('902');
    const before = await counts();

    const report = await reconcile(tandem, reportOnly);

    expect(report).toMatchObject({ roleDrifts: 1, rolesFixed: 0, errors: 0 });
    expect(await findingsOf(report.runId)).toEqual([
      {
        kind: 'roles',
        playerId,
        discordUserId: '1001',
        action: 'reported',
        drift: { extraRankRoleIds: ['902'], missingRankRoleId: '900', missingAchievementRoleIds: [] },
      },
    ]);
    expect(await counts()).toEqual(before);
    tandem.startWorkers();
    await tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['902']);
    const state = await tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } });
    expect(state).toMatchObject({ reconcileErrors: 1 });
    expect(state.lastError).toBe('Discord roles drifted: extra rank roles 902; missing rank role 900');
  });

  it('grants a missing achievement role again without announcing the achievement again', async () => {
    const { discord, telegram } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    const achievement = await tandem.db.prisma.achievement.create({
      data: {
        slug: 'veteran',
        name: 'Veteran',
        rule: { kind: 'games_won', count: 500 },
        discordRoleId: '950',
      },
    });
    tandem.catalog.invalidate();
    await tandem.db.prisma.playerAchievement.create({ data: { playerId, achievementId: achievement.id } });
    await tandem.settle();
    const notices = discord.messages.length + telegram.messages.length;

    const report = await reconcile(tandem, restore);
    expect(report).toMatchObject({ roleDrifts: 1, rolesFixed: 1 });
    await tandem.settle();

    expect(discord.rolesOf('1001')).toEqual(['900', '950']);
    expect(discord.messages.length + telegram.messages.length).toBe(notices);
    const regrant = await tandem.db.prisma.syncEvent.findFirstOrThrow({
      where: { type: 'achievement_unlock' },
    });
    expect(regrant.idempotencyKey).toMatch(new RegExp(`^sys-achrolefix-.+-${achievement.id}-${playerId}$`));
    expect(regrant).toMatchObject({
      status: 'completed',
      payload: expect.objectContaining({ regrant: true }),
    });
  });

  it('lists the guild in pages, never one request per player', async () => {
    const { discord, workers } = await openCommunity();
    for (let i = 0; i < 5; i++) discord.members.set(`${2000 + i}`, new Set(['555']));
    await linkedPlayer('1001', 20);
    // Sorts last, so it is on the third page.
    await linkedPlayer('9001', 20);
    await tandem.settle();
    await workers!.close();
    discord.members.get('9001')!.delete('900');
    const calls = discord.calls.length;

    const report = await reconcile(tandem, { ...restore, memberPageSize: 3 });

    expect(discord.calls.slice(calls)).toEqual([
      'listMemberRoles null 3',
      'listMemberRoles 2001 3',
      'listMemberRoles 2004 3',
    ]);
    expect(report).toMatchObject({ membersChecked: 2, roleDrifts: 1, rolesFixed: 1 });
    tandem.startWorkers();
    await tandem.settle();
    expect(discord.rolesOf('9001')).toEqual(['900']);
  });
});

describe('reconcile: stuck events', () => {
  it('hands back events left processing, whether their job is gone or failed, and they complete once', async () => {
    await openCommunity(new FakeDiscord(), { workers: false });
    const playerId = await tandem.createPlayer();
    const change = (n: number) =>
      economyChangeSchema.parse({
        key: `tg-game-${n}-${playerId}`,
        playerId,
        type: 'reward_grant',
        source: 'telegram',
        xpDelta: 10,
        coinDelta: 5,
        reason: 'game_win',
      });
    // 1: recorded, then the process died before enqueueing it and after marking it processing.
    const lost = await recordLedgerChange(tandem.db.pool, change(1));
    // 2: its job failed in BullMQ (a worker that died on it twice) without the event being told.
    const failed = await tandem.engine.record(change(2));
    const doomed = new Worker(
      queueNames.economy,
      async () => {
        throw new UnrecoverableError('job stalled more than allowable limit');
      },
      { connection: tandem.workerRedis, prefix: tandem.prefix },
    );
    await new Promise((resolve) => doomed.on('failed', resolve));
    await doomed.close();
    expect(await (await tandem.queues.economy.getJob(failed.key))!.getState()).toBe('failed');
    await tandem.db.pool.query(
      `UPDATE sync_events SET status = 'processing', updated_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [[lost.eventId, failed.eventId]],
    );
    // 3: queued a moment ago: not stuck, left to its job.
    const fresh = await tandem.engine.record(change(3));

    const report = await reconcile(tandem, { ...restore, stuckAfterMs: 60_000 });

    expect(report).toMatchObject({ eventsRequeued: 2, errors: 0 });
    const stuck = (await findingsOf(report.runId)).filter((f) => f.kind === 'stuck');
    expect(stuck).toEqual(
      expect.arrayContaining([
        { kind: 'stuck', eventId: lost.eventId, key: lost.key, status: 'processing', action: 'enqueued' },
        { kind: 'stuck', eventId: failed.eventId, key: failed.key, status: 'processing', action: 'retried' },
      ]),
    );
    expect(stuck).toHaveLength(2);

    tandem.startWorkers();
    await tandem.settle();
    const events = await tandem.db.prisma.syncEvent.findMany({
      where: { id: { in: [lost.eventId, failed.eventId, fresh.eventId] } },
    });
    for (const event of events) expect(event).toMatchObject({ status: 'completed', attempts: 1 });
    // Each change applied once (the first game also unlocked an achievement and its reward).
    expect(
      await tandem.db.prisma.ledgerEntry.count({ where: { idempotencyKey: { startsWith: 'tg-game-' } } }),
    ).toBe(3);
    expect(await reconcile(tandem, { ...restore, stuckAfterMs: 60_000 })).toMatchObject({
      eventsRequeued: 0,
      totalsFixed: 0,
    });
  });
});

describe('observeMemberRoles (the Discord gateway handler)', () => {
  it("ignores the echo of Tandem's own role write: no event, no ledger row, no write", async () => {
    const { discord } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    await tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['900']);
    const before = await counts();
    const calls = discord.calls.length;
    const state = await tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } });

    // The gateway echoes the projection's write (with a role that is not Tandem's, too).
    const echo = await observeMemberRoles(
      tandem,
      { discordUserId: '1001', roleIds: ['900', '555'] },
      restore,
    );

    expect(echo).toEqual({ outcome: 'in-sync' });
    await tandem.settle();
    expect(await counts()).toEqual(before);
    expect(discord.calls.length).toBe(calls);
    expect(await tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } })).toEqual(state);
  });

  it('puts back a rank role changed by hand, and ignores the echo of that fix', async () => {
    const { discord, telegram } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    await tandem.settle();
    const before = await counts();
    const notices = telegram.messages.length + discord.messages.length;
    // A moderator swaps the rank role by hand.
    discord.members.set('1001', new Set(['902']));

    const observed = await observeMemberRoles(tandem, { discordUserId: '1001', roleIds: ['902'] }, restore);

    expect(observed).toEqual({
      outcome: 'restored',
      playerId,
      drift: { extraRankRoleIds: ['902'], missingRankRoleId: '900', missingAchievementRoleIds: [] },
    });
    await tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['900']);
    expect(await counts()).toEqual({ events: before.events + 1, ledger: before.ledger });
    expect(telegram.messages.length + discord.messages.length).toBe(notices);

    // The fix echoes back: nothing more happens.
    const echo = await observeMemberRoles(
      tandem,
      { discordUserId: '1001', roleIds: discord.rolesOf('1001') },
      restore,
    );
    expect(echo).toEqual({ outcome: 'in-sync' });
    await tandem.settle();
    expect(await counts()).toEqual({ events: before.events + 1, ledger: before.ledger });
  });

  it('reports without fixing, waits for projections under way, and ignores members who are not linked', async () => {
    const { discord } = await openCommunity(new FakeDiscord(), { workers: false });
    const playerId = await linkedPlayer('1001', 20);
    // The first event is still pending: its projection will set the role, the roles are not drift yet.
    expect(await observeMemberRoles(tandem, { discordUserId: '1001', roleIds: [] }, restore)).toEqual({
      outcome: 'in-flight',
    });
    tandem.startWorkers();
    await tandem.settle();
    const before = await counts();

    const reported = await observeMemberRoles(
      tandem,
      { discordUserId: '1001', roleIds: ['901'] },
      reportOnly,
    );
    expect(reported).toMatchObject({ outcome: 'reported', playerId });
    expect(await observeMemberRoles(tandem, { discordUserId: '4242', roleIds: ['901'] }, restore)).toEqual({
      outcome: 'not-linked',
    });
    await tandem.settle();
    expect(await counts()).toEqual(before);
    expect(discord.rolesOf('1001')).toEqual(['900']);
    expect(await tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } })).toMatchObject({
      reconcileErrors: 1,
    });
  });
});
