import type { EmulatorContext } from '../context.ts';
import { requireBot } from './places.ts';
import {
  dropPollsSchema,
  duplicateSchema,
  latencySchema,
  limitsSchema,
  parseInput,
  rateLimitSchema,
  serverErrorsSchema,
} from './schemas.ts';

export function setLatency(ctx: EmulatorContext, raw: unknown) {
  ctx.faults.latencyMs = parseInput(latencySchema, raw).ms;
  return ctx.faults.snapshot();
}

/** The next `count` calls (of `method`, else any but getUpdates) answer a 5xx. */
export function failNextCalls(ctx: EmulatorContext, raw: unknown) {
  const input = parseInput(serverErrorsSchema, raw);
  ctx.faults.failNext(input.count, { method: input.method, status: input.status });
  return ctx.faults.snapshot();
}

/** Every call (of `method`, else any but getUpdates) answers 429 for `durationMs` (or its first `count`). */
export function startRateLimitStorm(ctx: EmulatorContext, raw: unknown) {
  const input = parseInput(rateLimitSchema, raw);
  ctx.faults.rateLimitFor(input.durationMs, {
    retryAfter: input.retryAfter,
    method: input.method,
    count: input.count,
  });
  return ctx.faults.snapshot();
}

/** The next `count` updates of a bot (of every bot when none is named) arrive twice with the same update_id. */
export function duplicateNextUpdates(ctx: EmulatorContext, raw: unknown) {
  const input = parseInput(duplicateSchema, raw);
  const bots = input.bot === undefined ? ctx.world.allBots() : [requireBot(ctx, input.bot)];
  for (const bot of bots) ctx.channels.for(bot.id).queue.duplicateNext(input.count);
  return { bots: bots.map((bot) => bot.id), count: input.count };
}

/** Cuts the parked getUpdates connections without an answer, as a network failure would. */
export function dropPollConnections(ctx: EmulatorContext, raw: unknown) {
  const input = parseInput(dropPollsSchema, raw);
  const bots = input.bot === undefined ? ctx.world.allBots() : [requireBot(ctx, input.bot)];
  const dropped = bots.filter((bot) => ctx.channels.for(bot.id).queue.interruptPoll());
  return { dropped: dropped.map((bot) => bot.id) };
}

export function clearFaults(ctx: EmulatorContext) {
  ctx.faults.clear(ctx.options.latencyMs);
  return ctx.faults.snapshot();
}

export function updateLimits(ctx: EmulatorContext, raw: unknown) {
  const { enforce, ...limits } = parseInput(limitsSchema, raw);
  if (enforce !== undefined) ctx.flood.enforce = enforce;
  const defined = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
  ctx.flood.limits = { ...ctx.flood.limits, ...defined };
  ctx.flood.reset();
  return { enforce: ctx.flood.enforce, ...ctx.flood.limits };
}
