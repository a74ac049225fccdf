import { Opcode, TRACE } from '../opcodes.ts';
import { isRecord, type OpcodeHandler } from './handler-context.ts';

/**
 * Op 6: reattaches a session to this connection, replays the dispatches after the client's
 * last sequence number, then sends RESUMED. An unknown session, a wrong token or a sequence
 * no longer replayable gets op 9 INVALID_SESSION (d: false: identify again).
 */
export const handleResume: OpcodeHandler = (gateway, connection, data) => {
  const { events } = gateway.emulator;
  const invalid = (why: string) => {
    events.record('gateway.resume-refused', { reason: why });
    connection.send({ op: Opcode.InvalidSession, d: false, s: null, t: null });
  };
  if (connection.session) return invalid('connection already has a session');
  if (!isRecord(data) || typeof data.session_id !== 'string' || typeof data.token !== 'string') {
    return invalid('malformed RESUME');
  }
  const session = gateway.sessions.get(data.session_id);
  if (!session || session.application.token !== data.token.replace(/^Bot\s+/i, '')) {
    return invalid('unknown session');
  }
  const seq = typeof data.seq === 'number' ? data.seq : 0;
  const missed = session.missedSince(seq);
  if (!missed) {
    gateway.sessions.invalidate(session);
    return invalid('sequence no longer replayable');
  }
  const previous = session.connection;
  session.detach();
  if (previous && previous !== connection) {
    previous.session = null;
    previous.terminate();
  }
  session.attach(connection);
  for (const payload of missed) connection.send(payload);
  session.dispatch('RESUMED', { _trace: TRACE });
  events.record('gateway.resumed', {
    botUserId: session.botUserId,
    sessionId: session.id,
    replayed: missed.length,
  });
};
