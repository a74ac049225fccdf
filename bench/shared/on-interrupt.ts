import { judgeSignal } from '../../src/runtime/shutdown.ts';
import { deletePrefix, prefixesInUse } from './infra.ts';

/**
 * On Ctrl+C (or SIGTERM): drops what the run made (`cleanUp`) and the queues' keys, then exits 130.
 * Under `npm run bench` a terminal's Ctrl+C arrives twice (from the terminal, and relayed by npm):
 * the copy is ignored, so the clean-up runs; a later second Ctrl+C exits at once.
 */
export function onInterrupt(
  redisUrl: string,
  what: string,
  say: (line: string) => void,
  cleanUp: () => Promise<unknown>,
): void {
  let firstSignalAt: number | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      const verdict = judgeSignal(firstSignalAt, performance.now());
      if (verdict === 'relayed') return;
      if (verdict === 'force') process.exit(130);
      firstSignalAt = performance.now();
      say(`${signal}: dropping ${what} and the queues' keys`);
      void Promise.all([
        cleanUp(),
        ...[...prefixesInUse].map((prefix) => deletePrefix(redisUrl, prefix).catch(() => 0)),
      ]).finally(() => process.exit(130));
    });
  }
}
