/**
 * Where Tandem's Redis is, read from one setting (`REDIS_URL`) that every process and tool shares,
 * as `DATABASE_URL` is for PostgreSQL. ioredis reads only the first form; Tandem reads all three:
 *
 *   redis[s]://[user:password@]host:port[/db]                       one server
 *   redis[s]+sentinel://[user:password@]host:port,host:port/master[/db]   servers behind Sentinel
 *   redis[s]+cluster://[user:password@]host:port,host:port          a Redis Cluster
 *
 * The host list names the sentinels (Sentinel) or any nodes to start from (Cluster); the user and
 * password are the data nodes'. `rediss` is TLS to every node and sentinel. Query parameters:
 * `ca` (a PEM file of the certificate authority to trust instead of the system's),
 * `sentinelUsername` and `sentinelPassword` (the sentinels' own credentials, when they have some).
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

export type RedisTopology = 'server' | 'sentinel' | 'cluster';

export interface RedisNode {
  host: string;
  port: number;
}

export interface RedisAddress {
  topology: RedisTopology;
  /** The server, the sentinels, or the cluster nodes to start from. */
  nodes: RedisNode[];
  /** Sentinel: the name the sentinels know the master by. */
  masterName?: string;
  db?: number;
  username?: string;
  password?: string;
  sentinelUsername?: string;
  sentinelPassword?: string;
  /** Set for `rediss`: TLS, with the CA file's certificates when `ca` names one. */
  tls?: ConnectionOptions;
}

/** A REDIS_URL Tandem cannot use; the message says what is wrong and what a right one looks like. */
export class RedisAddressError extends Error {
  override name = 'RedisAddressError';
}

const schemes: Record<string, { topology: RedisTopology; tls: boolean }> = {
  redis: { topology: 'server', tls: false },
  rediss: { topology: 'server', tls: true },
  'redis+sentinel': { topology: 'sentinel', tls: false },
  'rediss+sentinel': { topology: 'sentinel', tls: true },
  'redis+cluster': { topology: 'cluster', tls: false },
  'rediss+cluster': { topology: 'cluster', tls: true },
};

const defaultPorts: Record<RedisTopology, number> = { server: 6379, sentinel: 26379, cluster: 6379 };
const knownParameters = new Set(['ca', 'sentinelUsername', 'sentinelPassword']);

const forms =
  'redis://host:6379/0, rediss://…, redis+sentinel://host:26379,host:26379/mymaster/0 or redis+cluster://host:6379,host:6379';

export function parseRedisAddress(url: string): RedisAddress {
  const match = /^([a-z+]+):\/\/(?:([^@/?#]*)@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?$/i.exec(url.trim());
  const scheme = schemes[match?.[1]?.toLowerCase() ?? ''];
  if (!match || !scheme)
    throw new RedisAddressError(`${redacted(url)} is not a Redis address: write ${forms}`);
  const [, , userInfo, hostList = '', path = '', query = ''] = match;
  const { topology } = scheme;

  const nodes = hostList.split(',').map((host) => parseNode(host, defaultPorts[topology], url));
  if (topology === 'server' && nodes.length > 1)
    throw new RedisAddressError(
      `${redacted(url)} names several hosts: use redis+sentinel://…/<master name> for Sentinel or redis+cluster:// for a Cluster`,
    );

  const segments = path.split('/').filter(Boolean);
  const address: RedisAddress = { topology, nodes };
  if (topology === 'sentinel') {
    const masterName = segments.shift();
    if (!masterName)
      throw new RedisAddressError(
        `${redacted(url)} names no master: add the name the sentinels know it by, as in redis+sentinel://host:26379/mymaster`,
      );
    address.masterName = decodeURIComponent(masterName);
  }
  if (segments.length > 1 || (topology === 'cluster' && segments.length > 0))
    throw new RedisAddressError(
      topology === 'cluster'
        ? `${redacted(url)} has a path: a Redis Cluster has only database 0, so write no /db`
        : `${redacted(url)} has a path Tandem cannot read: only a database number may follow`,
    );
  if (segments[0] !== undefined) {
    if (!/^\d+$/.test(segments[0]))
      throw new RedisAddressError(`${redacted(url)}: the database must be a number, not "${segments[0]}"`);
    address.db = Number(segments[0]);
  }

  if (userInfo) {
    const [user = '', ...rest] = userInfo.split(':');
    if (user) address.username = decodeURIComponent(user);
    if (rest.length) address.password = decodeURIComponent(rest.join(':'));
  }

  const parameters = new URLSearchParams(query);
  for (const key of parameters.keys())
    if (!knownParameters.has(key))
      throw new RedisAddressError(
        `${redacted(url)}: unknown parameter "${key}" (Tandem reads ca, sentinelUsername and sentinelPassword)`,
      );
  const sentinelUsername = parameters.get('sentinelUsername');
  const sentinelPassword = parameters.get('sentinelPassword');
  if ((sentinelUsername || sentinelPassword) && topology !== 'sentinel')
    throw new RedisAddressError(`${redacted(url)}: sentinel credentials need a redis+sentinel:// address`);
  if (sentinelUsername) address.sentinelUsername = sentinelUsername;
  if (sentinelPassword) address.sentinelPassword = sentinelPassword;

  const caFile = parameters.get('ca');
  if (caFile && !scheme.tls)
    throw new RedisAddressError(`${redacted(url)}: a ca file needs TLS, so write rediss instead of redis`);
  if (scheme.tls) address.tls = caFile ? { ca: readCa(caFile) } : {};
  return address;
}

function parseNode(text: string, defaultPort: number, url: string): RedisNode {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(text);
  const port = match?.[2] === undefined ? defaultPort : Number(match[2]);
  if (!match?.[1] || port < 1 || port > 65535)
    throw new RedisAddressError(`${redacted(url)}: "${text}" is not a host:port`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new RedisAddressError(
      `the Redis CA file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/** The address with its passwords replaced, fit for logs, the start banner and error messages. */
export function redacted(url: string): string {
  return url
    .replace(/^([a-z+]+:\/\/[^:@/?#]*:)[^@/?#]*@/i, '$1***@')
    .replace(/([?&]sentinelPassword=)[^&#]*/, '$1***');
}

/** `host:port` of each node, for people: "127.0.0.1:6379" or "sentinels a:26379, b:26379 (master m)". */
export function describeRedisAddress(address: RedisAddress): string {
  const nodes = address.nodes.map((node) => `${node.host}:${node.port}`).join(', ');
  const tls = address.tls ? ', TLS' : '';
  if (address.topology === 'sentinel') return `sentinels ${nodes} (master ${address.masterName}${tls})`;
  if (address.topology === 'cluster') return `cluster ${nodes}${tls}`;
  return `${nodes}${tls}`;
}
