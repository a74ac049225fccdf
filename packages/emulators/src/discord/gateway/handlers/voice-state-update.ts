import { randomBytes } from 'node:crypto';
import { leaveVoice, setVoiceState } from '../../actions/voice.ts';
import { isRecord, type OpcodeHandler } from './handler-context.ts';

/**
 * Op 4: the bot joins, moves or leaves voice. The emulator updates the bot's voice state
 * (VOICE_STATE_UPDATE) and sends VOICE_SERVER_UPDATE; there is no voice server behind it.
 */
export const handleVoiceStateUpdate: OpcodeHandler = (gateway, connection, data) => {
  const session = connection.session;
  if (!session || !isRecord(data) || typeof data.guild_id !== 'string') return;
  const { world, events } = gateway.emulator;
  const guild = world.guilds.get(data.guild_id);
  if (!guild?.members.has(session.botUserId)) return;
  try {
    if (typeof data.channel_id !== 'string') {
      leaveVoice(gateway.emulator, guild, session.botUserId);
      return;
    }
    setVoiceState(gateway.emulator, guild, session.botUserId, {
      channelId: data.channel_id,
      selfMute: data.self_mute === true,
      selfDeaf: data.self_deaf === true,
    });
    session.dispatch('VOICE_SERVER_UPDATE', {
      token: randomBytes(8).toString('hex'),
      guild_id: guild.id,
      endpoint: null,
    });
  } catch (error) {
    events.record('gateway.voice-refused', { botUserId: session.botUserId, reason: String(error) });
  }
};
