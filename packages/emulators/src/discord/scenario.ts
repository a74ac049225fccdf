import type { DiscordControlClient } from './control-client.ts';

/** The demo guild tests and the sandbox start from; ids are the emulator's. */
export interface Scenario {
  bot: { applicationId: string; userId: string; token: string };
  guildId: string;
  ownerId: string;
  channels: { general: string; lounge: string; afk: string };
  roles: { bronze: string; silver: string; gold: string; botRole: string; staff: string };
  users: { alice: string; bob: string; carol: string };
}

/**
 * A guild with three rank roles below the bot's own role and a Staff role above it, text and
 * voice channels (one of them the AFK channel), and three members besides the bot.
 */
export async function buildScenario(
  control: DiscordControlClient,
  options: { privilegedIntents?: string[] } = {},
): Promise<Scenario> {
  const bot = await control.createBot({ username: 'tandem', privilegedIntents: options.privilegedIntents });
  const guild = await control.createGuild({ name: 'Tandem Test Guild' });
  const general = await control.createChannel(guild.id, { name: 'general' });
  const lounge = await control.createChannel(guild.id, { name: 'Lounge', type: 'voice' });
  const afk = await control.createChannel(guild.id, { name: 'AFK', type: 'voice', afk: true });
  const bronze = await control.createRole(guild.id, { name: 'Bronze', position: 1, color: 0xcd7f32 });
  const silver = await control.createRole(guild.id, { name: 'Silver', position: 2, color: 0xa8b0b8 });
  const gold = await control.createRole(guild.id, { name: 'Gold', position: 3, color: 0xf1c40f });
  await control.addMember(guild.id, { userId: bot.userId });
  const botRole = (await control.guild(guild.id)).roles.find((role) => role.tags && role.name === 'tandem');
  const staff = await control.createRole(guild.id, {
    name: 'Staff',
    position: 5,
    color: 0x3498db,
    permissions: ['ManageRoles'],
  });
  // One after another: the same order gives the same ids when the emulator's id clock is stable.
  const alice = await control.createUser({ username: 'alice' });
  const bob = await control.createUser({ username: 'bob' });
  const carol = await control.createUser({ username: 'carol' });
  if (!alice || !bob || !carol || !botRole) throw new Error('scenario setup failed');
  for (const user of [alice, bob]) await control.addMember(guild.id, { userId: user.id });
  await control.addMember(guild.id, { userId: carol.id, roles: [staff.id] });
  return {
    bot: { applicationId: bot.applicationId, userId: bot.userId, token: bot.token },
    guildId: guild.id,
    ownerId: guild.ownerId,
    channels: { general: general.id, lounge: lounge.id, afk: afk.id },
    roles: { bronze: bronze.id, silver: silver.id, gold: gold.id, botRole: botRole.id, staff: staff.id },
    users: { alice: alice.id, bob: bob.id, carol: carol.id },
  };
}
