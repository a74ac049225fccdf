import type { EmulatorContext } from '../../context.ts';
import type { BotRecord } from '../../world/records.ts';
import type { Params } from '../params.ts';

export interface MethodCall {
  ctx: EmulatorContext;
  bot: BotRecord;
  params: Params;
  /** Aborted when the caller hangs up (a long poll stops waiting). */
  signal: AbortSignal;
}

export type MethodHandler = (call: MethodCall) => unknown;

/** A result that Telegram sends with a `description` beside it (setWebhook, deleteWebhook). */
export class DescribedResult {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type MethodTable = Record<string, MethodHandler>;
