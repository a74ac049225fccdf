import type { Logger } from '../../logging/logger.ts';

export interface VoiceTicker {
  /** Stops ticking and waits for a tick under way. */
  stop(): Promise<void>;
}

/**
 * Calls `tick` every `intervalMs`. A tick still running when the next is due is not doubled up: the
 * next one is skipped (its minute is credited by the following tick's bucket or not at all, which
 * is the fair outcome of an overloaded minute). Failures are logged; the ticker keeps going.
 */
export function startVoiceTicker(
  tick: () => Promise<unknown>,
  intervalMs: number,
  logger: Logger,
): VoiceTicker {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .then(() => {})
      .catch((error: unknown) => logger.error({ err: error }, 'voice tick failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
