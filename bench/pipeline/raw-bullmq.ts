import { Queue, Worker } from 'bullmq';
import { connectRedis } from '../../src/redis/connection.ts';
import { deletePrefix, uniquePrefix } from '../shared/infra.ts';
import { epochMs, round } from '../shared/stats.ts';

export interface RawBullmqResult {
  jobs: number;
  concurrency: number;
  seconds: number;
  jobs_per_s: number;
}

/**
 * The anchor: what this machine's Redis and BullMQ do with no work at all. N no-op jobs are added
 * with addBulk in chunks while a Worker (same process, no-op processor) drains them; the time runs
 * from the first add to the last completion.
 */
export async function runRawBullmq(options: {
  redisUrl: string;
  jobs: number;
  concurrency: number;
  chunk?: number;
}): Promise<RawBullmqResult> {
  const prefix = uniquePrefix('raw');
  const producer = connectRedis(options.redisUrl, { maxRetriesPerRequest: null });
  const consumer = connectRedis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('raw-noop', { connection: producer, prefix });
  const chunk = options.chunk ?? 1000;
  let completed = 0;
  let lastAt = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const worker = new Worker('raw-noop', async () => null, {
    connection: consumer,
    prefix,
    concurrency: options.concurrency,
    autorun: false,
  });
  worker.on('completed', () => {
    completed++;
    if (completed === options.jobs) {
      lastAt = epochMs();
      resolveDone();
    }
  });
  await queue.waitUntilReady();
  void worker.run();
  await worker.waitUntilReady();
  const startedAt = epochMs();
  for (let i = 0; i < options.jobs; i += chunk) {
    const size = Math.min(chunk, options.jobs - i);
    await queue.addBulk(
      Array.from({ length: size }, (_, j) => ({
        name: 'noop',
        data: { i: i + j },
        opts: { jobId: `j-${i + j}` },
      })),
    );
  }
  await done;
  const seconds = (lastAt - startedAt) / 1000;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  producer.disconnect();
  consumer.disconnect();
  await deletePrefix(options.redisUrl, prefix);
  return {
    jobs: options.jobs,
    concurrency: options.concurrency,
    seconds: round(seconds, 3),
    jobs_per_s: round(options.jobs / seconds),
  };
}
