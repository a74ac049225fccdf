import { randomBytes } from 'node:crypto';

/** Telegram's token shape: the bot's user id, a colon, 35 characters of base64url. */
const tokenPattern = /^(\d{1,20}):[A-Za-z0-9_-]{35}$/;

/** The bot id a well-formed token names, or undefined when the token is not shaped like Telegram's. */
export function botIdFromToken(token: string): number | undefined {
  const match = tokenPattern.exec(token);
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export function generateToken(botId: number): string {
  return `${botId}:AA${randomBytes(33).toString('base64url').slice(0, 33)}`;
}
