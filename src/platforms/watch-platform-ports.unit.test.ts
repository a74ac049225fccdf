import { describe, expect, it } from 'vitest';
import type { AlertSignals, CountedTrouble } from '../alerts/alert-signals.ts';
import { type DiscordPort, PlatformRateLimitedError, PlatformRefusedError } from '../sync/ports.ts';
import { watchPlatformPorts } from './watch-platform-ports.ts';

function refusal(status: number, code: number): PlatformRefusedError {
  const error = new PlatformRefusedError('discord', 'refused');
  error.cause = { status, code };
  return error;
}

describe('the watched platform ports', () => {
  it("count Discord's permission refusals on role writes and every 429, never a player's own refusal", async () => {
    const counted: CountedTrouble[] = [];
    const signals: AlertSignals = { received() {}, count: (trouble) => void counted.push(trouble) };
    let next: Error = new Error('unset');
    const fail = async () => {
      throw next;
    };
    const discord = { grantRole: fail, notify: fail, setRankRole: fail } as unknown as DiscordPort;
    const ports = watchPlatformPorts({ telegram: null, discord }, signals);
    const attempt = (call: () => Promise<void>) => call().catch((error) => error);

    next = refusal(403, 50013);
    expect(await attempt(() => ports.discord!.grantRole('1', '2', 'r'))).toBe(next);
    // The member left the server (10007): theirs, not the bot's.
    next = refusal(404, 10007);
    await attempt(() =>
      ports.discord!.setRankRole({ userId: '1', roleId: '2', rankRoleIds: [], reason: 'r' }),
    );
    // The player does not accept DMs (50007), even as a 403.
    next = refusal(403, 50007);
    await attempt(() => ports.discord!.notify('1', 'hello'));
    next = new PlatformRateLimitedError('discord', 1000);
    await attempt(() => ports.discord!.notify('1', 'hello'));
    expect(counted).toEqual(['role-refusals', 'rate-limited-discord']);
  });
});
