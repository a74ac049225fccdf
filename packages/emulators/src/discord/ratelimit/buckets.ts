import { createHash } from 'node:crypto';

/** A fixed window: `limit` requests, then 429 until `windowMs` after the window's first request. */
export interface BucketLimit {
  limit: number;
  windowMs: number;
}

/**
 * Per-route buckets. Each is counted per bot and per top-level resource (guild, channel or
 * webhook), as Discord does; routes sharing a bucket share the count.
 */
export const DEFAULT_BUCKETS = {
  /** GET /gateway/bot. */
  gateway: { limit: 50, windowMs: 5_000 },
  /** /users/@me, /users/:id, /applications/@me. */
  users: { limit: 30, windowMs: 1_000 },
  /** Application commands, per application (and guild). */
  commands: { limit: 10, windowMs: 10_000 },
  /** Interaction follow-ups and edits and webhook execution (/webhooks/:id/:token...), per token. */
  webhooks: { limit: 5, windowMs: 2_000 },
  /** GET /channels/:id and message reads, per channel. */
  channels: { limit: 10, windowMs: 1_000 },
  /** POST /channels/:id/messages, per channel. */
  'channel-messages': { limit: 5, windowMs: 5_000 },
  /** PATCH/DELETE /channels/:id/messages/:id, per channel. */
  'channel-message-edits': { limit: 5, windowMs: 5_000 },
  /** GET /guilds/:id, roles, channels, per guild. */
  guilds: { limit: 10, windowMs: 1_000 },
  /** GET /guilds/:id/members/:user, per guild. */
  'member-reads': { limit: 10, windowMs: 1_000 },
  /** GET /guilds/:id/members (list) and search, per guild. */
  'member-list': { limit: 10, windowMs: 1_000 },
  /** PUT/DELETE member roles and PATCH member, per guild (observed: about 10 per 10 s). */
  'member-edits': { limit: 10, windowMs: 10_000 },
  /** POST/PATCH/DELETE /guilds/:id/roles(/:role), per guild (Discord publishes no figure). */
  'role-edits': { limit: 25, windowMs: 10_000 },
  /** POST /guilds/:id/channels, per guild. */
  'guild-channels': { limit: 10, windowMs: 10_000 },
  /** PATCH/DELETE /channels/:id, per channel. */
  'channel-edits': { limit: 10, windowMs: 10_000 },
  /** Reaction add/remove, per channel (Discord's well-known 1 per 250 ms). */
  reactions: { limit: 1, windowMs: 250 },
  /** GET reaction users and reaction clears, per channel. */
  'reaction-reads': { limit: 10, windowMs: 1_000 },
  /** Pin and unpin, per channel (Discord publishes no figure). */
  pins: { limit: 5, windowMs: 5_000 },
  /** PUT/DELETE bans and kicks, per guild. */
  'guild-bans': { limit: 10, windowMs: 10_000 },
  /** POST/GET /channels/:id/webhooks, per channel. */
  'channel-webhooks': { limit: 5, windowMs: 5_000 },
  /** GET/PATCH/DELETE /webhooks/:id(/:token), per webhook. */
  'webhook-edits': { limit: 5, windowMs: 5_000 },
  /** Starting threads, per channel. */
  threads: { limit: 10, windowMs: 10_000 },
  /** Joining, leaving, adding and removing thread members, per channel (the thread). */
  'thread-members': { limit: 10, windowMs: 5_000 },
  /** POST /users/@me/channels. */
  'dm-channels': { limit: 10, windowMs: 10_000 },
} satisfies Record<string, BucketLimit>;

export type BucketName = keyof typeof DEFAULT_BUCKETS;

/** The `X-RateLimit-Bucket` value: an opaque hash, without the top-level resource. */
export function bucketHash(name: BucketName): string {
  return createHash('md5').update(`tandem-discord-emulator:${name}`).digest('hex');
}
