import { describe, expect, it } from 'vitest';
import { startBotForTest } from './testing/bot-in-scenario.ts';

describe('guild reads', () => {
  it('fetches one role; an unknown one is 10011', async () => {
    const context = await startBotForTest();
    const { world } = context;
    const gold = await context.guild().roles.fetch(world.roles.gold, { force: true });
    expect(gold?.name).toBe('Gold');
    // discord.js turns 10011 into null; the raw answer shows the code.
    expect(await context.guild().roles.fetch('1', { force: true })).toBeNull();
    const unknown = await fetch(`${context.urls.apiUrl}/v10/guilds/${world.guildId}/roles/1`, {
      headers: { authorization: `Bot ${world.bot.token}` },
    });
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: 'Unknown Role', code: 10011 }]);
  });

  it('counts the members of every role but @everyone', async () => {
    const context = await startBotForTest();
    const { control, world } = context;
    await control.changeRolesAsModerator(world.guildId, world.users.alice, { add: [world.roles.gold] });
    const counts = await context.guild().roles.fetchMemberCounts();
    expect(Object.fromEntries(counts)).toMatchObject({
      [world.roles.gold]: 1,
      [world.roles.silver]: 0,
      [world.roles.staff]: 1,
      [world.roles.botRole]: 1,
    });
    expect(counts.has(world.guildId)).toBe(false);
  });

  it('answers 10065 Unknown Voice State for a member who is not connected', async () => {
    const context = await startBotForTest();
    const { world } = context;
    const response = await fetch(
      `${context.urls.apiUrl}/v10/guilds/${world.guildId}/voice-states/${world.users.alice}`,
      { headers: { authorization: `Bot ${world.bot.token}` } },
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Unknown Voice State', code: 10065 });
    await context.control.setVoiceState(world.guildId, world.users.alice, {
      channelId: world.channels.lounge,
    });
    const state = await context.guild().voiceStates.fetch(world.users.alice);
    expect(state.channelId).toBe(world.channels.lounge);
  });
});
