import express, { type Router } from 'express';
import { z } from 'zod';
import type { Prisma, TelegramChat } from '../../generated/prisma/client.ts';
import type { AdminApiDeps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { containing, filterSchema, inList, oneOrMany, searchText } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { prismaOrderBy } from '../rest/order-by.ts';
import { addListRoute, addRecordRoutes } from '../rest/resource-routes.ts';

/**
 * The groups and channels Tandem's Telegram bot is or was in, with its standing and rights there:
 * read-only, written by the bot from its membership updates (src/telegram-chats). id = chat id.
 */

/** Telegram chat ids are negative for groups and channels; within PostgreSQL's bigint. */
const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const chatIdPattern = /^-?\d{1,19}$/;
const chatIdText = z.string().refine((id) => {
  if (!chatIdPattern.test(id)) return false;
  const value = BigInt(id);
  return value >= int64.min && value <= int64.max;
}, 'must be a Telegram chat id such as -1001234567890');
const chatIdValue = z.union([chatIdText, z.number().int().transform(String)]).pipe(chatIdText);

const chatFilter = filterSchema({
  id: oneOrMany(chatIdValue),
  /** Title contains. */
  q: searchText,
  type: oneOrMany(z.enum(['group', 'supergroup', 'channel'])),
  status: oneOrMany(z.enum(['member', 'administrator', 'restricted', 'left', 'kicked'])),
});

export const telegramChatList: ListSpec<z.output<typeof chatFilter>> = {
  sortable: {
    id: 'chatId',
    title: 'title',
    type: 'type',
    status: 'status',
    updatedAt: 'updatedAt',
  },
  defaultSort: { field: 'title', order: 'asc' },
  filter: chatFilter,
};

export function telegramChatRecord(row: TelegramChat) {
  return {
    id: row.chatId.toString(),
    title: row.title,
    type: row.type,
    status: row.status,
    rights: row.rights as Record<string, boolean> | null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function chatWhere(filter: z.output<typeof chatFilter>): Prisma.TelegramChatWhereInput {
  return {
    chatId: inList(filter.id?.map((id) => BigInt(id))),
    type: inList(filter.type),
    status: inList(filter.status),
    ...(filter.q ? { title: containing(filter.q) } : {}),
  };
}

function chatIdParam(value: unknown): bigint {
  const parsed = chatIdText.safeParse(value);
  if (!parsed.success) throw new HttpError(404, `There is no Telegram chat ${String(value)}.`);
  return BigInt(parsed.data);
}

export function createTelegramChatsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  const { telegramChat } = deps.db.prisma;

  addListRoute(router, 'telegram-chats', telegramChatList, async (query) => {
    const where = chatWhere(query.filter);
    const [total, rows] = await Promise.all([
      telegramChat.count({ where }),
      telegramChat.findMany({
        where,
        orderBy: prismaOrderBy(telegramChatList.sortable, query.sort, 'chatId'),
        skip: query.skip,
        take: query.take,
      }),
    ]);
    return { total, records: rows.map(telegramChatRecord) };
  });

  addRecordRoutes(router, {
    what: 'Telegram chat',
    parseId: chatIdParam,
    find: async (chatId) => {
      const row = await telegramChat.findUnique({ where: { chatId } });
      return row ? telegramChatRecord(row) : null;
    },
  });

  return router;
}
