import { createHmac, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { menuButtonFor } from '../bot-api/methods/menu-button.ts';
import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import { requireBot, requireUser } from './places.ts';
import { openWebAppSchema, parseInput } from './schemas.ts';

/**
 * Init data as Telegram signs it for a Mini App
 * (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app): the fields
 * as `key=value` lines sorted by key, HMAC-SHA-256 under HMAC-SHA-256("WebAppData", bot token).
 */
export function signWebAppInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  const check = [...params]
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  params.set('hash', createHmac('sha256', secret).update(check).digest('hex'));
  return params.toString();
}

/**
 * A user opens a bot's Mini App: the init data Telegram would hand it, signed with the bot's token,
 * and the address Telegram would open (the Mini App's URL with `#tgWebAppData=...`, as the clients
 * pass it). The address is the bot's menu button for the user's chat unless `url` is given.
 */
export function openWebApp(ctx: EmulatorContext, raw: z.input<typeof openWebAppSchema>) {
  const input = parseInput(openWebAppSchema, raw);
  const bot = requireBot(ctx, input.bot);
  const user = requireUser(ctx, input.user);
  const button = menuButtonFor(bot, user.id);
  const base = input.url ?? (button.type === 'web_app' ? button.web_app.url : undefined);
  if (!base)
    throw ControlError.invalid(
      `The bot ${bot.username} has no Mini App menu button: give a url, or let the bot call setChatMenuButton`,
    );
  const initData = signWebAppInitData(
    {
      query_id: randomBytes(12).toString('base64url'),
      user: JSON.stringify({
        id: user.id,
        first_name: user.firstName,
        ...(user.lastName ? { last_name: user.lastName } : {}),
        ...(user.username ? { username: user.username } : {}),
        ...(user.languageCode ? { language_code: user.languageCode } : {}),
        allows_write_to_pm: true,
      }),
      auth_date: String(input.authDate ?? Math.floor(Date.now() / 1000)),
    },
    bot.token,
  );
  const fragment = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'web',
  });
  const url = `${base.split('#')[0]}#${fragment}`;
  ctx.log.record({ type: 'user.web_app', botId: bot.id, userId: user.id, url: base });
  return { initData, url };
}
