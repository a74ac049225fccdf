import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { type ChangeSubscription, subscribeToChanges } from '../live/changes.ts';
import type { RoleDriftPolicy } from '../roles/role-drift.ts';
import { applyEntityChange } from './cache-changes.ts';
import { slashCommands } from './commands/all-commands.ts';
import { loadSlashCommands } from './commands/command-loader.ts';
import type { DiscordDeps } from './discord-deps.ts';
import { gatewayEvents } from './events/all-events.ts';
import { type DiscordGatewayContext, HandlerRunner } from './events/gateway-event.ts';
import { selfPacedRoutes } from './interactions/send-within.ts';
import { creditVoiceNow } from './voice/credit-voice-now.ts';
import { startVoiceTicker, type VoiceTicker } from './voice/voice-ticker.ts';

export interface DiscordBotOptions {
  token: string;
  /** REST base for discord.js, e.g. the emulator's `apiUrl` (no trailing slash). @defaultValue Discord's */
  apiRoot?: string;
  /**
   * The community's guild: slash commands are registered there (they show at once) and events from
   * other guilds are ignored. @defaultValue unset: every guild counts, commands are global
   */
  guildId?: string;
  /** A rank role changed by hand is put back (`restore`) or only reported. */
  roleDriftPolicy: RoleDriftPolicy;
  /** How often voice minutes are credited. @defaultValue 60_000 */
  voiceTickMs?: number;
  /** With `prefix`, listen for admin changes and drop stale caches. @defaultValue no subscription */
  redisUrl?: string;
  /** The installation's queue prefix (names the changes channel). */
  prefix?: string;
  /** The commands' clock. @defaultValue `() => new Date()` */
  now?: () => Date;
}

export interface DiscordBot {
  client: Client;
  /** Logs in, waits for the guilds to arrive, registers the slash commands, starts the voice ticker. */
  start(): Promise<void>;
  /** Stops the ticker and the change subscription, lets running handlers finish, disconnects. */
  stop(): Promise<void>;
  /** Credits the minute containing `now` to every eligible member in voice; returns how many. */
  creditVoiceNow(now: Date): Promise<number>;
}

/** The intents Tandem needs; GuildMembers and MessageContent are privileged (enable them in the portal). */
const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.DirectMessages,
  // Bans (GUILD_BAN_ADD) for the leaderboards' leave and ban policies: not privileged.
  GatewayIntentBits.GuildModeration,
];

export function createDiscordBot(deps: DiscordDeps, options: DiscordBotOptions): DiscordBot {
  const client = new Client({
    intents,
    // DMs arrive in channels the bot has not cached; without it discord.js drops them. A member
    // who leaves may not be cached either: their removal still counts for the leaderboards.
    partials: [Partials.Channel, Partials.GuildMember],
    // Interaction answers wait out 429s themselves, within the interaction's deadline (send-within.ts).
    rest: { ...(options.apiRoot ? { api: options.apiRoot } : {}), rejectOnRateLimit: selfPacedRoutes },
  });
  const logger = deps.logger.child({ component: 'discord-bot' });
  const ctx: DiscordGatewayContext = {
    deps,
    logger,
    commands: loadSlashCommands(slashCommands),
    guildId: options.guildId ?? null,
    roleDriftPolicy: options.roleDriftPolicy,
    now: options.now ?? (() => new Date()),
  };
  const runner = new HandlerRunner(logger);
  for (const binding of gatewayEvents) binding.attach(client, ctx, runner.run);
  // Every dispatch the gateway sends (messages, members, voice, interactions): the connection is alive.
  const gatewayEventReceived = deps.metrics?.liveness.discordGatewayEvents();
  if (gatewayEventReceived) client.on(Events.Raw, gatewayEventReceived);
  // discord.js emits `error` for gateway trouble; an EventEmitter without a listener would throw it.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'Discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) =>
    logger.info({ shardId, replayed }, 'Discord gateway resumed'),
  );

  let ticker: VoiceTicker | null = null;
  let subscription: ChangeSubscription | null = null;
  let stopping: Promise<void> | null = null;
  const creditNow = (now: Date) => creditVoiceNow(ctx, client, now);

  return {
    client,
    creditVoiceNow: creditNow,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      const application = client.application;
      if (!application) throw new Error('Discord sent no application with READY');
      const definitions = [...ctx.commands.values()].map((command) => command.definition);
      // Guild commands appear at once; global ones take Discord up to an hour to show everywhere.
      if (ctx.guildId) await application.commands.set(definitions, ctx.guildId);
      else await application.commands.set(definitions);
      if (options.redisUrl && options.prefix) {
        subscription = await subscribeToChanges(
          options.redisUrl,
          options.prefix,
          (change) => applyEntityChange(deps, change),
          logger,
        );
      }
      ticker = startVoiceTicker(() => creditNow(new Date()), options.voiceTickMs ?? 60_000, logger);
      logger.info(
        { user: client.user?.tag, guildId: ctx.guildId, commands: definitions.length },
        'Discord bot started',
      );
    },
    stop() {
      // Idempotent: a shutdown path and a test teardown may both ask.
      stopping ??= (async () => {
        await ticker?.stop();
        await subscription?.close();
        await runner.drain();
        await client.destroy();
      })();
      return stopping;
    },
  };
}
