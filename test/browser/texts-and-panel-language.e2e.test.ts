import { beforeAll, describe, expect, it } from 'vitest';
import { createTexts } from '../../src/texts/texts.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { panelAdmin, shownText } from '../support/panel-page.ts';

/**
 * The panel speaks the admin's language and remembers it; an admin rewords a bot text with a live
 * preview that refuses what the bots could not send, saves it, and resets it to the shipped text.
 */

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
});
closeBrowserWorldAfterTests(() => world);

describe("the panel's language", () => {
  it('follows the browser, switches to Russian from the app bar and stays Russian after a reload', async () => {
    const page = await world.signedInPage('/');
    const menu = page.locator('.RaMenu-root, [class*="RaMenu"]').first();
    await menu.getByText('Players', { exact: true }).waitFor();
    await menu.getByText('Bot texts', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Русский' }).click();
    await menu.getByText('Игроки', { exact: true }).waitFor();
    await menu.getByText('Тексты ботов', { exact: true }).waitFor();
    await menu.getByText('Сообщество', { exact: true }).waitFor();

    await page.reload();
    await page.locator('[data-live-status="live"]').waitFor();
    await menu.getByText('Игроки', { exact: true }).waitFor();
    expect(await menu.getByText('Players', { exact: true }).count()).toBe(0);
    // react-admin's own labels are Russian too.
    await page.goto(`${world.url}/admin/#/texts`);
    await page.getByRole('columnheader', { name: 'Ключ' }).waitFor();
    await page
      .getByText('Добавить фильтр')
      .or(page.getByRole('button', { name: 'Добавить фильтр' }))
      .first()
      .waitFor();
    // A refused wording is explained in the panel's language too.
    await page.goto(`${world.url}/admin/#/texts/common.coins`);
    const template = page.getByTestId('template-ru');
    await template.waitFor();
    await template.fill('{coins, plural, one {# монета} other {# монет}}');
    await page.getByTestId('preview-problems').filter({ hasText: 'не хватает форм few, many' }).waitFor();
  });

  it("starts in the browser's language before the admin chooses one", async () => {
    const context = await world.browser.newContext({
      baseURL: world.url,
      locale: 'ru-RU',
      timezoneId: 'UTC',
    });
    try {
      const page = await context.newPage();
      await page.goto('/admin/');
      await page.getByRole('button', { name: 'Войти' }).waitFor();
      await page.getByText('Войдите, чтобы управлять экономикой сообщества').waitFor();
      await page.locator('input[name="username"]').fill(panelAdmin.username);
      await page.locator('input[name="password"]').fill(panelAdmin.password);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByText('Заявки на проверку').waitFor();
      await page.getByRole('button', { name: 'Русский' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('bot texts', () => {
  it('are reworded with a live preview, refused with the reason, saved, and reset to the shipped text', async () => {
    const page = await world.signedInPage('/texts');
    const row = page.locator('tbody tr').filter({ hasText: 'common.coins' });
    await row.waitFor();
    expect(await shownText(row)).toContain('{coins, plural, one {# coin} other {# coins}}');
    await row.click();

    const russian = page.getByTestId('editor-ru');
    const template = page.getByTestId('template-ru');
    await template.waitFor();
    await page.getByTestId('placeholders').getByText('{coins}').waitFor();
    expect(await shownText(page.getByTestId('placeholders'))).toContain('an amount of coins');

    await template.fill('{coins, plural, one {# монета} other {# монет}}');
    const problems = russian.getByTestId('preview-problems');
    await problems.filter({ hasText: 'lacks the forms few, many' }).waitFor();
    expect(await page.getByTestId('save-ru').isDisabled()).toBe(true);

    await template.fill(
      '{player}: {coins, plural, one {# монетка} few {# монетки} many {# монеток} other {# монетки}}',
    );
    await problems.filter({ hasText: '{player} is not a placeholder of this text' }).waitFor();

    await template.fill(
      '{coins, plural, one {# монетка} few {# монетки} many {# монеток} other {# монетки}}',
    );
    await russian
      .getByTestId('preview-text')
      .filter({ hasText: /1\s250 монеток/ })
      .waitFor();
    const examples = await shownText(russian.getByTestId('preview-examples'));
    expect(examples.split('\n')).toEqual(['1 монетка', '2 монетки', '5 монеток', '21 монетка']);

    await page.getByTestId('save-ru').click();
    await page.getByText('Saved: the bots use the new wording from their next message.').waitFor();
    await russian.getByText('edited', { exact: true }).waitFor();
    const saved = await world.tandem.db.prisma.textOverride.findUniqueOrThrow({
      where: { key_language: { key: 'common.coins', language: 'ru' } },
    });
    expect(saved).toMatchObject({ version: 1, template: expect.stringContaining('# монеток') });
    // What a bot process reading the texts now writes.
    const texts = createTexts({ db: world.tandem.db });
    expect(await texts.render('ru', { key: 'common.coins', params: { coins: 5 } })).toBe('5 монеток');

    await page.getByTestId('reset-ru').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Reset: the bots use the shipped wording again.').waitFor();
    expect(await world.tandem.db.prisma.textOverride.count()).toBe(0);
    await expect.poll(() => template.inputValue()).toContain('# монет} other');
    expect(await page.getByTestId('reset-ru').isDisabled()).toBe(true);
  });

  it('are read-only for operators: the wording and its preview, without Save or Reset', async () => {
    await world.api.createAdmin('olga', 'operator');
    const page = await world.signedInPage('/texts', 'olga');
    await page.locator('tbody tr').filter({ hasText: 'common.coins' }).click();
    await page.getByTestId('editor-ru').getByTestId('preview-examples').waitFor();
    expect(await page.getByTestId('template-ru').isDisabled()).toBe(true);
    expect(await page.getByTestId('save-ru').count()).toBe(0);
    expect(await page.getByTestId('reset-ru').count()).toBe(0);
  });

  it("show another admin's edit on the open list without a reload", async () => {
    const page = await world.signedInPage('/texts');
    const row = page.locator('tbody tr').filter({ hasText: 'common.xp' });
    await row.waitFor();
    expect(await row.getByTestId('edited-chip').count()).toBe(0);
    const bob = await world.otherSession('bob');
    await bob('/api/texts/common.xp', {
      method: 'PUT',
      body: { language: 'en', template: '{xp} experience', version: 0 },
    });
    await row.getByText('{xp} experience').waitFor();
    await row.getByTestId('edited-chip').waitFor();
  });
});
