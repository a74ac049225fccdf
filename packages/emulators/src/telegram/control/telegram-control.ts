import type { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import type { EventFilter } from '../events.ts';
import { demoteMember, migrateGroup, promoteMember, renameGroup } from './bot-membership.ts';
import {
  clearFaults,
  dropPollConnections,
  duplicateNextUpdates,
  failNextCalls,
  setLatency,
  startRateLimitStorm,
  updateLimits,
} from './fault-control.ts';
import { chooseInlineResult, inlineQueryStatus, typeInlineQuery } from './inline-mode.ts';
import { joinByLink } from './join-by-link.ts';
import { botStatus, callbackStatus, listMessages } from './observation.ts';
import { voteInPoll } from './poll-votes.ts';
import { reactToMessage } from './reactions.ts';
import {
  type addMemberSchema,
  type blockSchema,
  type chooseInlineResultSchema,
  type createBotSchema,
  type createGroupSchema,
  type createUserSchema,
  type demoteMemberSchema,
  type dropPollsSchema,
  type duplicateSchema,
  type inlineQuerySchema,
  type joinByLinkSchema,
  type latencySchema,
  type limitsSchema,
  logQuerySchema,
  type migrateGroupSchema,
  type openWebAppSchema,
  parseInput,
  type pollVoteSchema,
  type pressButtonSchema,
  type promoteMemberSchema,
  type rateLimitSchema,
  type reactSchema,
  type renameGroupSchema,
  type serverErrorsSchema,
  type updateBotSchema,
  type updateUserSchema,
  type userCommandSchema,
  type userMediaSchema,
  type userMessageSchema,
  waitSchema,
} from './schemas.ts';
import { pressButton, sendUserCommand, sendUserMedia, sendUserMessage } from './user-actions.ts';
import { openWebApp } from './web-app.ts';
import {
  addMember,
  createBot,
  createGroup,
  createUser,
  removeMember,
  setBlocked,
  updateBot,
  updateUser,
  worldSnapshot,
} from './world-control.ts';

/**
 * The scripting surface of the emulator, in process. The HTTP control API (`/control/...`) is a thin
 * layer over exactly these operations, so inputs are validated the same way here (zod) and a
 * refusal is a `ControlError` with an HTTP status.
 */
export function createTelegramControl(ctx: EmulatorContext) {
  return {
    world: () => worldSnapshot(ctx),
    createBot: (input: z.input<typeof createBotSchema> = {}) => createBot(ctx, input),
    /** Inline mode, inline feedback or privacy mode, as BotFather changes them. */
    updateBot: (ref: number | string, input: z.input<typeof updateBotSchema>) => updateBot(ctx, ref, input),
    createUser: (input: z.input<typeof createUserSchema> = {}) => createUser(ctx, input),
    updateUser: (userId: number, input: z.input<typeof updateUserSchema>) => updateUser(ctx, userId, input),
    createGroup: (input: z.input<typeof createGroupSchema>) => createGroup(ctx, input),
    addMember: (chatId: number, input: z.input<typeof addMemberSchema>) => addMember(ctx, chatId, input),
    removeMember: (chatId: number, userId: number, input: { ban?: boolean; by?: number } = {}) =>
      removeMember(ctx, chatId, userId, input),
    promoteMember: (chatId: number, userId: number, input: z.input<typeof promoteMemberSchema> = {}) =>
      promoteMember(ctx, chatId, userId, input),
    demoteMember: (chatId: number, userId: number, input: z.input<typeof demoteMemberSchema> = {}) =>
      demoteMember(ctx, chatId, userId, input),
    renameGroup: (chatId: number, input: z.input<typeof renameGroupSchema>) =>
      renameGroup(ctx, chatId, input),
    migrateGroup: (chatId: number, input: z.input<typeof migrateGroupSchema> = {}) =>
      migrateGroup(ctx, chatId, input),
    /** A user opens an invite link: joins, or files a join request when the link needs approval. */
    joinByLink: (input: z.input<typeof joinByLinkSchema>) => joinByLink(ctx, input),
    blockBot: (userId: number, input: z.input<typeof blockSchema> = {}) =>
      setBlocked(ctx, userId, input, true),
    unblockBot: (userId: number, input: z.input<typeof blockSchema> = {}) =>
      setBlocked(ctx, userId, input, false),

    sendMessage: (input: z.input<typeof userMessageSchema>) => sendUserMessage(ctx, input),
    sendCommand: (input: z.input<typeof userCommandSchema>) => sendUserCommand(ctx, input),
    sendPhoto: (input: z.input<typeof userMediaSchema>) => sendUserMedia(ctx, 'photo', input),
    sendDocument: (input: z.input<typeof userMediaSchema>) => sendUserMedia(ctx, 'document', input),
    pressButton: (input: z.input<typeof pressButtonSchema>) => pressButton(ctx, input),
    /** A user sets their reactions on a message (admin bots that asked for reactions hear of it). */
    react: (input: z.input<typeof reactSchema>) => reactToMessage(ctx, input),
    /** A user votes in a bot's poll. */
    votePoll: (input: z.input<typeof pollVoteSchema>) => voteInPoll(ctx, input),
    /** A user opens a bot's Mini App: its signed init data and the address Telegram would open. */
    openWebApp: (input: z.input<typeof openWebAppSchema>) => openWebApp(ctx, input),

    /** A user types `@bot query`; with `waitForAnswerMs`, waits for the bot's answer. */
    typeInlineQuery: (input: z.input<typeof inlineQuerySchema>) => typeInlineQuery(ctx, input),
    /** A user picks a result of an answered inline query. */
    chooseInlineResult: (input: z.input<typeof chooseInlineResultSchema>) => chooseInlineResult(ctx, input),
    inlineQuery: (id: string) => inlineQueryStatus(ctx, id),

    messages: (chatId: number, options: { bot?: number | string; includeDeleted?: boolean } = {}) =>
      listMessages(ctx, chatId, options),
    bot: (ref: number | string, options: { user?: number } = {}) => botStatus(ctx, ref, options),
    callback: (id: string) => callbackStatus(ctx, id),
    log: (query: z.input<typeof logQuerySchema> = {}) => {
      const { limit, ...filter } = parseInput(logQuerySchema, query);
      return ctx.log.list(filter, limit);
    },
    /** The first event matching the filter after `since` (default: from now); 408 on timeout. */
    waitFor: (query: z.input<typeof waitSchema>) => {
      const { timeoutMs, ...filter } = parseInput(waitSchema, query);
      return ctx.log.waitFor(filter satisfies EventFilter, timeoutMs);
    },
    get lastSeq() {
      return ctx.log.lastSeq;
    },

    faults: () => ctx.faults.snapshot(),
    setLatency: (input: z.input<typeof latencySchema>) => setLatency(ctx, input),
    failNextCalls: (input: z.input<typeof serverErrorsSchema> = {}) => failNextCalls(ctx, input),
    rateLimit: (input: z.input<typeof rateLimitSchema>) => startRateLimitStorm(ctx, input),
    duplicateNextUpdates: (input: z.input<typeof duplicateSchema> = {}) => duplicateNextUpdates(ctx, input),
    dropPolls: (input: z.input<typeof dropPollsSchema> = {}) => dropPollConnections(ctx, input),
    clearFaults: () => clearFaults(ctx),
    setLimits: (input: z.input<typeof limitsSchema>) => updateLimits(ctx, input),

    /** A fresh world with the same bots: users, chats, files, updates, faults and the log go. */
    reset: () => {
      ctx.world.reset();
      // The chats go, so their own menu buttons go with them; each bot's default one stays.
      for (const bot of ctx.world.allBots())
        for (const chat of bot.menuButtons.keys()) if (chat !== 'default') bot.menuButtons.delete(chat);
      ctx.files.clear();
      ctx.channels.reset();
      ctx.flood.reset();
      ctx.faults.clear(ctx.options.latencyMs);
      ctx.log.clear();
      ctx.log.record({ type: 'world.reset' });
      return worldSnapshot(ctx);
    },
  };
}

export type TelegramControl = ReturnType<typeof createTelegramControl>;
