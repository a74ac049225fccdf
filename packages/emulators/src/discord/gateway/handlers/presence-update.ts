import type { OpcodeHandler } from './handler-context.ts';

/** Op 3: the bot's own status; recorded for the control API, nothing else depends on it. */
export const handlePresenceUpdate: OpcodeHandler = (gateway, connection, data) => {
  if (!connection.session) return;
  gateway.emulator.events.record('gateway.presence', {
    botUserId: connection.session.botUserId,
    presence: data,
  });
};
