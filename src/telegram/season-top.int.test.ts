import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTelegramBotUnderTest,
  type TelegramBotUnderTest,
} from '../../test/support/telegram-bot-under-test.ts';

let t: TelegramBotUnderTest;

beforeAll(async () => {
  t = await openTelegramBotUnderTest();
});

afterAll(async () => {
  await t?.close();
});

describe('/top season on Telegram', () => {
  it("says no season runs, then shows the running season's XP, not lifetime XP", async () => {
    const vera = t.newUser('Vera');
    expect((await vera.command('top', 'season')).text).toBe(
      'No season is running now. /top shows the all-time leaders.',
    );

    const rich = t.newUser('Rich');
    await rich.command('profile');
    const richId = await rich.playerId();
    await t.tandem.engine.record({
      key: 'test-season-top-rich',
      playerId: richId,
      type: 'xp_change',
      source: 'telegram',
      xpDelta: 5000,
      reason: 'message',
    });
    await t.tandem.db.prisma.season.create({
      data: { name: 'Snow week', startsAt: new Date(), endsAt: new Date('2099-03-01T18:00:00Z') },
    });
    expect((await vera.command('top', 'season')).text).toBe(
      'Nobody has earned XP in Snow week yet: it runs until 2099-03-01 18:00 UTC. Be the first!',
    );

    await vera.command('profile');
    await t.tandem.engine.record({
      key: 'test-season-top-vera',
      playerId: await vera.playerId(),
      type: 'xp_change',
      source: 'telegram',
      xpDelta: 40,
      reason: 'message',
    });
    expect((await vera.command('top', 'season')).text).toBe(
      '🏁 Snow week: XP gained this season\n🥇 Vera: 40 XP\nIt ends 2099-03-01 18:00 UTC.',
    );
    expect((await vera.command('top')).text).toContain('🥇 Rich: 5,000 XP');
  });
});
