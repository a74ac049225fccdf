import { createHash, randomBytes } from 'node:crypto';
import type { RedisConnection } from '../../redis/connection.ts';

/** What a session remembers: who signed in. Role and active flag are read fresh on every request. */
export interface SessionRecord {
  adminId: string;
  createdAt: string;
}

export interface SessionStoreOptions {
  /** Idle time after which a session ends; every use starts it again. @defaultValue 12 hours */
  ttlSeconds?: number;
}

export interface SessionStore {
  /** Starts a session and returns its token (for the cookie only: it is never stored or logged). */
  create(adminId: string): Promise<string>;
  /** The session of a token, its idle time restarted; null when unknown, expired or malformed. */
  read(token: string): Promise<SessionRecord | null>;
  destroy(token: string): Promise<void>;
  /** Ends every session of an admin but `keepToken`'s (after a password change). */
  destroyAllOf(adminId: string, keepToken?: string): Promise<void>;
}

/** 32 random bytes, base64url: anything else in the cookie is forged and never reaches Redis. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * The id sessions are known by in Redis and in socket.io rooms: a hash of the token, so a copy of
 * Redis (a backup, a replica) holds no usable cookie.
 */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Sessions in RedisConnection under the installation's prefix, so several API processes share them. */
export function createSessionStore(
  redis: RedisConnection,
  prefix: string,
  options: SessionStoreOptions = {},
): SessionStore {
  const ttl = options.ttlSeconds ?? 12 * 3600;
  const sessionKey = (id: string) => `${prefix}:admin-session:${id}`;
  const adminKey = (adminId: string) => `${prefix}:admin-sessions-of:${adminId}`;
  return {
    async create(adminId) {
      const token = randomBytes(32).toString('base64url');
      const id = sessionIdOf(token);
      const record: SessionRecord = { adminId, createdAt: new Date().toISOString() };
      await redis
        .multi()
        .set(sessionKey(id), JSON.stringify(record), 'EX', ttl)
        .sadd(adminKey(adminId), id)
        .expire(adminKey(adminId), ttl)
        .exec();
      return token;
    },
    async read(token) {
      if (!tokenPattern.test(token)) return null;
      const stored = await redis.getex(sessionKey(sessionIdOf(token)), 'EX', ttl);
      if (!stored) return null;
      let record: SessionRecord;
      try {
        record = JSON.parse(stored) as SessionRecord;
      } catch {
        return null;
      }
      // The admin's list of sessions must live as long as the longest of them, or a password
      // change would miss a session kept alive by use.
      await redis.expire(adminKey(record.adminId), ttl);
      return record;
    },
    async destroy(token) {
      if (!tokenPattern.test(token)) return;
      await redis.del(sessionKey(sessionIdOf(token)));
    },
    async destroyAllOf(adminId, keepToken) {
      const keep = keepToken ? sessionIdOf(keepToken) : undefined;
      const ids = (await redis.smembers(adminKey(adminId))).filter((id) => id !== keep);
      if (ids.length === 0) return;
      await redis
        .multi()
        .del(...ids.map(sessionKey))
        .srem(adminKey(adminId), ...ids)
        .exec();
    },
  };
}
