import { beforeAll, describe, expect, it } from 'vitest';
import { signInitData } from '../../src/mini-app/init-data.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * A player opens the Telegram Mini App as Telegram opens it: /app/ with the signed init data in the
 * fragment. They see their profile, the boards (all time, the running season, a past one) and the
 * tasks in their app's language, and send proof for a task; init data signed by another bot gets
 * them a clear refusal instead.
 */

const botToken = '424242:browser-mini-app-token';
let world: BrowserWorld;
let taskId: number;
let runningSeason: number;
let pastSeason: number;
beforeAll(async () => {
  world = await openBrowserWorld({ telegramBotToken: botToken });
  await world.addPlayer({ name: 'leader lea', xp: 900 });
  const shy = await world.addPlayer({ name: 'shy sam', xp: 5000 });
  await world.tandem.db.pool.query('UPDATE players SET board_hidden = true WHERE id = $1', [shy]);
  const hour = 3600_000;
  const season = async (name: string, startsAt: number, endsAt: number) =>
    (
      await world.tandem.db.prisma.season.create({
        data: { name, winners: 1, startsAt: new Date(startsAt), endsAt: new Date(endsAt) } as never,
      })
    ).id;
  // The community's public board stays off: the Mini App's boards are for its signed-in players.
  runningSeason = await season('Зимняя неделя', Date.now() - hour, Date.now() + 24 * hour);
  pastSeason = await season('Осень', Date.now() - 30 * 24 * hour, Date.now() - 20 * 24 * hour);
  const { rows } = await world.tandem.db.pool.query<{ id: number }>(
    `INSERT INTO tasks (title, description, reward_xp, reward_coins)
     VALUES ('Share a clip', 'Post a highlight in the group', 50, 10) RETURNING id`,
  );
  taskId = rows[0]!.id;
});
closeBrowserWorldAfterTests(() => world);

function appAddress(user: Record<string, unknown>, token = botToken): string {
  const initData = signInitData(
    { auth_date: String(Math.floor(Date.now() / 1000)), user: JSON.stringify(user) },
    token,
  );
  const fragment = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'web',
  });
  return `/app/#${fragment}`;
}

describe('the Telegram Mini App', () => {
  it('shows a player their profile, the board and the tasks, and takes proof', async () => {
    const page = await world.signedOutPage();
    await page.goto(
      appAddress({ id: 777001, first_name: 'Мария', username: 'masha_ru', language_code: 'ru' }),
    );
    await page.getByRole('heading', { name: 'masha_ru' }).waitFor();
    await page.getByRole('heading', { name: 'Таблица лидеров' }).waitFor();
    const board = await page.locator('#board-rows li').allTextContents();
    expect(board[0]).toContain('leader lea');
    expect(board.join('\n')).not.toContain('shy sam');
    // Its words in Russian, from the pages locale file.
    await page.getByText('Серия дней').waitFor();
    await page.getByText('Следующий ранг').waitFor();

    // The running season's board, then a past one's: chosen in the list of boards.
    const choice = page.getByLabel('Таблица', { exact: true });
    expect(await choice.locator('option').allTextContents()).toEqual([
      'За всё время',
      'Зимняя неделя (идёт)',
      'Осень (завершён)',
    ]);
    await choice.selectOption(String(runningSeason));
    await page.getByText('Опыт за', { exact: false }).waitFor();
    await page.locator('#board-rows li', { hasText: 'leader lea' }).waitFor();
    const seasonBoard = await page.locator('#board-rows li').allTextContents();
    expect(seasonBoard[0]).toMatch(/^1\. leader lea · 900 XP$/);
    expect(seasonBoard.join('\n')).not.toContain('shy sam');
    await world.screenshot(page, 'mini-app-season');
    await choice.selectOption(String(pastSeason));
    await page.getByText('В таблице пока никого нет.').waitFor();
    await choice.selectOption('');
    await page.locator('#board-rows li', { hasText: 'leader lea' }).waitFor();
    expect(await page.locator('#board-window').isHidden()).toBe(true);
    await page.getByRole('heading', { name: 'Задания' }).waitFor();
    const task = page.locator(`li[data-task-id="${taskId}"]`);
    await task.getByText('Share a clip', { exact: false }).waitFor();
    await task.getByText('Награда: 50 XP, 10 монет').waitFor();
    await world.screenshot(page, 'mini-app');

    await task.getByRole('button', { name: 'Отправить' }).click();
    await task.locator('.result.error').waitFor();
    await task.getByLabel('Подтверждение', { exact: false }).fill('https://clips.example/1');
    await task.getByRole('button', { name: 'Отправить' }).click();
    await task.getByText('Отправлено', { exact: false }).waitFor();
    const stored = await world.tandem.db.pool.query(
      `SELECT s.proof, s.status FROM task_submissions s
         JOIN identities i ON i.player_id = s.player_id AND i.platform = 'telegram'
        WHERE i.platform_user_id = '777001' AND s.task_id = $1`,
      [taskId],
    );
    expect(stored.rows).toEqual([{ proof: 'https://clips.example/1', status: 'pending' }]);

    // Opened again, the task waits for review.
    await page.goto('/admin/');
    await page.goto(
      appAddress({ id: 777001, first_name: 'Мария', username: 'masha_ru', language_code: 'ru' }),
    );
    await page.locator(`li[data-task-id="${taskId}"]`).getByText('Ждёт проверки').waitFor();
    expect(world.pageErrors).toEqual([]);
  });

  it('speaks English to an English app and refuses init data another bot signed', async () => {
    await world.tandem.db.pool.query(
      `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
       VALUES ('Launch weekend', now() - interval '1 hour', '2099-01-02T03:04:00Z', 2, ARRAY['message'])`,
    );
    const page = await world.signedOutPage();
    await page.goto(appAddress({ id: 777002, first_name: 'Ann', language_code: 'en' }));
    await page.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    // A running boost, as /profile names it.
    await page.getByText('Launch weekend ×2 until 2099-01-02 03:04 UTC').waitFor();
    await page.getByText('Send proof').first().waitFor();
    await page.getByText('Reward: 50 XP, 10 coins').waitFor();
    expect(await page.getByLabel('Board', { exact: true }).locator('option').allTextContents()).toEqual([
      'All time',
      'Зимняя неделя (now)',
      'Осень (ended)',
    ]);

    await page.goto('/admin/');
    await page.goto(appAddress({ id: 777003, first_name: 'Eve', language_code: 'en' }, '1:another-bot'));
    await page
      .getByText('Could not load: The Mini App init data is not signed by this bot', { exact: false })
      .waitFor();
    expect(await page.locator('#profile').isHidden()).toBe(true);

    await page.goto('/admin/');
    await page.goto('/app/');
    await page.getByText('Open this app from the Telegram bot', { exact: false }).waitFor();
    expect(world.pageErrors).toEqual([]);
  });
});
