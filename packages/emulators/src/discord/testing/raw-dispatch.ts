import { type Client, Events } from 'discord.js';

/** The next gateway dispatch `t` the client receives, as Discord sent it (before discord.js's cache). */
export function nextDispatch(
  client: Client,
  t: string,
  accept: (d: Record<string, unknown>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const listener = (packet: { t?: string; d?: Record<string, unknown> }) => {
      if (packet.t !== t || !packet.d || !accept(packet.d)) return;
      clearTimeout(timer);
      client.off(Events.Raw, listener);
      resolve(packet.d);
    };
    const timer = setTimeout(() => {
      client.off(Events.Raw, listener);
      reject(new Error(`No ${t} within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(Events.Raw, listener);
  });
}
