import { z } from 'zod';

/**
 * Every setting Tandem reads, parsed once from the environment. Each has a default that works on a
 * laptop; `.env.example` documents them. Nothing else in Tandem reads `process.env`.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** pino level. @defaultValue `info` */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: an embedded PostgreSQL runs in `DATA_DIR/postgres`. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections per process; size it with WORKER_CONCURRENCY (a job holds one while it runs). @defaultValue 20 */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  /** Unset: a private redis-server (from PATH) runs in `DATA_DIR/redis`. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Where the embedded defaults keep their files. @defaultValue `.data` */
  DATA_DIR: z.string().min(1).default('.data'),
  /** BullMQ key prefix: several Tandem installs can share one Redis. @defaultValue `tandem` */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('tandem'),
  /** Jobs one worker process runs at once. @defaultValue 16 */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(16),
  /** Attempts per sync job before its event is marked failed. @defaultValue 3 */
  SYNC_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(3),
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
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  DISCORD_BOT_TOKEN: z.string().min(1).optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/).optional(),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value stops the process with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings in the environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
