import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotWorld, openBotWorld } from '../support/bot-world.ts';
import { waitFor } from '../support/wait-for.ts';

describe('a boost event through the bots (real bots and workers against the emulators)', () => {
  let world: BotWorld;
  let boostId: number;

  beforeAll(async () => {
    world = await openBotWorld();
    const { rows } = await world.tandem.db.pool.query<{ id: number }>(
      `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
       VALUES ('Double weekend', now() - interval '1 hour', now() + interval '1 day', 2,
               ARRAY['message', 'daily']) RETURNING id`,
    );
    boostId = rows[0]!.id;
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('doubles the daily bonus on Telegram and /profile shows the boost on both bots', async () => {
    const ana = world.telegramUser(0);
    expect(await ana.command('daily')).toMatch(/\+200 XP/);
    expect(await ana.command('profile')).toMatch(/🚀 Boost: Double weekend ×2 until/);
    expect(await world.discordMember('bob').command('profile')).toMatch(/🚀 Boost: Double weekend ×2 until/);
  });

  it('doubles message XP in Discord and the ledger row names the boost', async () => {
    const bob = world.discordMember('bob');
    await bob.say('hello everyone, good weekend');
    const playerId = await bob.playerId();
    const factorsOf = async () =>
      (
        await world.tandem.db.pool.query<{ xp_delta: number; metadata: { factors?: unknown } }>(
          `SELECT xp_delta, metadata FROM ledger_entries WHERE player_id = $1 AND reason = 'message'`,
          [playerId],
        )
      ).rows;
    await waitFor(async () => (await factorsOf()).length === 1, 'the message XP');
    const [row] = await factorsOf();
    expect(row!.xp_delta).toBeGreaterThanOrEqual(30);
    expect(row!.metadata.factors).toEqual([{ name: `boost:${boostId}:Double weekend`, value: 2 }]);
  });
});
