import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/in-transaction.ts';
import type { ChangePublisher } from '../live/changes.ts';
import type { MembershipChange, UpdateOrder } from './membership.ts';

/**
 * The table of chats Tandem's Telegram bot is or was in. Updates can be handled out of order (a
 * batch of updates is handled concurrently, a redelivery comes late), so every write is conditional:
 * it applies only when its update is newer than the one that last set the same fields, which the
 * row remembers (membership and title separately: a rename must not hide a promotion sent before it).
 */

export interface TelegramChatsDeps {
  db: Pick<Database, 'pool'>;
  changes: ChangePublisher;
}

/** The newer of two (date, update id) pairs wins; the same update again changes nothing. */
const newerMembership = `(EXCLUDED.changed_at, EXCLUDED.update_id) > (telegram_chats.changed_at, telegram_chats.update_id)`;
const newerTitle = `(EXCLUDED.title_changed_at, EXCLUDED.title_update_id) > (telegram_chats.title_changed_at, telegram_chats.title_update_id)`;

const recordMembershipSql = `
INSERT INTO telegram_chats
  (chat_id, type, title, bot_status, rights, changed_at, update_id, title_changed_at, title_update_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7)
ON CONFLICT (chat_id) DO UPDATE SET
  type = CASE WHEN ${newerMembership} THEN EXCLUDED.type ELSE telegram_chats.type END,
  bot_status = CASE WHEN ${newerMembership} THEN EXCLUDED.bot_status ELSE telegram_chats.bot_status END,
  rights = CASE WHEN ${newerMembership} THEN EXCLUDED.rights ELSE telegram_chats.rights END,
  changed_at = CASE WHEN ${newerMembership} THEN EXCLUDED.changed_at ELSE telegram_chats.changed_at END,
  update_id = CASE WHEN ${newerMembership} THEN EXCLUDED.update_id ELSE telegram_chats.update_id END,
  title = CASE WHEN ${newerTitle} THEN EXCLUDED.title ELSE telegram_chats.title END,
  title_changed_at = CASE WHEN ${newerTitle} THEN EXCLUDED.title_changed_at ELSE telegram_chats.title_changed_at END,
  title_update_id = CASE WHEN ${newerTitle} THEN EXCLUDED.title_update_id ELSE telegram_chats.title_update_id END,
  updated_at = now()
WHERE ${newerMembership} OR ${newerTitle}
RETURNING chat_id`;

/**
 * Records the bot's standing in a chat from a `my_chat_member` update (the chat's title with it).
 * @returns whether anything changed (false for an update older than what the row holds).
 */
export async function recordMembership(deps: TelegramChatsDeps, change: MembershipChange): Promise<boolean> {
  const { rowCount } = await deps.db.pool.query(recordMembershipSql, [
    change.chatId,
    change.type,
    change.title,
    change.status,
    change.rights === null ? null : JSON.stringify(change.rights),
    change.changedAt,
    change.updateId,
  ]);
  if (!rowCount) return false;
  await deps.changes.publish({ entity: 'telegram_chats', action: 'updated', id: change.chatId });
  return true;
}

/**
 * A chat's new title from a `new_chat_title` service message. Only chats the bot's membership
 * updates made known are renamed: a service message says nothing of the bot's standing there.
 */
export async function renameChat(
  deps: TelegramChatsDeps,
  rename: UpdateOrder & { chatId: string; title: string },
): Promise<boolean> {
  const { rowCount } = await deps.db.pool.query(
    `UPDATE telegram_chats
        SET title = $2, title_changed_at = $3, title_update_id = $4, updated_at = now()
      WHERE chat_id = $1 AND ($3::timestamptz, $4::bigint) > (title_changed_at, title_update_id)`,
    [rename.chatId, rename.title, rename.changedAt, rename.updateId],
  );
  if (!rowCount) return false;
  await deps.changes.publish({ entity: 'telegram_chats', action: 'updated', id: rename.chatId });
  return true;
}

/**
 * A basic group upgraded to a supergroup lives on under the supergroup's id: its row moves there.
 * Telegram tells it twice (`migrate_to_chat_id` in the old group, `migrate_from_chat_id` in the new
 * one), and the bot's membership update for the supergroup may come first: when the new id has a
 * row already, the old row just goes.
 */
export async function followUpgrade(
  deps: TelegramChatsDeps,
  upgrade: { fromChatId: string; toChatId: string },
): Promise<boolean> {
  const moved = await inTransaction(deps.db.pool, async (client) => {
    const taken = await client.query('SELECT 1 FROM telegram_chats WHERE chat_id = $1 FOR UPDATE', [
      upgrade.toChatId,
    ]);
    if (taken.rowCount) {
      const removed = await client.query('DELETE FROM telegram_chats WHERE chat_id = $1', [
        upgrade.fromChatId,
      ]);
      return (removed.rowCount ?? 0) > 0;
    }
    const updated = await client.query(
      `UPDATE telegram_chats SET chat_id = $2, type = 'supergroup', updated_at = now() WHERE chat_id = $1`,
      [upgrade.fromChatId, upgrade.toChatId],
    );
    return (updated.rowCount ?? 0) > 0;
  });
  if (!moved) return false;
  await deps.changes.publish({ entity: 'telegram_chats', action: 'deleted', id: upgrade.fromChatId });
  await deps.changes.publish({ entity: 'telegram_chats', action: 'updated', id: upgrade.toChatId });
  return true;
}
