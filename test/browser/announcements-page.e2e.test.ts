import {
  buildScenario,
  DiscordControlClient,
  DiscordEmulator,
  type Scenario,
} from '@tandem/emulators/discord';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnouncementSettings } from '../../src/announcements/save-announcement-settings.ts';
import { createPlatformPorts, type OpenPlatformPorts } from '../../src/platforms/platform-ports.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';

/**
 * An admin chooses where rank-ups are announced by name: the Discord server's text channels (read
 * through the bot, here from the Discord emulator) and the Telegram groups the bot is in.
 */

let emulator: DiscordEmulator;
let scenario: Scenario;
let clients: OpenPlatformPorts;
let world: BrowserWorld;
const telegramGroup = -1001234567890n;

beforeAll(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const urls = await emulator.start();
  scenario = await buildScenario(new DiscordControlClient(urls.controlUrl));
  clients = createPlatformPorts({
    telegram: null,
    discord: { token: scenario.bot.token, apiRoot: urls.apiUrl, guildId: scenario.guildId },
  });
  world = await openBrowserWorld({
    ports: { telegram: null, discord: null, discordGuild: clients.discordGuild },
  });
  const at = new Date();
  await world.tandem.db.prisma.telegramChat.create({
    data: {
      chatId: telegramGroup,
      type: 'supergroup',
      title: 'Raid Night',
      status: 'member',
      changedAt: at,
      titleChangedAt: at,
      updateId: 1n,
      titleUpdateId: 1n,
    },
  });
}, 90_000);

closeBrowserWorldAfterTests(
  () => world,
  async () => {
    await clients?.close();
    await emulator?.stop();
  },
);

describe('the Announcements page', () => {
  it('picks the Discord channel and Telegram group by name and saves the throttles', async () => {
    const page = await world.signedInPage('/announcements');
    await page.locator('[data-directory="ready"]').first().waitFor();
    await page.getByLabel('Discord channel', { exact: true }).first().click();
    await page.getByRole('option', { name: '#general' }).click();
    await page.getByLabel('Telegram group', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Raid Night' }).click();
    await page.getByLabel('Only from rank', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await readAnnouncementSettings(world.tandem)).version).toBe(1);
    const { value } = await readAnnouncementSettings(world.tandem);
    expect(value.rankUp).toMatchObject({
      discordChannelId: scenario.channels.general,
      telegramChatId: String(telegramGroup),
      fromRank: 3,
      everyRanks: 1,
      dm: true,
    });
    expect(value.achievement).toMatchObject({ discordChannelId: null, telegramChatId: null, dm: true });
  });
});
