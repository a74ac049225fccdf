import type { ChildProcess } from 'node:child_process';
import type { LiveClientsCommand, LiveClientsMessage, ReceivedMessage } from './live-clients.ts';

// The pages as the live-path phase (live-path.ts) sees them: the channel to the process that holds
// them (live-clients.ts), and what they heard, turned into deliveries.

/** Every (page, measured change) the pages heard of, with its latency and where it was spent. */
export function deliveries(clients: ReceivedMessage[][], publishedAt: number[]) {
  const latency: number[] = [];
  const batching: number[] = [];
  const fanOut: number[] = [];
  let asMany = 0;
  let messages = 0;
  for (const messagesOfClient of clients) {
    const heard = new Set<number>();
    const count = (index: number, message: ReceivedMessage, sentAt: number) => {
      const published = publishedAt[index];
      if (published === undefined || heard.has(index)) return false;
      heard.add(index);
      latency.push(message.receivedAt - published);
      batching.push(Math.max(0, sentAt - published));
      fanOut.push(Math.max(0, message.receivedAt - sentAt));
      return true;
    };
    for (const message of messagesOfClient) {
      messages++;
      const sentAt = Date.parse(message.at);
      for (const line of message.changes) {
        if ('id' in line) {
          if (line.id.startsWith('m-')) count(Number(line.id.slice(2)), message, sentAt);
        } else if (line.entity === 'players') {
          // `many`: the page refetches the whole list, which holds every change published before it.
          publishedAt.forEach((published, index) => {
            if (published <= sentAt + 1 && count(index, message, sentAt)) asMany++;
          });
        }
      }
    }
  }
  return { latency, batching, fanOut, asMany, messages };
}

/** The clients process's messages, awaited by type; its failure or exit fails every wait. */
export function clientsChannel(child: ChildProcess) {
  type Waiter = { resolve: (message: LiveClientsMessage) => void; reject: (error: Error) => void };
  const waiting = new Map<string, Waiter>();
  const failAll = (error: Error) => {
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };
  child.on('message', (message: LiveClientsMessage) => {
    if (message.type === 'error') return failAll(new Error(`socket.io clients failed: ${message.message}`));
    waiting.get(message.type)?.resolve(message);
    waiting.delete(message.type);
  });
  child.once('exit', (code) => failAll(new Error(`the socket.io clients process exited with ${code}`)));
  return {
    send(command: LiveClientsCommand) {
      child.send(command);
    },
    next<T extends LiveClientsMessage['type']>(
      type: T,
      timeoutMs: number,
    ): Promise<Extract<LiveClientsMessage, { type: T }>> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(type);
          reject(new Error(`no '${type}' from the socket.io clients within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(type, {
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message as Extract<LiveClientsMessage, { type: T }>);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
  };
}
