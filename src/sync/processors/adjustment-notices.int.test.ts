import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../../test/support/services.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { adjustPlayer } from '../../players/adjust-player.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

async function noticesSent(): Promise<void> {
  await tandem.settle();
  await waitFor(async () => {
    const counts = await tandem.queues.notifications.getJobCounts('waiting', 'active', 'delayed');
    return Object.values(counts).every((n) => n === 0);
  }, 'no notice left to send');
}

describe("an admin's adjustment", () => {
  it('is one message per linked platform, with both amounts and the totals after both', async () => {
    const telegram = new FakeTelegram();
    const discord = new FakeDiscord();
    tandem = await openTestTandem({ ports: { telegram, discord } });
    const playerId = await tandem.createPlayer('Ada');
    await tandem.db.prisma.identity.createMany({
      data: [
        { playerId, platform: 'telegram', platformUserId: '31' },
        { playerId, platform: 'discord', platformUserId: '32' },
      ],
    });
    tandem.startWorkers();
    const adjust = (input: { xpDelta?: number; coinDelta?: number; requestId: string }) =>
      adjustPlayer(tandem, { playerId, note: 'Tournament prize', admin: 'alice', ...input });

    await adjust({ xpDelta: 120, coinDelta: 30, requestId: 'prize-1' });
    // The same click again changes nothing and tells nothing.
    await adjust({ xpDelta: 120, coinDelta: 30, requestId: 'prize-1' });
    await noticesSent();
    const prize = '🎁 An admin gave you +120 XP and +30 coins. You now have 120 XP and 30 coins.';
    expect(telegram.messages).toEqual([{ userId: '31', text: prize }]);
    expect(discord.messages).toEqual([{ userId: '32', text: prize }]);

    await adjust({ xpDelta: -20, coinDelta: 5, requestId: 'fix-1' });
    await adjust({ coinDelta: -1, requestId: 'fix-2' });
    await noticesSent();
    // Each says the totals it left, whichever is sent first.
    expect(
      telegram.messages
        .slice(1)
        .map((m) => m.text)
        .sort(),
    ).toEqual([
      'An admin took 1 coin. You now have 100 XP and 34 coins.',
      'An admin took 20 XP and gave you +5 coins. You now have 100 XP and 35 coins.',
    ]);
    expect(discord.messages).toHaveLength(3);
  });
});
