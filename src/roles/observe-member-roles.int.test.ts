import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../test/support/fake-ports.ts';
import { reportOnly, restore, useReconcileWorld } from '../../test/support/reconcile-world.ts';
import { observeMemberRoles } from './observe-member-roles.ts';

const world = useReconcileWorld();
const { openCommunity, linkedPlayer, counts } = world;

describe('observeMemberRoles (the Discord gateway handler)', () => {
  it("ignores the echo of Tandem's own role write: no event, no ledger row, no write", async () => {
    const { discord } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    await world.tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['900']);
    const before = await counts();
    const calls = discord.calls.length;
    const state = await world.tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } });

    // The gateway echoes the projection's write (with a role that is not Tandem's, too).
    const echo = await observeMemberRoles(
      world.tandem,
      { discordUserId: '1001', roleIds: ['900', '555'] },
      restore,
    );

    expect(echo).toEqual({ outcome: 'in-sync' });
    await world.tandem.settle();
    expect(await counts()).toEqual(before);
    expect(discord.calls.length).toBe(calls);
    expect(await world.tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } })).toEqual(state);
  });

  it('puts back a rank role changed by hand, and ignores the echo of that fix', async () => {
    const { discord, telegram } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    await world.tandem.settle();
    const before = await counts();
    const notices = telegram.messages.length + discord.messages.length;
    // A moderator swaps the rank role by hand.
    discord.members.set('1001', new Set(['902']));

    const observed = await observeMemberRoles(
      world.tandem,
      { discordUserId: '1001', roleIds: ['902'] },
      restore,
    );

    expect(observed).toEqual({
      outcome: 'restored',
      playerId,
      drift: { extraRankRoleIds: ['902'], missingRankRoleId: '900', missingAchievementRoleIds: [] },
    });
    await world.tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['900']);
    expect(await counts()).toEqual({ events: before.events + 1, ledger: before.ledger });
    expect(telegram.messages.length + discord.messages.length).toBe(notices);

    // The fix echoes back: nothing more happens.
    const echo = await observeMemberRoles(
      world.tandem,
      { discordUserId: '1001', roleIds: discord.rolesOf('1001') },
      restore,
    );
    expect(echo).toEqual({ outcome: 'in-sync' });
    await world.tandem.settle();
    expect(await counts()).toEqual({ events: before.events + 1, ledger: before.ledger });
  });

  it('reports without fixing, waits for projections under way, and ignores members who are not linked', async () => {
    const { discord } = await openCommunity(new FakeDiscord(), { workers: false });
    const playerId = await linkedPlayer('1001', 20);
    // The first event is still pending: its projection will set the role, the roles are not drift yet.
    expect(await observeMemberRoles(world.tandem, { discordUserId: '1001', roleIds: [] }, restore)).toEqual({
      outcome: 'in-flight',
    });
    world.tandem.startWorkers();
    await world.tandem.settle();
    const before = await counts();

    const reported = await observeMemberRoles(
      world.tandem,
      { discordUserId: '1001', roleIds: ['901'] },
      reportOnly,
    );
    expect(reported).toMatchObject({ outcome: 'reported', playerId });
    expect(
      await observeMemberRoles(world.tandem, { discordUserId: '4242', roleIds: ['901'] }, restore),
    ).toEqual({
      outcome: 'not-linked',
    });
    await world.tandem.settle();
    expect(await counts()).toEqual(before);
    expect(discord.rolesOf('1001')).toEqual(['900']);
    expect(await world.tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } })).toMatchObject({
      reconcileErrors: 1,
    });
  });
});
