import type { DiscordControlClient, DiscordEmulator, Scenario } from '@tandem/emulators/discord';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discordHistory, sorted, startDiscordPortWorld } from '../../test/support/discord-port-world.ts';
import { reportOnly } from '../../test/support/reconcile-world.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import type { OpenPlatformPorts } from '../platforms/platform-ports.ts';
import { adjustPlayer } from '../players/adjust-player.ts';
import type { ReconcileFinding } from '../sync/maintenance/reconcile/findings.ts';
import { queueReconcileNow } from '../sync/maintenance/reconcile/queue-reconcile.ts';
import { reconcile } from '../sync/maintenance/reconcile/reconcile.ts';
import type { RankRoleMode } from './rank-role-settings.ts';
import { readRankRoleSettings, saveRankRoleSettings } from './save-rank-role-settings.ts';

/**
 * Rank roles on the Discord emulator, written by Tandem's DiscordPort from the sync workers: the
 * three lowest ranks (0, 500 and 1200 XP) carry Bronze, Silver and Gold.
 */
let emulator: DiscordEmulator;
let control: DiscordControlClient;
let world: Scenario;
let ports: OpenPlatformPorts;
let tandem: TestTandem;
let ranks: Array<{ id: number; minXp: number }>;

beforeEach(async () => {
  ({ emulator, control, world, ports } = await startDiscordPortWorld());
  tandem = await openTestTandem({ ports });
  ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
  const roles = [world.roles.bronze, world.roles.silver, world.roles.gold];
  for (const [i, rank] of ranks.entries()) {
    await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: roles[i] } });
  }
  tandem.catalog.invalidate();
});

afterEach(async () => {
  await tandem.stop();
  await ports.close();
  await emulator.stop();
});

const { rolesOf } = discordHistory(() => ({ control, world }));

async function setMode(mode: RankRoleMode): Promise<boolean> {
  const { version } = await readRankRoleSettings(tandem);
  const saved = await saveRankRoleSettings(
    { ...tandem, refreshMembers: (v) => queueReconcileNow(tandem.queues, `rank-roles-mode-${v}`) },
    { value: { mode }, expectedVersion: version },
  );
  return saved.refreshQueued;
}

async function linkedMember(name: 'alice' | 'bob'): Promise<string> {
  const playerId = await tandem.createPlayer(name);
  await tandem.db.prisma.identity.create({
    data: { playerId, platform: 'discord', platformUserId: world.users[name], username: name },
  });
  return playerId;
}

let messages = 0;
async function earn(playerId: string, xp: number): Promise<void> {
  messages += 1;
  await tandem.engine.record({
    key: `dc-msg-${messages}-${playerId}`,
    playerId,
    type: 'xp_change',
    source: 'discord',
    xpDelta: xp,
    reason: 'message',
  });
}

async function roleFindings(runId: number) {
  const run = await tandem.db.prisma.reconcileRun.findUniqueOrThrow({ where: { id: runId } });
  return (run.findings as ReconcileFinding[]).flatMap((f) => (f.kind === 'roles' ? [f] : []));
}

const bronzeSilverGold = () => sorted([world.roles.bronze, world.roles.silver, world.roles.gold]);

