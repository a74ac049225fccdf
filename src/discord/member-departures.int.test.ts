import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { banResetReason, recordMemberBanned } from '../leaderboard/departures.ts';
import type { LeaderboardSettings } from '../leaderboard/leaderboard-settings.ts';
import { publicBoardPage } from '../leaderboard/public-board.ts';
import { saveLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import { topPlayers } from '../players/top-players.ts';
import { economyNotices } from '../sync/notification-rules.ts';

let harness: DiscordBotHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** alice (600 XP) and bob (300 XP), both Discord players of the emulator's guild. */
async function community(settings: Partial<LeaderboardSettings>) {
  const h = await startDiscordBotHarness();
  harness = h;
  const { tandem, world } = h;
  await saveLeaderboardSettings(tandem, { value: { public: true, ...settings } });
  const players: Record<'alice' | 'bob', string> = { alice: '', bob: '' };
  for (const [name, xp] of [
    ['alice', 600],
    ['bob', 300],
  ] as const) {
    const playerId = await tandem.createPlayer(name);
    await tandem.db.prisma.identity.create({
      data: { playerId, platform: 'discord', platformUserId: world.users[name], username: name },
    });
    await earn(playerId, xp, `${name}-1`);
    players[name] = playerId;
  }
  return players;
}

async function earn(playerId: string, xp: number, id: string) {
  await harness!.tandem.engine.record({
    key: `dc-msg-${id}-${playerId}`,
    playerId,
    type: 'xp_change',
    source: 'discord',
    xpDelta: xp,
    reason: 'message',
  });
}

async function departureOf(playerId: string) {
  const { rows } = await harness!.tandem.db.pool.query(
    'SELECT departure, departed_at, xp FROM players WHERE id = $1',
    [playerId],
  );
  return rows[0] as { departure: string | null; departed_at: Date | null; xp: number };
}

/** The names on /top and on the public board: the two must always agree. */
async function boards(): Promise<string[]> {
  const { tandem } = harness!;
  const top = (await topPlayers(tandem)).map((r) => r.displayName);
  const board = (await publicBoardPage(tandem, {})).rows.map((r) => r.displayName);
  expect(board).toEqual(top);
  return top;
}

async function resetRows(playerId: string) {
  const { rows } = await harness!.tandem.db.pool.query(
    `SELECT xp_delta, source, idempotency_key FROM ledger_entries WHERE player_id = $1 AND reason = 'ban_reset'`,
    [playerId],
  );
  return rows;
}

describe('members who leave or are banned', () => {
  it('by default stay on the boards when they leave or are banned', async () => {
    const { alice, bob } = await community({});
    const { control, world } = harness!;
    await control.removeMember(world.guildId, world.users.alice);
    await waitFor(async () => (await departureOf(alice)).departure === 'left', 'alice recorded as left');
    await control.banUser(world.guildId, world.users.bob);
    await waitFor(async () => (await departureOf(bob)).departure === 'banned', 'bob recorded as banned');
    expect(await boards()).toEqual(['alice', 'bob']);
    expect((await departureOf(bob)).xp).toBe(300);
  });

  it('under `hide` a leaver is off every board until they rejoin', async () => {
    const { alice } = await community({ onLeave: 'hide' });
    const { control, world } = harness!;
    await control.removeMember(world.guildId, world.users.alice);
    await waitFor(async () => (await departureOf(alice)).departure === 'left', 'alice recorded as left');
    expect((await departureOf(alice)).departed_at).toBeInstanceOf(Date);
    expect(await boards()).toEqual(['bob']);

    await control.addMember(world.guildId, { userId: world.users.alice });
    await waitFor(async () => (await departureOf(alice)).departure === null, 'alice back');
    expect(await boards()).toEqual(['alice', 'bob']);
  });

  it('under `reset` a ban takes the XP back by one ledger correction per ban, never deleting a row', async () => {
    const { bob } = await community({ onBan: 'reset', onLeave: 'keep' });
    const { control, world, tandem } = harness!;
    const rowsBefore = await tandem.db.pool.query('SELECT count(*)::int AS n FROM ledger_entries');

    await control.banUser(world.guildId, world.users.bob, { reason: 'spam' });
    await waitFor(async () => (await resetRows(bob)).length === 1, 'bob reset');
    await waitFor(async () => !(await boards()).includes('bob'), 'bob off the boards');
    // The removal that comes with the ban does not turn the ban into a departure.
    await new Promise((r) => setTimeout(r, 300));
    expect(await departureOf(bob)).toMatchObject({ departure: 'banned', xp: 0 });
    expect(await resetRows(bob)).toEqual([expect.objectContaining({ xp_delta: -300, source: 'system' })]);
    // A repeated ban event (a gateway replay) changes nothing.
    expect(await recordMemberBanned(tandem, world.users.bob)).toMatchObject({ changed: false, xpReset: 0 });
    expect(await resetRows(bob)).toHaveLength(1);
    // No notice follows a banned member out.
    const payload = { reason: banResetReason, xpDelta: -300, coinDelta: 0, xpAfter: 0, balanceAfter: 0 };
    expect(
      economyNotices({ source: 'system', payload } as Parameters<typeof economyNotices>[0], [
        { platform: 'discord', platformUserId: world.users.bob, syncEnabled: true },
      ]),
    ).toEqual([]);
    const rowsAfter = await tandem.db.pool.query('SELECT count(*)::int AS n FROM ledger_entries');
    expect(rowsAfter.rows[0].n).toBe(rowsBefore.rows[0].n + 1);

    // Unbanned and back, bob earns again; a second ban is a second reset.
    await control.unbanUser(world.guildId, world.users.bob);
    await control.addMember(world.guildId, { userId: world.users.bob });
    await waitFor(async () => (await departureOf(bob)).departure === null, 'bob back');
    await earn(bob, 50, 'bob-2');
    expect(await boards()).toEqual(['alice', 'bob']);
    await control.banUser(world.guildId, world.users.bob);
    await waitFor(async () => (await resetRows(bob)).length === 2, 'bob reset again');
    expect((await resetRows(bob)).map((r) => r.xp_delta)).toEqual([-300, -50]);
    expect(await boards()).toEqual(['alice']);
  });

  it('under `hide` a banned member keeps their XP but is off the boards', async () => {
    const { bob } = await community({ onBan: 'hide' });
    const { control, world } = harness!;
    await control.banUser(world.guildId, world.users.bob);
    await waitFor(async () => (await departureOf(bob)).departure === 'banned', 'bob banned');
    expect(await departureOf(bob)).toMatchObject({ xp: 300 });
    expect(await resetRows(bob)).toEqual([]);
    expect(await boards()).toEqual(['alice']);
  });
});
