import { afterEach, expect } from 'vitest';
import type { ReconcileFinding, ReconcileOptions } from '../../src/sync/maintenance/reconcile/reconcile.ts';
import type { SyncWorkers } from '../../src/sync/workers.ts';
import { FakeDiscord, FakeTelegram } from './fake-ports.ts';
import { openTestTandem, type TestTandem } from './services.ts';

export const restore: ReconcileOptions = { roleDriftPolicy: 'restore', stuckAfterMs: 300_000 };
export const reportOnly: ReconcileOptions = { roleDriftPolicy: 'report', stuckAfterMs: 300_000 };

/** Discord is down for the whole pass. */
export class UnreachableDiscord extends FakeDiscord {
  override async listMemberRoles(): Promise<never> {
    this.calls.push('listMemberRoles');
    throw new Error('Discord is down (fake 503)');
  }
}

export interface Community {
  discord: FakeDiscord;
  telegram: FakeTelegram;
  /** The three lowest ranks, with Discord roles 900, 901 and 902. */
  ranks: Array<{ id: number; minXp: number; name: string }>;
  workers: SyncWorkers | null;
}

/**
 * The Tandem of each test of a reconcile test file (a fresh database per file, stopped after each
 * test) and the community the tests build in it: linked players with ranks that carry Discord roles.
 */
export function useReconcileWorld() {
  let current: TestTandem | undefined;
  afterEach(async () => {
    await current?.stop();
  });

  const world = {
    get tandem(): TestTandem {
      if (!current) throw new Error('no Tandem is open in this test');
      return current;
    },
    set tandem(tandem: TestTandem) {
      current = tandem;
    },

    async openCommunity(discord = new FakeDiscord(), options = { workers: true }): Promise<Community> {
      const telegram = new FakeTelegram();
      const tandem = await openTestTandem({ ports: { discord, telegram } });
      current = tandem;
      const ranks = await tandem.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 3 });
      for (const [i, rank] of ranks.entries()) {
        await tandem.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
      }
      return { discord, telegram, ranks, workers: options.workers ? tandem.startWorkers() : null };
    },

    /** A player linked on both platforms who earned `xp` by chatting (no notices for that). */
    async linkedPlayer(discordUserId: string, xp: number): Promise<string> {
      const tandem = world.tandem;
      const playerId = await tandem.createPlayer(`P${discordUserId}`);
      await tandem.db.prisma.identity.createMany({
        data: [
          { playerId, platform: 'discord', platformUserId: discordUserId },
          { playerId, platform: 'telegram', platformUserId: `7${discordUserId}` },
        ],
      });
      await tandem.engine.record({
        key: `dc-msg-1-${playerId}`,
        playerId,
        type: 'xp_change',
        source: 'discord',
        xpDelta: xp,
        reason: 'message',
      });
      return playerId;
    },

    async counts() {
      const { rows } = await world.tandem.db.pool.query(
        `SELECT (SELECT count(*)::int FROM sync_events) AS events, (SELECT count(*)::int FROM ledger_entries) AS ledger`,
      );
      return rows[0] as { events: number; ledger: number };
    },

    async findingsOf(runId: number): Promise<ReconcileFinding[]> {
      const run = await world.tandem.db.prisma.reconcileRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run.finishedAt).toBeInstanceOf(Date);
      return run.findings as ReconcileFinding[];
    },
  };
  return world;
}
