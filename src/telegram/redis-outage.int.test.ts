import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { createProducerConnection } from '../redis/connection.ts';

let t: TelegramBotUnderTest;
/** The bot's own Redis (update claims, conversation steps), pointed at a port where nothing listens. */
const unreachable = createProducerConnection('redis://127.0.0.1:1', {
  lazyConnect: true,
  retryStrategy: () => null,
});
unreachable.on('error', () => {});

beforeAll(async () => {
  t = await openTelegramBotUnderTest({ adjustDeps: (deps) => ({ ...deps, redis: unreachable }) });
});

afterAll(async () => {
  await t?.close();
  unreachable.disconnect();
});

describe('with the bot state in Redis unreachable', () => {
  it('still answers commands and messages, relying on the services to de-duplicate', async () => {
    const ana = t.newUser('Ana');
    expect((await ana.command('daily')).text).toContain('Daily bonus');
    expect((await ana.command('daily')).text).toContain("You've already claimed today's bonus");
    expect((await ana.say('hello')).text).toContain('/start');
  });
});
