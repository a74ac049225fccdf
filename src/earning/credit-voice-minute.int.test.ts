import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { creditVoiceMinute } from './credit-voice-minute.ts';

let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem();
  await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('economy', $1)`, [
    JSON.stringify({ roleMultipliers: { booster: 2, afk: 0 } }),
  ]);
});
afterAll(async () => {
  await tandem?.stop();
});

async function voiceRows(playerId: string) {
  const { rows } = await tandem.db.pool.query(
    `SELECT idempotency_key, xp_delta FROM ledger_entries WHERE player_id = $1 AND reason = 'voice_minute' ORDER BY id`,
    [playerId],
  );
  return rows;
}

describe('voice minutes', () => {
  it('credits a minute once, whether the tick fires twice, late or at the same instant', async () => {
    const playerId = await tandem.createPlayer();
    const minute = new Date('2026-11-22T10:15:03Z');
    const ticks = await Promise.all(
      Array.from({ length: 10 }, () => creditVoiceMinute(tandem, { playerId, minute, roleIds: [] })),
    );
    expect(ticks.filter((t) => t.credited)).toEqual([{ credited: true, xp: 10 }]);
    // Later in the same minute, and with a new role: still that minute.
    const late = new Date('2026-11-22T10:15:59Z');
    expect(await creditVoiceMinute(tandem, { playerId, minute: late, roleIds: ['booster'] })).toEqual({
      credited: false,
      xp: 0,
    });
    expect(
      await creditVoiceMinute(tandem, {
        playerId,
        minute: new Date('2026-11-22T10:16:00Z'),
        roleIds: ['booster'],
      }),
    ).toEqual({ credited: true, xp: 20 });
    expect(await voiceRows(playerId)).toEqual([
      { idempotency_key: `dc-voice-202611221015-${playerId}`, xp_delta: 10 },
      { idempotency_key: `dc-voice-202611221016-${playerId}`, xp_delta: 20 },
    ]);
    const player = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: playerId } });
    expect(player).toMatchObject({ xp: 30, voiceMinutes: 2 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('credits nothing for a role whose multiplier is 0', async () => {
    const playerId = await tandem.createPlayer();
    const minute = new Date('2026-11-22T10:15:00Z');
    expect(await creditVoiceMinute(tandem, { playerId, minute, roleIds: ['afk'] })).toEqual({
      credited: false,
      xp: 0,
    });
    expect(await voiceRows(playerId)).toEqual([]);
  });
});
