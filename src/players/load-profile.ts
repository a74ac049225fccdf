import { activeBoosts } from '../boosts/active-boosts.ts';
import type { CatalogCache } from '../catalog/catalog.ts';
import { PlayerNotFoundError } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import { rankProgress } from '../economy/ranks.ts';
import { heldCoins } from '../ledger/holds.ts';

/** What the read-only player views work with; a process's Services and each bot's deps have both. */
export interface PlayerReadDeps {
  db: Pick<Database, 'pool'>;
  catalog: CatalogCache;
}

export interface PlayerProfile {
  /** The live account shown: a merged account's id leads to the account it was merged into. */
  playerId: string;
  displayName: string;
  xp: number;
  balance: number;
  /** Coins set aside by pending ledger holds, e.g. payouts awaiting a decision (already taken off `balance`). */
  heldCoins: number;
  rank: { id: number; name: string } | null;
  /** null at the top rank. */
  nextRank: { name: string; minXp: number } | null;
  /** XP still missing to `nextRank`; null at the top rank. */
  xpToNextRank: number | null;
  /** 0-100 of the way from the current rank to the next; 100 at the top rank. */
  progressPercent: number;
  dailyStreak: number;
  lastDailyAt: Date | null;
  /** Oldest first. */
  achievements: Array<{ name: string; unlockedAt: Date }>;
  identities: {
    telegram: { username: string | null } | null;
    discord: { username: string | null } | null;
  };
  /** Boost events in force now, for any source; absent when there are none. */
  activeBoosts?: Array<{ name: string; factor: number; endsAt: Date }>;
}

interface AccountRow {
  id: string;
  display_name: string;
  xp: number;
  balance: number;
  daily_streak: number;
  last_daily_at: Date | null;
  merged_into_id: string | null;
}

/** Merges chain at most this deep in practice (each link absorbs one account); a bound, not a rule. */
const maxMergeHops = 5;

/**
 * `/profile`: the account's totals, rank progress, streak, achievements and linked identities. An id
 * of a merged account shows the account it now belongs to, so a view opened just before a link
 * still shows the player's progress.
 */
export async function loadProfile(deps: PlayerReadDeps, playerId: string): Promise<PlayerProfile> {
  const account = await findLiveAccount(deps, playerId);
  const [catalog, held, identities, achievements, boosts] = await Promise.all([
    deps.catalog.get(),
    heldCoins(deps.db.pool, account.id),
    deps.db.pool.query<{ platform: 'telegram' | 'discord'; username: string | null }>(
      'SELECT platform, username FROM identities WHERE player_id = $1',
      [account.id],
    ),
    deps.db.pool.query<{ name: string; unlockedAt: Date }>(
      `SELECT a.name, pa.unlocked_at AS "unlockedAt" FROM player_achievements pa
         JOIN achievements a ON a.id = pa.achievement_id
        WHERE pa.player_id = $1 ORDER BY pa.unlocked_at, a.id`,
      [account.id],
    ),
    activeBoosts(deps.db, new Date()),
  ]);
  const progress = rankProgress(account.xp, catalog.ranks);
  const identityOn = (platform: 'telegram' | 'discord') => {
    const found = identities.rows.find((i) => i.platform === platform);
    return found ? { username: found.username } : null;
  };
  return {
    playerId: account.id,
    displayName: account.display_name,
    xp: account.xp,
    balance: account.balance,
    heldCoins: held,
    rank: progress.current ? { id: progress.current.id, name: progress.current.name } : null,
    nextRank: progress.next ? { name: progress.next.name, minXp: progress.next.minXp } : null,
    xpToNextRank: progress.xpForNext,
    progressPercent: progress.percent,
    dailyStreak: account.daily_streak,
    lastDailyAt: account.last_daily_at,
    achievements: achievements.rows,
    identities: { telegram: identityOn('telegram'), discord: identityOn('discord') },
    ...(boosts.length > 0
      ? { activeBoosts: boosts.map(({ name, factor, endsAt }) => ({ name, factor, endsAt })) }
      : {}),
  };
}

async function findLiveAccount(deps: PlayerReadDeps, playerId: string): Promise<AccountRow> {
  let id = playerId;
  for (let hop = 0; hop <= maxMergeHops; hop++) {
    const { rows } = await deps.db.pool.query<AccountRow>(
      `SELECT p.id, p.display_name, p.xp, p.balance, p.daily_streak, p.last_daily_at, p.merged_into_id
         FROM players p WHERE p.id = $1`,
      [id],
    );
    const account = rows[0];
    if (!account) break;
    if (!account.merged_into_id) return account;
    id = account.merged_into_id;
  }
  throw new PlayerNotFoundError(playerId);
}
