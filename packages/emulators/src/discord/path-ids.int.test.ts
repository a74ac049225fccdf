import { Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startBotForTest } from './testing/bot-in-scenario.ts';

describe('ids in the path', () => {
  it('refuses one that is not a snowflake with 50035 NUMBER_TYPE_COERCE under its field name', async () => {
    const context = await startBotForTest();
    const { urls, world } = context;
    const get = async (path: string) => {
      const response = await fetch(`${urls.apiUrl}/v10${path}`, {
        headers: { authorization: `Bot ${world.bot.token}` },
      });
      return [response.status, await response.json()];
    };
    expect(await get('/channels/undefined/messages')).toEqual([
      400,
      {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          channel_id: {
            _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Value "undefined" is not snowflake.' }],
          },
        },
      },
    ]);
    expect(await get(`/guilds/tandem/members/alice`)).toMatchObject([
      400,
      { code: 50035, errors: { guild_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE' }] }, user_id: {} } },
    ]);
    // Aliases stay aliases, and a snowflake nobody has is still Unknown.
    expect((await get('/users/@me'))[0]).toBe(200);
    expect(await get('/users/1')).toEqual([404, { message: 'Unknown User', code: 10013 }]);
  });

  it('reaches discord.js as the error a bot sees for an id it never had', async () => {
    const context = await startBotForTest();
    const send = context.bot.rest.post(Routes.channelMessages('undefined'), { body: { content: 'hello' } });
    await expect(send).rejects.toMatchObject({ code: 50035, status: 400 });
  });
});
