import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { awardMessageXp } from '../earning/award-message-xp.ts';
import { claimDaily } from '../earning/claim-daily.ts';
import { creditVoiceMinute } from '../earning/credit-voice-minute.ts';
import { loadProfile } from '../players/load-profile.ts';

let tandem: TestTandem;
let boostId: number;
const start = new Date('2026-12-12T00:00:00Z');
const end = new Date('2026-12-14T00:00:00Z');

beforeAll(async () => {
  tandem = await openTestTandem();
  await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('economy', $1)`, [
    JSON.stringify({ channelMultipliers: { lounge: 1.5 } }),
  ]);
  const { rows } = await tandem.db.pool.query(
    `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
     VALUES ('Double weekend', $1, $2, 2, ARRAY['message', 'voice']) RETURNING id`,
    [start, end],
  );
  boostId = rows[0].id;
});
afterAll(async () => {
  await tandem?.stop();
});

async function send(playerId: string, messageId: string, now: Date, channelId = 'general') {
  return awardMessageXp(tandem, {
    playerId,
    platform: 'discord',
    messageId,
    channelId,
    length: 20,
    now,
    random: () => 0,
  });
}

async function metadataOf(playerId: string) {
  const { rows } = await tandem.db.pool.query(
    'SELECT xp_delta AS "xpDelta", metadata FROM ledger_entries WHERE player_id = $1 ORDER BY id',
    [playerId],
  );
  return rows;
}

describe('a boost event', () => {
  it('doubles a message inside its window and the ledger row names it', async () => {
    const playerId = await tandem.createPlayer();
    expect(await send(playerId, '1', start)).toMatchObject({ awarded: true, xp: 30 });
    const [row] = await metadataOf(playerId);
    expect(row.metadata.factors).toEqual([{ name: `boost:${boostId}:Double weekend`, value: 2 }]);
  });

  it('leaves messages before the start and at the (exclusive) end alone', async () => {
    const before = await tandem.createPlayer();
    expect(await send(before, '2', new Date(start.getTime() - 1))).toMatchObject({ xp: 15 });
    const atEnd = await tandem.createPlayer();
    expect(await send(atEnd, '3', end)).toMatchObject({ xp: 15 });
    for (const playerId of [before, atEnd]) {
      const [row] = await metadataOf(playerId);
      expect(row.metadata.factors).toBeUndefined();
    }
  });

  it('combines with the channel multiplier and names both', async () => {
    const playerId = await tandem.createPlayer();
    expect(await send(playerId, '4', new Date(start.getTime() + 60_000), 'lounge')).toMatchObject({ xp: 45 });
    const [row] = await metadataOf(playerId);
    expect(row.metadata.factors).toEqual([
      { name: 'channel', value: 1.5 },
      { name: `boost:${boostId}:Double weekend`, value: 2 },
    ]);
  });

  it('applies to a voice minute in its window', async () => {
    const playerId = await tandem.createPlayer();
    expect(await creditVoiceMinute(tandem, { playerId, minute: new Date(start.getTime() + 30_000) })).toEqual(
      {
        credited: true,
        xp: 20,
      },
    );
    const [row] = await metadataOf(playerId);
    expect(row.metadata.factors).toEqual([{ name: `boost:${boostId}:Double weekend`, value: 2 }]);
  });
});

describe('the profile during a boost', () => {
  it('lists the boosts in force now and none that are not', async () => {
    const playerId = await tandem.createPlayer();
    expect((await loadProfile(tandem, playerId)).activeBoosts).toBeUndefined();
    await tandem.db.pool.query(
      `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
       VALUES ('Now', now() - interval '1 hour', now() + interval '1 hour', 1.5, ARRAY['voice'])`,
    );
    expect((await loadProfile(tandem, playerId)).activeBoosts).toEqual([
      { name: 'Now', factor: 1.5, endsAt: expect.any(Date) },
    ]);
  });
});

describe('a daily boost', () => {
  it('multiplies the daily XP (not its coins) inside its window and names itself on the row', async () => {
    const dailyStart = new Date('2026-12-20T00:00:00Z');
    const { rows } = await tandem.db.pool.query(
      `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
       VALUES ('Daily x3', $1, $1::timestamptz + interval '1 day', 3, ARRAY['daily']) RETURNING id`,
      [dailyStart],
    );
    const inside = await tandem.createPlayer();
    expect(
      await claimDaily(tandem, {
        playerId: inside,
        source: 'telegram',
        now: new Date('2026-12-20T12:00:00Z'),
      }),
    ).toMatchObject({ ok: true, xp: 300, coins: 50 });
    const [row] = await metadataOf(inside);
    expect(row.metadata.factors).toEqual([{ name: `boost:${rows[0].id}:Daily x3`, value: 3 }]);
    const outside = await tandem.createPlayer();
    expect(
      await claimDaily(tandem, {
        playerId: outside,
        source: 'telegram',
        now: new Date('2026-12-21T00:00:00Z'),
      }),
    ).toMatchObject({ ok: true, xp: 100 });
  });
});
