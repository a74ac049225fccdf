import { afterEach, describe, expect, it } from 'vitest';
import { openResourcesTestApp, type ResourcesTestApp } from '../../test/support/resources-test-app.ts';

let api: ResourcesTestApp;
afterEach(async () => {
  await api?.close();
});

type Answer = { message: string; errors: Record<string, string> } & Record<string, unknown>;

describe('the announcements setting', () => {
  it('shows DMs only by default, refuses bad input by field, and saves over its version', async () => {
    api = await openResourcesTestApp();
    const shown = await api.request<Answer>('GET', '/settings/announcements');
    expect(shown.body).toMatchObject({
      id: 'announcements',
      version: 0,
      rankUp: { discordChannelId: null, telegramChatId: null, dm: true, fromRank: 1, everyRanks: 1 },
      achievement: { discordChannelId: null, telegramChatId: null, dm: true, rewardsOnly: false },
    });

    const bad = await api.request<Answer>('PUT', '/settings/announcements', {
      ...shown.body,
      rankUp: { ...(shown.body.rankUp as object), fromRank: 0, telegramChatId: 'general' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(
      expect.arrayContaining(['rankUp.fromRank', 'rankUp.telegramChatId']),
    );
    expect(await api.tandem.db.prisma.setting.count()).toBe(0);

    const saved = await api.request<Answer>('PUT', '/settings/announcements', {
      ...shown.body,
      rankUp: { ...(shown.body.rankUp as object), discordChannelId: '123456789012345678', everyRanks: 2 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      rankUp: { discordChannelId: '123456789012345678', everyRanks: 2, dm: true },
    });

    const stale = await api.request<Answer>('PUT', '/settings/announcements', { ...shown.body });
    expect(stale.status).toBe(409);
  });
});
