import { beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * A closed season's winners on the panel's Seasons list: a winner Discord would not give the
 * season's role to shows Discord's reason, so the admin knows what to do by hand.
 */

let world: BrowserWorld;

beforeAll(async () => {
  world = await openBrowserWorld();
});

closeBrowserWorldAfterTests(() => world);

describe('the Seasons list', () => {
  it("shows a closed season's winners and why a winner's role was not given", async () => {
    const { db } = world.tandem;
    const [first, second] = [
      await world.tandem.createPlayer('First'),
      await world.tandem.createPlayer('Second'),
    ];
    const season = await db.prisma.season.create({
      data: {
        name: 'Autumn Cup',
        startsAt: new Date('2026-11-01T00:00:00Z'),
        endsAt: new Date('2026-11-08T00:00:00Z'),
        closedAt: new Date('2026-11-08T00:01:00Z'),
        winners: 2,
        discordRoleId: '123456789',
      },
    });
    const refusal = 'discord refused: user 42 is not a member of server 7 (they left or were removed)';
    await db.prisma.seasonResult.createMany({
      data: [
        { seasonId: season.id, place: 1, playerId: first, xpGained: 300, roleGrantedAt: new Date() },
        {
          seasonId: season.id,
          place: 2,
          playerId: second,
          xpGained: 120,
          roleAttempts: 1,
          roleRefusedAt: new Date(),
          roleRefusal: refusal,
        },
      ],
    });

    const page = await world.signedInPage('/seasons');
    const row = page.getByRole('row').filter({ hasText: 'Autumn Cup' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('1. 300 XP');
    expect(await row.textContent()).toContain('2. 120 XP');
    expect(await row.getByText(`Discord role not given: ${refusal}`).count()).toBe(1);
  });
});
