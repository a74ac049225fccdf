import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { type AwardMessageXpInput, awardMessageXp } from './award-message-xp.ts';

let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem();
  await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('economy', $1)`, [
    JSON.stringify({ message: { noXpChannelIds: ['bots'], noXpRoleIds: ['muted'] } }),
  ]);
});
afterAll(async () => {
  await tandem?.stop();
});

const t0 = new Date('2026-11-22T10:00:00Z');
const seconds = (s: number) => new Date(t0.getTime() + s * 1000);
/** The lowest draw: 15 XP with the default 15-25. */
const lowest = () => 0;

function message(playerId: string, messageId: string, now: Date, extra: Partial<AwardMessageXpInput> = {}) {
  return awardMessageXp(tandem, {
    playerId,
    platform: 'discord',
    messageId,
    channelId: 'general',
    roleIds: [],
    length: 20,
    now,
    random: lowest,
    ...extra,
  });
}

async function messageRows(playerId: string) {
  const { rows } = await tandem.db.pool.query(
    `SELECT idempotency_key FROM ledger_entries WHERE player_id = $1 AND reason = 'message' ORDER BY id`,
    [playerId],
  );
  return rows.map((r) => r.idempotency_key);
}

async function cooldownOf(playerId: string) {
  return (await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } })).lastMessageXpAt;
}

describe('message XP', () => {
  it('credits exactly one of 20 concurrent messages within the cooldown', async () => {
    const playerId = await tandem.createPlayer();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => message(playerId, `9000${i}`, seconds(i / 10))),
    );
    const awarded = results.filter((r) => r.awarded);
    expect(awarded).toHaveLength(1);
    expect(awarded[0]).toMatchObject({ xp: 15, totals: { xp: 15, balance: 0 } });
    expect(results.filter((r) => !r.awarded)).toEqual(Array(19).fill({ awarded: false, reason: 'cooldown' }));
    expect(await messageRows(playerId)).toHaveLength(1);
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player).toMatchObject({ xp: 15, messages: 1 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('earns again once the cooldown has passed', async () => {
    const playerId = await tandem.createPlayer();
    expect(await message(playerId, '100', t0)).toMatchObject({ awarded: true });
    expect(await message(playerId, '101', seconds(59))).toEqual({ awarded: false, reason: 'cooldown' });
    expect(await message(playerId, '102', seconds(60))).toMatchObject({ awarded: true, totals: { xp: 30 } });
    expect(await messageRows(playerId)).toEqual([`dc-msg-100-${playerId}`, `dc-msg-102-${playerId}`]);
  });

  it('credits a replayed message nothing and leaves the cooldown where it was', async () => {
    const playerId = await tandem.createPlayer();
    await message(playerId, '200', t0);
    await message(playerId, '201', seconds(61));
    // A gateway resume delivers message 200 again, long after: a different draw, same message.
    expect(await message(playerId, '200', seconds(125), { random: () => 0.99 })).toEqual({
      awarded: false,
      reason: 'duplicate',
    });
    expect(await cooldownOf(playerId)).toEqual(seconds(61));
    // Had the replay moved the cooldown to 125 s, this message would be refused.
    expect(await message(playerId, '202', seconds(130))).toMatchObject({ awarded: true, totals: { xp: 45 } });
    // Delivered twice at once: one credit.
    const replays = await Promise.all([
      message(playerId, '203', seconds(200)),
      message(playerId, '203', seconds(200)),
    ]);
    expect(replays.filter((r) => r.awarded)).toHaveLength(1);
    expect(await messageRows(playerId)).toHaveLength(4);
  });

  it('earns nothing in a no-XP channel, with a no-XP role, or for a short message, and keeps the cooldown', async () => {
    const playerId = await tandem.createPlayer();
    expect(await message(playerId, '300', t0, { channelId: 'bots' })).toEqual({
      awarded: false,
      reason: 'no_xp_channel',
    });
    expect(await message(playerId, '301', t0, { roleIds: ['member', 'muted'] })).toEqual({
      awarded: false,
      reason: 'no_xp_role',
    });
    expect(await message(playerId, '302', t0, { length: 4 })).toEqual({
      awarded: false,
      reason: 'too_short',
    });
    expect(await cooldownOf(playerId)).toBeNull();
    expect(await messageRows(playerId)).toEqual([]);
    expect(await message(playerId, '303', t0)).toMatchObject({ awarded: true });
  });

  it('keys Telegram messages by chat, whose ids count per chat', async () => {
    const playerId = await tandem.createPlayer();
    const telegram = { platform: 'telegram' as const, channelId: '-1001234' };
    expect(await message(playerId, '7', t0, telegram)).toMatchObject({ awarded: true });
    expect(await message(playerId, '7', seconds(61), { ...telegram, channelId: '-1005678' })).toMatchObject({
      awarded: true,
    });
    expect(await messageRows(playerId)).toEqual([
      `tg-msg-n1001234.7-${playerId}`,
      `tg-msg-n1005678.7-${playerId}`,
    ]);
  });
});
