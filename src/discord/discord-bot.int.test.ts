import { afterEach, describe, expect, it } from 'vitest';
import {
  type DiscordBotHarness,
  startDiscordBotHarness,
  waitForVoiceCache,
} from '../../test/support/discord-bot-harness.ts';
import { waitFor } from '../../test/support/wait-for.ts';

let harness: DiscordBotHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('createDiscordBot', () => {
  it('without a guild, registers the commands globally', async () => {
    harness = await startDiscordBotHarness({ guildCommands: false });
    const global = await harness.control.commands({ guildId: 'global' });
    expect(global.map((command) => command.name).sort()).toEqual([
      'announcements',
      'daily',
      'help',
      'language',
      'link',
      'pager',
      'pay',
      'privacy',
      'profile',
      'shop',
      'sync',
      'top',
      'unlink',
    ]);
    expect(await harness.control.commands({ guildId: harness.world.guildId })).toEqual([]);
  });

  it('its ticker credits voice minutes on its own, and stop() ends it', async () => {
    harness = await startDiscordBotHarness({ bot: { voiceTickMs: 200 } });
    const { world, control, tandem } = harness;
    for (const userId of [world.users.alice, world.users.bob]) {
      await control.setVoiceState(world.guildId, userId, { channelId: world.channels.lounge });
      await waitForVoiceCache(harness, userId, { channelId: world.channels.lounge });
    }
    const voiceRows = async () => {
      const { rows } = await tandem.db.pool.query(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE reason = 'voice_minute'`,
      );
      return rows[0].n as number;
    };
    await waitFor(async () => (await voiceRows()) === 2, 'both members credited by the ticker');
    await harness.bot.stop();
    const logged = harness.logs.filter((line) => Number(line.level) >= 50);
    expect(logged).toEqual([]);
  });
});
