import { describe, expect, it } from 'vitest';
import { parseEmulatorArgs } from './emulator-args.ts';

describe('parseEmulatorArgs', () => {
  it('defaults to fixed ports a person can bookmark', () => {
    expect(parseEmulatorArgs([])).toEqual({
      telegramPort: 8081,
      discordPort: 8082,
      sandboxPort: 8080,
      host: '127.0.0.1',
    });
  });

  it('takes ports (0 = any free one, several times) and a host', () => {
    expect(
      parseEmulatorArgs([
        '--telegram-port',
        '0',
        '--discord-port=0',
        '--sandbox-port',
        '0',
        '--host',
        '0.0.0.0',
      ]),
    ).toEqual({ telegramPort: 0, discordPort: 0, sandboxPort: 0, host: '0.0.0.0' });
    expect(parseEmulatorArgs(['--telegram-port', '9001', '--discord-port', '9002'])).toMatchObject({
      telegramPort: 9001,
      discordPort: 9002,
      sandboxPort: 8080,
    });
  });

  it('answers help', () => {
    expect(parseEmulatorArgs(['--help'])).toBe('help');
    expect(parseEmulatorArgs(['-h'])).toBe('help');
  });

  it.each([
    [['--telegram-port', 'abc'], /--telegram-port must be a port 0-65535, got "abc"/],
    [['--discord-port', '70000'], /--discord-port must be a port/],
    [['--sandbox-port', '-1'], /--sandbox-port/],
    [['--telegram-port', '1.5'], /must be a port/],
    [['--telegram-port'], /argument missing/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['serve'], /Unexpected argument 'serve'/],
    [['--telegram-port', '8080'], /ports must differ/],
    [['--host', ''], /--host needs an address/],
  ])('refuses %j with a message that says what to change', (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });
});
