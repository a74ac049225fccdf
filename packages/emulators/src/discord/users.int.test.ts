import { describe, expect, it } from 'vitest';
import type { BotInScenario } from './testing/bot-in-scenario.ts';
import { startBotForTest } from './testing/bot-in-scenario.ts';

async function get(context: BotInScenario, path: string) {
  const response = await fetch(`${context.urls.apiUrl}/v10${path}`, {
    headers: { authorization: `Bot ${context.world.bot.token}` },
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('GET /users/@me/guilds', () => {
  it('pages by guild id with limit, before and after, and counts members on request', async () => {
    const context = await startBotForTest();
    const { control, world } = context;
    const ids = [world.guildId];
    for (const name of ['Second', 'Third']) {
      const guild = await control.createGuild({ name });
      await control.addMember(guild.id, { userId: world.bot.userId });
      ids.push(guild.id);
    }
    const idsOf = (body: unknown) => (body as Array<{ id: string }>).map((g) => g.id);

    expect(idsOf((await get(context, '/users/@me/guilds')).body)).toEqual(ids);
    expect(idsOf((await get(context, '/users/@me/guilds?limit=1')).body)).toEqual([ids[0]]);
    expect(idsOf((await get(context, `/users/@me/guilds?after=${ids[0]}&limit=1`)).body)).toEqual([ids[1]]);
    expect(idsOf((await get(context, `/users/@me/guilds?before=${ids[2]}&limit=1`)).body)).toEqual([ids[1]]);

    const [first] = (await get(context, '/users/@me/guilds?with_counts=true')).body as unknown[];
    expect(first).toMatchObject({ id: world.guildId, approximate_member_count: 5 });
    const [plain] = (await get(context, '/users/@me/guilds')).body as unknown[];
    expect(plain).not.toHaveProperty('approximate_member_count');
  });

  it('refuses a limit above 200 with 50035', async () => {
    const context = await startBotForTest();
    expect(await get(context, '/users/@me/guilds?limit=201')).toEqual({
      status: 400,
      body: {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          limit: {
            _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 200.' }],
          },
        },
      },
    });
  });
});

describe('POST /users/@me/channels', () => {
  it('refuses a recipient id that is not a snowflake with 50035, an unknown user with 50033', async () => {
    const context = await startBotForTest();
    const post = (recipient: string) =>
      fetch(`${context.urls.apiUrl}/v10/users/@me/channels`, {
        method: 'POST',
        headers: { authorization: `Bot ${context.world.bot.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient_id: recipient }),
      }).then(async (r) => (await r.json()) as { code: number; errors?: unknown });
    expect(await post('alice')).toMatchObject({
      code: 50035,
      errors: { recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE' }] } },
    });
    expect((await post('1')).code).toBe(50033);
  });
});
