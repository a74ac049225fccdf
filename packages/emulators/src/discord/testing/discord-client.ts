import { Client, type ClientEvents, Events, GatewayIntentBits, Partials } from 'discord.js';

/** The intents Tandem's bot asks for. */
export const TANDEM_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.DirectMessages,
];

/** A real discord.js client against the emulator, resolved once ClientReady fired. */
export async function connectClient(
  apiUrl: string,
  token: string,
  intents: readonly GatewayIntentBits[] = TANDEM_INTENTS,
): Promise<Client> {
  const client = new Client({
    intents: [...intents],
    partials: [Partials.Channel],
    rest: { api: apiUrl },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return client;
}

/** The next `event` the client emits that satisfies `accept` (rejects after `timeoutMs`). */
export function nextEvent<E extends keyof ClientEvents>(
  client: Client,
  event: E,
  accept: (...args: ClientEvents[E]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`No ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: ClientEvents[E]) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    client.on(event, listener);
  });
}

interface ShardInternals {
  heartbeat: (requested?: boolean) => Promise<void>;
}

/**
 * Stops the client's heartbeats, as a bot whose event loop hangs or whose uplink died would look
 * to Discord; returns what starts them again. Reaches into @discordjs/ws (one shard) because no
 * public option turns heartbeats off.
 */
export function silenceHeartbeats(client: Client): () => void {
  const manager = (client.ws as unknown as { _ws: { strategy: { shards: Map<number, ShardInternals> } } })
    ._ws;
  const shard = manager.strategy.shards.get(0);
  if (!shard) throw new Error('The client has no shard 0');
  const heartbeat = shard.heartbeat;
  shard.heartbeat = async () => {};
  return () => {
    shard.heartbeat = heartbeat;
  };
}
