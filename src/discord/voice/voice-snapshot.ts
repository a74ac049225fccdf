import type { Guild } from 'discord.js';
import { memberRoleIds } from '../discord-identity.ts';
import type { VoiceMemberState } from './voice-eligibility.ts';

/**
 * Who is in the guild's voice channels now, from the client's cache: discord.js keeps
 * `guild.voiceStates` current from GUILD_CREATE and every VOICE_STATE_UPDATE, with the member
 * (roles included) attached, so a tick costs no request to Discord.
 */
export function voiceMembersOf(guild: Guild): VoiceMemberState[] {
  const states: VoiceMemberState[] = [];
  for (const state of guild.voiceStates.cache.values()) {
    if (state.channelId === null) continue;
    const member = state.member;
    states.push({
      userId: state.id,
      channelId: state.channelId,
      // A member not cached is taken for a human: bots are members Discord always sends with their state.
      isBot: member?.user.bot ?? guild.client.users.cache.get(state.id)?.bot ?? false,
      selfMute: state.selfMute ?? false,
      selfDeaf: state.selfDeaf ?? false,
      serverMute: state.serverMute ?? false,
      serverDeaf: state.serverDeaf ?? false,
      roleIds: member ? memberRoleIds(member) : [],
    });
  }
  return states;
}
