import {
  type EconomySettings,
  type VoiceEligibility,
  voiceMinuteEligible,
} from '../../economy/earning-rules.ts';

/** One member in a voice channel as the gateway cache shows it at a tick. */
export interface VoiceMemberState {
  userId: string;
  channelId: string;
  isBot: boolean;
  selfMute: boolean;
  selfDeaf: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
  /** Without @everyone. */
  roleIds: string[];
}

export interface VoiceMinuteAssessment {
  userId: string;
  channelId: string;
  roleIds: string[];
  eligibility: VoiceEligibility;
}

/**
 * Which humans in voice earn this minute. Pure: the bot reads the states from its cache and passes
 * them all at once, because "not alone" depends on who else is in the same channel. Bots neither
 * earn nor count as company (a music bot must not make a lone member eligible).
 *
 * Besides the AFK channel of the earning settings, the guild's own AFK channel (Discord's server
 * setting) earns nothing either: idling is what it exists for, whatever the admins typed in Tandem.
 */
export function assessVoiceMinute(
  states: readonly VoiceMemberState[],
  settings: EconomySettings,
  guildAfkChannelId: string | null,
): VoiceMinuteAssessment[] {
  const humansPerChannel = new Map<string, number>();
  for (const state of states) {
    if (!state.isBot) humansPerChannel.set(state.channelId, (humansPerChannel.get(state.channelId) ?? 0) + 1);
  }
  return states
    .filter((state) => !state.isBot)
    .map((state) => ({
      userId: state.userId,
      channelId: state.channelId,
      roleIds: state.roleIds,
      eligibility:
        state.channelId === guildAfkChannelId
          ? { eligible: false, reason: 'afk_channel' }
          : voiceMinuteEligible(
              { ...state, membersInChannel: humansPerChannel.get(state.channelId) ?? 0 },
              settings,
            ),
    }));
}
