import { Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to the master behind Sentinel that moves to a new master as soon as the sentinels
 * announce one (`+switch-master`), the way ioredis' `failoverDetector` means to. That option is
 * left off: an announcement arriving while a connection is asking the sentinels for the master
 * between two reconnect attempts (just what happens after the master dies) ended the connection for
 * good, every later command failing with "Connection is closed" (3 of 40 connections, in a test of a
 * SIGKILLed master with the option on; none with it off). Here an announcement moves only the
 * connections that are up and not on the new master; a connection reconnecting asks the sentinels
 * anyway. One set of subscriptions to the sentinels serves every such connection of the process.
 *
 * Why follow announcements at all: Sentinel disconnects the clients of a master only when it demotes
 * it, and when the old master is still up (a failover by hand, a partition healing) that comes
 * later; without following them, writes went on to the old master for ~10 s after the switch, all
 * thrown away when it was demoted.
 */
export class SentinelConnection extends Redis {
  constructor(options: RedisOptions) {
    // Tandem reads replies in ioredis' default (legacy) shapes, as RedisConnection's `Redis` does.
    super({ ...options, failoverDetector: false } as RedisOptions & { replyMapping?: 'legacy' });
    this.on('ready', () => follow(this));
    this.on('end', () => unfollow(this));
  }

  /** Another connection to the same master (BullMQ's blocking connections are made this way): it follows too. */
  override duplicate(override?: Partial<RedisOptions>): Redis {
    return new SentinelConnection({ ...this.options, ...override });
  }

  override disconnect(reconnect = false): void {
    if (!reconnect) unfollow(this);
    super.disconnect(reconnect);
  }
}

interface Watch {
  sentinels: Redis[];
  followers: Set<SentinelConnection>;
}

/** By master name and sentinels: the subscriptions and the connections that follow them. */
const watches = new Map<string, Watch>();
const switchChannel = '+switch-master';

function watchKey(options: RedisOptions): string {
  const sentinels = (options.sentinels ?? []).map((s) => `${s.host}:${s.port}`);
  return JSON.stringify([options.name, sentinels, options.sentinelUsername, options.sentinelPassword]);
}

function follow(connection: SentinelConnection): void {
  const key = watchKey(connection.options);
  let watch = watches.get(key);
  if (!watch) {
    watch = { sentinels: subscribeToSwitches(connection.options, key), followers: new Set() };
    watches.set(key, watch);
  }
  watch.followers.add(connection);
}

function unfollow(connection: SentinelConnection): void {
  const key = watchKey(connection.options);
  const watch = watches.get(key);
  if (!watch?.followers.delete(connection) || watch.followers.size > 0) return;
  watches.delete(key);
  for (const sentinel of watch.sentinels) sentinel.disconnect();
}

function subscribeToSwitches(options: RedisOptions, key: string): Redis[] {
  return (options.sentinels ?? []).map((address) => {
    const sentinel = new Redis({
      host: address.host,
      port: address.port,
      username: options.sentinelUsername,
      password: options.sentinelPassword,
      tls: options.sentinelTLS,
      connectTimeout: options.connectTimeout,
      // A sentinel that is down is one of several; it is subscribed again when it is back.
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(500 * attempt, 5000),
    });
    sentinel.on('error', () => {});
    // "<master name> <old ip> <old port> <new ip> <new port>"
    sentinel.on('message', (channel: string, message: string) => {
      const [name, , , host, port] = message.split(' ');
      if (channel === switchChannel && name === options.name) moveTo(key, host, Number(port));
    });
    sentinel.subscribe(switchChannel).catch(() => {});
    return sentinel;
  });
}

/** Reconnects (through the sentinels) every following connection that is up on another server. */
function moveTo(key: string, host: string | undefined, port: number): void {
  for (const connection of watches.get(key)?.followers ?? []) {
    const stream = connection.stream;
    const onNewMaster = stream?.remotePort === port && sameHost(stream.remoteAddress, host);
    if (connection.status === 'ready' && !onNewMaster) connection.disconnect(true);
  }
}

function sameHost(address: string | undefined, host: string | undefined): boolean {
  return address !== undefined && address.replace(/^::ffff:/, '') === host;
}
