import {
  buildScenario,
  DiscordControlClient,
  DiscordEmulator,
  type Scenario,
} from '@tandem/emulators/discord';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlatformPorts, type OpenPlatformPorts } from '../../src/platforms/platform-ports.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { shownText } from '../support/panel-page.ts';

/**
 * A community owner sets ranks up without copying ids: the panel lists the Discord server's roles
 * by name (read by the API through the bot, here from the Discord emulator), shows a role Tandem
 * cannot give as such with the fix, names the roles in the rank list, and creates the roles the
 * ranks lack in one action that is safe to run twice.
 */

let emulator: DiscordEmulator;
let control: DiscordControlClient;
let scenario: Scenario;
let clients: OpenPlatformPorts;
let world: BrowserWorld;
const gone = '123456789012345678';
const telegramGroup = -1001234567890n;

beforeAll(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await emulator.start();
  control = new DiscordControlClient(urls.controlUrl);
  scenario = await buildScenario(control);
  clients = createPlatformPorts({
    telegram: null,
    discord: { token: scenario.bot.token, apiRoot: urls.apiUrl, guildId: scenario.guildId },
  });
  // As the API process runs: the server's directory only, no bot that projects roles.
  world = await openBrowserWorld({
    ports: { telegram: null, discord: null, discordGuild: clients.discordGuild },
  });
  // A short ladder instead of the twenty seeded ranks: two mapped, three without a role (one of
  // them named as a role the server has), and two inactive ones holding roles Tandem cannot use.
  const { prisma } = world.tandem.db;
  await prisma.rank.deleteMany();
  await prisma.rank.createMany({
    data: [
      { name: 'Newcomer', minXp: 0, priority: 1 },
      { name: 'Bronze', minXp: 500, priority: 2, discordRoleId: scenario.roles.bronze },
      { name: 'Silver', minXp: 1_000, priority: 3, discordRoleId: scenario.roles.silver },
      { name: 'Gold', minXp: 2_000, priority: 4 },
      { name: 'Diamond', minXp: 5_000, priority: 5 },
      { name: 'Ghost', minXp: 8_000, priority: 6, discordRoleId: gone, active: false },
      { name: 'Officer', minXp: 9_000, priority: 7, discordRoleId: scenario.roles.staff, active: false },
    ],
  });
  // Message XP is earned in Telegram groups too: the groups the bot is in are offered beside the
  // Discord channels (a group it left is not).
  const met = { rights: undefined, updateId: 1n, titleUpdateId: 1n };
  await prisma.telegramChat.createMany({
    data: [
      {
        chatId: telegramGroup,
        type: 'supergroup',
        title: 'Raid Night',
        status: 'member',
        ...chatDates(),
        ...met,
      },
      { chatId: -1002n, type: 'group', title: 'Old Lobby', status: 'left', ...chatDates(), ...met },
      { chatId: -1003n, type: 'channel', title: 'News', status: 'administrator', ...chatDates(), ...met },
    ],
  });
}, 90_000);

function chatDates() {
  const at = new Date();
  return { changedAt: at, titleChangedAt: at };
}
closeBrowserWorldAfterTests(
  () => world,
  async () => {
    await clients?.close();
    await emulator?.stop();
  },
);

const rankRow = (page: Page, name: string) =>
  page.locator('tbody tr').filter({ has: page.getByText(name, { exact: true }) });

/** Opens the picker labelled `label` once the server's roles and channels have arrived. */
async function openPicker(page: Page, label: string | RegExp, nth: 'first' | 'last' = 'first') {
  await page.locator('[data-directory="ready"]').first().waitFor();
  const input = page.getByLabel(label, { exact: typeof label === 'string' });
  await (nth === 'first' ? input.first() : input.last()).click();
}

/** The names, problems and states of the options the open picker lists, top to bottom. */
async function listedOptions(
  page: Page,
): Promise<Array<{ name: string; problem: string; disabled: boolean }>> {
  await page.getByRole('listbox').waitFor();
  return page.getByRole('option').evaluateAll((options) =>
    options.map((option) => ({
      name: option.querySelector('[data-testid="choice-name"]')?.textContent ?? '',
      problem: option.querySelector('[data-testid="choice-problem"]')?.textContent ?? '',
      disabled: option.getAttribute('aria-disabled') === 'true',
    })),
  );
}

