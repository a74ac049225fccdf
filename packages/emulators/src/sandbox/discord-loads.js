import { DM } from './discord-guild-lookups.js';
import { remembered } from './dom.js';

/**
 * What the Discord pane loads from the control API into its `state`: the world (keeping the member
 * and channel picked before, when they still exist), the shown channel's messages or the DM, the
 * bot's slash commands and the member's recent role changes.
 */
export function createDiscordLoads(state, api, lookups) {
  const { players, textChannels } = lookups;

  async function refreshWorld() {
    const world = await api.state();
    state.world = world;
    state.bot = world.bots.find((bot) =>
      world.guilds.some((g) => g.members.some((m) => m.user.id === bot.userId)),
    );
    state.bot ??= world.bots[0] ?? null;
    state.guild =
      world.guilds.find((g) => state.bot && g.members.some((m) => m.user.id === state.bot.userId)) ??
      world.guilds[0] ??
      null;
    const people = players();
    const keptMember = state.memberId ?? remembered.get('discord-member');
    const firstPlayer = people.find((m) => m.user.id !== state.guild?.ownerId) ?? people[0];
    state.memberId = people.some((m) => m.user.id === keptMember)
      ? keptMember
      : (firstPlayer?.user.id ?? null);
    const keptChannel = state.channelId ?? remembered.get('discord-channel');
    const texts = textChannels();
    state.channelId =
      keptChannel === DM || texts.some((c) => c.id === keptChannel) ? keptChannel : (texts[0]?.id ?? null);
  }

  async function loadMessages() {
    state.messages.clear();
    state.dmChannelId = null;
    if (!state.memberId || !state.channelId) return;
    if (state.channelId === DM) {
      state.unreadDms = 0;
      if (!state.bot) return;
      const [dm] = await api.directMessages({ userId: state.memberId, botUserId: state.bot.userId });
      if (!dm) return;
      state.dmChannelId = dm.channelId;
      state.dmOwners.set(dm.channelId, state.memberId);
      for (const message of dm.messages) if (message) state.messages.set(message.id, message);
    } else {
      for (const message of await api.channelMessages(state.channelId))
        state.messages.set(message.id, message);
    }
  }

  async function loadCommands() {
    if (!state.bot || !state.guild) {
      state.commands = [];
      return;
    }
    const all = await api.commands(state.bot.applicationId);
    const usable = all.filter((c) => (c.type ?? 1) === 1 && (!c.guild_id || c.guild_id === state.guild.id));
    // A guild command hides a global one of the same name, as in Discord's client.
    const byName = new Map();
    for (const command of usable)
      if (!byName.has(command.name) || command.guild_id) byName.set(command.name, command);
    state.commands = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async function loadRoleChanges() {
    if (!state.guild || !state.memberId) return;
    state.roleChanges = (await api.roleChanges({ guildId: state.guild.id, userId: state.memberId })).slice(
      -8,
    );
  }

  return { refreshWorld, loadMessages, loadCommands, loadRoleChanges };
}
