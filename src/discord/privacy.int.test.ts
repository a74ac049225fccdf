import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordBotHarness, startDiscordBotHarness } from '../../test/support/discord-bot-harness.ts';
import { publicBoardPage } from '../leaderboard/public-board.ts';
import { saveLeaderboardSettings } from '../leaderboard/save-leaderboard-settings.ts';
import { topPlayers } from '../players/top-players.ts';

let harness: DiscordBotHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function onBoards(): Promise<string[]> {
  const { tandem } = harness!;
  const top = (await topPlayers(tandem)).map((r) => r.displayName);
  expect((await publicBoardPage(tandem, {})).rows.map((r) => r.displayName)).toEqual(top);
  return top;
}

describe('/privacy on Discord', () => {
  it('shows the choice privately, hides the player from every board and shows them again', async () => {
    const h = await startDiscordBotHarness();
    harness = h;
    const { world, tandem } = h;
    await saveLeaderboardSettings(tandem, { value: { public: true } });
    const ask = async (options?: Record<string, unknown>) => {
      const interaction = await h.runCommand(world.users.alice, 'privacy', options);
      expect(interaction.original?.flags ?? 0).toBeTruthy(); // ephemeral
      return interaction.original?.content ?? '';
    };

    expect(await ask()).toBe(
      "The leaderboards show you: /top and the community's public board. To change it, type /privacy and pick one.",
    );
    const alice = (await h.playerOf(world.users.alice))!;
    await tandem.db.pool.query('UPDATE players SET xp = 700 WHERE id = $1', [alice]);
    expect(await onBoards()).toEqual(['alice']);

    expect(await ask({ leaderboards: 'hide' })).toContain('Done: you are hidden from every leaderboard');
    expect(await onBoards()).toEqual([]);
    expect(await ask()).toContain('You are hidden from the leaderboards');
    expect(await ask({ leaderboards: 'show' })).toContain('the leaderboards show you again');
    expect(await onBoards()).toEqual(['alice']);
  });
});
