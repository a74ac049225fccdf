import type { User } from 'telegraf/types';
import type { Database } from '../db/database.ts';
import { resolvePlayer } from '../linking/identities.ts';

/** Who `/pay` pays, as far as the message says it unambiguously. */
export type PayRecipient =
  | { kind: 'player'; playerId: string; name: string }
  | { kind: 'unknown'; typed: string }
  | { kind: 'ambiguous'; typed: string }
  | { kind: 'bot' };

/**
 * A Telegram user the message points at (a reply to their message, or a mention of someone
 * without a username): their id is certain, so they are found, or become a player, as on their
 * own first message. Bots are nobody's recipient.
 */
export async function recipientOfUser(
  deps: { db: Pick<Database, 'pool'> },
  user: User,
): Promise<PayRecipient> {
  if (user.is_bot) return { kind: 'bot' };
  const { playerId } = await resolvePlayer(deps.db, {
    platform: 'telegram',
    platformUserId: String(user.id),
    username: user.username ?? user.first_name,
  });
  return { kind: 'player', playerId, name: user.username ? `@${user.username}` : user.first_name };
}

/**
 * A name typed after /pay (`@ana_plays`, `ana_plays`), matched without regard to case against the
 * names Tandem keeps for its players' accounts on both platforms: the Telegram username (the first
 * name of an account without one) and the Discord username. Linked accounts are one player; a name
 * that two players answer to pays neither (a reply to their message says who), and a name no player
 * has written to the bots under is unknown.
 */
export async function recipientByName(
  deps: { db: Pick<Database, 'pool'> },
  typed: string,
): Promise<PayRecipient> {
  const name = typed.replace(/^@/, '');
  const { rows } = await deps.db.pool.query<{ player_id: string }>(
    `SELECT DISTINCT i.player_id FROM identities i JOIN players p ON p.id = i.player_id
      WHERE lower(i.username) = lower($1) AND p.merged_into_id IS NULL LIMIT 2`,
    [name],
  );
  if (rows.length === 0) return { kind: 'unknown', typed };
  if (rows.length > 1) return { kind: 'ambiguous', typed };
  return { kind: 'player', playerId: rows[0]!.player_id, name: typed };
}
