import { Events, GatewayIntentBits, type TextChannel, WebhookClient } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotInScenario } from './testing/bot-in-scenario.ts';
import { nextEvent, TANDEM_INTENTS } from './testing/discord-client.ts';
import { discordErrorCode } from './testing/discord-error-code.ts';

const WEBHOOK_INTENTS = [...TANDEM_INTENTS, GatewayIntentBits.GuildWebhooks];

describe('incoming webhooks', () => {
  it('the bot creates a webhook with Manage Webhooks; executing it posts under the webhook or the given name', async () => {
    const context = await startBotInScenario({ intents: WEBHOOK_INTENTS });
    try {
      const { control, world, bot, urls } = context;
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      expect(await discordErrorCode(channel.createWebhook({ name: 'Announcer' }))).toBe(50013);

      await control.setRolePermissions(world.guildId, world.roles.botRole, [
        'ViewChannel',
        'SendMessages',
        'ManageRoles',
        'ManageWebhooks',
      ]);
      const updated = nextEvent(bot, Events.WebhooksUpdate, (c) => c.id === channel.id);
      const webhook = await channel.createWebhook({ name: 'Announcer', avatar: Buffer.from('png bytes') });
      await updated;
      expect(webhook.token).toMatch(/^[\w-]{60,}$/);
      expect(webhook.owner?.id).toBe(world.bot.userId);
      expect(webhook.applicationId).toBe(world.bot.applicationId);
      expect(webhook.avatar).toMatch(/^[0-9a-f]{32}$/);
      expect([...(await channel.fetchWebhooks()).keys()]).toEqual([webhook.id]);
      expect([...(await context.guild().fetchWebhooks()).keys()]).toEqual([webhook.id]);

      const client = new WebhookClient(
        { id: webhook.id, token: webhook.token as string },
        { rest: { api: urls.apiUrl } },
      );
      try {
        const received = nextEvent(bot, Events.MessageCreate, (m) => m.webhookId === webhook.id);
        const sent = await client.send({
          content: 'Season 3 starts Friday',
          username: 'Herald',
          avatarURL: 'https://example.com/herald.png',
        });
        expect(sent).toMatchObject({
          content: 'Season 3 starts Friday',
          webhook_id: webhook.id,
          application_id: world.bot.applicationId,
          author: { id: webhook.id, username: 'Herald', bot: true },
        });
        const [message] = await received;
        expect(message.author.username).toBe('Herald');
        expect(message.author.avatar).toMatch(/^[0-9a-f]{32}$/);
        expect(message.member).toBeNull();

        const plain = await webhook.send('Weekly digest');
        expect(plain.author.username).toBe('Announcer');
        expect(plain.author.avatar).toBe(webhook.avatar);

        const withoutWait = await fetch(`${urls.apiUrl}/v10/webhooks/${webhook.id}/${webhook.token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'fire and forget' }),
        });
        expect(withoutWait.status).toBe(204);
        const contents = (await control.messages(channel.id, { authorId: webhook.id })).map((m) => m.content);
        expect(contents).toEqual(['Season 3 starts Friday', 'Weekly digest', 'fire and forget']);

        const wrongToken = new WebhookClient(
          { id: webhook.id, token: 'x'.repeat(68) },
          { rest: { api: urls.apiUrl } },
        );
        expect(await discordErrorCode(wrongToken.send('nope'))).toBe(50027);
        wrongToken.destroy();
      } finally {
        client.destroy();
      }
    } finally {
      await context.stop();
    }
  });

  it('edits, moves, fetches by token and deletes webhooks; a channel holds 15', async () => {
    const context = await startBotInScenario({
      intents: WEBHOOK_INTENTS,
      emulator: { rateLimits: { enabled: false } },
    });
    try {
      const { control, world, bot } = context;
      await control.setRolePermissions(world.guildId, world.roles.botRole, ['Administrator']);
      const channel = bot.channels.cache.get(world.channels.general) as TextChannel;
      const news = await control.createChannel(world.guildId, { name: 'news' });
      const webhook = await channel.createWebhook({ name: 'Announcer' });

      const moved = await webhook.edit({ name: 'News bot', channel: news.id });
      expect([moved.name, moved.channelId]).toEqual(['News bot', news.id]);
      const byToken = await bot.fetchWebhook(webhook.id, webhook.token as string);
      expect(byToken.name).toBe('News bot');
      expect(byToken.owner).toBeNull();
      expect(await discordErrorCode(bot.fetchWebhook(webhook.id, 'y'.repeat(68)))).toBe(50027);

      await webhook.delete('no longer needed');
      expect(await discordErrorCode(bot.fetchWebhook(webhook.id))).toBe(10015);

      for (let i = 0; i < 15; i++) await channel.createWebhook({ name: `hook ${i}` });
      expect(await discordErrorCode(channel.createWebhook({ name: 'one too many' }))).toBe(30007);
      expect(await discordErrorCode(channel.createWebhook({ name: '' }))).toBe(50035);
    } finally {
      await context.stop();
    }
  });
});
