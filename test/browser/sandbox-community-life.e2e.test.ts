import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveLeaderboardSettings } from '../../src/leaderboard/save-leaderboard-settings.ts';
import { type NpmStartSandbox, openNpmStartSandbox } from '../support/npm-start-sandbox.ts';
import { uiTimeoutMs } from '../support/panel-page.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * `npm start` with nothing configured, from an empty database: the community's visible side is
 * there to try at once (announcements in #general and the demo group, the public board, a running
 * season), nobody who only added the bot is a player, and the sandbox page's Discord pane bans and
 * brings back the member it plays, so the leaderboard's ban policy can be seen at work.
 */

let sandbox: NpmStartSandbox;
/** The admin API's address, as `npm start` printed it: the public leaderboard is read there. */
let apiBase: string;

beforeAll(async () => {
  sandbox = await openNpmStartSandbox('sandbox-life');
  const admin = /Admin\s+(http:\/\/localhost:\d+)\/admin\//.exec(sandbox.tandem.output());
  if (!admin) throw new Error(`no admin address in:\n${sandbox.tandem.output()}`);
  apiBase = admin[1]!.replace('localhost', '127.0.0.1');
}, 120_000);

afterAll(() => sandbox?.close());

async function board(): Promise<string[]> {
  const response = await fetch(`${apiBase}/api/public/leaderboard?perPage=50`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { rows: Array<{ displayName: string }> };
  return body.rows.map((row) => row.displayName);
}

async function guildWorld() {
  const state = (await sandbox.discord.state()) as {
    guilds: Array<{ id: string; channels: Array<{ id: string; name: string }> }>;
    users: Array<{ id: string; username: string }>;
  };
  const guild = state.guilds[0]!;
  const userId = (name: string) => state.users.find((user) => user.username === name)!.id;
  return { guild, general: guild.channels.find((c) => c.name === 'general')!.id, userId };
}

describe('the sandbox from a clean start', () => {
  it('runs with announcements in #general and the demo group, the public board and a season', async () => {
    const { pool, services, telegram, discord } = sandbox;
    // The demo players, on the public board the first start opened.
    expect(await board()).toEqual(['Mira', 'Jonas', 'Priya']);
    const world = await telegram.world();
    const ana = world.users.find((user) => user.first_name === 'Ana')!;
    const botId = world.bots[0]!.id;
    const group = world.groups.find((g) => g.title === 'Tandem Community')!;

    // Ana added the bot to the group, and that made her no player.
    const anaPlayer = async () =>
      (
        await pool.query<{ player_id: string }>(
          `SELECT player_id FROM identities WHERE platform = 'telegram' AND platform_user_id = $1`,
          [String(ana.id)],
        )
      ).rows[0]?.player_id;
    expect(await anaPlayer()).toBeUndefined();

    await telegram.sendCommand({ from: ana.id, command: 'top', args: 'season' });
    await waitFor(
      async () =>
        (await telegram.messages(ana.id, { bot: botId })).some(
          (m) => m.sender.kind === 'bot' && /Sandbox week/.test(m.text ?? '') && /Mira/.test(m.text ?? ''),
        ),
      'the season board answering /top season',
      30_000,
    );
    const playerId = await anaPlayer();
    expect(playerId).toEqual(expect.any(String));

    // Admin grants make her a Newcomer, then a Rookie: the rank-up is announced where the first
    // start chose (a first rank is not a rank-up).
    const grant = (n: number, xp: number) =>
      services.engine.record({
        key: `admin-grant-sandbox-life-${n}-${playerId}`,
        playerId: playerId!,
        type: 'xp_change',
        source: 'admin',
        xpDelta: xp,
        reason: 'grant',
      });
    await grant(1, 100);
    await waitFor(
      async () =>
        (
          await pool.query(
            `SELECT 1 FROM sync_events WHERE player_id = $1 AND type = 'rank_change' AND status = 'completed'`,
            [playerId],
          )
        ).rowCount === 1,
      'her first rank recorded',
      30_000,
    );
    await grant(2, 500);
    const { general } = await guildWorld();
    await waitFor(
      async () => (await discord.messages(general)).some((m) => /reached Rookie/.test(String(m.content))),
      'the rank-up announced in #general',
      30_000,
    );
    await waitFor(
      async () =>
        (await telegram.messages(group.id)).some(
          (m) => m.sender.kind === 'bot' && /reached Rookie/.test(m.text ?? ''),
        ),
      'the rank-up announced in the demo group',
      30_000,
    );
  });

  it('bans, unbans and brings back the Discord member the page plays: hidden from the board while banned', async () => {
    const { pool, discord, browser, sandboxUrl } = sandbox;
    await saveLeaderboardSettings(
      { db: { pool }, changes: { publish: async () => {} } },
      { value: { public: true, onBan: 'hide' } },
    );
    const { guild, general, userId } = await guildWorld();
    const bob = userId('bob');
    // Bob plays: he writes in #general and earns his first XP.
    await discord.sendMessage(general, { authorId: bob, content: 'good game everyone, see you tonight' });
    await waitFor(async () => (await board()).includes('bob'), 'bob on the board', 30_000);

    const page: Page = await browser.newPage();
    await page.goto(sandboxUrl);
    const pane = page.locator('#discord');
    await expect
      .poll(() => pane.locator('.stream-status').getAttribute('data-status'), { timeout: uiTimeoutMs })
      .toBe('live');
    await pane.locator('#dc-member').selectOption(bob);
    const button = (change: string) => pane.locator(`.membership [data-membership="${change}"]`);

    await button('ban').click();
    await expect
      .poll(() => pane.locator('.membership').textContent(), { timeout: uiTimeoutMs })
      .toContain('Banned');
    await expect
      .poll(async () => (await pane.locator('#dc-member option:checked').textContent()) ?? '')
      .toContain('banned');
    expect(await pane.locator('.composer-input').isDisabled()).toBe(true);
    expect((await discord.guild(guild.id)).bans).toEqual([{ userId: bob, reason: 'banned in the sandbox' }]);
    await waitFor(async () => !(await board()).includes('bob'), 'bob hidden while banned', 30_000);

    await button('unban').click();
    await expect
      .poll(() => pane.locator('.membership').textContent(), { timeout: uiTimeoutMs })
      .toContain('Not in the server');
    await button('rejoin').click();
    await expect.poll(() => button('leave').count(), { timeout: uiTimeoutMs }).toBe(1);
    expect(await pane.locator('.composer-input').isDisabled()).toBe(false);
    await waitFor(
      async () => (await board()).includes('bob'),
      'bob back on the board after rejoining',
      30_000,
    );

    // Leaving keeps him on the board: the community's leave policy is `keep`.
    await button('leave').click();
    await expect.poll(() => button('rejoin').count(), { timeout: uiTimeoutMs }).toBe(1);
    await waitFor(
      async () =>
        (await pool.query(`SELECT departure FROM players WHERE display_name = 'bob'`)).rows[0]?.departure ===
        'left',
      "bob's departure recorded",
      30_000,
    );
    expect(await board()).toContain('bob');
    await page.close();
  });
});
