import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createGuildDirectorySource } from './guild-directory-source.ts';
import { DiscordGuildError, type DiscordGuildPort, type GuildSnapshot } from './guild-port.ts';

const logger = createLogger('silent');
const snapshot: GuildSnapshot = {
  guild: { id: '1', name: 'Server' },
  roles: [
    { id: '1', name: '@everyone', color: 0, position: 0, permissions: '0', managed: false },
    { id: '2', name: 'Tandem', color: 0, position: 2, permissions: String(1n << 28n), managed: true },
    { id: '3', name: 'Gold', color: 0, position: 1, permissions: '0', managed: false },
  ],
  channels: [],
  bot: { userId: '9', roleIds: ['2'] },
};

/** A port answering from a list of outcomes, counting its reads. */
function scriptedPort(outcomes: Array<GuildSnapshot | Error>): DiscordGuildPort & { reads: number } {
  const port = {
    guildId: '1',
    reads: 0,
    async read() {
      const outcome = outcomes[Math.min(port.reads++, outcomes.length - 1)]!;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    createRole: () => Promise.reject(new Error('not used')),
    moveRoles: () => Promise.reject(new Error('not used')),
  };
  return port;
}

describe('the guild directory source', () => {
  it('is not-configured without a port, and then checks no ids', async () => {
    const source = createGuildDirectorySource({ port: null, logger });
    expect(await source.get()).toMatchObject({ status: 'not-configured', roles: [] });
    expect(await source.idsNow()).toBeNull();
  });

  it('keeps a read until the server announces a change', async () => {
    let clock = 0;
    const port = scriptedPort([snapshot]);
    const source = createGuildDirectorySource({ port, logger, now: () => clock });
    await source.get();
    clock = 59_000;
    await source.get();
    expect(port.reads).toBe(1);
    source.onChange({ entity: 'discord_guild', action: 'updated', id: 'another-guild' });
    source.onChange({ entity: 'ranks', action: 'updated', id: '1' });
    await source.get();
    expect(port.reads).toBe(1);
    source.onChange({ entity: 'discord_guild', action: 'updated', id: '1' });
    await source.get();
    expect(port.reads).toBe(2);
    clock = 200_000;
    await source.get();
    expect(port.reads).toBe(3);
  });

  it('answers unreachable with the reason, asks again after a few seconds, and then checks no ids', async () => {
    let clock = 0;
    const port = scriptedPort([
      new DiscordGuildError('Discord answered 401: the bot token is wrong.'),
      snapshot,
    ]);
    const source = createGuildDirectorySource({ port, logger, now: () => clock });
    expect(await source.get()).toMatchObject({
      status: 'unreachable',
      reason: 'Discord answered 401: the bot token is wrong.',
    });
    expect(await source.idsNow()).toBeNull();
    expect(port.reads).toBe(1);
    clock = 6_000;
    expect((await source.idsNow())?.roleProblem('3')).toBeNull();
    expect(port.reads).toBe(2);
  });

  it('lets a recent read stand in while Discord rate limits the bot, but not a wrong token', async () => {
    let clock = 0;
    const slowDown = new DiscordGuildError('Discord asked Tandem to slow down: try again in 4 s.', {
      retryAfterMs: 4_000,
    });
    const port = scriptedPort([
      snapshot,
      slowDown,
      new DiscordGuildError('Discord answered 401: the bot token is wrong.'),
    ]);
    const source = createGuildDirectorySource({ port, logger, now: () => clock });
    const first = await source.get();
    source.onChange({ entity: 'discord_guild', action: 'updated', id: '1' });
    clock = 1_000;
    expect(await source.get()).toBe(first);
    expect(port.reads).toBe(2);
    clock = 2_000;
    expect(await source.get({ refresh: true })).toMatchObject({ status: 'unreachable' });
  });
});
