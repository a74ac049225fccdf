import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramControlClient } from '@tandem/emulators/telegram';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/database.ts';
import { testRedisUrl } from '../support/env.ts';
import { ledgerMatchesTotals } from '../support/ledger.ts';
import { freePort } from '../support/telegram-bot-under-test.ts';
import { waitFor } from '../support/wait-for.ts';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-process.ts';
import { sleep } from './support/steady-load.ts';

/**
 * `npm start` in sandbox mode, restarted twice with its data kept (the database, Redis with its
 * update claims, DATA_DIR with the emulators' world): once killed, once stopped. Every `/daily` sent
 * after a restart must be answered and credited, none twice, and the ledger must equal the totals.
 */

const perPhase = 75;
let database: TestDatabase;
let dataDir: string;
let settings: Record<string, string>;
let tandem: SandboxProcess | undefined;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'tandem-sandbox-'));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  settings = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: uniqueQueuePrefix(),
    DATA_DIR: dataDir,
    PORT: '0',
    HEALTH_PORT: '0',
    // The page's own port stays, as a bookmarked sandbox does; the emulators take any free port.
    SANDBOX_PORT: String(await freePort()),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: 'a-long-enough-password',
  };
});

afterAll(async () => {
  await tandem?.kill();
  await pool?.end();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function started(): Promise<{ telegram: TelegramControlClient; botId: number }> {
  const at = Date.now();
  tandem = await startSandboxProcess(settings);
  console.log(`sandbox-restart: npm start up in ${Date.now() - at} ms`);
  const config = (await (await fetch(`http://127.0.0.1:${settings.SANDBOX_PORT}/config.json`)).json()) as {
    telegramControlUrl: string;
  };
  const telegram = new TelegramControlClient(config.telegramControlUrl.replace(/\/control$/, ''));
  const botId = (await telegram.world()).bots[0]!.id;
  return { telegram, botId };
}

interface Sent {
  userId: number;
  updateId: number;
}

/** New users, each sending `/daily`, a few at a time (within Telegram's flood limits). */
async function dailyFromNewUsers(telegram: TelegramControlClient, count: number, phase: string) {
  const sent: Sent[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
        const user = await telegram.createUser({ firstName: `${phase}${i + j}` });
        const { updates } = await telegram.sendCommand({ from: user.id, command: 'daily' });
        return { userId: user.id, updateId: updates[0]!.update.update_id };
      }),
    );
    sent.push(...batch);
    await sleep(400);
  }
  return sent;
}

async function botTexts(telegram: TelegramControlClient, botId: number, userId: number): Promise<string[]> {
  const messages = await telegram.messages(userId, { bot: botId });
  return messages.filter((m) => m.sender.kind === 'bot').map((m) => m.text ?? '');
}

async function answered(telegram: TelegramControlClient, botId: number, sent: Sent[]): Promise<number> {
  const texts = await Promise.all(sent.map((s) => botTexts(telegram, botId, s.userId)));
  return texts.filter((t) => t.some((text) => text.includes('Daily bonus'))).length;
}

async function allAnswered(telegram: TelegramControlClient, botId: number, sent: Sent[], what: string) {
  await waitFor(async () => (await answered(telegram, botId, sent)) === sent.length, what, 60_000);
}

/** Daily ledger rows per Telegram user id. */
async function dailyCredits(): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ user_id: string; n: number }>(
    `SELECT i.platform_user_id AS user_id, count(l.id)::int AS n
       FROM identities i JOIN ledger_entries l ON l.player_id = i.player_id AND l.reason = 'daily'
      WHERE i.platform = 'telegram' GROUP BY i.platform_user_id`,
  );
  return new Map(rows.map((row) => [Number(row.user_id), row.n]));
}

describe('npm start (sandbox) restarted with its data kept', () => {
  it('answers and credits every /daily after a SIGKILL and after a clean stop, none twice', async () => {
    const figures: Record<string, number> = {};

    // Run 1: commands answered, then a burst the process may be in the middle of when it dies.
    let { telegram, botId } = await started();
    const beforeKill = await dailyFromNewUsers(telegram, perPhase, 'A');
    await allAnswered(telegram, botId, beforeKill, 'answers before the kill');
    const inFlight = await dailyFromNewUsers(telegram, 10, 'F');
    await tandem!.kill();
    figures.sentBeforeKill = beforeKill.length + inFlight.length;
    figures.inFlightAtKill = inFlight.length;

    // Run 2, after SIGKILL.
    ({ telegram, botId } = await started());
    // The emulator acknowledged the commands in flight only once it had saved them, so each one is
    // still there, and answered: before the kill (the answer, too, was saved before the bot heard it
    // was sent), or now. One the killed process was in the middle of runs again, and may answer
    // that the bonus is already claimed; it is credited once either way.
    const users = new Set((await telegram.world()).users.map((u) => u.id));
    expect(inFlight.filter((s) => !users.has(s.userId))).toEqual([]);
    await waitFor(
      async () =>
        (await Promise.all(inFlight.map((s) => botTexts(telegram, botId, s.userId)))).every(
          (t) => t.length > 0,
        ),
      'answers to the commands in flight at the kill',
      60_000,
    );
    const afterKill = await dailyFromNewUsers(telegram, perPhase, 'B');
    await allAnswered(telegram, botId, afterKill, 'answers after the SIGKILL restart');
    // The conversation from before the kill is still there.
    expect(await answered(telegram, botId, beforeKill)).toBe(beforeKill.length);
    // Ids went on growing (past a gap: the killed run's last save may have missed some).
    expect(Math.min(...afterKill.map((s) => s.updateId))).toBeGreaterThan(
      Math.max(...beforeKill.map((s) => s.updateId)),
    );
    expect(await tandem!.stop()).toBe(0);

    // Run 3, after a clean stop.
    ({ telegram, botId } = await started());
    const afterStop = await dailyFromNewUsers(telegram, perPhase, 'C');
    await allAnswered(telegram, botId, afterStop, 'answers after the clean restart');
    // After a clean stop they simply go on.
    expect(Math.min(...afterStop.map((s) => s.updateId))).toBe(
      Math.max(...afterKill.map((s) => s.updateId)) + 1,
    );

    // Credited exactly once each; and the ledger equals the totals.
    const credits = await dailyCredits();
    for (const s of [...beforeKill, ...inFlight, ...afterKill, ...afterStop])
      expect(credits.get(s.userId), `daily credits of Telegram user ${s.userId}`).toBe(1);
    expect([...credits.values()].every((n) => n === 1)).toBe(true);
    expect(await ledgerMatchesTotals({ db: { pool } } as Parameters<typeof ledgerMatchesTotals>[0])).toBe(
      true,
    );

    figures.inFlightAnswered = (
      await Promise.all(inFlight.map((s) => botTexts(telegram, botId, s.userId)))
    ).filter((t) => t.length > 0).length;
    figures.answeredBeforeKill = await answered(telegram, botId, beforeKill);
    figures.answeredAfterKill = await answered(telegram, botId, afterKill);
    figures.sentAfterKill = afterKill.length;
    figures.sentAfterStop = afterStop.length;
    figures.answeredAfterStop = await answered(telegram, botId, afterStop);
    figures.credited = credits.size;
    console.log(
      `fault sandbox-restart: ${Object.entries(figures)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    await tandem!.stop();
    tandem = undefined;
  }, 600_000);
});
