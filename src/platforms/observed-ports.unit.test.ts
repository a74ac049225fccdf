import { describe, expect, it } from 'vitest';
import { DiscordGuildError, type DiscordGuildPort } from '../discord-guild/guild-port.ts';
import { createProcessMetrics } from '../metrics/process-metrics.ts';
import {
  type DiscordPort,
  PlatformRateLimitedError,
  PlatformRefusedError,
  type TelegramPort,
} from '../sync/ports.ts';
import { observePlatformPorts } from './observed-ports.ts';

const unused = () => Promise.reject(new Error('not called'));

describe('platform ports, observed', () => {
  it('count each call by platform, kind and outcome, and pass answers and errors through unchanged', async () => {
    const metrics = createProcessMetrics({ process: 'worker' });
    const refused = new PlatformRefusedError('discord', 'the bot role is below the rank roles');
    let calls = 0;
    const discord: DiscordPort = {
      setRankRole: () => Promise.reject(refused),
      setRankRoles: unused,
      grantRole: async () => {
        calls += 1;
      },
      revokeRole: unused,
      notify: () => Promise.reject(new PlatformRateLimitedError('discord', 1200)),
      listMemberRoles: async () => ({ members: [], nextAfter: null }),
    };
    const guild: DiscordGuildPort = {
      guildId: '1',
      read: () => Promise.reject(new DiscordGuildError('Discord answered 429', { retryAfterMs: 500 })),
      createRole: unused,
      moveRoles: () => Promise.reject(new Error('socket hang up')),
    };
    const telegram: TelegramPort = { notify: async () => {} };
    const ports = observePlatformPorts({ telegram, discord, discordGuild: guild }, metrics.platformCalls);

    await ports.telegram!.notify('42', 'hi');
    await ports.discord!.grantRole('7', '9', 'rank');
    expect(calls).toBe(1);
    await expect(
      ports.discord!.setRankRole({ userId: '7', roleId: '9', rankRoleIds: ['9'], reason: 'rank' }),
    ).rejects.toBe(refused);
    await expect(ports.discord!.notify('7', 'hi')).rejects.toBeInstanceOf(PlatformRateLimitedError);
    expect(await ports.discord!.listMemberRoles({ after: null, limit: 1000 })).toEqual({
      members: [],
      nextAfter: null,
    });
    await expect(ports.discordGuild!.read()).rejects.toBeInstanceOf(DiscordGuildError);
    await expect(ports.discordGuild!.moveRoles([], 'order')).rejects.toThrow('socket hang up');
    expect(ports.discordGuild!.guildId).toBe('1');

    const text = await metrics.registry.metrics();
    for (const series of [
      'platform="telegram",kind="dm",outcome="ok"',
      'platform="discord",kind="role_write",outcome="ok"',
      'platform="discord",kind="role_write",outcome="refused"',
      'platform="discord",kind="dm",outcome="rate_limited"',
      'platform="discord",kind="member_list",outcome="ok"',
      'platform="discord",kind="guild_read",outcome="rate_limited"',
      'platform="discord",kind="guild_write",outcome="error"',
    ])
      expect(text).toContain(`tandem_platform_calls_total{${series}} 1\n`);
    expect(text).toMatch(
      /tandem_platform_call_duration_seconds_count\{platform="discord",kind="role_write"\} 2\n/,
    );
  });

  it('leave a platform that is not configured absent', () => {
    const metrics = createProcessMetrics({ process: 'api' });
    expect(observePlatformPorts({ telegram: null, discord: null }, metrics.platformCalls)).toEqual({
      telegram: null,
      discord: null,
      discordGuild: undefined,
    });
  });
});
