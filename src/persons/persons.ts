import type pg from 'pg';
import { PlayerNotFoundError } from '../core/errors.ts';

/**
 * The person behind one or more accounts. Linking joins two accounts' persons into one; unlinking
 * gives the detached identity a fresh account of the same person. So a limit kept on the person, or
 * checked across all the person's accounts, holds whatever the sequence of links, unlinks and merges:
 * the daily reward, games per day, the message and voice cooldowns, one-time rewards.
 */
export interface PersonState {
  id: string;
  dailyStreak: number;
  lastDailyAt: Date | null;
  lastMessageXpAt: Date | null;
  lastVoiceMinuteAt: Date | null;
}

const personColumns = `id, daily_streak AS "dailyStreak", last_daily_at AS "lastDailyAt",
  last_message_xp_at AS "lastMessageXpAt", last_voice_minute_at AS "lastVoiceMinuteAt"`;

/**
 * Locks a person's row for the rest of the transaction, creating it on first use. Call it with a
 * player of the person locked first (lockLivePlayer, or lockPersonOf): a merge moves accounts to
 * another person under their locks before it touches a person row, so the person read here stays
 * the player's, and the two orders never deadlock.
 */
export async function lockPerson(client: pg.PoolClient, personId: string): Promise<PersonState> {
  const { rows } = await client.query<PersonState>(
    `INSERT INTO persons (id) VALUES ($1)
     ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id
     RETURNING ${personColumns}`,
    [personId],
  );
  return rows[0]!;
}

/** Locks a player (live or merged) and then its person; for services that have not locked the player. */
export async function lockPersonOf(client: pg.PoolClient, playerId: string): Promise<PersonState> {
  const { rows } = await client.query<{ person_id: string }>(
    'SELECT person_id FROM players WHERE id = $1 FOR UPDATE',
    [playerId],
  );
  const personId = rows[0]?.person_id;
  if (!personId) throw new PlayerNotFoundError(playerId);
  return lockPerson(client, personId);
}

/** Every account of the person: live, detached by an unlink, or merged away. */
export async function accountsOf(client: pg.PoolClient, personId: string): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM players WHERE person_id = $1', [
    personId,
  ]);
  return rows.map((r) => r.id);
}

/**
 * True when any account of the person holds one of the ledger keys `keyFor` builds for it: a
 * one-time reward paid under a per-account key (a scenario, an achievement) was paid to the person.
 */
export async function personWasPaid(
  client: pg.PoolClient,
  personId: string,
  keyFor: (playerId: string) => string,
): Promise<boolean> {
  const keys = (await accountsOf(client, personId)).map(keyFor);
  const { rowCount } = await client.query(
    'SELECT 1 FROM ledger_entries WHERE idempotency_key = ANY($1::text[]) LIMIT 1',
    [keys],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Linking: the absorbed account's person (with every account it has) joins the survivor's, keeping
 * the later claims and the longer streak. Accounts move first, under their row locks, so a service
 * deciding on a limit of the absorbed person finishes before its person row is folded in.
 */
export async function joinPersons(
  client: pg.PoolClient,
  input: { survivorId: string; absorbedId: string },
): Promise<void> {
  const { rows } = await client.query<{ survivor: string; absorbed: string }>(
    `SELECT s.person_id AS survivor, a.person_id AS absorbed FROM players s, players a
      WHERE s.id = $1 AND a.id = $2`,
    [input.survivorId, input.absorbedId],
  );
  const persons = rows[0];
  if (!persons || persons.survivor === persons.absorbed) return;
  const movePlayers = () =>
    client.query('UPDATE players SET person_id = $1 WHERE person_id = $2', [
      persons.survivor,
      persons.absorbed,
    ]);
  await movePlayers();
  await client.query(
    `INSERT INTO persons (id, daily_streak, last_daily_at, last_message_xp_at, last_voice_minute_at)
     SELECT $1, coalesce(max(daily_streak), 0), max(last_daily_at), max(last_message_xp_at),
            max(last_voice_minute_at)
       FROM persons WHERE id IN ($1, $2)
     ON CONFLICT (id) DO UPDATE SET daily_streak = EXCLUDED.daily_streak,
       last_daily_at = EXCLUDED.last_daily_at, last_message_xp_at = EXCLUDED.last_message_xp_at,
       last_voice_minute_at = EXCLUDED.last_voice_minute_at`,
    [persons.survivor, persons.absorbed],
  );
  await client.query('DELETE FROM persons WHERE id = $1', [persons.absorbed]);
  // Another merge that joined a third account into the absorbed person committed while the first
  // statement waited for a lock it held: that account was not in the first statement's snapshot.
  await movePlayers();
}
