import { z } from 'zod';
import { TandemError } from './core/errors.ts';
import { maxPasswordLength, minPasswordLength, passwordProblem } from './core/password-policy.ts';
import { parseRedisAddress } from './core/redis-address.ts';

/** `scheme://host[:port]` of an http(s) address that is nothing more than that, else null. */
function originOf(text: string): string | null {
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return text.replace(/\/$/, '').toLowerCase() === url.origin ? url.origin : null;
}

function isClusterAddress(url: string): boolean {
  try {
    return parseRedisAddress(url).topology === 'cluster';
  } catch {
    return false;
  }
}

/**
 * Every setting Tandem reads, parsed once from the environment. Each has a default that works on a
 * laptop; `.env.example` documents them. Nothing else in Tandem reads `process.env`.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** pino level. @defaultValue `info` */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * `json` (one object a line, for log collectors), `pretty` (readable lines) or `auto`: pretty when
   * stdout is a terminal, JSON otherwise. @defaultValue `auto`
   */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Unset: an embedded PostgreSQL runs in `DATA_DIR/postgres`. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * PostgreSQL itself, where DATABASE_URL leads through a pooler in transaction mode (PgBouncer):
   * the migration runner holds a session-level lock across its transactions, which only a
   * connection of its own to the server keeps. Unset: DATABASE_URL.
   */
  DATABASE_DIRECT_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * `false` behind PgBouncer in transaction mode before 1.21 (or 1.21+ with
   * `max_prepared_statements = 0`): the record statement is then planned at each call instead of
   * prepared once per connection under a name, which such a pooler cannot follow from one server
   * connection to the next. @defaultValue `true`
   */
  DATABASE_NAMED_STATEMENTS: z
    .enum(['true', 'false'], 'true or false')
    .default('true')
    .transform((value) => value === 'true'),
  /** Connections per process; size it with WORKER_CONCURRENCY (a job holds one while it runs). @defaultValue 20 */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  /**
   * `redis[s]://[user:password@]host:port[/db]`, or Redis behind Sentinel
   * (`redis[s]+sentinel://host:26379,host:26379/<master name>[/db]`), or a Redis Cluster
   * (`redis[s]+cluster://host:6379,host:6379`, with a hash tag QUEUE_PREFIX). `?ca=<file>` trusts
   * that certificate authority for `rediss`. Unset: a private redis-server (from PATH) runs in
   * `DATA_DIR/redis`.
   */
  REDIS_URL: z
    .string()
    .superRefine((url, ctx) => {
      try {
        parseRedisAddress(url);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  /** Where the embedded defaults keep their files. @defaultValue `.data` */
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * Prefix of every Redis key and channel: several Tandem installs can share one Redis. On a Redis
   * Cluster write it as a hash tag, `{tandem}`: all of the install's keys then share one slot, so no
   * command spans two. @defaultValue `tandem`
   */
  QUEUE_PREFIX: z
    .string()
    .regex(/^([a-z0-9-]+|\{[a-z0-9-]+\})$/, 'letters a-z, digits and "-", or those inside braces: {tandem}')
    .default('tandem'),
  /** Jobs one worker process runs at once. @defaultValue 16 */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(16),
  /**
   * Attempts per sync job before its event is marked failed. Eight wait 1+2+...+64 s, about two
   * minutes: a database failover or a platform outage that long leaves no event failed. @defaultValue 8
   */
  SYNC_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay; it doubles each attempt, with jitter. @defaultValue 1000 */
  SYNC_BACKOFF_MS: z.coerce.number().int().min(10).default(1000),
  /** How often the outbox relay looks for events that never reached the queue. @defaultValue 5000 */
  OUTBOX_RELAY_EVERY_MS: z.coerce.number().int().min(100).default(5000),
  /** An event pending longer than this is handed to the queue again by the relay. @defaultValue 10000 */
  OUTBOX_STALE_AFTER_MS: z.coerce.number().int().min(0).default(10_000),
  /** Reconcile interval. @defaultValue 900000 (15 minutes) */
  RECONCILE_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  /** Cron pattern of the daily cleanup. @defaultValue `0 4 * * *` */
  CLEANUP_PATTERN: z.string().min(9).default('0 4 * * *'),
  /** Days a completed sync event is kept. @defaultValue 30 */
  RETENTION_COMPLETED_DAYS: z.coerce.number().int().min(1).default(30),
  /** Days a failed sync event is kept. @defaultValue 7 */
  RETENTION_FAILED_DAYS: z.coerce.number().int().min(1).default(7),
  /** Reconcile puts hand-changed rank roles back (`restore`) or only reports them (`report`). */
  ROLE_DRIFT_POLICY: z.enum(['restore', 'report']).default('restore'),
  /** HTTP port of the API (health, admin, Bull Board). @defaultValue 3000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Port of `/healthz` and `/readyz` in the processes that serve no API (`worker`, `telegram`,
   * `discord`); 0 picks a free one (logged), for several on one machine. @defaultValue 8090
   */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  /**
   * The first admin of the panel, created (or put back: active, role admin, this password) at every
   * start. Unset: when no admin exists, `admin` is created with a one-time password printed once.
   */
  ADMIN_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,64}$/, '3-64 letters, digits, ".", "_" or "-"')
    .optional(),
  /**
   * Set with ADMIN_USERNAME. The panel's password rules apply: at least 12 characters, not the
   * username inside, and not easy to guess (the last checked at start, refusing to start).
   */
  ADMIN_PASSWORD: z
    .string()
    .min(minPasswordLength, `at least ${minPasswordLength} characters`)
    .max(maxPasswordLength)
    .optional(),
  /**
   * The session cookie's Secure flag: `auto` sets it when the request came over https (behind a
   * proxy, set TRUST_PROXY so the API sees that). @defaultValue `auto`
   */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /**
   * Which proxies in front of the API to believe about the client's address and protocol (express's
   * `trust proxy`: `true`, a hop count, or addresses such as `loopback`). It keys the login rate limit
   * and `COOKIE_SECURE=auto`. Unset: none (the API faces the clients directly).
   */
  TRUST_PROXY: z
    .string()
    .transform((v): boolean | number | string => (v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v))
    .optional(),
  /**
   * Origins besides the API's own from which the panel may write and open the live feed, comma
   * separated (`https://admin.example.com`): where a reverse proxy serves the panel under another
   * address than the one the API sees in `Host` (and no trusted `X-Forwarded-Host` says it).
   * Unset: the API's own origin only.
   */
  ALLOWED_ORIGINS: z
    .string()
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const entry of value.split(',').map((part) => part.trim())) {
        if (!entry) continue;
        const origin = originOf(entry);
        if (origin) origins.push(origin);
        else
          ctx.addIssue({
            code: 'custom',
            message: `${entry} is not an origin: write scheme, host and port only, like https://admin.example.com`,
          });
      }
      return origins;
    })
    .optional(),
  /** Unset with DISCORD_BOT_TOKEN also unset: the sandbox runs both platform emulators. */
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'looks like 123456:ABC-DEF...')
    .optional(),
  /**
   * The address people reach Tandem's API at (`https://tandem.example.com`). Set to an https
   * address, the Telegram Mini App at PUBLIC_URL/app/ becomes the bot's menu button (Telegram opens
   * Mini Apps over https only). Unset: no menu button, the Mini App still answers at /app/.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  /** A self-hosted Bot API server. @defaultValue `https://api.telegram.org` */
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).optional(),
  /** Set: Telegram POSTs updates to this public https URL (webhook mode); unset: long polling. */
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, message: 'must be an https:// URL' }).optional(),
  /** Checked on every webhook call (X-Telegram-Bot-Api-Secret-Token); required with the webhook URL. */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16-256 letters, digits, "_" or "-"')
    .optional(),
  /** Local port the webhook listens on (put it behind the URL's TLS proxy). @defaultValue 8443 */
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  DISCORD_BOT_TOKEN: z.string().min(1).optional(),
  /** Slash commands are registered in this guild (instant) and roles are managed in it. */
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/).optional(),
  /** Another Discord API address (a proxy). @defaultValue `https://discord.com/api` */
  DISCORD_API_ROOT: z.url({ protocol: /^https?$/ }).optional(),
  /** How often voice time is credited; one credit per member per minute whatever the interval. @defaultValue 60000 */
  VOICE_TICK_MS: z.coerce.number().int().min(1000).default(60_000),
  /** The sandbox page's port, when the emulators run. @defaultValue 8080 */
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
});

