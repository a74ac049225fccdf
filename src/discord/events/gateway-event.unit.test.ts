import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { HandlerRunner } from './gateway-event.ts';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('HandlerRunner', () => {
  it('logs a failing handler with its event instead of letting it escape', async () => {
    const { logger, lines } = capturingLogger();
    const runner = new HandlerRunner(logger);
    runner.run('messageCreate', async () => {
      throw new Error('database away');
    });
    runner.run('guildMemberUpdate', () => {
      throw new Error('thrown before any await');
    });
    await runner.drain();
    const logged = lines.map((line) => `${line.event}: ${(line.err as { message: string }).message}`);
    expect(logged.sort()).toEqual([
      'guildMemberUpdate: thrown before any await',
      'messageCreate: database away',
    ]);
  });

  it('drain waits for the handlers under way and refuses new ones', async () => {
    const { logger } = capturingLogger();
    const runner = new HandlerRunner(logger);
    const done: string[] = [];
    runner.run('a', () => new Promise<void>((resolve) => setTimeout(() => resolve(void done.push('a')), 50)));
    await runner.drain();
    runner.run('b', async () => {
      done.push('b');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual(['a']);
  });
});
