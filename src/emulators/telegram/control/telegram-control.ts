import type { EmulatorContext } from '../context.ts';
import type { EventFilter } from '../events.ts';
import {
  clearFaults,
  dropPollConnections,
  duplicateNextUpdates,
  failNextCalls,
  setLatency,
  startRateLimitStorm,
  updateLimits,
} from './fault-control.ts';
import { botStatus, callbackStatus, listMessages } from './observation.ts';
import { logQuerySchema, parseInput, waitSchema } from './schemas.ts';
import { pressButton, sendUserCommand, sendUserMedia, sendUserMessage } from './user-actions.ts';
import {
  addMember,
  createBot,
  createGroup,
  createUser,
  removeMember,
  setBlocked,
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
    createBot: (input: unknown = {}) => createBot(ctx, input),
    createUser: (input: unknown = {}) => createUser(ctx, input),
    createGroup: (input: unknown) => createGroup(ctx, input),
    addMember: (chatId: number, input: unknown) => addMember(ctx, chatId, input),
    removeMember: (chatId: number, userId: number, input: unknown = {}) =>
      removeMember(ctx, chatId, userId, input),
    blockBot: (userId: number, input: unknown = {}) => setBlocked(ctx, userId, input, true),
    unblockBot: (userId: number, input: unknown = {}) => setBlocked(ctx, userId, input, false),

    sendMessage: (input: unknown) => sendUserMessage(ctx, input),
    sendCommand: (input: unknown) => sendUserCommand(ctx, input),
    sendPhoto: (input: unknown) => sendUserMedia(ctx, 'photo', input),
    sendDocument: (input: unknown) => sendUserMedia(ctx, 'document', input),
    pressButton: (input: unknown) => pressButton(ctx, input),

    messages: (chatId: number, options: { bot?: number | string; includeDeleted?: boolean } = {}) =>
      listMessages(ctx, chatId, options),
    bot: (ref: number | string) => botStatus(ctx, ref),
    callback: (id: string) => callbackStatus(ctx, id),
    log: (query: unknown = {}) => {
      const { limit, ...filter } = parseInput(logQuerySchema, query);
      return ctx.log.list(filter, limit);
    },
    /** The first event matching the filter after `since` (default: from now); 408 on timeout. */
    waitFor: (query: unknown) => {
      const { timeoutMs, ...filter } = parseInput(waitSchema, query);
      return ctx.log.waitFor(filter satisfies EventFilter, timeoutMs);
    },
    get lastSeq() {
      return ctx.log.lastSeq;
    },

    faults: () => ctx.faults.snapshot(),
    setLatency: (input: unknown) => setLatency(ctx, input),
    failNextCalls: (input: unknown = {}) => failNextCalls(ctx, input),
    rateLimit: (input: unknown) => startRateLimitStorm(ctx, input),
    duplicateNextUpdates: (input: unknown = {}) => duplicateNextUpdates(ctx, input),
    dropPolls: (input: unknown = {}) => dropPollConnections(ctx, input),
    clearFaults: () => clearFaults(ctx),
    setLimits: (input: unknown) => updateLimits(ctx, input),

    /** A fresh world with the same bots: users, chats, files, updates, faults and the log go. */
    reset: () => {
      ctx.world.reset();
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
