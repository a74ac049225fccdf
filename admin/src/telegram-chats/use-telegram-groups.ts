import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import type { TelegramChatRecord } from './RightsChips.tsx';

export interface TelegramGroups {
  /** Every group Tandem's bot is or was in, by chat id: a stored id is named even after it left. */
  byId: ReadonlyMap<string, TelegramChatRecord>;
  /** The groups where players talk to the bot now (it is a member there), by title. */
  current: readonly TelegramChatRecord[];
}

/** Chats where players write messages (channels have posts, not members' messages). */
const talkingTypes = new Set(['group', 'supergroup']);
const present = new Set(['member', 'administrator', 'restricted']);

/**
 * The Telegram groups the bot knows from its membership updates, for pickers of chats that earn
 * message XP. Refetched on the `telegram_chats` live change, as the list page is.
 */
export function useTelegramGroups(): TelegramGroups {
  const { data } = useGetList<TelegramChatRecord>('telegram-chats', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'title', order: 'ASC' },
  });
  return useMemo(() => {
    const groups = (data ?? []).filter((chat) => talkingTypes.has(chat.type));
    return {
      byId: new Map(groups.map((chat) => [chat.id, chat])),
      current: groups.filter((chat) => present.has(chat.status)),
    };
  }, [data]);
}
