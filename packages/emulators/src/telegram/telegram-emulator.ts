import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerOnceSaved } from '../persistence/world-file.ts';
import { ActivityLog } from './activity-log.ts';
import { executeWebhookReply } from './bot-api/dispatch.ts';
import { FloodControl } from './bot-api/flood-control.ts';
import type { EmulatorContext } from './context.ts';
import { createTelegramControl, type TelegramControl } from './control/telegram-control.ts';
import { FaultInjector } from './faults.ts';
import { FileStore } from './media/file-store.ts';
import { type ResolvedOptions, resolveOptions, type TelegramEmulatorOptions } from './options.ts';
import { createApp } from './server.ts';
import { BotChannels } from './updates/bot-channels.ts';
import type { UpdateQueueState } from './updates/update-queue.ts';
import { getMeObject } from './world/objects.ts';
import { botIdFromToken } from './world/tokens.ts';
import { World, type WorldState } from './world/world.ts';

/** What survives a restart: the world (users, chats and their messages) and each bot's update stream. */
export interface TelegramEmulatorState {
  world: WorldState;
  updates: Array<[number, UpdateQueueState]>;
}

/**
 * A Telegram Bot API server for tests and the offline sandbox: real bots (telegraf, unpatched) talk
 * to it through `apiRoot`, and tests script users, groups and faults through `control` in process
 * or `/control/...` over HTTP.
 */
export class TelegramEmulator {
  readonly options: ResolvedOptions;
  readonly control: TelegramControl;
  private readonly ctx: EmulatorContext;
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(
    options: TelegramEmulatorOptions & {
      /** A world saved by {@link exportState}; `afterCrash` when its process did not stop cleanly. */
      restore?: { state: TelegramEmulatorState; afterCrash?: boolean };
      /** Every answer waits for this first (e.g. until the world is saved). @defaultValue none */
      beforeAnswer?: () => Promise<void>;
    } = {},
  ) {
    this.options = resolveOptions(options);
    const log = new ActivityLog(this.options.eventLogSize);
    const world = new World();
    const channels = new BotChannels(this.options, log);
    this.ctx = {
      options: this.options,
      world,
      files: new FileStore(),
      log,
      faults: new FaultInjector(this.options.latencyMs),
      flood: new FloodControl(this.options.chatLimits, this.options.enforceLimits),
      channels,
    };
    channels.setReplyExecutor((botId, body) => executeWebhookReply(this.ctx, botId, body));
    if (options.restore) {
      const afterCrash = options.restore.afterCrash ?? false;
      world.importState(options.restore.state.world, { afterCrash });
      channels.importState(options.restore.state.updates, { afterCrash });
    }
    for (const seed of this.options.bots) {
      // A restored world has its bots: a seed's bot is added only when the world lacks it.
      const id = seed.token === undefined ? undefined : botIdFromToken(seed.token);
      if (options.restore && (id === undefined || world.bot(id))) continue;
      world.addBot(seed);
    }
    this.control = createTelegramControl(this.ctx);
    this.beforeAnswer = options.beforeAnswer;
  }

  private readonly beforeAnswer: (() => Promise<void>) | undefined;

  /** Listens on `port` (0: a free one) and answers the base URL bots use as `apiRoot`. */
  async start(): Promise<{ url: string }> {
    if (this.baseUrl) return { url: this.baseUrl };
    const app = createApp(this.ctx, this.control, this.ctx.log);
    const server = createServer(this.beforeAnswer ? answerOnceSaved(app, this.beforeAnswer) : app);
    // Long polls wait up to 50 s (telegraf) and SSE streams stay open: no server-side timeouts.
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    this.baseUrl = `http://${host}:${port}`;
    return { url: this.baseUrl };
  }

  /** Stops webhook deliveries, ends parked polls and event streams, and closes the port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.baseUrl = undefined;
    this.ctx.channels.stop();
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The world and update streams as they are now, for {@link TelegramEmulator} `restore`. */
  exportState(): TelegramEmulatorState {
    return { world: this.ctx.world.exportState(), updates: this.ctx.channels.exportState() };
  }

  /** Runs `listener` after anything the emulator records happened (a message, an update, a change). */
  onActivity(listener: (type: string) => void): () => void {
    return this.ctx.log.subscribe((event) => listener(event.type));
  }

  /** The base URL (`apiRoot`); throws before `start()`. */
  get url(): string {
    if (!this.baseUrl) throw new Error('The Telegram emulator is not started: await start() first');
    return this.baseUrl;
  }

  /** The first configured bot (the default bot unless `bots` was given): its token and getMe. */
  get defaultBot(): { token: string; id: number; username: string } {
    const bot = this.ctx.world.allBots()[0];
    if (!bot) throw new Error('The emulator has no bot');
    const me = getMeObject(bot);
    return { token: bot.token, id: me.id, username: me.username };
  }
}
