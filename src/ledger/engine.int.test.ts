import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { InsufficientBalanceError, InvalidChangeError, PlayerNotFoundError } from '../core/errors.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

/**
 * The engine's guarantees hold on PostgreSQL itself and through PgBouncer in transaction mode (the
 * pooler a deployment with many processes puts in front of it; named statements off there).
 */
const connections = [
  { connection: 'directly', pooler: undefined },
  { connection: 'through PgBouncer in transaction mode', pooler: 'pgbouncer' as const },
];

describe.each(connections)('recording an economy event, connected $connection', ({ pooler }) => {
  it('answers at once with the new totals and completes the event through the queue', async () => {
    tandem = await openTestTandem({ pooler });
    const playerId = await tandem.createPlayer('Ann');
    tandem.startWorkers();
    const outcome = await tandem.engine.record({
      key: `tg-game-s1-${playerId}`,
      playerId,
      type: 'reward_grant',
      source: 'telegram',
      xpDelta: 50,
      coinDelta: 10,
      reason: 'game_win',
    });
    expect(outcome).toMatchObject({ applied: true, xp: 50, balance: 10, xpDelta: 50, coinDelta: 10 });
    await tandem.settle();
    const event = await tandem.db.prisma.syncEvent.findUniqueOrThrow({ where: { id: outcome.eventId } });
    expect(event).toMatchObject({
      status: 'completed',
      attempts: 1,
      type: 'reward_grant',
      source: 'telegram',
    });
    expect(event.processedAt).toBeInstanceOf(Date);
  });

  it('applies the same event submitted 100 times concurrently exactly once', async () => {
    tandem = await openTestTandem({ pooler });
    const playerId = await tandem.createPlayer();
    tandem.startWorkers();
    const key = `dc-daily-2026-11-22-${playerId}`;
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        tandem.engine.record({
          key,
          playerId,
          type: 'reward_grant',
          source: 'discord',
          xpDelta: 100,
          coinDelta: 50,
          reason: 'daily',
        }),
      ),
    );
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    // Every caller gets the first outcome, not a fresh one.
    for (const o of outcomes)
      expect(o).toMatchObject({ xp: 100, balance: 50, eventId: outcomes[0]!.eventId });
    await tandem.settle();
    expect(await tandem.db.prisma.ledgerEntry.count({ where: { idempotencyKey: key } })).toBe(1);
    expect(await tandem.db.prisma.syncEvent.count({ where: { idempotencyKey: key } })).toBe(1);
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player).toMatchObject({ xp: 100, balance: 50 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('records a change inside transactions exactly once when they race on its key', async () => {
    tandem = await openTestTandem({ pooler });
    const playerId = await tandem.createPlayer();
    const key = `admin-payout-7-${playerId}`;
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        tandem.engine.transaction(async (tx) => {
          await tx.client.query('SELECT 1 FROM players WHERE id = $1 FOR UPDATE', [playerId]);
          return tx.record({
            key,
            playerId,
            type: 'balance_change',
            source: 'admin',
            coinDelta: 30,
            reason: 'payout',
          });
        }),
      ),
    );
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    for (const o of outcomes) expect(o).toMatchObject({ balance: 30, eventId: outcomes[0]!.eventId });
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player.balance).toBe(30);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('keeps totals equal to the ledger under concurrent changes of one player', async () => {
    tandem = await openTestTandem({ pooler });
    const playerId = await tandem.createPlayer();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        tandem.engine.record({
          key: `dc-msg-${i}-${playerId}`,
          playerId,
          type: 'xp_change',
          source: 'discord',
          xpDelta: 20,
          reason: 'message',
        }),
      ),
    );
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player.xp).toBe(1200);
    // The achievement progress counters move with the ledger rows.
    expect(player.messages).toBe(60);
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('answers a replayed debit with its first outcome even when the balance has moved on', async () => {
    tandem = await openTestTandem({ pooler });
    const playerId = await tandem.createPlayer();
    const change = (key: string, coinDelta: number) =>
      tandem.engine.record({
        key: `tg-${key}-${playerId}`,
        playerId,
        type: 'balance_change',
        source: 'telegram',
        coinDelta,
        reason: 'shop',
      });
    await tandem.engine.record({
      key: `admin-grant-1-${playerId}`,
      playerId,
      type: 'balance_change',
      source: 'admin',
      coinDelta: 100,
      reason: 'grant',
    });
    const first = await change('buy-1', -60);
    await change('buy-2', -40);
    const replay = await change('buy-1', -60);
    expect(replay).toMatchObject({ applied: false, balance: 40, eventId: first.eventId });
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player.balance).toBe(0);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    tandem = await openTestTandem({ pooler });
    const playerId = await tandem.createPlayer();
    const valid = {
      key: `admin-grant-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'admin',
      xpDelta: 5,
      reason: 'grant',
    } as const;
    const cases: Array<[unknown, RegExp]> = [
      [{ ...valid, type: 'xp_boost' }, /type: must be one of xp_change, balance_change, reward_grant/],
      [{ ...valid, source: 'telegram', xpDelta: -5 }, /XP cannot be taken away by a telegram action/],
      [{ ...valid, key: 'tg:game:1' }, /key: 1-200 letters.*no ":"/],
      [{ ...valid, key: '123456' }, /cannot be all digits/],
      [{ ...valid, xpDelta: 1.5 }, /whole number/],
      [{ ...valid, xpDelta: 0 }, /must move XP or coins/],
      [{ ...valid, metadata: { note: 'x'.repeat(5000) } }, /metadata is larger than 4096 bytes/],
      [{ ...valid, playerId: 'nobody' }, /playerId: must be a player id/],
    ];
    for (const [input, message] of cases) {
      const error = await tandem.engine.record(input as never).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidChangeError);
      expect(error.message).toMatch(message);
    }
    const overdraw = await tandem.engine
      .record({
        ...valid,
        key: `tg-shop-1-${playerId}`,
        type: 'balance_change',
        source: 'telegram',
        xpDelta: 0,
        coinDelta: -1,
        reason: 'shop',
      })
      .catch((e) => e);
    expect(overdraw).toBeInstanceOf(InsufficientBalanceError);
    const unknown = await tandem.engine
      .record({ ...valid, playerId: '00000000-0000-4000-8000-000000000000' })
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(PlayerNotFoundError);
    expect(await tandem.db.prisma.ledgerEntry.count()).toBe(0);
    expect(await tandem.db.prisma.syncEvent.count()).toBe(0);
  });
});

describe.each(connections)('projection to the platforms, connected $connection', ({ pooler }) => {
  it('derives a rank change, sets the Discord rank role, and announces the rank-up', async () => {
    const discord = new FakeDiscord();
    const telegram = new FakeTelegram();
    tandem = await openTestTandem({ ports: { discord, telegram }, pooler });
    const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
    for (const [i, rank] of ranks.entries()) {
      await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
    }
    const playerId = await tandem.createPlayer();
    await tandem.db.prisma.identity.createMany({
      data: [
        { playerId, platform: 'discord', platformUserId: '1001' },
        { playerId, platform: 'telegram', platformUserId: '2001' },
      ],
    });
    tandem.startWorkers();
    await tandem.engine.record({
      key: `tg-msg-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'telegram',
      xpDelta: 20,
      reason: 'message',
    });
    await tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['900']);

    await tandem.engine.record({
      key: `admin-grant-1-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'admin',
      xpDelta: ranks[1]!.minXp,
      reason: 'event_prize',
    });
    await tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['901']);
    expect(
      telegram.messages.some(
        (m) => m.userId === '2001' && m.text.includes(`Rank up! You are now ${ranks[1]!.name}`),
      ),
    ).toBe(true);
    const state = await tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } });
    expect(state).toMatchObject({ lastRankId: ranks[1]!.id, discordRankRoleId: '901' });
    const rankEvents = await tandem.db.prisma.syncEvent.findMany({ where: { type: 'rank_change' } });
    expect(rankEvents).toHaveLength(2);
    expect(rankEvents.every((e) => e.status === 'completed')).toBe(true);
  });
});
