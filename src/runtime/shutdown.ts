import type { Logger } from '../logging/logger.ts';

export type ShutdownStep = readonly [name: string, stop: () => Promise<void>];

/**
 * A signal that arrives this soon after the first is the same request relayed: a terminal's Ctrl+C
 * signals the whole foreground process group, so under `npm start` node gets it once from the
 * terminal and again from npm, which forwards SIGINT/SIGTERM to its script (a few ms apart, more on
 * a loaded machine). A person who presses Ctrl+C again on purpose does so later than this.
 */
export const RELAYED_SIGNAL_WINDOW_MS = 1_000;

export type SignalVerdict = 'stop' | 'relayed' | 'force';

/**
 * What a stop signal means, given when the first one arrived (`firstAt`, undefined if none did):
 * the first starts the graceful shutdown, a copy within `RELAYED_SIGNAL_WINDOW_MS` is ignored, a
 * later one is a deliberate second request to exit at once.
 */
export function judgeSignal(firstAt: number | undefined, now: number): SignalVerdict {
  if (firstAt === undefined) return 'stop';
  return now - firstAt < RELAYED_SIGNAL_WINDOW_MS ? 'relayed' : 'force';
}

/**
 * On SIGINT/SIGTERM runs the steps in order (stop taking work first, close connections last),
 * each bounded in time so a hung dependency cannot keep the process alive. A second signal a
 * moment later is the first one relayed and changes nothing; one sent later exits at once. Jobs a
 * worker had not finished are picked up by another worker (BullMQ's stalled-job check), so a
 * forced exit loses nothing.
 */
export function handleShutdown(logger: Logger, steps: readonly ShutdownStep[], stepTimeoutMs = 10_000): void {
  let firstAt: number | undefined;
  const stop = async (signal: string) => {
    const verdict = judgeSignal(firstAt, performance.now());
    if (verdict === 'relayed') {
      logger.debug({ signal }, 'signal relayed by a parent process while stopping; ignored');
      return;
    }
    if (verdict === 'force') {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    firstAt = performance.now();
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
