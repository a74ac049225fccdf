import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { readAnnouncementSettings } from '../announcements/save-announcement-settings.ts';
import { publicBoardPage } from '../leaderboard/public-board.ts';
import {
  readLeaderboardSettings,
  saveLeaderboardSettings,
} from '../leaderboard/save-leaderboard-settings.ts';
import { currentSeasonTop } from '../seasons/current-season-top.ts';
import { deleteSeason } from '../seasons/manage-seasons.ts';
import { seedSandboxCommunityLife } from './seed-community-life.ts';
import { seedSandboxCommunity } from './seed-sandbox-community.ts';
import { type Sandbox, startSandbox } from './start-sandbox.ts';

let tandem: TestTandem;
let sandbox: Sandbox;

beforeAll(async () => {
  tandem = await openTestTandem();
  sandbox = await startSandbox({ sandboxPort: 0 });
});

afterAll(async () => {
  await sandbox?.stop();
  await tandem?.stop();
});

describe("the sandbox community's first start", () => {
  it("announces in the demo guild's #general and the demo group, shows a public board and runs a season", async () => {
    const { demo } = sandbox.emulators;
    await seedSandboxCommunity(tandem, demo);
    expect(await seedSandboxCommunityLife(tandem, demo)).toEqual({
      announcements: true,
      leaderboard: true,
      season: true,
    });

    const where = {
      discordChannelId: demo.discord.channels.general,
      telegramChatId: String(demo.telegram.group!.id),
      dm: true,
    };
    expect((await readAnnouncementSettings(tandem)).value).toMatchObject({
      rankUp: { ...where, fromRank: 1, everyRanks: 1 },
      achievement: { ...where, rewardsOnly: false },
    });
    const board = await publicBoardPage(tandem, {});
    expect(board.rows.map((row) => row.displayName)).toEqual(['Mira', 'Jonas', 'Priya']);

    // Running since the start of the day: the demo players' earnings are on its board.
    const season = await currentSeasonTop(tandem);
    expect(season?.name).toBe('Sandbox week');
    expect(season?.rows.map((row) => row.displayName)).toEqual(['Mira', 'Jonas', 'Priya']);
    const [stored] = await tandem.db.prisma.season.findMany();
    expect(stored).toMatchObject({ recurrence: 'weekly', winners: 3, closedAt: null });
    expect(stored!.endsAt.getTime() - stored!.startsAt.getTime()).toBe(7 * 86_400_000);
  });

  it('keeps what an admin changed since, and brings back no season they deleted', async () => {
    const { demo } = sandbox.emulators;
    const announcementsBefore = await readAnnouncementSettings(tandem);
    const { version } = await readLeaderboardSettings(tandem);
    await saveLeaderboardSettings(tandem, {
      value: { public: false, onBan: 'hide' },
      expectedVersion: version,
    });
    const [season] = await tandem.db.prisma.season.findMany();
    await deleteSeason(tandem, { id: season!.id, expectedVersion: season!.version });

    await seedSandboxCommunity(tandem, demo);
    expect(await seedSandboxCommunityLife(tandem, demo)).toEqual({
      announcements: false,
      leaderboard: false,
      season: false,
    });
    expect((await readLeaderboardSettings(tandem)).value).toEqual({
      public: false,
      onLeave: 'keep',
      onBan: 'hide',
    });
    expect(await readAnnouncementSettings(tandem)).toEqual(announcementsBefore);
    expect(await tandem.db.prisma.season.count()).toBe(0);
  });
});
