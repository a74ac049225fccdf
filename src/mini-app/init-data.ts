import { createHmac, timingSafeEqual } from 'node:crypto';
import { TandemError } from '../core/errors.ts';

/**
 * The Mini App's init data, checked as Telegram documents it
 * (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app): the
 * data-check-string is every field but `hash`, as `key=value` lines sorted by key; the secret key is
 * HMAC-SHA-256 of the bot token keyed with "WebAppData"; `hash` is the hex HMAC-SHA-256 of the
 * data-check-string under that key. node:crypto does it in a few lines, so no library is needed.
 */

/** How old init data may be. @defaultValue 24 hours */
export const defaultMaxAgeSeconds = 24 * 60 * 60;
/** How far ahead of this clock `auth_date` may be: a phone's clock runs a little fast. */
export const allowedClockSkewSeconds = 60;

/** Init data that is forged, stale or malformed: answered as a 401 with this message. */
export class InitDataRefusedError extends TandemError {
  override name = 'InitDataRefusedError';
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** The Telegram user the init data names (the fields Tandem reads). */
export interface MiniAppUser {
  id: number;
  firstName: string;
  username?: string;
  languageCode?: string;
}

export interface ValidInitData {
  user: MiniAppUser;
  authDate: Date;
}

/** The secret key of a bot's init data: HMAC-SHA-256 of the token, keyed with "WebAppData". */
function secretKeyOf(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

/** The data-check-string: every field but `hash`, `key=value`, sorted by key, one per line. */
export function dataCheckString(params: URLSearchParams): string {
  return [...params]
    .filter(([key]) => key !== 'hash')
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
}

/** Signs init data fields as Telegram does (the emulator and the tests sign with it). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  params.delete('hash');
  const hash = createHmac('sha256', secretKeyOf(botToken)).update(dataCheckString(params)).digest('hex');
  params.set('hash', hash);
  return params.toString();
}

/**
 * Checks raw init data (the query string Telegram hands the Mini App) against the bot's token and
 * the clock, and returns its user. Throws InitDataRefusedError with the reason otherwise.
 */
export function validateInitData(
  raw: string,
  botToken: string,
  options: { now?: Date; maxAgeSeconds?: number } = {},
): ValidInitData {
  const params = new URLSearchParams(raw);
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash))
    throw new InitDataRefusedError(
      'The Mini App init data carries no valid hash: open the app from Telegram.',
    );
  const expected = createHmac('sha256', secretKeyOf(botToken)).update(dataCheckString(params)).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex')))
    throw new InitDataRefusedError(
      'The Mini App init data is not signed by this bot: open the app from Telegram again.',
    );

  const authSeconds = Number(params.get('auth_date'));
  if (!Number.isSafeInteger(authSeconds) || authSeconds <= 0)
    throw new InitDataRefusedError('The Mini App init data has no valid auth_date.');
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const maxAge = options.maxAgeSeconds ?? defaultMaxAgeSeconds;
  if (authSeconds > nowSeconds + allowedClockSkewSeconds)
    throw new InitDataRefusedError('The Mini App init data is dated in the future: check the clock.');
  if (nowSeconds - authSeconds > maxAge)
    throw new InitDataRefusedError(
      'The Mini App init data has expired: close the app and open it again from Telegram.',
    );

  return { user: userOf(params.get('user')), authDate: new Date(authSeconds * 1000) };
}

function userOf(json: string | null): MiniAppUser {
  let value: unknown;
  try {
    value = json === null ? undefined : JSON.parse(json);
  } catch {
    value = undefined;
  }
  const user = value as { id?: unknown; first_name?: unknown; username?: unknown; language_code?: unknown };
  if (!user || typeof user !== 'object' || !Number.isSafeInteger(user.id) || (user.id as number) <= 0)
    throw new InitDataRefusedError('The Mini App init data names no Telegram user.');
  return {
    id: user.id as number,
    firstName: typeof user.first_name === 'string' ? user.first_name : '',
    ...(typeof user.username === 'string' && user.username ? { username: user.username } : {}),
    ...(typeof user.language_code === 'string' && user.language_code
      ? { languageCode: user.language_code }
      : {}),
  };
}
