import type { Logger } from '../logging/logger.ts';

export type ShutdownStep = readonly [name: string, stop: () => Promise<void>];

/**
 * On SIGINT/SIGTERM runs the steps in order (stop taking work first, close connections last),
 * each bounded in time so a hung dependency cannot keep the process alive; a second signal exits
 * at once. Jobs a worker had not finished are picked up by another worker (BullMQ's stalled-job
 * check), so a forced exit loses nothing.
 */
export function handleShutdown(logger: Logger, steps: readonly ShutdownStep[], stepTimeoutMs = 10_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    let failed = false;
    for (const [name, step] of steps) {
      try {
        await Promise.race([
          step(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), stepTimeoutMs).unref()),
        ]);
      } catch (error) {
        failed = true;
        logger.error({ step: name, err: (error as Error).message }, 'shutdown step failed');
      }
    }
    logger.info('stopped');
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
