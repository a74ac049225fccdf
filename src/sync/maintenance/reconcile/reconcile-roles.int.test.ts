import { describe, expect, it } from 'vitest';
import { reportOnly, restore, useReconcileWorld } from '../../../../test/support/reconcile-world.ts';
import { reconcile } from './reconcile.ts';

const world = useReconcileWorld();
const { openCommunity, linkedPlayer, counts, findingsOf } = world;

describe('reconcile: Discord roles', () => {
  it('puts a removed rank role and a hand-added wrong one back through the platform queue', async () => {
    const { discord, telegram, ranks, workers } = await openCommunity();
    await linkedPlayer('1001', 20);
    await linkedPlayer('1002', ranks[1]!.minXp);
    discord.members.set('3000', new Set(['902', '555']));
    await world.tandem.settle();
    expect([discord.rolesOf('1001'), discord.rolesOf('1002')]).toEqual([['900'], ['901']]);
    // Reconcile must not write to Discord itself: with the workers stopped, only listing happens.
    await workers!.close();
    discord.members.get('1001')!.delete('900');
    discord.members.get('1002')!.add('902');
    const calls = discord.calls.length;
    const before = await counts();
    const notices = discord.messages.length + telegram.messages.length;

    const report = await reconcile(world.tandem, restore);

    expect(report).toMatchObject({ membersChecked: 2, roleDrifts: 2, rolesFixed: 2, errors: 0 });
    expect(discord.calls.slice(calls)).toEqual(['listMemberRoles null 1000']);
    const findings = await findingsOf(report.runId);
    expect(findings.filter((f) => f.kind === 'roles')).toEqual([
      expect.objectContaining({
        discordUserId: '1001',
        action: 'restored',
        drift: { extraRankRoleIds: [], missingRankRoleId: '900', missingAchievementRoleIds: [] },
      }),
      expect.objectContaining({
        discordUserId: '1002',
        action: 'restored',
        drift: { extraRankRoleIds: ['902'], missingRankRoleId: null, missingAchievementRoleIds: [] },
      }),
    ]);
    const fixes = await world.tandem.db.prisma.syncEvent.findMany({
      where: { idempotencyKey: { startsWith: 'sys-rolefix-' } },
    });
    expect(fixes).toHaveLength(2);
    expect((await counts()).ledger).toBe(before.ledger);

    world.tandem.startWorkers();
    await world.tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['900']);
    expect(discord.rolesOf('1002')).toEqual(['901']);
    // Not a linked player: not Tandem's business.
    expect(discord.rolesOf('3000')).toEqual(['555', '902']);
    // Putting a role back is no news to the player.
    expect(discord.messages.length + telegram.messages.length).toBe(notices);

    const again = await reconcile(world.tandem, restore);
    expect(again).toMatchObject({ roleDrifts: 0, rolesFixed: 0 });
  });

  it('only reports drift under the report policy', async () => {
    const { discord, workers } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    await world.tandem.settle();
    await workers!.close();
    discord.members.get('1001')!.delete('900');
    discord.members.get('1001')!.add('902');
    const before = await counts();

    const report = await reconcile(world.tandem, reportOnly);

    expect(report).toMatchObject({ roleDrifts: 1, rolesFixed: 0, errors: 0 });
    expect(await findingsOf(report.runId)).toEqual([
      {
        kind: 'roles',
        playerId,
        discordUserId: '1001',
        action: 'reported',
        drift: { extraRankRoleIds: ['902'], missingRankRoleId: '900', missingAchievementRoleIds: [] },
      },
    ]);
    expect(await counts()).toEqual(before);
    world.tandem.startWorkers();
    await world.tandem.settle();
    expect(discord.rolesOf('1001')).toEqual(['902']);
    const state = await world.tandem.db.prisma.syncState.findUniqueOrThrow({ where: { playerId } });
    expect(state).toMatchObject({ reconcileErrors: 1 });
    expect(state.lastError).toBe('Discord roles drifted: extra rank roles 902; missing rank role 900');
  });

  it('grants a missing achievement role again without announcing the achievement again', async () => {
    const { discord, telegram } = await openCommunity();
    const playerId = await linkedPlayer('1001', 20);
    const achievement = await world.tandem.db.prisma.achievement.create({
      data: {
        slug: 'veteran',
        name: 'Veteran',
        rule: { kind: 'games_won', count: 500 },
        discordRoleId: '950',
      },
    });
    world.tandem.catalog.invalidate();
    await world.tandem.db.prisma.playerAchievement.create({
      data: { playerId, achievementId: achievement.id },
    });
    await world.tandem.settle();
    const notices = discord.messages.length + telegram.messages.length;

    const report = await reconcile(world.tandem, restore);
    expect(report).toMatchObject({ roleDrifts: 1, rolesFixed: 1 });
    await world.tandem.settle();

    expect(discord.rolesOf('1001')).toEqual(['900', '950']);
    expect(discord.messages.length + telegram.messages.length).toBe(notices);
    const regrant = await world.tandem.db.prisma.syncEvent.findFirstOrThrow({
      where: { type: 'achievement_unlock' },
    });
    expect(regrant.idempotencyKey).toMatch(new RegExp(`^sys-achrolefix-.+-${achievement.id}-${playerId}$`));
    expect(regrant).toMatchObject({
      status: 'completed',
      payload: expect.objectContaining({ regrant: true }),
    });
  });

  it('lists the guild in pages, never one request per player', async () => {
    const { discord, workers } = await openCommunity();
    for (let i = 0; i < 5; i++) discord.members.set(`${2000 + i}`, new Set(['555']));
    await linkedPlayer('1001', 20);
    // Sorts last, so it is on the third page.
    await linkedPlayer('9001', 20);
    await world.tandem.settle();
    await workers!.close();
    discord.members.get('9001')!.delete('900');
    const calls = discord.calls.length;

    const report = await reconcile(world.tandem, { ...restore, memberPageSize: 3 });

    expect(discord.calls.slice(calls)).toEqual([
      'listMemberRoles null 3',
      'listMemberRoles 2001 3',
      'listMemberRoles 2004 3',
    ]);
    expect(report).toMatchObject({ membersChecked: 2, roleDrifts: 1, rolesFixed: 1 });
    world.tandem.startWorkers();
    await world.tandem.settle();
    expect(discord.rolesOf('9001')).toEqual(['900']);
  });
});
