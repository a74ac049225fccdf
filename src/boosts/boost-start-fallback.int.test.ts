import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import {
  announceBoostStarts,
  boostStartJobId,
  scheduleBoostStart,
} from '../sync/maintenance/boost-starts.ts';
import { type MaintenanceOptions, runMaintenance } from '../sync/maintenance/run-maintenance.ts';

let tandem: TestTandem;
const options: MaintenanceOptions = {
  retention: { completedDays: 30, failedDays: 7 },
  reconcile: { roleDriftPolicy: 'restore', stuckAfterMs: 300_000 },
  outboxStaleAfterMs: 0,
};

beforeAll(async () => {
  tandem = await openTestTandem({ ports: { discord: new FakeDiscord(), telegram: new FakeTelegram() } });
  await tandem.db.pool.query(`INSERT INTO settings (key, value) VALUES ('announcements', $1)`, [
    JSON.stringify({ rankUp: { discordChannelId: '555', telegramChatId: '-1001' } }),
  ]);
});
afterAll(async () => {
  await tandem?.stop();
});

/** The announcements queued (no workers run here, so each stays in the queue to be counted). */
async function queuedAnnouncements(prefix = '') {
  const jobs = await tandem.queues.notifications.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs
    .filter((job) => job.name === 'announce' && job.id?.startsWith(prefix))
    .map((job) => job.id)
    .sort();
}

describe('a boost start whose delayed job was lost', () => {
  it('is announced once by the minute tick, and the delayed job run afterwards adds nothing', async () => {
    const startsAt = new Date(Date.now() + 300);
    const { rows } = await tandem.db.pool.query(
      `INSERT INTO boosts (name, starts_at, ends_at, factor, sources) VALUES ('Double weekend', $1, $2, 2, ARRAY['message'])
       RETURNING id, starts_at AS "startsAt", ends_at AS "endsAt", active`,
      [startsAt, new Date(startsAt.getTime() + 3_600_000)],
    );
    const boost = rows[0];
    await scheduleBoostStart(tandem.queues, boost);
    // Redis loses the delayed job (flushed, or the process died before adding it).
    const jobId = boostStartJobId(boost);
    expect(await tandem.queues.maintenance.getJob(jobId)).toBeDefined();
    await tandem.queues.maintenance.remove(jobId);
    expect(await tandem.queues.maintenance.getJob(jobId)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt.getTime() - Date.now()) + 50));

    // The tick the 'close-seasons' scheduler runs every minute.
    expect(await runMaintenance(tandem, options, 'close-seasons')).toMatchObject({ boostStarts: 1 });
    const announced = [`${jobId}-discord`, `${jobId}-telegram`];
    expect(await queuedAnnouncements()).toEqual(announced);

    // The next tick, and the delayed job after all (re-added and run): nothing more.
    expect(await runMaintenance(tandem, options, 'close-seasons')).toMatchObject({ boostStarts: 0 });
    await scheduleBoostStart(tandem.queues, boost);
    expect(await runMaintenance(tandem, options, 'boost-start')).toEqual({ announced: 0 });
    expect(await queuedAnnouncements()).toEqual(announced);
  });
});

describe('a boost start announced by a run that stopped half way', () => {
  it('stays due when its announcement could not be queued, and is queued once when the mark was lost', async () => {
    const { rows } = await tandem.db.pool.query<{ id: number; startsAt: Date }>(
      `INSERT INTO boosts (name, starts_at, ends_at, factor, sources)
       VALUES ('Crash', now() - interval '1 second', now() + interval '1 hour', 2, ARRAY['message'])
       RETURNING id, starts_at AS "startsAt"`,
    );
    const jobId = boostStartJobId(rows[0]!);
    const announcedStart = async () =>
      (await tandem.db.pool.query('SELECT announced_start FROM boosts WHERE id = $1', [rows[0]!.id])).rows[0]
        .announced_start;

    // Redis unreachable while queueing: the run fails and the start is still due.
    const unreachable = {
      ...tandem,
      queues: {
        ...tandem.queues,
        enqueueAnnouncement: async () => {
          throw new Error('Redis unreachable');
        },
      },
    };
    await expect(announceBoostStarts(unreachable)).rejects.toThrow('Redis unreachable');
    expect(await announcedStart()).toBeNull();
    expect(await queuedAnnouncements(jobId)).toEqual([]);

    expect(await announceBoostStarts(tandem)).toBe(1);
    const announced = [`${jobId}-discord`, `${jobId}-telegram`];
    expect(await queuedAnnouncements(jobId)).toEqual(announced);
    // The process died after queueing, before the mark committed: the next run queues nothing new.
    await tandem.db.pool.query('UPDATE boosts SET announced_start = NULL WHERE id = $1', [rows[0]!.id]);
    expect(await announceBoostStarts(tandem)).toBe(1);
    expect(await queuedAnnouncements(jobId)).toEqual(announced);
    expect(await announceBoostStarts(tandem)).toBe(0);
  });
});
