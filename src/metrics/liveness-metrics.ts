import { Gauge, type Registry } from 'prom-client';

/**
 * Signs that a process's connections to the outside are alive: the last update each bot received,
 * and the admin pages connected for live updates. Each series appears once the process runs what
 * it describes (a gauge without labels would otherwise read 0, "last update in 1970", everywhere).
 */
export interface LivenessMetrics {
  /**
   * Reports when the Telegram bot last received an update: now, until the first one arrives.
   * Returns the function to call on each update.
   */
  telegramUpdates(): () => void;
  /** The same for the Discord gateway's events (every dispatch: messages, members, voice, ...). */
  discordGatewayEvents(): () => void;
  /** Counts the live gateway's connected clients at each scrape; returns a function that stops. */
  liveClients(count: () => number): () => void;
}

export function createLivenessMetrics(registry: Registry): LivenessMetrics {
  const lastSeen = (name: string, help: string) => () => {
    const gauge =
      (registry.getSingleMetric(name) as Gauge | undefined) ??
      new Gauge({ name, help, registers: [registry] });
    gauge.setToCurrentTime();
    return () => gauge.setToCurrentTime();
  };
  const counts = new Set<() => number>();
  return {
    telegramUpdates: lastSeen(
      'tandem_telegram_last_update_timestamp_seconds',
      'When the Telegram bot last received an update (unix seconds); the bot start until the first.',
    ),
    discordGatewayEvents: lastSeen(
      'tandem_discord_last_gateway_event_timestamp_seconds',
      'When the Discord bot last received a gateway event (unix seconds); the bot start until the first.',
    ),
    liveClients(count) {
      if (!registry.getSingleMetric('tandem_live_clients_connected')) {
        new Gauge({
          name: 'tandem_live_clients_connected',
          help: 'Admin pages connected to this process for live updates (socket.io clients).',
          registers: [registry],
          collect() {
            let total = 0;
            for (const source of counts) total += source();
            this.set(total);
          },
        });
      }
      counts.add(count);
      return () => counts.delete(count);
    },
  };
}
