// The page side of the live-path phase (bench/live-path/live-path.ts): N socket.io clients in a process of
// their own, as browsers are elsewhere, each with its own session cookie, connected the way the panel
// connects (admin/src/live/LiveUpdates.tsx: default transports, polling then the websocket upgrade).
// Every `changes` message is kept with the moment it arrived; the parent works out the latencies.
import { io, type Socket } from 'socket.io-client';
import type { ChangesMessage, LiveChange } from '../../src/admin-api/live/change-batch.ts';
import { epochMs } from '../shared/stats.ts';

export type LiveClientsCommand =
  | { type: 'connect'; url: string; cookies: string[]; timeoutMs: number }
  /** Tell the parent once every client has heard of `count` distinct ids starting with `idPrefix`. */
  | { type: 'expect'; idPrefix: string; count: number }
  | { type: 'report' };

/** One `changes` message as a client received it. */
export interface ReceivedMessage {
  receivedAt: number;
  /** The gateway's send time (ISO 8601, ms). */
  at: string;
  changes: LiveChange[];
}

export type LiveClientsMessage =
  | { type: 'connected'; connected: number; websocket: number; refused: string[]; ms: number }
  | { type: 'all-received' }
  | { type: 'report'; clients: ReceivedMessage[][]; disconnects: number }
  | { type: 'error'; message: string };

function send(message: LiveClientsMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const sockets: Socket[] = [];
const received: ReceivedMessage[][] = [];
let disconnects = 0;
let expected: { idPrefix: string; count: number; seen: Array<Set<string>> } | null = null;

function openClient(url: string, cookie: string, index: number): Promise<string | null> {
  received[index] = [];
  const socket = io(url, {
    path: '/socket.io',
    reconnection: false,
    // One connection per client: socket.io-client would otherwise share a Manager per URL.
    forceNew: true,
    // The gateway accepts the panel's pages only: these clients stand for them.
    extraHeaders: { origin: new URL(url).origin, cookie },
  });
  sockets[index] = socket;
  socket.on('changes', (message: ChangesMessage) => {
    received[index]!.push({ receivedAt: epochMs(), at: message.at, changes: message.changes });
    if (!expected) return;
    const seen = expected.seen[index]!;
    for (const line of message.changes)
      if ('id' in line && line.id.startsWith(expected.idPrefix)) seen.add(line.id);
    if (seen.size === expected.count && expected.seen.every((s) => s.size === expected!.count)) {
      expected = null;
      void send({ type: 'all-received' });
    }
  });
  socket.on('disconnect', () => {
    disconnects++;
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(null));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

/** Waits until each connected client has moved to the websocket (or `timeoutMs` passed). */
async function upgraded(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const onWebsocket = () => sockets.filter((s) => s.connected && s.io.engine?.transport.name === 'websocket');
  while (onWebsocket().length < sockets.filter((s) => s.connected).length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return onWebsocket().length;
}

async function handle(command: LiveClientsCommand): Promise<void> {
  switch (command.type) {
    case 'connect': {
      const started = Date.now();
      const outcomes = await Promise.all(
        command.cookies.map((cookie, i) => openClient(command.url, cookie, i)),
      );
      const refused = outcomes.filter((o): o is string => o !== null);
      const websocket = await upgraded(command.timeoutMs);
      await send({
        type: 'connected',
        connected: outcomes.length - refused.length,
        websocket,
        refused: refused.slice(0, 5),
        ms: Date.now() - started,
      });
      break;
    }
    case 'expect':
      expected = { ...command, seen: sockets.map(() => new Set<string>()) };
      break;
    case 'report': {
      // Disconnections the server made during the run, not the ones this report makes.
      const lost = disconnects;
      for (const socket of sockets) socket.disconnect();
      // The parent ends this process once it has the report.
      await send({ type: 'report', clients: received, disconnects: lost });
      break;
    }
  }
}

process.on('message', (command: LiveClientsCommand) => {
  handle(command).catch(async (error: Error) => {
    await send({ type: 'error', message: error.stack ?? error.message });
    process.exit(1);
  });
});
// The parent going away (Ctrl+C, crash) must not leave this process running.
process.on('disconnect', () => process.exit(0));
