import { Opcode } from '../opcodes.ts';
import type { OpcodeHandler } from './handler-context.ts';

/**
 * Op 1: answered at once with op 11 (a missing ack makes clients reconnect and resume), and the
 * wait for the next one starts again (a connection silent for too long is closed as a zombie).
 */
export const handleHeartbeat: OpcodeHandler = (gateway, connection) => {
  connection.lastHeartbeatAt = gateway.emulator.now();
  connection.expectHeartbeat();
  connection.send({ op: Opcode.HeartbeatAck, d: null, s: null, t: null });
};
