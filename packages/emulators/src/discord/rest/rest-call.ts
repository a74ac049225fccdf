import type { UploadedFile } from '../actions/messages.ts';
import { discordErrors } from '../errors.ts';
import type { BucketName } from '../ratelimit/buckets.ts';
import type { ApplicationRecord, UserRecord } from '../world/types.ts';

/** The bot behind a request's `Authorization: Bot <token>`. */
export interface AuthenticatedBot {
  application: ApplicationRecord;
  user: UserRecord;
}

/** One REST request, unpacked; route handlers never see express. */
export interface RestCall {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or `payload_json` of a multipart body; undefined when there is none. */
  body: unknown;
  files: UploadedFile[];
  bot: AuthenticatedBot | null;
  /** `X-Audit-Log-Reason`, URI-decoded as Discord does. */
  auditLogReason: string | null;
}

export interface RestResult {
  status: number;
  body?: unknown;
}

export type RestHandler = (call: RestCall) => RestResult;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDefinition {
  method: HttpMethod;
  /** Express path under /api/v10, e.g. `/guilds/:guildId/members/:userId`. */
  path: string;
  /** Rate-limit bucket; null for routes Discord does not limit per route. */
  bucket: BucketName | null;
  /** `bot`: needs a bot token (401 otherwise) and counts against the global limit. */
  auth: 'bot' | 'none';
  handler: RestHandler;
}

export function requireBot(call: RestCall): AuthenticatedBot {
  if (!call.bot) throw discordErrors.unauthorized();
  return call.bot;
}

export const ok = (body: unknown): RestResult => ({ status: 200, body });
export const created = (body: unknown): RestResult => ({ status: 201, body });
export const noContent = (): RestResult => ({ status: 204 });

/** A path parameter the route declares (always present once express matched the route). */
export function param(call: RestCall, name: string): string {
  const value = call.params[name];
  if (value === undefined) throw discordErrors.notFound();
  return value;
}