describe('rank roles: replace or stack', () => {
  it('stack mode gives the roles of every rank up to the current one; replace mode only its own', async () => {
    tandem.startWorkers();
    const alice = await linkedMember('alice');
    await setMode('stack');
    await earn(alice, 600);
    await tandem.settle();
    expect(await rolesOf(world.users.alice)).toEqual(sorted([world.roles.bronze, world.roles.silver]));
    await earn(alice, 700);
    await tandem.settle();
    expect(await rolesOf(world.users.alice)).toEqual(bronzeSilverGold());

    await setMode('replace');
    const bob = await linkedMember('bob');
    await earn(bob, 1300);
    await tandem.settle();
    expect(await rolesOf(world.users.bob)).toEqual([world.roles.gold]);
  });

  it('switching the mode brings every member in line through a queued reconcile, and back', async () => {
    tandem.startWorkers();
    const [alice, bob] = [await linkedMember('alice'), await linkedMember('bob')];
    await earn(alice, 1300);
    await earn(bob, 600);
    await tandem.settle();
    expect(await rolesOf(world.users.alice)).toEqual([world.roles.gold]);

    expect(await setMode('stack')).toBe(true);
    const stacked = async () =>
      JSON.stringify(await rolesOf(world.users.alice)) === JSON.stringify(bronzeSilverGold()) &&
      (await rolesOf(world.users.bob)).length === 2;
    await waitFor(stacked, 'members given their stacked rank roles');
    expect(await rolesOf(world.users.bob)).toEqual(sorted([world.roles.bronze, world.roles.silver]));
    // Saving the same mode again brings nobody anywhere: no run is queued.
    expect(await setMode('stack')).toBe(false);

    expect(await setMode('replace')).toBe(true);
    await waitFor(
      async () =>
        (await rolesOf(world.users.alice)).length === 1 && (await rolesOf(world.users.bob)).length === 1,
      'members back to one rank role',
    );
    expect(await rolesOf(world.users.alice)).toEqual([world.roles.gold]);
    expect(await rolesOf(world.users.bob)).toEqual([world.roles.silver]);
    await tandem.settle();
    // Each member was brought in line by a quiet re-apply of their rank (one per member and switch).
    const rankUps = await tandem.db.pool.query(
      `SELECT count(*)::int AS n FROM sync_events WHERE type = 'rank_change' AND idempotency_key LIKE 'sys-rolefix-%'`,
    );
    expect(rankUps.rows[0].n).toBeGreaterThanOrEqual(4);
  });

  it('a switch reaches members even under the report drift policy; hand edits stay reported', async () => {
    tandem.startWorkers();
    const [alice, bob] = [await linkedMember('alice'), await linkedMember('bob')];
    await earn(alice, 1300);
    await earn(bob, 1300);
    await tandem.settle();
    // Bob's roles were changed by hand: Bronze added, which is neither mode's shape for Gold.
    await control.changeRolesAsModerator(world.guildId, world.users.bob, { add: [world.roles.bronze] });
    await tandem.db.pool.query(
      `INSERT INTO settings (key, value) VALUES ('rank-roles', '{"mode":"stack"}'::jsonb)`,
    );

    const report = await reconcile(tandem, reportOnly);
    await tandem.settle();

    expect(report).toMatchObject({ roleDrifts: 2, rolesFixed: 1 });
    const actions = (await roleFindings(report.runId)).map((f) => [f.discordUserId, f.action]);
    expect(actions).toEqual(
      expect.arrayContaining([
        [world.users.alice, 'restored'],
        [world.users.bob, 'reported'],
      ]),
    );
    expect(await rolesOf(world.users.alice)).toEqual(bronzeSilverGold());
    expect(await rolesOf(world.users.bob)).toEqual(sorted([world.roles.bronze, world.roles.gold]));
  });

  it('drift under stack mode: the lower ranks’ roles are expected, a removed one is reported', async () => {
    tandem.startWorkers();
    const alice = await linkedMember('alice');
    await setMode('stack');
    await earn(alice, 1300);
    await tandem.settle();
    expect(await rolesOf(world.users.alice)).toEqual(bronzeSilverGold());

    const clean = await reconcile(tandem, reportOnly);
    expect(clean).toMatchObject({ membersChecked: 1, roleDrifts: 0 });

    await control.changeRolesAsModerator(world.guildId, world.users.alice, { remove: [world.roles.bronze] });
    const drifted = await reconcile(tandem, reportOnly);
    expect(drifted).toMatchObject({ roleDrifts: 1, rolesFixed: 0 });
    expect(await roleFindings(drifted.runId)).toEqual([
      expect.objectContaining({
        kind: 'roles',
        action: 'reported',
        drift: {
          extraRankRoleIds: [],
          missingRankRoleId: null,
          missingLowerRankRoleIds: [world.roles.bronze],
          missingAchievementRoleIds: [],
        },
      }),
    ]);
  });

  it.each(['replace', 'stack'] as const)(
    'a demotion by an admin correction takes the higher roles away (%s mode)',
    async (mode) => {
      tandem.startWorkers();
      const alice = await linkedMember('alice');
      await setMode(mode);
      await earn(alice, 1300);
      await tandem.settle();
      expect(await rolesOf(world.users.alice)).toContain(world.roles.gold);

      await adjustPlayer(tandem, {
        playerId: alice,
        xpDelta: -1000,
        note: 'spam XP taken back',
        admin: 'root',
      });
      await tandem.settle();

      const demotion = await tandem.db.prisma.syncEvent.findFirstOrThrow({
        where: { playerId: alice, type: 'rank_change', status: 'completed' },
        orderBy: { createdAt: 'desc' },
      });
      expect(demotion.payload).toMatchObject({
        fromRankId: ranks[2]!.id,
        toRankId: ranks[0]!.id,
        direction: 'down',
        xp: 300,
      });
      expect(await rolesOf(world.users.alice)).toEqual([world.roles.bronze]);

      // A smaller correction lands on the middle rank: only what is above it goes.
      await earn(alice, 1000);
      await tandem.settle();
      await adjustPlayer(tandem, { playerId: alice, xpDelta: -500, note: 'half of it back', admin: 'root' });
      await tandem.settle();
      expect(await rolesOf(world.users.alice)).toEqual(
        mode === 'stack' ? sorted([world.roles.bronze, world.roles.silver]) : [world.roles.silver],
      );
    },
  );
});
