import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'express';
import type { EmulatorContext } from './actions/context.ts';
import { createControlRouter } from './control/control-router.ts';
import { EmulatorEvents } from './events/emulator-events.ts';
import { FaultInjector } from './faults/fault-injector.ts';
import { GATEWAY_PATH, GatewayServer } from './gateway/gateway-server.ts';
import { createHttpServer } from './http/server.ts';
import { type DiscordEmulatorOptions, resolveOptions } from './options.ts';
import { RateLimiter } from './ratelimit/rate-limiter.ts';
import { createRestRouter } from './rest/router.ts';
import { SnowflakeGenerator } from './snowflake.ts';
import { World, type WorldState } from './world/world.ts';

/** What survives a restart: the whole world (guilds, members and roles, channels, messages). */
export type DiscordEmulatorState = WorldState;

export interface DiscordEmulatorUrls {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** For discord.js: `new Client({ rest: { api: apiUrl } })` (no trailing slash). */
  apiUrl: string;
  /** What GET /gateway/bot answers; clients find it there. */
  gatewayUrl: string;
  /** The control API (docs/emulators/discord.md). */
  controlUrl: string;
}

/**
 * A protocol-level Discord: REST (`/api/v10`), the gateway (WebSocket on the same port) and a
 * control API to script the world and read what bots did. Real discord.js clients run against
 * it unchanged, pointed at {@link DiscordEmulatorUrls.apiUrl}.
 */
export class DiscordEmulator {
  readonly #options;
  readonly #context: EmulatorContext;
  readonly #faults: FaultInjector;
  readonly #limiter: RateLimiter;
  readonly #gateway: GatewayServer;
  readonly #streams = new Set<Response>();
  readonly #beforeAnswer: (() => Promise<void>) | undefined;
  #server: Server | null = null;
  #urls: DiscordEmulatorUrls | null = null;

  constructor(
    options: DiscordEmulatorOptions & {
      /** A world saved by {@link exportState}. */
      restore?: { state: DiscordEmulatorState };
      /** Every HTTP answer waits for this first (e.g. until the world is saved). @defaultValue none */
      beforeAnswer?: () => Promise<void>;
    } = {},
  ) {
    this.#options = resolveOptions(options);
    this.#beforeAnswer = options.beforeAnswer;
    const now = () => Date.now();
    const idClock = options.idClock ?? now;
    this.#context = {
      world: new World(),
      events: new EmulatorEvents(now),
      ids: new SnowflakeGenerator(idClock),
      now,
      baseUrl: () => this.urls.url,
      interactions: {
        responseTimeoutMs: this.#options.interactionResponseTimeoutMs,
        tokenLifetimeMs: this.#options.interactionTokenLifetimeMs,
      },
    };
    if (options.restore) {
      this.#context.world.importState(options.restore.state);
      const last = this.#context.world.lastId();
      if (last) this.#context.ids.follow(last);
    }
    this.#faults = new FaultInjector(this.#options.latencyMs, now);
    this.#limiter = new RateLimiter(this.#options.rateLimits, now);
    this.#gateway = new GatewayServer(this.#context, {
      heartbeatIntervalMs: this.#options.heartbeatIntervalMs,
      heartbeatGraceMs: this.#options.heartbeatGraceMs,
      replayLimit: this.#options.replayLimit,
      gatewayUrl: () => this.urls.gatewayUrl,
    });
  }

  /** The world as it is now, for {@link DiscordEmulator} `restore`. */
  exportState(): DiscordEmulatorState {
    return this.#context.world.exportState();
  }

  /** Runs `listener` after anything the emulator records happened (a message, a role, a member). */
  onActivity(listener: (kind: string) => void): () => void {
    return this.#context.events.onActivity((event) => listener(event.kind));
  }

  /** The addresses; only after {@link start}. */
  get urls(): DiscordEmulatorUrls {
    if (!this.#urls) throw new Error('DiscordEmulator is not started');
    return this.#urls;
  }

  async start(): Promise<DiscordEmulatorUrls> {
    if (this.#urls) return this.#urls;
    const routeDeps = { emulator: this.#context, gatewayUrl: () => this.urls.gatewayUrl };
    const server = createHttpServer({
      emulator: this.#context,
      faults: this.#faults,
      gateway: this.#gateway,
      restRouter: createRestRouter(routeDeps, {
        emulator: this.#context,
        limiter: this.#limiter,
        faults: this.#faults,
      }),
      controlRouter: createControlRouter(
        { emulator: this.#context, gateway: this.#gateway, faults: this.#faults, limiter: this.#limiter },
        this.#streams,
      ),
      beforeAnswer: this.#beforeAnswer,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port, this.#options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    const host = this.#options.host.includes(':') ? `[${this.#options.host}]` : this.#options.host;
    const url = `http://${host}:${port}`;
    this.#urls = {
      url,
      apiUrl: `${url}/api`,
      gatewayUrl: `ws://${host}:${port}${GATEWAY_PATH}`,
      controlUrl: `${url}/control`,
    };
    return this.#urls;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    this.#gateway.close();
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.#urls = null;
  }
}

export * from './control-client.ts';
export type { DiscordEmulatorOptions } from './options.ts';
export type { BucketLimit, BucketName } from './ratelimit/buckets.ts';
export { DEFAULT_BUCKETS } from './ratelimit/buckets.ts';
export type { RateLimitOptions } from './ratelimit/rate-limiter.ts';
export { buildScenario, type Scenario } from './scenario.ts';
