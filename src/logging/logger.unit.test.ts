import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { redactedPaths, redactUrl } from './logger.ts';

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
});
