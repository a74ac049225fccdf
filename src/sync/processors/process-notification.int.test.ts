import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../../test/support/services.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { messageOf } from '../../texts/default-texts.ts';
import { languageSettingsKey } from '../../texts/language-settings.ts';
import { processNotification } from './process-notification.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const telegram = new FakeTelegram();
const discord = new FakeDiscord();

/** A player on both platforms; `chosen` is their /language, `client` what each client reports. */
async function player(options: {
  chosen?: string | null;
  client?: { telegram?: string | null; discord?: string | null };
}): Promise<string> {
  const playerId = await tandem.createPlayer('Vera');
  await tandem.db.prisma.player.update({
    where: { id: playerId },
    data: { language: options.chosen ?? null },
  });
  await tandem.db.prisma.identity.createMany({
    data: [
      {
        playerId,
        platform: 'telegram',
        platformUserId: '71',
        clientLanguage: options.client?.telegram ?? null,
      },
      {
        playerId,
        platform: 'discord',
        platformUserId: '72',
        clientLanguage: options.client?.discord ?? null,
      },
    ],
  });
  return playerId;
}

const gift = messageOf('notice.admin.gaveCoins', { coins: 5, totalXp: 1200, totalCoins: 21 });
const send = async (platform: 'telegram' | 'discord') =>
  processNotification(tandem, {
    platform,
    platformUserId: platform === 'telegram' ? '71' : '72',
    message: gift,
  });
const lastSent = () => ({ telegram: telegram.messages.at(-1)?.text, discord: discord.messages.at(-1)?.text });

describe('a notice is written in its reader’s language when it is sent', () => {
  it("follows the player's own choice over what their clients report", async () => {
    tandem = await openTestTandem({ ports: { telegram, discord } });
    await player({ chosen: 'ru', client: { telegram: 'en', discord: 'en' } });
    await send('telegram');
    await send('discord');
    const russian = '🎁 Администратор начислил вам +5 монет. Теперь у вас 1\u00a0200 XP и 21 монета.';
    expect(lastSent()).toEqual({ telegram: russian, discord: russian });
  });

  it("uses the platform's client language without a choice, else the community's default", async () => {
    tandem = await openTestTandem({ ports: { telegram, discord } });
    await player({ client: { telegram: 'ru', discord: null } });
    await send('telegram');
    await send('discord');
    expect(lastSent()).toEqual({
      telegram: '🎁 Администратор начислил вам +5 монет. Теперь у вас 1\u00a0200 XP и 21 монета.',
      discord: '🎁 An admin gave you +5 coins. You now have 1,200 XP and 21 coins.',
    });

    await tandem.db.prisma.setting.upsert({
      where: { key: languageSettingsKey },
      create: { key: languageSettingsKey, value: { defaultLanguage: 'ru' } },
      update: { value: { defaultLanguage: 'ru' } },
    });
    tandem.texts.onChange({ entity: 'settings', action: 'updated', id: languageSettingsKey });
    await send('discord');
    expect(lastSent().discord).toBe(
      '🎁 Администратор начислил вам +5 монет. Теперь у вас 1\u00a0200 XP и 21 монета.',
    );
  });

  it("uses the community's edit of the text as it stands when the notice goes out", async () => {
    tandem = await openTestTandem({ ports: { telegram, discord } });
    await player({ client: { telegram: 'en' } });
    await tandem.db.prisma.textOverride.create({
      data: {
        key: 'notice.admin.gaveCoins',
        language: 'en',
        template: 'Gift from the crew: {coins, plural, one {# coin} other {# coins}} (now {totalCoins}).',
      },
    });
    tandem.texts.onChange({ entity: 'texts', action: 'updated', id: 'notice.admin.gaveCoins' });
    await send('telegram');
    expect(lastSent().telegram).toBe('Gift from the crew: 5 coins (now 21).');
  });

  it('delivers a notice queued with its text already written, as it is, through the queue', async () => {
    tandem = await openTestTandem({ ports: { telegram, discord } });
    await player({ chosen: 'ru' });
    tandem.startWorkers();
    const before = telegram.messages.length;
    await tandem.queues.notifications.add(
      'notify',
      { platform: 'telegram', platformUserId: '71', text: 'You now have 5 coins.' },
      { jobId: 'notify-written-before' },
    );
    await tandem.queues.enqueueNotification('notify-keyed', {
      platform: 'telegram',
      platformUserId: '71',
      message: messageOf('notice.rankUp', { rank: 'Veteran', xp: 5000 }),
    });
    await waitFor(async () => telegram.messages.length >= before + 2, 'both notices');
    expect(
      telegram.messages
        .slice(before)
        .map((m) => m.text)
        .sort(),
    ).toEqual(['You now have 5 coins.', '🎉 Новый ранг! Теперь вы Veteran (5\u00a0000 XP).']);
  });
});
