import type { DiscordControlClient, DiscordEmulator, Scenario } from '@tandem/emulators/discord';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discordHistory, startDiscordPortWorld } from '../../test/support/discord-port-world.ts';
import type { OpenPlatformPorts } from '../platforms/platform-ports.ts';
import { type DiscordPort, PlatformRateLimitedError, PlatformRefusedError } from '../sync/ports.ts';

let emulator: DiscordEmulator;
let control: DiscordControlClient;
let world: Scenario;
let ports: OpenPlatformPorts;
let port: DiscordPort;
let rankRoleIds: string[];

beforeEach(async () => {
  ({ emulator, control, world, ports, port, rankRoleIds } = await startDiscordPortWorld());
});

afterEach(async () => {
  await ports.close();
  await emulator.stop();
});

const { rolesOf, restCalls, lastSeq } = discordHistory(() => ({ control, world }));

describe('Discord port: rate limits', () => {
  it("surfaces a 429 at once as PlatformRateLimitedError with Discord's wait, then goes through", async () => {
    const { alice } = world.users;
    await control.rateLimitStorm({ durationMs: 1500, scope: 'global' });
    const started = Date.now();

    const error = await port
      .setRankRole({ userId: alice, roleId: world.roles.bronze, rankRoleIds, reason: 'Tandem: rank Bronze' })
      .catch((e: unknown) => e);

    // Not waited out inside the REST client: the queue decides.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(PlatformRateLimitedError);
    // Retry-After is whole seconds (2), plus discord.js's 50 ms margin.
    expect((error as PlatformRateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1400);
    expect((error as PlatformRateLimitedError).retryAfterMs).toBeLessThanOrEqual(2100);
    await new Promise((r) => setTimeout(r, (error as PlatformRateLimitedError).retryAfterMs));
    await port.setRankRole({
      userId: alice,
      roleId: world.roles.bronze,
      rankRoleIds,
      reason: 'Tandem: rank Bronze',
    });
    expect(await rolesOf(alice)).toEqual([world.roles.bronze]);
  });

  it('surfaces an exhausted member-edit bucket the same way', async () => {
    const { bob } = world.users;
    await control.rateLimitStorm({
      durationMs: 1000,
      scope: 'route',
      route: 'PUT /guilds/:guildId/members/:userId/roles/:roleId',
    });

    const error = await port.grantRole(bob, world.roles.gold, 'Tandem: Veteran').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformRateLimitedError);
    expect((error as PlatformRateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect(await rolesOf(bob)).toEqual([]);
  });
});

describe('Discord port: members and DMs', () => {
  it('pages through the member list by user id', async () => {
    const more = await Promise.all(['dan', 'eve', 'fay'].map((username) => control.createUser({ username })));
    for (const user of more)
      await control.addMember(world.guildId, { userId: user.id, roles: [world.roles.gold] });
    const everyone = (await control.guild(world.guildId)).members.map((m) => m.user.id);

    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<DiscordPort['listMemberRoles']>> = await port.listMemberRoles({
        after,
        limit: 3,
      });
      pages.push(page.members.length);
      seen.push(...page.members.map((m) => m.userId));
      after = page.nextAfter;
    } while (after);

    expect(pages.length).toBeGreaterThan(1);
    expect(seen).toEqual([...everyone].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    const page = await port.listMemberRoles({ after: null, limit: 1000 });
    expect(page.nextAfter).toBeNull();
    expect(page.members.find((m) => m.userId === world.users.carol)?.roleIds).toEqual([world.roles.staff]);
    expect(page.members.find((m) => m.userId === more[0]!.id)?.roleIds).toEqual([world.roles.gold]);
  });

  it('opens a DM channel once and posts each notice in it', async () => {
    const { alice } = world.users;
    const since = await lastSeq();

    await port.notify(alice, 'You reached Silver!');
    await port.notify(alice, 'You unlocked Chatterbox.');

    const [dm] = await control.directMessages({ userId: alice });
    expect(dm?.messages.map((m) => m.content)).toEqual(['You reached Silver!', 'You unlocked Chatterbox.']);
    const opened = (await restCalls(since)).filter((c) => c.startsWith('POST /users/@me/channels'));
    expect(opened).toHaveLength(1);
  });

  it('refuses a DM to a member who does not accept them', async () => {
    const { bob } = world.users;
    await control.updateUser(bob, { acceptsDirectMessages: false });

    const error = await port.notify(bob, 'You reached Gold!').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlatformRefusedError);
    expect((error as Error).message).toBe(
      `discord refused: cannot DM user ${bob}: they do not accept direct messages from server members, or share no server with the bot`,
    );
  });

  it('leaves a server error as it is, for the queue to retry', async () => {
    await control.failNextRestCalls({ count: 4, status: 503, route: 'GET /guilds/:guildId/members/:userId' });

    const error = await port
      .setRankRole({ userId: world.users.alice, roleId: world.roles.bronze, rankRoleIds, reason: 'x' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PlatformRefusedError);
    expect(error).not.toBeInstanceOf(PlatformRateLimitedError);
  });
});
