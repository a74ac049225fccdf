import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { keptWhileAway } from '../leaderboard/board-visibility.ts';
import { readLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import type { Engine } from '../ledger/engine.ts';
import { buildIdempotencyKey } from '../ledger/idempotency-key.ts';
import { rewardForPlace, seasonRewardSchema } from './season-rewards.ts';
import { type SeasonStanding, seasonStandings } from './season-standings.ts';
import { nextSeasonWindow, type SeasonRecurrence } from './season-window.ts';

interface SeasonRow {
  id: number;
  name: string;
  starts_at: Date;
  ends_at: Date;
  recurrence: SeasonRecurrence;
  winners: number;
  rewards: unknown;
  discord_role_id: string | null;
}

export interface SeasonWinner extends SeasonStanding {
  place: number;
  rewardXp: number;
  rewardCoins: number;
}

/** What one close did: who won, and the season that follows a recurring one. */
export interface ClosedSeason {
  seasonId: number;
  name: string;
  discordRoleId: string | null;
  winners: SeasonWinner[];
  nextSeasonId: number | null;
}

/**
 * Closes every season whose end has passed (the scheduler's tick). Safe to run twice, at once or
 * after a crash: each reward's idempotency key is the season, place and player, so the engine
 * records it once whatever runs it again; and only the run whose `closed_at` update finds the season
 * still open records the results and opens the next season. Returns the seasons this run closed.
 */
export async function closeDueSeasons(
  deps: { db: Database; engine: Pick<Engine, 'record'> },
  now: Date = new Date(),
): Promise<ClosedSeason[]> {
  const { rows } = await deps.db.pool.query<SeasonRow>(
    `SELECT id, name, starts_at, ends_at, recurrence, winners, rewards, discord_role_id
       FROM seasons WHERE closed_at IS NULL AND ends_at <= $1 ORDER BY ends_at, id`,
    [now],
  );
  const closed: ClosedSeason[] = [];
  for (const season of rows) {
    const done = await closeSeason(deps, season);
    if (done) closed.push(done);
  }
  return closed;
}

async function closeSeason(
  deps: { db: Database; engine: Pick<Engine, 'record'> },
  season: SeasonRow,
): Promise<ClosedSeason | null> {
  const kept = keptWhileAway((await readLeaderboardSettings(deps)).value);
  const standings = await seasonStandings(
    deps.db.pool,
    { id: season.id, startsAt: season.starts_at, endsAt: season.ends_at },
    kept,
    { limit: season.winners, offset: 0 },
    { exact: true },
  );
  const rewards = z.array(seasonRewardSchema).catch([]).parse(season.rewards);
  const winners = standings.map((standing, index): SeasonWinner => {
    const reward = rewardForPlace(rewards, index + 1);
    return { ...standing, place: index + 1, rewardXp: reward.xp, rewardCoins: reward.coins };
  });
  // Rewards before the close is marked: a crash in between leaves the season open, and the rerun
  // finds every reward already recorded under its key.
  for (const winner of winners) {
    if (winner.rewardXp === 0 && winner.rewardCoins === 0) continue;
    await deps.engine.record({
      key: buildIdempotencyKey({
        source: 'system',
        action: 'season',
        entity: `${season.id}.place${winner.place}`,
        playerId: winner.playerId,
      }),
      playerId: winner.playerId,
      type: 'reward_grant',
      source: 'system',
      xpDelta: winner.rewardXp,
      coinDelta: winner.rewardCoins,
      reason: 'season_reward',
      metadata: { seasonId: season.id, place: winner.place },
    });
  }
  return inTransaction(deps.db.pool, async (client) => {
    const marked = await client.query(
      'UPDATE seasons SET closed_at = now(), updated_at = now() WHERE id = $1 AND closed_at IS NULL',
      [season.id],
    );
    if (marked.rowCount === 0) return null;
    for (const w of winners) {
      await client.query(
        `INSERT INTO season_results (season_id, place, player_id, xp_gained, reward_xp, reward_coins)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [season.id, w.place, w.playerId, w.xp, w.rewardXp, w.rewardCoins],
      );
    }
    let nextSeasonId: number | null = null;
    const next = nextSeasonWindow(season.recurrence, season.ends_at);
    if (next) {
      const created = await client.query<{ id: number }>(
        `INSERT INTO seasons (name, starts_at, ends_at, recurrence, winners, rewards, discord_role_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          season.name,
          next.startsAt,
          next.endsAt,
          season.recurrence,
          season.winners,
          JSON.stringify(rewards),
          season.discord_role_id,
        ],
      );
      nextSeasonId = created.rows[0]!.id;
    }
    return {
      seasonId: season.id,
      name: season.name,
      discordRoleId: season.discord_role_id,
      winners,
      nextSeasonId,
    };
  });
}
