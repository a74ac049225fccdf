/**
 * The ports the local servers listen on on 127.0.0.1: the one a server used last time when it is
 * free, so its URL stays the same across restarts, else a free one below the ephemeral range.
 *
 * A port the kernel hands out with `listen(0)` lies in the ephemeral range (32768-60999 on Linux,
 * 49152-65535 on macOS), the same range every outgoing connection takes its local port from: once
 * the server stops, any client connection on the machine (a pool reconnecting, a browser) may sit
 * on it and the next start gets another URL. Ports in CHOSEN_PORTS are never handed out that way.
 */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { TandemError } from '../core/errors.ts';
import type { Logger } from '../logging/logger.ts';

/** The server could not bind its port: another process took it between the check and the bind. */
export class PortInUseError extends TandemError {
  override name = 'PortInUseError';
  constructor(message: string) {
    super('internal', message);
  }
}

/**
 * Spawns a server with `spawnOn(port)` on `ports.fixed`; without one, on the port it used last
 * time if that is free (so its URL stays the same across restarts), else on any free port. A free
 * port can be taken before the server binds it, so a `PortInUseError` on a chosen port is retried
 * once on another free port.
 */
export async function spawnOnPort(
  ports: { fixed: number | undefined; remembered: number | undefined },
  spawnOn: (port: number) => Promise<ChildProcess>,
  server: { name: string; logger: Logger },
): Promise<{ port: number; child: ChildProcess }> {
  const port = ports.fixed ?? (await choosePort(ports.remembered));
  try {
    return { port, child: await spawnOn(port) };
  } catch (err) {
    if (ports.fixed !== undefined || !(err instanceof PortInUseError)) throw err;
    const other = await freePort();
    server.logger.warn(
      { port: other },
      `port was taken while ${server.name} started; retrying on another port`,
    );
    return { port: other, child: await spawnOn(other) };
  }
}

async function choosePort(remembered: number | undefined): Promise<number> {
  if (remembered && (await isPortFree(remembered))) return remembered;
  return freePort();
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Below Linux's and macOS's ephemeral ranges, above the well-known services' ports. */
const CHOSEN_PORTS = { low: 20_000, high: 32_767 };
const CHOSEN_PORT_TRIES = 20;

/** A free port below the ephemeral range, so no client connection takes it while its server is down. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < CHOSEN_PORT_TRIES; tries += 1) {
    const port = CHOSEN_PORTS.low + Math.floor(Math.random() * (CHOSEN_PORTS.high - CHOSEN_PORTS.low + 1));
    if (await isPortFree(port)) return port;
  }
  return anyFreePort();
}

/** A port the kernel picks; only when twenty random ones in CHOSEN_PORTS were all taken. */
function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}
