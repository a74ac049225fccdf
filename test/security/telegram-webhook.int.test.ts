// Requests to the Telegram webhook that Telegram would never send are answered 4xx and handled not
// at all. A wrong or missing secret, and a stale one on Telegram's side, are covered by
// src/telegram/webhook.int.test.ts; these are the near misses around it and bodies no update has.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoContent } from '../../src/content/demo-content.ts';
import {
  freePort,
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../support/telegram-bot-under-test.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';

const secretToken = 'tandem-webhook_secret-42';
let t: TelegramBotUnderTest;
let hookUrl: string;

beforeAll(async () => {
  hookUrl = `http://127.0.0.1:${await freePort()}/telegram/webhook`;
  t = await openTelegramBotUnderTest({
    webhook: { url: hookUrl, secretToken, port: Number(new URL(hookUrl).port), host: '127.0.0.1' },
  });
  await seedDemoContent(t.tandem.db.prisma);
});
afterAll(async () => {
  await t?.close();
});

/** A `/daily` from a user the bot has never seen: handled, it would create their player and pay them. */
function dailyUpdate(updateId: number, padding = '') {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 990_000 + updateId, type: 'private', first_name: 'Mallory' },
      from: { id: 990_000 + updateId, is_bot: false, first_name: 'Mallory' },
      text: `/daily${padding}`,
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  };
}

function post(
  init: {
    url?: string;
    method?: string;
    secret?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
  } = {},
) {
  return fetch(init.url ?? hookUrl, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'x-telegram-bot-api-secret-token': init.secret ?? secretToken,
      ...init.headers,
    },
    body: init.method === 'GET' ? undefined : init.body,
  });
}

describe('the Telegram webhook', () => {
  it('refuses near misses of the secret, path and method, and bodies no update has, handling nothing', async () => {
    const before = await databaseFingerprint(t.tandem.db.pool);
    const update = JSON.stringify(dailyUpdate(1));
    const big = ` ${'x'.repeat(1024 * 1024)}`;
    const cases: Array<[string, Parameters<typeof post>[0], number]> = [
      ['the secret in other case', { secret: secretToken.toUpperCase(), body: update }, 403],
      ['a prefix of the secret', { secret: secretToken.slice(0, -1), body: update }, 403],
      ['the secret with more after it', { secret: `${secretToken}x`, body: update }, 403],
      ['the right secret on another path', { url: `${new URL(hookUrl).origin}/other`, body: update }, 403],
      ['the right secret with GET', { method: 'GET' }, 403],
      ['malformed JSON', { body: '{"update_id": 2, "message": ' }, 415],
      ['an update over 1 MB', { body: JSON.stringify(dailyUpdate(3, big)) }, 413],
      // Telegram does not compress, nor does the webhook inflate: gzip is not JSON.
      [
        'a gzipped update',
        { body: gzipSync(JSON.stringify(dailyUpdate(4, big))), headers: { 'content-encoding': 'gzip' } },
        415,
      ],
    ];
    for (const [what, init, status] of cases) expect((await post(init)).status, what).toBe(status);
    await t.idle();
    expect(await databaseFingerprint(t.tandem.db.pool)).toEqual(before);
  });

  it('still handles a real update afterwards', async () => {
    const ana = t.newUser('Ana');
    expect((await ana.command('daily')).text).toContain('Daily bonus');
  });
});
