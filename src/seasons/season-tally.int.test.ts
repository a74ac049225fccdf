import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { mergePlayers } from '../linking/merge-players.ts';
import { type SeasonOnBoard, seasonStandings } from './season-standings.ts';
import { tallySeasons } from './season-tally.ts';

let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem();
});
afterAll(async () => {
  await tandem?.stop();
});

const kept = { left: true, banned: true };
let keys = 0;

async function earn(playerId: string, xp: number, reason = 'message') {
  await tandem.engine.record({
    key: `tally-test-${keys++}`,
    playerId,
    type: 'xp_change',
    source: xp < 0 ? 'admin' : 'telegram',
    xpDelta: xp,
    reason,
  });
}

async function now(): Promise<Date> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const { rows } = await tandem.db.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  await new Promise((resolve) => setTimeout(resolve, 20));
  return rows[0]!.now;
}

async function newSeason(startsAt: Date): Promise<SeasonOnBoard> {
  const endsAt = new Date(startsAt.getTime() + 86_400_000);
  const season = await tandem.db.prisma.season.create({ data: { name: 'Tallied', startsAt, endsAt } });
  return { id: season.id, startsAt, endsAt };
}

/** Every page the boards ask for, read off the tallies and summed from the ledger: they must agree. */
async function expectBoardsAgree(season: SeasonOnBoard) {
  for (const page of [
    { limit: 1, offset: 0 },
    { limit: 3, offset: 0 },
    { limit: 5, offset: 2 },
    { limit: 100, offset: 0 },
  ]) {
    const tallied = await seasonStandings(tandem.db.pool, season, kept, page);
    const exact = await seasonStandings(tandem.db.pool, season, kept, page, { exact: true });
    expect(tallied).toEqual(exact);
  }
}

async function tallies(seasonId: number): Promise<Record<string, number>> {
  const { rows } = await tandem.db.pool.query<{ player_id: string; xp: number }>(
    'SELECT player_id, xp FROM season_tallies WHERE season_id = $1',
    [seasonId],
  );
  return Object.fromEntries(rows.map((row) => [row.player_id, row.xp]));
}

/** Once caught up, each player's tally is exactly their XP in the window summed from the ledger. */
async function expectTalliesEqualLedger(season: SeasonOnBoard) {
  const exact = await seasonStandings(
    tandem.db.pool,
    season,
    kept,
    { limit: 100, offset: 0 },
    { exact: true },
  );
  const tallied = await tallies(season.id);
  for (const standing of exact) expect(tallied[standing.playerId]).toBe(standing.xp);
}

describe('season tallies', () => {
  it('give the same board as the ledger before, between and after ticks, with losses, merges and old entries', async () => {
    const players: string[] = [];
    for (let i = 0; i < 12; i++) players.push(await tandem.createPlayer(`tally ${i}`));
    // Lifetime XP before the season, which its board must not count.
    for (const [i, id] of players.entries()) await earn(id, 1000 + i);
    const season = await newSeason(await now());
    await expectBoardsAgree(season);

    for (const [i, id] of players.entries()) await earn(id, 10 * (i + 1));
    await expectBoardsAgree(season);
    await tallySeasons(tandem.db.pool);
    await tallySeasons(tandem.db.pool);
    expect(Object.keys(await tallies(season.id))).toHaveLength(12);
    await expectBoardsAgree(season);

    // The leaders lose XP after the tally: they must drop down the board at once.
    await earn(players[11]!, -115, 'admin_adjustment');
    await earn(players[10]!, -100, 'admin_adjustment');
    await earn(players[0]!, 500);
    await expectBoardsAgree(season);

    // Two accounts put together: the absorbed one's season XP counts for the survivor.
    await tandem.engine.transaction((tx) =>
      mergePlayers(tx, { survivorId: players[3]!, absorbedId: players[4]! }),
    );
    expect(await tallies(season.id)).not.toHaveProperty(players[4]!);
    await expectBoardsAgree(season);
    const board = await seasonStandings(tandem.db.pool, season, kept, { limit: 100, offset: 0 });
    expect(board.find((s) => s.playerId === players[3])?.xp).toBe(40 + 50);

    // Rewards, merges' own entries and nothing from before the window ever reach a tally.
    await earn(players[5]!, 7, 'season_reward');
    for (let tick = 0; tick < 3; tick++) {
      await tallySeasons(tandem.db.pool);
      await expectBoardsAgree(season);
    }
    await expectTalliesEqualLedger(season);
  });

  it('count every entry once when ticks run side by side and catch up a long history a piece at a time', async () => {
    const players: string[] = [];
    for (let i = 0; i < 5; i++) players.push(await tandem.createPlayer(`side ${i}`));
    const season = await newSeason(await now());
    for (let round = 0; round < 8; round++) {
      for (const [i, id] of players.entries()) await earn(id, i + round + 1);
    }
    await tallySeasons(tandem.db.pool);
    await Promise.all([
      tallySeasons(tandem.db.pool, { entriesPerTick: 7 }),
      tallySeasons(tandem.db.pool, { entriesPerTick: 7 }),
      tallySeasons(tandem.db.pool, { entriesPerTick: 7 }),
    ]);
    await expectBoardsAgree(season);
    for (let tick = 0; tick < 10; tick++) await tallySeasons(tandem.db.pool, { entriesPerTick: 7 });
    await expectTalliesEqualLedger(season);
    await expectBoardsAgree(season);
  });

  it('start again when an admin moves the window, and the board is right before the tick runs', async () => {
    const early = await tandem.createPlayer('early bird');
    const late = await tandem.createPlayer('late comer');
    const season = await newSeason(await now());
    await earn(early, 300);
    const middle = await now();
    await earn(late, 200);
    await tallySeasons(tandem.db.pool);
    await tallySeasons(tandem.db.pool);
    await expectBoardsAgree(season);

    const moved = { ...season, startsAt: middle };
    await tandem.db.prisma.season.update({ where: { id: season.id }, data: { startsAt: middle } });
    await expectBoardsAgree(moved);
    const before = await seasonStandings(tandem.db.pool, moved, kept, { limit: 10, offset: 0 });
    expect(before.map((s) => s.playerId)).toEqual([late]);
    await tallySeasons(tandem.db.pool);
    await tallySeasons(tandem.db.pool);
    expect(await tallies(season.id)).toEqual({ [late]: 200 });
    await expectBoardsAgree(moved);
  });
});
