import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadConfig } from '../../src/config.ts';
import { parseRedisAddress } from '../../src/core/redis-address.ts';

// The override files that run docker-compose.yml on another topology cannot run here (no Docker
// engine): these checks merge each onto the base file as Compose does and keep the result coherent
// with the settings src/config.ts reads and the addresses Tandem resolves.

interface Service {
  build?: unknown;
  image?: string;
  hostname?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  entrypoint?: string[];
}

function readYaml(file: string): { services: Record<string, Service> } {
  const document = parseDocument(readFileSync(file, 'utf8'), { merge: true });
  expect(document.errors.map(String), file).toEqual([]);
  return document.toJS() as { services: Record<string, Service> };
}

/** Compose's merge: mappings merge key by key, anything else (a command) is replaced. */
function merge(base: unknown, override: unknown): unknown {
  if (!isMapping(base) || !isMapping(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = merge(base[key], value);
  return merged;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function composed(override: string): Record<string, Service> {
  return (merge(readYaml('docker-compose.yml'), readYaml(override)) as { services: Record<string, Service> })
    .services;
}

const tandemServices = (services: Record<string, Service>) =>
  Object.entries(services).filter(([, service]) => service.build !== undefined);

/** The whole command line a Redis container runs, with `sh -c` scripts split into words. */
const commandLine = (service: Service | undefined) => (service?.command ?? []).join(' ').split(/\s+/);

function expectCoherent(services: Record<string, Service>) {
  const redisUrls = new Set<string>();
  for (const [name, service] of tandemServices(services)) {
    expect(() => loadConfig(service.environment ?? {}), name).not.toThrow();
    redisUrls.add(service.environment?.REDIS_URL ?? '');
    for (const dependency of Object.keys(service.depends_on ?? {}))
      expect(services, `${name} depends on ${dependency}`).toHaveProperty(dependency);
  }
  expect(redisUrls.size, 'every process on the same Redis').toBe(1);
  return parseRedisAddress([...redisUrls][0]!);
}

describe('docker-compose.sentinel.yml', () => {
  const services = composed('docker-compose.sentinel.yml');
  const address = expectCoherent(services);

  it('points every process at three sentinels that watch the master by the name Tandem asks for', () => {
    expect(address.topology).toBe('sentinel');
    expect(address.nodes).toHaveLength(3);
    for (const { host, port } of address.nodes) {
      const script = (services[host]?.entrypoint ?? []).join('\n');
      expect(script, host).toContain(`port ${port}`);
      expect(script, host).toContain(`sentinel monitor ${address.masterName} redis 6379 2`);
      expect(script, host).toContain('exec redis-server /tmp/sentinel.conf --sentinel');
    }
  });

  it('keeps a replica of the master, both with AOF and noeviction', () => {
    const replica = commandLine(services['redis-replica']);
    expect(replica.join(' ')).toContain('--replicaof redis 6379');
    for (const node of ['redis', 'redis-replica']) {
      const line = commandLine(services[node]).join(' ');
      expect(line, node).toContain('--appendonly yes');
      expect(line, node).toContain('--maxmemory-policy noeviction');
    }
  });
});

describe('docker-compose.cluster.yml', () => {
  const services = composed('docker-compose.cluster.yml');
  const address = expectCoherent(services);

  it('points every process at the cluster nodes, with a hash tag prefix', () => {
    expect(address.topology).toBe('cluster');
    for (const [name, service] of tandemServices(services))
      expect(service.environment?.QUEUE_PREFIX, name).toMatch(/^\{[a-z0-9-]+\}$/);
  });

  it('runs each node named as the address names it, in cluster mode with AOF and noeviction', () => {
    const init = commandLine({ command: services['redis-cluster-init']?.entrypoint }).join(' ');
    for (const { host, port } of address.nodes) {
      expect(services[host]?.hostname, host).toBe(host);
      const line = commandLine(services[host]).join(' ');
      for (const option of ['--cluster-enabled yes', '--appendonly yes', '--maxmemory-policy noeviction'])
        expect(line, host).toContain(option);
      expect(init, host).toContain(`getent hosts ${host} | cut -d' ' -f1):${port}`);
    }
    for (const [name, service] of tandemServices(services).filter(([name]) => name !== 'migrate'))
      expect(service.depends_on?.['redis-cluster-init'], name).toEqual({
        condition: 'service_completed_successfully',
      });
  });
});

describe('docker-compose.pgbouncer.yml', () => {
  const services = composed('docker-compose.pgbouncer.yml');
  expectCoherent(services);

  it('sends the processes through the pooler without named statements, the migration to PostgreSQL', () => {
    const pooler = services.pgbouncer?.environment ?? {};
    expect(pooler.POOL_MODE).toBe('transaction');
    expect(new URL(pooler.DATABASE_URL ?? '').host).toBe('postgres:5432');
    for (const [name, service] of tandemServices(services)) {
      const environment = service.environment ?? {};
      expect(new URL(environment.DATABASE_URL ?? '').host, name).toBe(`pgbouncer:${pooler.LISTEN_PORT}`);
      expect(new URL(environment.DATABASE_DIRECT_URL ?? '').host, name).toBe('postgres:5432');
      expect(loadConfig(environment).DATABASE_NAMED_STATEMENTS, name).toBe(false);
      if (name !== 'migrate') expect(service.depends_on, name).toHaveProperty('pgbouncer');
    }
  });
});
