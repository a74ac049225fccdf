import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { somethingWentWrong } from '../replies/errors.ts';

// pino's levels: 30 info, 40 warn, 50 error.
const info = 30;
const error = 50;

let t: TelegramBotUnderTest;
const logs: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  t = await openTelegramBotUnderTest({
    adjustDeps: (deps) => ({ ...deps, logger: pino({ level: 'debug' }, sink) }),
  });
});

afterAll(async () => {
  await t?.close();
});

const refusalOrFailure = (line: Record<string, unknown>) =>
  line.msg === 'Telegram update refused' || line.msg === 'Telegram update failed';

describe('a refused Telegram command', () => {
  it('is logged at info with the answer the player got, without a stack', async () => {
    const ivy = t.newUser('Ivy');
    await ivy.command('profile');
    const playerId = await ivy.playerId();
    await t.tandem.db.prisma.identity.create({
      data: { playerId, platform: 'discord', platformUserId: '777' },
    });
    await t.grantCoins(playerId, 150);
    const since = logs.length;
    expect((await ivy.command('link')).text).toContain('already linked to a Discord account');
    expect((await ivy.command('link', 'WXYZ23')).text).toContain('That code has expired or is not valid');
    expect((await ivy.command('payout', '151')).text).toBe(
      'You have 150 coins: not enough for a payout of 151.',
    );

    const lines = logs.slice(since).filter(refusalOrFailure);
    expect(lines.map((line) => line.msg)).toEqual(Array(3).fill('Telegram update refused'));
    for (const line of lines) {
      expect(line.level).toBeLessThanOrEqual(info);
      expect(line).not.toHaveProperty('err');
    }
    expect(logs.slice(since).filter((line) => Number(line.level) > info)).toEqual([]);
  });

  it('failing on our side is still an error with its stack', async () => {
    const { catalog } = t.deps;
    const get = catalog.get;
    catalog.get = () => Promise.reject(new Error('database unreachable (test)'));
    const since = logs.length;
    try {
      expect((await t.newUser('Jo').command('top')).text).toBe(somethingWentWrong);
    } finally {
      catalog.get = get;
    }
    const [line] = logs.slice(since).filter(refusalOrFailure);
    expect(line).toMatchObject({ level: error, msg: 'Telegram update failed' });
    expect((line!.err as { stack: string }).stack).toContain('database unreachable (test)');
  });
});
