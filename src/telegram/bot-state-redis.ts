import { duplicateConnection, type RedisConnection } from '../redis/connection.ts';

/**
 * How long a command on the bot's own state (update claims, conversation steps) may go unanswered.
 * Those calls already fail fast when Redis refuses the connection; a Redis that keeps the
 * connection but stops answering (a stalled server, a network partition) would instead hold every
 * update at its claim, and hold a finished update at its "done" mark, until it comes back.
 */
export const botStateCommandTimeoutMs = 1_000;

/**
 * A connection of the bot's own to the shared Redis, whose commands give up after
 * {@link botStateCommandTimeoutMs}: every caller of it treats a failure as "Redis is away" and goes
 * on without the state. The queues keep the shared connection, which has no such timeout.
 */
export function openBotStateRedis(shared: RedisConnection): RedisConnection {
  const redis = duplicateConnection(shared, { commandTimeout: botStateCommandTimeoutMs });
  // Failures surface on the commands, which their callers handle; the event would only repeat them.
  redis.on('error', () => {});
  return redis;
}
