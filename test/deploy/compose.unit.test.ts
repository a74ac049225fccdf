import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadConfig, settingNames } from '../../src/config.ts';

// docker-compose.yml cannot run where Tandem is developed (no Docker engine): these checks keep it,
// the Dockerfile and .env.example in step with the entrypoints and the settings src/config.ts reads.

interface Service {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: Array<{ path: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
}

function readCompose(): Record<string, Service> {
  const document = parseDocument(readFileSync('docker-compose.yml', 'utf8'), { merge: true });
  expect(document.errors.map(String)).toEqual([]);
  expect(document.warnings.map(String)).toEqual([]);
  return (document.toJS() as { services: Record<string, Service> }).services;
}

const services = readCompose();
/** The services that run Tandem's image (the others are PostgreSQL and Redis). */
const tandemServices = Object.entries(services).filter(([, service]) => service.build !== undefined);
/** What `docker compose up` starts: a service under a profile starts only when its profile is named. */
const byDefault = Object.entries(services).filter(([, service]) => !service.profiles);
const longRunning = byDefault.filter(([, service]) => service.restart !== 'no');
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
  .scripts;
/** `npm run <name>` -> `dist/entrypoints/<name>.js`, built from `src/entrypoints/<name>.ts`. */
// The scripts rebuild what changed, then exec node itself on the build (no shell or transpiler in
// between), so the signal npm forwards reaches it.
const entrypointScripts = Object.entries(scripts).flatMap(([name, command]) => {
  const built =
    /^node scripts\/build\.mjs --if-stale && (?:MALLOC_[A-Z_]+=\d+ )*exec node (?:--[a-z-]+=\d+ )*(dist\/entrypoints\/([a-z-]+)\.js)$/.exec(
      command,
    );
  return built ? [{ name, built: built[1]!, file: `src/entrypoints/${built[2]}.ts` }] : [];
});
/** Commands an operator runs by hand against a running deployment, not services of their own. */
const operatorCommands = new Set(['import-xp', 'export-xp', 'doctor']);
const serviceScripts = entrypointScripts.filter((s) => !operatorCommands.has(s.name));
const defaults = loadConfig({});

/** `.env.example` as `{name, value, commented}` for every `NAME=value` line, commented out or not. */
function readEnvExample() {
  return readFileSync('.env.example', 'utf8')
    .split('\n')
    .flatMap((line) => {
      const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      return match ? [{ name: match[2]!, value: match[3]!, commented: Boolean(match[1]) }] : [];
    });
}

describe('docker-compose.yml', () => {
  it('runs every entrypoint script but the all-in-one start as a service of that name', () => {
    expect(serviceScripts.map((s) => s.name).sort()).toEqual(
      ['api', 'discord', 'migrate', 'start', 'telegram', 'worker'].sort(),
    );
    for (const { file } of entrypointScripts) expect(existsSync(file), file).toBe(true);
    for (const { name, file, built } of serviceScripts.filter((s) => s.name !== 'start')) {
      expect(existsSync(file), file).toBe(true);
      // Node itself on the built entrypoint, not npm, so that SIGTERM reaches the process that handles it.
      expect(services[name]?.command, name).toEqual(['node', built]);
    }
    expect(tandemServices.map(([name]) => name).sort()).toEqual(
      serviceScripts
        .map((s) => s.name)
        .filter((name) => name !== 'start')
        .sort(),
    );
  });

  it('sets only settings src/config.ts reads, with values it accepts, and reads .env for the rest', () => {
    for (const [name, service] of tandemServices) {
      const environment = service.environment ?? {};
      for (const key of Object.keys(environment)) expect(settingNames, `${name}: ${key}`).toContain(key);
      expect(() => loadConfig(environment), name).not.toThrow();
      expect(environment.DATABASE_URL, name).toMatch(/@postgres:5432\//);
      expect(service.env_file, name).toEqual([{ path: '.env', required: false }]);
      if (name !== 'migrate') expect(environment.REDIS_URL, name).toBe('redis://redis:6379');
    }
  });

  it('checks the health of every long-running service, on the port its process serves probes on', () => {
    expect(longRunning.map(([name]) => name).sort()).toEqual(
      ['api', 'discord', 'postgres', 'redis', 'telegram', 'worker'].sort(),
    );
    for (const [name, service] of longRunning) {
      expect(service.healthcheck?.test?.length, name).toBeGreaterThan(1);
      if (service.build === undefined) continue;
      const environment = service.environment ?? {};
      const port = name === 'api' ? environment.PORT : environment.HEALTH_PORT;
      expect(port, name).toBeDefined();
      expect(service.healthcheck?.test, name).toEqual([
        'CMD',
        'node',
        'scripts/healthcheck.mjs',
        `http://127.0.0.1:${port}/readyz`,
      ]);
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.depends_on, name).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(existsSync('scripts/healthcheck.mjs')).toBe(true);
    expect(services.api?.ports).toEqual([
      `${services.api?.environment?.PORT}:${services.api?.environment?.PORT}`,
    ]);
    expect(services.migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('runs workers in several replicas and each bot in exactly one', () => {
    expect(services.worker?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.telegram?.deploy?.replicas).toBe(1);
    expect(services.discord?.deploy?.replicas).toBe(1);
  });

  it('gives PostgreSQL room for every pool, with twice the workers it declares', () => {
    const command = services.postgres?.command ?? [];
    const maxConnections = Number(/max_connections=(\d+)/.exec(command.join(' '))?.[1] ?? 100);
    const pools = tandemServices
      .filter(([name]) => name !== 'migrate')
      .map(([name, service]) => {
        const pool = Number(service.environment?.DATABASE_POOL_SIZE ?? defaults.DATABASE_POOL_SIZE);
        return pool * (service.deploy?.replicas ?? 1) * (name === 'worker' ? 2 : 1);
      });
    // A few for the migration, psql and monitoring.
    expect(pools.reduce((a, b) => a + b, 0) + 10).toBeLessThanOrEqual(maxConnections);
  });

  it('runs Prometheus and Grafana only under the monitoring profile, on files that exist', () => {
    const profiled = Object.entries(services).filter(([, service]) => service.profiles);
    expect(profiled.map(([name]) => name).sort()).toEqual(['grafana', 'prometheus']);
    for (const [name, service] of profiled) {
      expect(service.profiles, name).toEqual(['monitoring']);
      expect(service.image, name).toMatch(/^[a-z/]+:v?\d+\.\d+\.\d+$/);
      expect(service.healthcheck?.test?.length, name).toBeGreaterThan(1);
      // Neither has a sign-in worth exposing beyond this machine.
      for (const port of service.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
      for (const mount of service.volumes ?? []) {
        const source = mount.split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(source), `${name}: ${source}`).toBe(true);
      }
    }
  });

  it('has Prometheus scrape every Tandem service on the port it serves /metrics on, each replica found by DNS', () => {
    const config = parseDocument(
      readFileSync('deploy/monitoring/prometheus/prometheus.yml', 'utf8'),
    ).toJS() as {
      scrape_configs: Array<{
        job_name: string;
        dns_sd_configs?: Array<{ names: string[]; type: string; port: number }>;
      }>;
    };
    const jobs = new Map(config.scrape_configs.map((job) => [job.job_name, job.dns_sd_configs ?? []]));
    const scraped = tandemServices.filter(([name]) => name !== 'migrate');
    expect([...jobs.keys()].sort()).toEqual(scraped.map(([name]) => `tandem-${name}`).sort());
    for (const [name, service] of scraped) {
      const port = Number(name === 'api' ? service.environment?.PORT : service.environment?.HEALTH_PORT);
      expect(jobs.get(`tandem-${name}`), name).toEqual([{ names: [name], type: 'A', port }]);
    }
  });

  it('keeps Redis from evicting or forgetting jobs: AOF on, noeviction', () => {
    const command = services.redis?.command ?? [];
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(command[0]).toBe('redis-server');
    expect(option('--appendonly')).toBe('yes');
    expect(option('--maxmemory-policy')).toBe('noeviction');
  });
});

describe('.env.example', () => {
  const entries = readEnvExample();

  it('documents every setting src/config.ts reads, and nothing else, once each', () => {
    const names = entries.map((e) => e.name);
    expect([...names].sort()).toEqual([...settingNames].sort());
  });

  it('shows each default as it is; what has none is commented out', () => {
    for (const { name, value, commented } of entries) {
      const fallback = (defaults as Record<string, unknown>)[name];
      if (commented) expect(fallback, `${name} is commented out but has a default`).toBeUndefined();
      else expect(String(fallback), name).toBe(value);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');

  it('exposes the default ports of the API, the probes and the Telegram webhook', () => {
    const exposed = /^EXPOSE (.+)$/m.exec(dockerfile)?.[1]?.split(/\s+/).map(Number);
    expect(exposed?.sort()).toEqual(
      [defaults.PORT, defaults.HEALTH_PORT, defaults.TELEGRAM_WEBHOOK_PORT].sort(),
    );
    for (const [name, service] of tandemServices) {
      const port = service.environment?.PORT ?? service.environment?.HEALTH_PORT;
      if (port) expect([String(defaults.PORT), String(defaults.HEALTH_PORT)], name).toContain(port);
    }
  });

  it('installs, builds the entrypoints from the copied sources, then switches to production', () => {
    expect(dockerfile.indexOf('RUN npm install')).toBeGreaterThan(0);
    expect(dockerfile.indexOf('RUN node scripts/build.mjs')).toBeGreaterThan(dockerfile.indexOf('COPY . .'));
    expect(dockerfile.indexOf('COPY . .')).toBeGreaterThan(dockerfile.indexOf('RUN npm install'));
    expect(dockerfile.indexOf('ENV NODE_ENV=production')).toBeGreaterThan(
      dockerfile.indexOf('RUN node scripts/build.mjs'),
    );
  });

  it('starts the built all-in-one entrypoint with Node itself, as `npm start` does', () => {
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/entrypoints/start.js');
    const startFlags = /exec node ((?:--[a-z-]+=\d+ )*)dist/
      .exec(scripts.start ?? '')?.[1]
      ?.trim()
      .split(' ');
    expect(cmd.slice(1, -1)).toEqual(startFlags);
  });
});
