import type { IncomingHttpHeaders } from 'node:http';
import type { World } from '../world/world.ts';
import type { AuthenticatedBot } from './rest-call.ts';

/** The bot for `Authorization: Bot <token>`; null when the header is missing or the token unknown. */
export function authenticate(headers: IncomingHttpHeaders, world: World): AuthenticatedBot | null {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bot\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match?.[1]) return null;
  const application = world.applicationByToken(match[1]);
  if (!application) return null;
  const user = world.users.get(application.botUserId);
  return user ? { application, user } : null;
}
