import type { MiddlewareFn } from 'telegraf';
import { z } from 'zod';
import type { Logger } from '../logging/logger.ts';
import type { RedisConnection } from '../redis/connection.ts';
import type { TandemContext } from './tandem-context.ts';

/**
 * What the bot waits for in a chat, when a button asked the player for a plain text answer: for now
 * only the proof of a task. Kept in Redis, not in memory, so a restart or a second bot process does
 * not forget it, and short-lived so an abandoned step does not swallow a message sent days later.
 */
const stepSchema = z.object({ kind: z.literal('task_proof'), taskId: z.number().int().positive() });
export type ConversationStep = z.infer<typeof stepSchema>;

/** Long enough to find a link or write a sentence, short enough to be forgotten by the next visit. */
export const stepTtlSeconds = 10 * 60;

/**
 * Reading and dropping steps never fails: with Redis away, a plain message is taken as no answer
 * (the player is asked again later) rather than every message and command failing. Storing one
 * does fail, so the player who pressed the button is told.
 */
export interface ConversationSteps {
  expect(chatId: number, userId: number, step: ConversationStep): Promise<void>;
  /** The pending step, removed as it is read: one answer per question. */
  take(chatId: number, userId: number): Promise<ConversationStep | null>;
  cancel(chatId: number, userId: number): Promise<void>;
}

export function createConversationSteps(
  redis: RedisConnection,
  keyPrefix: string,
  logger: Pick<Logger, 'warn'>,
): ConversationSteps {
  const unavailable = (error: unknown) => {
    logger.warn(
      { err: error },
      'conversation step unavailable (RedisConnection); the message is handled without it',
    );
    return null;
  };
  // Per chat and user: in a group, each member answers their own question.
  const keyOf = (chatId: number, userId: number) => `${keyPrefix}:telegram:step:${chatId}:${userId}`;
  return {
    async expect(chatId, userId, step) {
      await redis.set(keyOf(chatId, userId), JSON.stringify(step), 'EX', stepTtlSeconds);
    },
    async take(chatId, userId) {
      const raw = await redis.getdel(keyOf(chatId, userId)).catch(unavailable);
      if (!raw) return null;
      // A value written by an older bot version that no longer parses is treated as no step.
      const parsed = stepSchema.safeParse(safeJson(raw));
      return parsed.success ? parsed.data : null;
    },
    async cancel(chatId, userId) {
      await redis.del(keyOf(chatId, userId)).catch(unavailable);
    },
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * A command abandons the pending question: after "Submit proof" then `/game`, the next number is a
 * guess, not the proof. Commands in a group that other bots own cost one DEL, nothing more.
 */
export function forgetStepOnCommand(steps: ConversationSteps): MiddlewareFn<TandemContext> {
  return async (ctx, next) => {
    const text = ctx.message && 'text' in ctx.message ? ctx.message : undefined;
    const isCommand = text?.entities?.[0]?.type === 'bot_command' && text.entities[0].offset === 0;
    if (isCommand && ctx.chat && ctx.from) await steps.cancel(ctx.chat.id, ctx.from.id);
    return next();
  };
}
