import { describe, expect, it } from 'vitest';
import { failed, passed } from './check-result.ts';
import { formatResults } from './format-results.ts';
import { exitStatusOf } from './run-doctor.ts';

describe("the doctor's report", () => {
  it('marks each line ✓, ✗ or ! (a warning), puts the fix under what is not fine, and counts what blocks', () => {
    const results = [
      passed('Redis reachable', 'connected to 127.0.0.1:6379'),
      failed('Redis persistence', 'AOF is off', 'Set `appendonly yes`.', false),
      failed('Telegram token', 'the Telegram token is wrong', 'Ask @BotFather.'),
    ];
    expect(formatResults(results)).toBe(
      [
        '✓ Redis reachable: connected to 127.0.0.1:6379',
        '! Redis persistence: AOF is off',
        '    fix: Set `appendonly yes`.',
        '✗ Telegram token: the Telegram token is wrong',
        '    fix: Ask @BotFather.',
        '',
        '1 problem blocks Tandem.',
        '',
      ].join('\n'),
    );
    expect(exitStatusOf(results)).toBe(1);
  });

  it('exits 0 when only warnings remain', () => {
    const results = [failed('Redis persistence', 'AOF is off', 'Set `appendonly yes`.', false)];
    expect(formatResults(results)).toContain('Nothing blocks Tandem.');
    expect(exitStatusOf(results)).toBe(0);
  });
});
