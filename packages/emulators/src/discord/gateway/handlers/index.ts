import { Opcode } from '../opcodes.ts';
import type { OpcodeHandler } from './handler-context.ts';
import { handleHeartbeat } from './heartbeat.ts';
import { handleIdentify } from './identify.ts';
import { handlePresenceUpdate } from './presence-update.ts';
import { handleRequestGuildMembers } from './request-guild-members.ts';
import { handleResume } from './resume.ts';
import { handleVoiceStateUpdate } from './voice-state-update.ts';

/** Client opcodes the gateway answers; anything else closes with 4001. */
export const opcodeHandlers: ReadonlyMap<number, OpcodeHandler> = new Map([
  [Opcode.Heartbeat, handleHeartbeat],
  [Opcode.Identify, handleIdentify],
  [Opcode.PresenceUpdate, handlePresenceUpdate],
  [Opcode.VoiceStateUpdate, handleVoiceStateUpdate],
  [Opcode.Resume, handleResume],
  [Opcode.RequestGuildMembers, handleRequestGuildMembers],
]);

/** Opcodes allowed before IDENTIFY or RESUME (others close with 4003). */
export const PRE_AUTH_OPCODES: ReadonlySet<number> = new Set([
  Opcode.Heartbeat,
  Opcode.Identify,
  Opcode.Resume,
]);

export type { GatewayHandlerContext, OpcodeHandler } from './handler-context.ts';
