import { afterEach, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/env.ts';
import { openTelegramBotUnderTest, type TelegramBotUnderTest } from '../support/telegram-bot-under-test.ts';
import { waitFor } from '../support/wait-for.ts';
import { expectEveryEventOnce, waitUntilDrained } from './support/exactly-once.ts';
import { faultFigures, printFigures } from './support/figures.ts';
import { sleep, startSteadyLoad } from './support/steady-load.ts';
import { startWorkerProcesses, stopAllWorkerProcesses } from './support/worker-processes.ts';

let t: TelegramBotUnderTest | undefined;

afterEach(async () => {
  await stopAllWorkerProcesses();
  await t?.close();
  t = undefined;
});

describe('Telegram redelivering updates under a steady load', () => {
  it('credits every group message once, through duplicates and a dropped poll', async () => {
    // The real bot (telegraf, long polling) against the emulator; the sync workers in processes.
    t = await openTelegramBotUnderTest();
    const { tandem, emulator } = t;
    const control = emulator.control;
    const botId = emulator.defaultBot.id;
    const workers = await startWorkerProcesses(2, {
      databaseUrl: tandem.database.url,
      redisUrl: testRedisUrl,
      prefix: tandem.prefix,
      platforms: { telegram: { token: emulator.defaultBot.token, apiRoot: emulator.url }, discord: null },
      relayEveryMs: 1000,
      outboxStaleAfterMs: 2000,
    });

    // A community group where the bot, an admin, sees every message. Each member says one thing:
    // every message earns XP (no cooldown in the way) under a key naming the message.
    const perSecond = 20;
    // Enough members for a run that a busy machine stretches to 20 s.
    const users = Array.from({ length: perSecond * 20 }, (_, i) =>
      control.createUser({ firstName: `M${i}` }),
    );
    const group = control.createGroup({ title: 'Guild', members: users.map((u) => u.id), admins: [botId] });
    const sent: Array<{ messageId: number; updateId: number; at: number }> = [];
    const load = startSteadyLoad({
      perSecond,
      submit: async (i) => {
        if (!users[i]) throw new Error(`the load ran past its ${users.length} members`);
        const posted = control.sendMessage({
          from: users[i]!.id,
          chatId: group.id,
          text: `good game, round ${i}`,
        });
        const updateId = posted.updates.find((u) => u.botId === botId)?.update.update_id ?? 0;
        sent.push({ messageId: posted.message.message_id, updateId, at: Date.now() });
      },
    });

    await sleep(2500);
    // The next 40 updates each arrive twice, and the bot's poll is cut off: its parked connection
    // dropped (or, when the bot is too busy to park, its next getUpdates answered 502). Either way
    // telegraf waits 5 s before it polls again, then gets what arrived meanwhile in batches.
    const faultSeq = control.lastSeq;
    control.duplicateNextUpdates({ count: 40 });
    const cut = await cutThePoll();
    const cutSeq = control.lastSeq;
    // Back: the first batch handed to the bot after the cut.
    await control.waitFor({ types: ['updates.delivered'], botId, since: cutSeq, timeoutMs: 15_000 });
    const faultEndedAt = Date.now();
    await sleep(2500);
    const report = await load.stop();

    // Every message reached the bot and was credited; then nothing is left to do.
    const credited = async () => {
      const { rows } = await tandem.db.pool.query<{ message_id: string; key: string }>(
        `SELECT metadata->>'messageId' AS message_id, idempotency_key AS key FROM ledger_entries
          WHERE reason = 'message' AND metadata->>'channelId' = $1`,
        [String(group.id)],
      );
      return rows;
    };
    await waitFor(
      async () => (await credited()).length >= report.submitted,
      'every message credited',
      20_000,
    ).catch(async (error) => {
      throw new Error(`${(error as Error).message}: ${JSON.stringify(await uncredited())}`);
    });
    await t.idle();
    await waitUntilDrained(tandem);

    const rows = await credited();
    const perMessage = new Map<string, number>();
    for (const row of rows) perMessage.set(row.message_id, (perMessage.get(row.message_id) ?? 0) + 1);
    expect(sent).toHaveLength(report.submitted);
    expect(
      sent.filter((m) => perMessage.get(String(m.messageId)) !== 1).map((m) => m.messageId),
      'messages not credited exactly once',
    ).toEqual([]);
    expect(rows).toHaveLength(report.submitted);
    // One player per member, however often their first update arrived.
    const identities = await tandem.db.pool.query<{ n: number; players: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT player_id)::int AS players FROM identities WHERE platform = 'telegram'`,
    );
    expect(identities.rows[0]).toEqual({ n: report.submitted, players: report.submitted });
    await expectEveryEventOnce(tandem, {
      keys: rows.map((row) => row.key),
      reason: 'message',
    });

    // The copies really went out: update ids handed to the bot more than once.
    const delivered = control
      .log({ types: ['updates.delivered'], botId, since: faultSeq })
      .flatMap((event) => (event.type === 'updates.delivered' ? event.updateIds : []));
    const redelivered = delivered.length - new Set(delivered).size;
    expect(redelivered).toBeGreaterThanOrEqual(40);
    expect(workers.map((worker) => worker.alive())).toEqual([true, true]);

    const sentBeforeEnd = new Set(sent.filter((m) => m.at <= faultEndedAt).map((m) => String(m.messageId)));
    const figures = await faultFigures(tandem, {
      faultEndedAt,
      keys: rows.filter((row) => sentBeforeEnd.has(row.message_id)).map((row) => row.key),
    });
    printFigures('telegram-redelivery', figures, { messages: report.submitted, redelivered, cut });

    /** The first messages without a ledger row: was their update delivered, and what does its claim say? */
    async function uncredited() {
      const done = new Set((await credited()).map((row) => row.message_id));
      const delivered = new Set(
        control
          .log({ types: ['updates.delivered'], botId })
          .flatMap((event) => (event.type === 'updates.delivered' ? event.updateIds : [])),
      );
      const missing = sent.filter((m) => !done.has(String(m.messageId)));
      return {
        missing: missing.length,
        pendingAtEmulator: control.bot(botId).pendingUpdates,
        first: await Promise.all(
          missing.slice(0, 5).map(async (m) => ({
            ...m,
            delivered: delivered.has(m.updateId),
            claim: await tandem.redis.get(`${tandem.prefix}:telegram:update:${botId}:${m.updateId}`),
          })),
        ),
      };
    }

    async function cutThePoll(): Promise<'dropped-poll' | 'getUpdates-502'> {
      const deadline = Date.now() + 1000;
      while (Date.now() < deadline) {
        if (control.dropPolls().dropped.includes(botId)) return 'dropped-poll';
        await sleep(10);
      }
      control.failNextCalls({ count: 1, method: 'getUpdates', status: 502 });
      return 'getUpdates-502';
    }
  });
});