describe('Discord roles in the panel', () => {
  it('are named in the rank and achievement lists, with a role the server lacks shown as unknown', async () => {
    const page = await world.signedInPage('/ranks');
    await rankRow(page, 'Bronze').locator('[data-discord-id]').waitFor();
    expect(await shownText(rankRow(page, 'Silver'))).toMatch(/Silver\s+1,000\s+Silver/);
    expect(await shownText(rankRow(page, 'Ghost'))).toContain(`Unknown role ${gone}`);
    expect(await shownText(rankRow(page, 'Gold'))).toMatch(/Gold\s+2,000\s+—/);
    // The id stays at hand, in the name's tooltip.
    expect(
      await rankRow(page, 'Bronze').locator(`[data-discord-id="${scenario.roles.bronze}"]`).count(),
    ).toBe(1);

    // An achievement's role reward is named too.
    await world.tandem.db.prisma.achievement.update({
      where: { slug: 'first-win' },
      data: { discordRoleId: scenario.roles.silver },
    });
    await page.goto(`${world.url}/admin/#/achievements`);
    const achievement = page.locator('tbody tr').filter({ hasText: 'first-win' });
    await achievement.locator(`[data-discord-id="${scenario.roles.silver}"]`).waitFor();
    expect(await shownText(achievement)).toContain('Silver');
  });

  it("are offered by name in the rank form, highest first; one above Tandem's is listed with the fix, not offered", async () => {
    const page = await world.signedInPage('/ranks/create');
    await page.getByLabel('Name').fill('Apprentice');
    await page.getByLabel('Minimum XP').fill('250');
    await page.getByLabel('Priority').fill('8');
    await openPicker(page, 'Discord role');
    const options = await listedOptions(page);
    expect(options.map((option) => option.name)).toEqual(['Staff', 'tandem', 'Gold', 'Silver', 'Bronze']);
    const staff = options[0];
    expect(staff?.disabled).toBe(true);
    expect(staff?.problem).toBe(
      "Staff is above Tandem's role tandem: move the tandem role above Staff in Server Settings → Roles.",
    );
    expect(options[1]).toMatchObject({
      disabled: true,
      problem: expect.stringContaining('tandem is managed by an integration'),
    });
    expect(options.slice(2).every((option) => !option.disabled)).toBe(true);
    await page.getByRole('option', { name: /Gold/ }).click();
    expect(await page.getByLabel('Discord role').inputValue()).toBe('Gold');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Created.').waitFor();
    const saved = await world.tandem.db.prisma.rank.findUniqueOrThrow({ where: { name: 'Apprentice' } });
    expect(saved.discordRoleId).toBe(scenario.roles.gold);
    // Not part of the ladder the next test maps.
    await world.tandem.db.prisma.rank.delete({ where: { id: saved.id } });
  });

  it('show a stored role Tandem cannot give with the fix, and the API refuses it under the field at save', async () => {
    const officer = await world.tandem.db.prisma.rank.findUniqueOrThrow({ where: { name: 'Officer' } });
    const page = await world.signedInPage(`/ranks/${officer.id}`);
    const role = page.getByLabel('Discord role');
    await expect.poll(() => role.inputValue()).toBe('Staff');
    const fix = 'move the tandem role above Staff in Server Settings → Roles.';
    await page.getByText(fix).waitFor();
    await page.getByLabel('Minimum XP').fill('9500');
    await page.getByRole('button', { name: 'Save' }).click();
    // The refusal stands under the picker as the field's error, and nothing was saved.
    await page.locator('.Mui-error').filter({ hasText: fix }).first().waitFor();
    const after = await world.tandem.db.prisma.rank.findUniqueOrThrow({ where: { id: officer.id } });
    expect(after).toMatchObject({ minXp: 9_000, version: officer.version });
  });

  it('are chosen by name in the earning rules: no-XP channels, the AFK channel and role multipliers', async () => {
    const page = await world.signedInPage('/settings/economy');
    await openPicker(page, 'Channels that earn nothing');
    const textChannels = await listedOptions(page);
    expect(textChannels.map((option) => option.name)).toEqual(['#general', 'Raid Night']);
    await page.getByRole('option', { name: '#general' }).click();
    await openPicker(page, 'Channels that earn nothing');
    await page.getByRole('option', { name: 'Raid Night' }).click();
    await page.keyboard.press('Escape');

    await openPicker(page, 'AFK channel');
    expect((await listedOptions(page)).map((option) => option.name)).toEqual(['Lounge', 'AFK']);
    await page.getByRole('option', { name: 'AFK' }).click();

    await openPicker(page, 'Roles that earn nothing');
    await page.getByRole('option', { name: /Silver/ }).click();
    await page.keyboard.press('Escape');

    // Multipliers only read a member's roles: a role above Tandem's may have one.
    const roleMultipliers = page.locator('section').filter({ hasText: 'Role multipliers' });
    await roleMultipliers.getByRole('button', { name: 'Add' }).click();
    await openPicker(page, /^Role\s*\*?$/, 'last');
    const roles = await listedOptions(page);
    expect(roles.find((option) => option.name === 'Staff')?.disabled).toBe(false);
    await page.getByRole('option', { name: /Staff/ }).click();
    await roleMultipliers.getByLabel('Multiplier').fill('2');

    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Saved.').waitFor();
    await world.screenshot(page, 'earning-rules-by-name', { fullPage: true });
    const saved = await world.tandem.db.prisma.setting.findUniqueOrThrow({ where: { key: 'economy' } });
    expect(saved.value).toMatchObject({
      message: {
        noXpChannelIds: [scenario.channels.general, String(telegramGroup)],
        noXpRoleIds: [scenario.roles.silver],
      },
      voice: { afkChannelId: scenario.channels.afk },
      roleMultipliers: { [scenario.roles.staff]: 2 },
    });

    // An operator reads the same rules with names where the ids are stored.
    await world.api.createAdmin('olga', 'operator');
    const shown = await world.signedInPage('/settings/economy/show', 'olga');
    await shown.locator(`[data-discord-id="${scenario.channels.afk}"]`).waitFor();
    await shown.getByText('Raid Night').waitFor();
    const text = await shownText(shown.locator('main'));
    expect(text).toContain('#general');
    expect(text).toContain('Raid Night');
    expect(text).toContain('Silver');
    expect(text).toMatch(/Staff\s*× 2/);
    expect(text).not.toContain(scenario.roles.staff);
  });

  it('are created for the ranks that lack one, once, from the rank list', async () => {
    const page = await world.signedInPage('/ranks');
    await rankRow(page, 'Bronze').locator('[data-discord-id]').waitFor();
    await world.screenshot(page, 'ranks-with-role-names');
    await page.getByRole('button', { name: 'Create rank roles' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Create the rank roles on Discord?').waitFor();
    expect(await shownText(dialog)).toContain(
      'creates a role named as the rank in Tandem Test Guild, below its own role tandem',
    );
    await dialog.getByRole('button', { name: 'Create rank roles' }).click();
    await page.getByText('Rank roles: 2 created, 1 existing ones taken, 2 ranks already had one.').waitFor();

    const guild = await control.guild(scenario.guildId);
    const named = (name: string) => guild.roles.filter((role) => role.name === name);
    expect(named('Newcomer')).toHaveLength(1);
    expect(named('Diamond')).toHaveLength(1);
    expect(named('Gold')).toHaveLength(1);
    const ranks = await world.tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' } });
    const roleOf = (name: string) => ranks.find((rank) => rank.name === name)?.discordRoleId;
    expect(roleOf('Newcomer')).toBe(named('Newcomer')[0]?.id);
    expect(roleOf('Gold')).toBe(scenario.roles.gold);
    expect(roleOf('Diamond')).toBe(named('Diamond')[0]?.id);
    // The list names the new roles at once.
    await rankRow(page, 'Diamond')
      .locator(`[data-discord-id="${roleOf('Diamond')}"]`)
      .waitFor();
    expect(await shownText(rankRow(page, 'Diamond'))).toMatch(/Diamond\s+5,000\s+Diamond/);
    expect(await shownText(rankRow(page, 'Newcomer'))).toMatch(/Newcomer\s+0\s+Newcomer/);

    // Twice is the same as once (once the first confirmation has closed).
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Create rank roles' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Create rank roles' }).click();
    await page.getByText('Rank roles: 0 created, 0 existing ones taken, 5 ranks already had one.').waitFor();
    const again = await control.guild(scenario.guildId);
    expect(again.roles.filter((role) => role.name === 'Diamond')).toHaveLength(1);
    expect(again.roles).toHaveLength(guild.roles.length);
  });
});
