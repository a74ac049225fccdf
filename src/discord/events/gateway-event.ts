import type { Client, ClientEvents } from 'discord.js';
import type { DiscordBotContext } from '../bot-context.ts';
import type { SlashCommand } from '../commands/slash-command.ts';

/** What a gateway handler receives: the bot's context and its slash commands, by name. */
export interface DiscordGatewayContext extends DiscordBotContext {
  commands: ReadonlyMap<string, SlashCommand>;
}

/** One gateway event handler: thin, async, one file per event (see all-events.ts). */
export interface GatewayEventHandler<E extends keyof ClientEvents> {
  event: E;
  handle(ctx: DiscordGatewayContext, ...args: ClientEvents[E]): Promise<void>;
}

/** A handler with its event type erased, so handlers of different events share one list. */
export interface GatewayEventBinding {
  event: keyof ClientEvents;
  /** Listens on `client`; calls `run` for each event so the bot can track and contain it. */
  attach(
    client: Client,
    ctx: DiscordGatewayContext,
    run: (event: string, work: () => Promise<void>) => void,
  ): void;
}

export function defineGatewayEvent<E extends keyof ClientEvents>(
  handler: GatewayEventHandler<E>,
): GatewayEventBinding {
  return {
    event: handler.event,
    attach(client, ctx, run) {
      client.on(handler.event, (...args: ClientEvents[E]) =>
        run(handler.event, () => handler.handle(ctx, ...args)),
      );
    },
  };
}

/**
 * Runs gateway handlers so that none can crash the client (a failure is logged with its event) and
 * `drain()` can wait for those under way before the bot shuts its services down.
 */
export class HandlerRunner {
  readonly #inFlight = new Set<Promise<void>>();
  #accepting = true;

  constructor(private readonly logger: DiscordBotContext['logger']) {}

  run = (event: string, work: () => Promise<void>): void => {
    if (!this.#accepting) return;
    const task = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.logger.error({ err: error, event }, 'Discord event handler failed'))
      .finally(() => this.#inFlight.delete(task));
    this.#inFlight.add(task);
  };

  /** Stops taking new events and waits for the running handlers. */
  async drain(): Promise<void> {
    this.#accepting = false;
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
