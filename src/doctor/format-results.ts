import type { CheckResult } from './check-result.ts';

/** One line per check, ✓ or ✗ (! for a warning), and the fix under each that is not fine. */
export function formatResults(results: CheckResult[]): string {
  const lines = results.map((result) => {
    const mark = result.ok ? '✓' : result.blocking ? '✗' : '!';
    const line = `${mark} ${result.name}: ${result.detail}`;
    return result.fix && !result.ok ? `${line}\n    fix: ${result.fix}` : line;
  });
  const blocking = results.filter((result) => !result.ok && result.blocking).length;
  const summary =
    blocking === 0
      ? 'Nothing blocks Tandem.'
      : `${blocking} problem${blocking === 1 ? '' : 's'} block${blocking === 1 ? 's' : ''} Tandem.`;
  return `${lines.join('\n')}\n\n${summary}\n`;
}
