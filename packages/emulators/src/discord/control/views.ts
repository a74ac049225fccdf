import { channelPayload, memberPayload, rolePayload, voiceStatePayload } from '../payloads/guild.ts';
import { messagePayload } from '../payloads/message.ts';
import { userPayload } from '../payloads/user.ts';
import type { ApplicationRecord, GuildRecord, InteractionRecord } from '../world/types.ts';
import type { World } from '../world/world.ts';

/** Control API views: Discord's own shapes where one exists, plus what a script needs to know. */

export function botView(world: World, application: ApplicationRecord): Record<string, unknown> {
  return {
    applicationId: application.id,
    userId: application.botUserId,
    token: application.token,
    privilegedIntents: [...application.privilegedIntents],
    user: userPayload(world.requireUser(application.botUserId)),
  };
}

export function guildView(world: World, guild: GuildRecord): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    ownerId: guild.ownerId,
    everyoneRoleId: guild.id,
    afkChannelId: guild.afkChannelId,
    systemChannelId: guild.systemChannelId,
    roles: world.rolesByRank(guild).map(rolePayload),
    channels: world.guildChannels(guild).map((channel) => channelPayload(world, channel)),
    members: world
      .membersInOrder(guild)
      .map((member) => memberPayload(member, world.requireUser(member.userId))),
    voiceStates: [...guild.voiceStates.values()].map((state) => voiceStatePayload(world, guild, state)),
    // Who may not join until unbanned, as Server Settings → Bans lists them.
    bans: [...(guild.bans?.values() ?? [])].map((ban) => ({ userId: ban.userId, reason: ban.reason })),
  };
}

export function interactionView(world: World, interaction: InteractionRecord): Record<string, unknown> {
  const message = (id: string | null) => {
    const record = id ? world.messages.get(id) : undefined;
    return record ? { ...messagePayload(world, record), deleted: record.deleted } : null;
  };
  const state = !interaction.response ? 'pending' : interaction.completed ? 'completed' : 'deferred';
  return {
    id: interaction.id,
    token: interaction.token,
    applicationId: interaction.applicationId,
    type: interaction.type,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.userId,
    data: interaction.data,
    state,
    response: interaction.response
      ? { ...interaction.response, at: new Date(interaction.response.at).toISOString() }
      : null,
    ephemeral: interaction.ephemeral,
    original: message(interaction.originalMessageId),
    // Every follow-up call; the first after a deferred reply is the original message itself.
    followups: interaction.followupMessageIds.map(message),
    // For a modal the bot opened: the MODAL_SUBMIT interaction that closed it.
    modalSubmissionId: interaction.modalSubmissionId ?? null,
  };
}
