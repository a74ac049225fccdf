/**
 * A Redis behind Sentinel on loopback, made of real processes: one master, one replica and three
 * sentinels (quorum 2), with the timings scaled down so a failover takes seconds, not the
 * production defaults' half minute. Tandem reaches it through `url`, as an owner's REDIS_URL would.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Redis } from 'ioredis';
import { freeLoopbackPort, type RedisProcess, startRedisProcess } from './redis-processes.ts';
import { redisTlsArguments, type TestCertificates } from './tls-certificates.ts';
import { waitFor } from './wait-for.ts';

export interface SentinelTopologyOptions {
  /** The name the sentinels know the master by. @defaultValue `tandem` */
  masterName?: string;
  /** How long the master must be silent before a sentinel holds it down. @defaultValue 1000 */
  downAfterMs?: number;
  /** @defaultValue 3000 */
  failoverTimeoutMs?: number;
  /**
   * Every server and sentinel takes only TLS with this certificate, and they speak TLS to each
   * other: the address is then `rediss+sentinel://…?ca=<the authority's file>`.
   */
  tls?: TestCertificates;
}

export interface SentinelTopology {
  masterName: string;
  /** `redis+sentinel://127.0.0.1:<s1>,127.0.0.1:<s2>,127.0.0.1:<s3>/<masterName>` */
  url: string;
  /**
   * The data nodes by port: the master and the replica at the start (their roles swap on a
   * failover). Each process's `port` is the one clients use (its TLS port with `tls`).
   */
  servers: Map<number, RedisProcess>;
  sentinels: RedisProcess[];
  /** The port every sentinel names as the master now (throws if they disagree). */
  masterPort(): Promise<number>;
  /** Resolves with the new master's port once every sentinel names a master other than `oldPort`. */
  waitForNewMaster(oldPort: number, timeoutMs?: number): Promise<number>;
  /** Stops every process and removes their folders. */
  stop(): Promise<void>;
}

export async function startSentinelTopology(
  options: SentinelTopologyOptions = {},
): Promise<SentinelTopology> {
  const masterName = options.masterName ?? 'tandem';
  const { tls } = options;
  const clientTls: ConnectionOptions | undefined = tls && { ca: readFileSync(tls.caFile, 'utf8') };
  const started: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(started.splice(0).map((process) => process.stop()));
  };
  /** A server or sentinel; with TLS it takes TLS only and replicates and monitors over TLS. */
  const start = async (args: string[], sentinelConfig?: string[]): Promise<RedisProcess> => {
    const tlsPort = tls && (await freeLoopbackPort());
    const tlsArgs = tls && tlsPort ? [...redisTlsArguments(tls, tlsPort), '--tls-replication', 'yes'] : [];
    const server = await startRedisProcess([...args, ...tlsArgs], {
      sentinel: sentinelConfig !== undefined,
      sentinelConfig,
      ping: !tls,
    });
    started.push(server);
    if (!tlsPort) return server;
    await waitFor(async () => (await ask(tlsPort, clientTls, (c) => c.ping()).catch(() => '')) === 'PONG');
    return { ...server, port: tlsPort };
  };
  try {
    // A replica's first sync waits `repl-diskless-sync-delay` (5 s by default) for others to join.
    const master = await start(['--repl-diskless-sync-delay', '0']);
    const replica = await start([
      '--replicaof',
      '127.0.0.1',
      String(master.port),
      '--repl-diskless-sync-delay',
      '0',
    ]);
    await waitFor(
      async () =>
        /master_link_status:up/.test(await ask(replica.port, clientTls, (c) => c.info('replication'))),
      'the replica in sync with the master',
    );

    const sentinelConfig = [
      `sentinel monitor ${masterName} 127.0.0.1 ${master.port} 2`,
      `sentinel down-after-milliseconds ${masterName} ${options.downAfterMs ?? 1000}`,
      `sentinel failover-timeout ${masterName} ${options.failoverTimeoutMs ?? 3000}`,
    ];
    const sentinels = await Promise.all([1, 2, 3].map(() => start([], sentinelConfig)));
    // A failover needs each sentinel to know the replica (from the master's INFO) and the other
    // sentinels (from their hellos, every 2 s): until then a kill would leave nobody to promote.
    await waitFor(
      async () => {
        const views = await Promise.all(sentinels.map((s) => sentinelMaster(s.port, clientTls, masterName)));
        return views.every((view) => view['num-slaves'] === '1' && view['num-other-sentinels'] === '2');
      },
      'every sentinel knowing the replica and the other sentinels',
      20_000,
    );

    const masterPort = async () => {
      const ports = await Promise.all(sentinels.map((s) => masterAddressOf(s.port, clientTls, masterName)));
      if (new Set(ports).size !== 1) throw new Error(`the sentinels disagree on the master: ${ports}`);
      return ports[0]!;
    };
    return {
      masterName,
      url:
        `${tls ? 'rediss' : 'redis'}+sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${masterName}` +
        (tls ? `?ca=${encodeURIComponent(tls.caFile)}` : ''),
      servers: new Map([
        [master.port, master],
        [replica.port, replica],
      ]),
      sentinels,
      masterPort,
      async waitForNewMaster(oldPort, timeoutMs = 30_000) {
        let port = oldPort;
        await waitFor(
          async () => {
            port = await masterPort().catch(() => oldPort);
            return port !== oldPort;
          },
          'the sentinels naming a new master',
          timeoutMs,
        );
        return port;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One short-lived connection for one command: the topology's own checks never reconnect. */
async function ask<T>(
  port: number,
  tls: ConnectionOptions | undefined,
  command: (client: Redis) => Promise<T>,
): Promise<T> {
  const client = new Redis({ port, host: '127.0.0.1', tls, lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return await command(client);
  } finally {
    client.disconnect();
  }
}

async function sentinelMaster(
  port: number,
  tls: ConnectionOptions | undefined,
  name: string,
): Promise<Record<string, string | undefined>> {
  const reply = (await ask(port, tls, (client) => client.call('SENTINEL', 'MASTER', name))) as string[];
  return Object.fromEntries(reply.flatMap((value, i) => (i % 2 === 0 ? [[value, reply[i + 1]]] : [])));
}

async function masterAddressOf(
  port: number,
  tls: ConnectionOptions | undefined,
  name: string,
): Promise<number> {
  const reply = (await ask(port, tls, (client) =>
    client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name),
  )) as string[];
  return Number(reply[1]);
}