export type Config = z.infer<typeof schema>;

/** The name of every setting, for the checks that keep `.env.example` and the deployment in step. */
export const settingNames: readonly string[] = Object.keys(schema.shape);

export class ConfigError extends TandemError {
  override name = 'ConfigError';
  constructor(message: string) {
    super('internal', message);
  }
}

/** Parses the environment; a bad value stops the process with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema
    .superRefine((config, ctx) => {
      if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['TELEGRAM_WEBHOOK_SECRET'],
          message: 'required with TELEGRAM_WEBHOOK_URL (16-256 letters, digits, "_" or "-")',
        });
      if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_BOT_TOKEN)
        ctx.addIssue({
          code: 'custom',
          path: ['TELEGRAM_BOT_TOKEN'],
          message: 'required with TELEGRAM_WEBHOOK_URL',
        });
      if (Boolean(config.ADMIN_USERNAME) !== Boolean(config.ADMIN_PASSWORD))
        ctx.addIssue({
          code: 'custom',
          path: [config.ADMIN_USERNAME ? 'ADMIN_PASSWORD' : 'ADMIN_USERNAME'],
          message: 'ADMIN_USERNAME and ADMIN_PASSWORD go together: set both or neither',
        });
      // The rules that need no dictionary; the strength estimate runs at start (refuseWeakAdminPassword).
      const passwordProblemFound =
        config.ADMIN_USERNAME && config.ADMIN_PASSWORD
          ? passwordProblem(config.ADMIN_PASSWORD, config.ADMIN_USERNAME)
          : null;
      if (passwordProblemFound)
        ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: passwordProblemFound });
      if (config.DATABASE_DIRECT_URL && !config.DATABASE_URL)
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_URL'],
          message: 'required with DATABASE_DIRECT_URL: the address the processes connect to (the pooler)',
        });
      if (config.REDIS_URL && isClusterAddress(config.REDIS_URL) && !config.QUEUE_PREFIX.startsWith('{'))
        ctx.addIssue({
          code: 'custom',
          path: ['QUEUE_PREFIX'],
          message: `a Redis Cluster needs a hash tag prefix, such as {${config.QUEUE_PREFIX}}: every key of a queue must be in one slot`,
        });
      if (config.DISCORD_BOT_TOKEN && !config.DISCORD_GUILD_ID)
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_GUILD_ID'],
          message: 'required with DISCORD_BOT_TOKEN: the server whose roles Tandem manages',
        });
    })
    .safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings in the environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
