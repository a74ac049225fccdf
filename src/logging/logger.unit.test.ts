import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, redactedPaths, redactUrl, resolveLogFormat } from './logger.ts';

describe('logging', () => {
  it('never writes a token or password', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: redactedPaths, censor: '[redacted]' } }, sink);
    logger.info({ bot: { token: '123:SECRET' }, admin: { password: 'hunter2' } }, 'starting');
    logger.info({ config: { TELEGRAM_BOT_TOKEN: 'tg-secret', DISCORD_BOT_TOKEN: 'dc-secret' } }, 'settings');
    const output = lines.join('');
    for (const secret of ['SECRET', 'hunter2', 'tg-secret', 'dc-secret'])
      expect(output).not.toContain(secret);
    expect(output).toContain('[redacted]');
  });

  it('hides the password of a connection URL', () => {
    expect(redactUrl('postgresql://tandem:s3cret@db:5432/tandem')).toBe(
      'postgresql://tandem:***@db:5432/tandem',
    );
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('is readable on a terminal and JSON anywhere else, unless a format is chosen', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('writes one readable line per entry in the pretty format, still without secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', 'tandem', 'pretty', sink);
    logger.info({ port: 5433, bot: { token: '123:SECRET' } }, 'embedded PostgreSQL started');
    const output = lines.join('');
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: embedded PostgreSQL started .*"port":5433/);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).not.toContain('SECRET');
    expect(output).not.toMatch(/^\{/);
  });
});
