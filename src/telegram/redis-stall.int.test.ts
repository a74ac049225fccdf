// A Redis that keeps its connections open but stops answering (a stalled server, a network
// partition): here a private redis-server stopped with SIGSTOP while the bot handles /daily.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { type PrivateRedis, startPrivateRedis } from '../local-servers/private-redis.ts';
import { createLogger } from '../logging/logger.ts';
import { somethingWentWrong } from '../replies/errors.ts';

let t: TelegramBotUnderTest;
let redis: PrivateRedis;
let dataDir: string;
let redisPid: number;
let stalled = false;
/** Set by a test: the next daily claim stops Redis first, so the claim commits while it is away. */
let stallAtNextCredit = false;
/** Set by a test: /top takes this long, then fails. */
let slowTopFailureMs: number | undefined;
const logLines: Array<{ level: number; msg: string }> = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(JSON.parse(line)) });

function stallRedis(): void {
  process.kill(redisPid, 'SIGSTOP');
  stalled = true;
}

function resumeRedis(): void {
  if (stalled) process.kill(redisPid, 'SIGCONT');
  stalled = false;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tandem-redis-stall-'));
  redis = await startPrivateRedis({ dataDir, logger: createLogger('silent') });
  redisPid = Number((await readFile(join(dataDir, 'redis.pid'), 'utf8')).trim());
  t = await openTelegramBotUnderTest({
    redisUrl: redis.url,
    // Shorter than a stalled handler takes (the engine waits 2 s for the queue before leaving the
    // event to the outbox relay), so the bot moves on while handlers still run.
    updateDeadlineMs: 1_000,
    adjustDeps: (deps) => ({
      ...deps,
      logger,
      settings: {
        ...deps.settings,
        economy: async () => {
          if (stallAtNextCredit) {
            stallAtNextCredit = false;
            stallRedis();
          }
          return deps.settings.economy();
        },
      },
      catalog: {
        ...deps.catalog,
        get: async () => {
          if (slowTopFailureMs !== undefined) {
            const delay = slowTopFailureMs;
            slowTopFailureMs = undefined;
            await new Promise((resolve) => setTimeout(resolve, delay));
            throw new Error('catalog unavailable (on purpose)');
          }
          return deps.catalog.get();
        },
      },
    }),
  });
});

afterAll(async () => {
  resumeRedis();
  await t?.close();
  await redis?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function answersOf(chatId: number, since: number): string[] {
  return t.emulator.control
    .log({ types: ['bot.message'], chatId, since })
    .map((event) => (event.type === 'bot.message' ? (event.message.text ?? '') : ''));
}

describe('Redis stalls while the bot credits players', () => {
  it('tells every credited player they were credited, while Redis is still stalled', async () => {
    const users = Array.from({ length: 20 }, (_, n) => t.newUser(`Stalled${n}`));
    const since = t.emulator.control.lastSeq;
    stallAtNextCredit = true;
    for (const user of users) t.emulator.control.sendCommand({ from: user.id, command: 'daily' });

    await waitFor(
      async () => users.every((user) => answersOf(user.id, since).length > 0),
      'every player answered while Redis is stalled',
      20_000,
    );
    expect(stalled).toBe(true);
    for (const user of users) {
      const playerId = await user.playerId();
      const { rows } = await t.tandem.db.pool.query<{ xp: number; balance: number; dailies: number }>(
        `SELECT xp, balance,
                (SELECT count(*)::int FROM ledger_entries WHERE player_id = $1 AND reason = 'daily') AS dailies
           FROM players WHERE id = $1`,
        [playerId],
      );
      const { xp, balance, dailies } = rows[0]!;
      expect(dailies).toBe(1);
      expect(answersOf(user.id, since)).toEqual([
        expect.stringContaining(`You now have ${xp} XP and ${balance} coins.`),
      ]);
    }

    // Once Redis answers again, the handlers that were still running add nothing: no apology.
    resumeRedis();
    await t.idle();
    for (const user of users) expect(answersOf(user.id, since)).toHaveLength(1);
    expect(logLines.some((line) => line.msg.startsWith('update still being handled'))).toBe(true);
  });

  it('answers a handler that fails after the deadline once it has failed, not before', async () => {
    const user = t.newUser('Late');
    const since = t.emulator.control.lastSeq;
    const logsBefore = logLines.length;
    slowTopFailureMs = 2_000;
    t.emulator.control.sendCommand({ from: user.id, command: 'top' });
    await waitFor(
      async () =>
        logLines.slice(logsBefore).some((line) => line.msg.startsWith('update still being handled')),
      'the deadline passing',
    );
    const [answer] = await user.answersSince(since, 1);
    expect(answer!.text).toBe(somethingWentWrong);
    await t.idle();
    expect(answersOf(user.id, since)).toEqual([somethingWentWrong]);
  });
});
