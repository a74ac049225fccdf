import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { announceBoostStarts, scheduleBoostStart } from '../sync/maintenance/boost-starts.ts';

/** The ports record what they post in community channels. */
class PostingDiscord extends FakeDiscord {
  posts: Array<{ channelId: string; text: string }> = [];
  async postToChannel(channelId: string, text: string) {
    this.posts.push({ channelId, text });
  }
}
class PostingTelegram extends FakeTelegram {
  posts: Array<{ chatId: string; text: string }> = [];
  async postToChat(chatId: string, text: string) {
    this.posts.push({ chatId, text });
  }
}

const discord = new PostingDiscord();
const telegram = new PostingTelegram();
let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem({ ports: { discord, telegram } });
  await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('announcements', $1)`, [
    JSON.stringify({ rankUp: { discordChannelId: '555', telegramChatId: '-1001' } }),
  ]);
});
afterAll(async () => {
  await tandem?.stop();
});

async function insertBoost(name: string, startsAt: Date, endsAt: Date) {
  const { rows } = await tandem.db.pool.query(
    `INSERT INTO boosts (name, starts_at, ends_at, factor, sources) VALUES ($1, $2, $3, 2, ARRAY['message'])
     RETURNING id, starts_at AS "startsAt", ends_at AS "endsAt", active`,
    [name, startsAt, endsAt],
  );
  return rows[0] as { id: number; startsAt: Date; endsAt: Date; active: boolean };
}

describe("a boost's start", () => {
  it('is announced once in both announcement channels, at its start, across ticks and a restart', async () => {
    const startsAt = new Date(Date.now() + 1500);
    const boost = await insertBoost('Double weekend', startsAt, new Date(startsAt.getTime() + 3_600_000));
    await scheduleBoostStart(tandem.queues, boost);
    await scheduleBoostStart(tandem.queues, boost); // saved twice: one job
    const workers = tandem.startWorkers();
    await waitFor(
      async () => discord.posts.length === 1 && telegram.posts.length === 1,
      'the start announcements',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt.getTime());
    expect(discord.posts[0]).toMatchObject({ channelId: '555' });
    expect(discord.posts[0]?.text).toContain('Double weekend');
    expect(telegram.posts[0]).toMatchObject({ chatId: '-1001' });

    // Two more ticks, a restart of the workers and a re-save: nothing more is posted.
    expect(await announceBoostStarts(tandem)).toBe(0);
    expect(await announceBoostStarts(tandem)).toBe(0);
    await workers.close();
    tandem.startWorkers();
    await scheduleBoostStart(tandem.queues, boost);
    await tandem.queues.maintenance.add('boost-start', { task: 'boost-start' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await tandem.settle();
    expect(discord.posts).toHaveLength(1);
    expect(telegram.posts).toHaveLength(1);
  });

  it('is announced again when an admin moves it to a new start', async () => {
    const boost = await insertBoost('Moved', new Date(Date.now() - 1000), new Date(Date.now() + 3_600_000));
    expect(await announceBoostStarts(tandem)).toBe(1);
    const moved = new Date(Date.now() - 500);
    await tandem.db.pool.query('UPDATE boosts SET starts_at = $2 WHERE id = $1', [boost.id, moved]);
    expect(await announceBoostStarts(tandem)).toBe(1);
    expect(await announceBoostStarts(tandem)).toBe(0);
  });

  it('is not announced when it is already over', async () => {
    await insertBoost('Past', new Date(Date.now() - 7200_000), new Date(Date.now() - 3600_000));
    expect(await announceBoostStarts(tandem)).toBe(0);
  });
});
