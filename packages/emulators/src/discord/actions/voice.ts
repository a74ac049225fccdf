import { randomBytes } from 'node:crypto';
import { voiceStatePayload } from '../payloads/guild.ts';
import { type GuildRecord, isVoiceType, type VoiceStateRecord } from '../world/types.ts';
import { UnknownEntityError } from '../world/unknown-entity-error.ts';
import type { EmulatorContext } from './context.ts';

export class NotAVoiceChannelError extends Error {
  override name = 'NotAVoiceChannelError';
  constructor(readonly channelId: string) {
    super(`Channel ${channelId} is not a voice channel of this guild`);
  }
}

export interface VoiceStateChange {
  channelId?: string;
  selfMute?: boolean;
  selfDeaf?: boolean;
  selfVideo?: boolean;
  selfStream?: boolean;
  /** Server mute/deafen, set by a moderator. */
  mute?: boolean;
  deaf?: boolean;
}

/**
 * Joins, moves within or updates a member's voice state and dispatches VOICE_STATE_UPDATE.
 * A member not yet in voice needs `channelId`.
 */
export function setVoiceState(
  ctx: EmulatorContext,
  guild: GuildRecord,
  userId: string,
  change: VoiceStateChange,
): VoiceStateRecord {
  const member = ctx.world.requireMember(guild, userId);
  const current = guild.voiceStates.get(userId);
  const channelId = change.channelId ?? current?.channelId;
  if (!channelId) throw new NotAVoiceChannelError('(none given)');
  const channel = ctx.world.channels.get(channelId);
  if (!channel || channel.guildId !== guild.id) throw new UnknownEntityError('channel', channelId);
  if (!isVoiceType(channel.type)) throw new NotAVoiceChannelError(channelId);
  const state: VoiceStateRecord = {
    guildId: guild.id,
    userId,
    channelId,
    sessionId: current?.sessionId ?? randomBytes(16).toString('hex'),
    selfMute: change.selfMute ?? current?.selfMute ?? false,
    selfDeaf: change.selfDeaf ?? current?.selfDeaf ?? false,
    selfVideo: change.selfVideo ?? current?.selfVideo ?? false,
    selfStream: change.selfStream ?? current?.selfStream ?? false,
    mute: change.mute ?? current?.mute ?? member.mute,
    deaf: change.deaf ?? current?.deaf ?? member.deaf,
    suppress: false,
  };
  guild.voiceStates.set(userId, state);
  const payload = voiceStatePayload(ctx.world, guild, state);
  ctx.events.dispatch({ event: 'VOICE_STATE_UPDATE', audience: { guildId: guild.id }, data: payload });
  ctx.events.record('voice.updated', {
    guildId: guild.id,
    state: payload,
    previousChannelId: current?.channelId ?? null,
  });
  return state;
}

export function leaveVoice(ctx: EmulatorContext, guild: GuildRecord, userId: string): void {
  const current = guild.voiceStates.get(userId);
  if (!current) return;
  guild.voiceStates.delete(userId);
  const payload = { ...voiceStatePayload(ctx.world, guild, current), channel_id: null };
  ctx.events.dispatch({ event: 'VOICE_STATE_UPDATE', audience: { guildId: guild.id }, data: payload });
  ctx.events.record('voice.updated', {
    guildId: guild.id,
    state: payload,
    previousChannelId: current.channelId,
  });
}
