import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../../test/support/admin-api-world.ts';
import { createAlertSignals } from './alert-signals.ts';
import { type AlertContext, evaluateAlerts } from './evaluate-alerts.ts';
import { readHeartbeats, startHeartbeat } from './heartbeat.ts';
import { runPagerCommand } from './pager-command.ts';

/**
 * The pager over real PostgreSQL and Redis, its clock passed in: an operator signs up through the
 * panel's API and a bot, refusals counted by the ports open and resolve incidents, evaluations run
 * twice change nothing, and pages beyond the pace are folded into one summary.
 */
describe('the pager', () => {
  let world: AdminApiWorld;
  let ctx: AlertContext;
  let cookie: string;
  const windows = { signalBucketMs: 1_000, refusalWindowMs: 5_000, resolveAfterClearMs: 2_000 };
  const pageJobs = async () =>
    (await world.tandem.queues.notifications.getJobs(['waiting'])).map((job) => ({
      id: job.id,
      key: (job.data as { message?: { key: string } }).message?.key,
    }));

  beforeAll(async () => {
    world = await openAdminApiWorld();
    await world.createAdmin('night-owl', 'operator');
    cookie = await world.signIn('night-owl');
    const { tandem } = world;
    ctx = {
      pool: tandem.db.pool,
      redis: tandem.redis,
      prefix: tandem.prefix,
      queues: [],
      enqueuePage: (dedupId, job) => tandem.queues.enqueueNotification(dedupId, job),
      logger: tandem.logger,
      changes: tandem.changes,
    };
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('signs an operator up with a code from the panel, sent to the bot', async () => {
    const issued = await world.call('/api/pager/code', { method: 'POST', cookie });
    expect(issued.status).toBe(201);
    const { code } = (await issued.json()) as { code: string };
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const signedUp = await runPagerCommand(world.tandem.db.pool, {
      platform: 'telegram',
      platformUserId: '4242',
      language: 'ru',
      args: code.toLowerCase(),
    });
    expect(signedUp).toEqual({ kind: 'confirmed', username: 'night-owl' });
    const mine = await (await world.call('/api/pager', { cookie })).json();
    expect(mine).toEqual({ targets: [{ platform: 'telegram', since: expect.any(String) }] });
  });

  it('opens an incident once, pages once, and resolves it after the hysteresis', async () => {
    const t0 = Date.now();
    const signals = createAlertSignals(world.tandem.redis, world.tandem.prefix, {
      now: () => t0,
      bucketMs: windows.signalBucketMs,
    });
    signals.count('role-refusals');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the count is written in the background
    const first = await evaluateAlerts(ctx, windows, t0 + 100);
    expect(first.opened).toEqual(['role-refusals']);
    const again = await evaluateAlerts(ctx, windows, t0 + 100);
    expect(again).toMatchObject({ opened: [], pages: 0 });
    expect(await pageJobs()).toEqual([
      { id: expect.stringMatching(/-opened-/), key: 'pager.opened.roleRefusals' },
    ]);

    // Clear from t0 + 6 s (outside the window), resolved once it stayed clear 2 s.
    expect(await evaluateAlerts(ctx, windows, t0 + 6_000)).toMatchObject({ resolved: [] });
    expect(await evaluateAlerts(ctx, windows, t0 + 8_500)).toMatchObject({ resolved: ['role-refusals'] });
    expect((await pageJobs()).map((job) => job.key).sort()).toEqual([
      'pager.opened.roleRefusals',
      'pager.resolved.roleRefusals',
    ]);
    const list = await world.call('/api/alert_incidents', { cookie });
    expect(list.headers.get('content-range')).toMatch(/\/1$/);
    const [incident] = (await list.json()) as Array<Record<string, unknown>>;
    expect(incident).toMatchObject({
      conditionKey: 'role-refusals',
      kind: 'roleRefusals',
      paged: [
        { admin: 'night-owl', platform: 'telegram', kind: 'opened', folded: false },
        { admin: 'night-owl', platform: 'telegram', kind: 'resolved', folded: false },
      ],
    });
    expect(incident?.resolvedAt).toEqual(expect.any(String));
  });

  it('folds pages beyond the pace into one summary a window later', async () => {
    const paced = { ...windows, pagesPerWindow: 2, pacingWindowMs: 60_000 };
    const t0 = Date.now() + 20_000;
    const before = (await pageJobs()).length;
    const signals = createAlertSignals(world.tandem.redis, world.tandem.prefix, {
      now: () => t0,
      bucketMs: windows.signalBucketMs,
    });
    for (let i = 0; i < 15; i++) signals.count('rate-limited-discord');
    signals.count('role-refusals');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Two incidents open; the admin had two pages in the window already: both are folded.
    expect((await evaluateAlerts(ctx, paced, t0)).opened.sort()).toEqual([
      'rate-limited:discord',
      'role-refusals',
    ]);
    expect((await pageJobs()).length).toBe(before);
    await evaluateAlerts(ctx, paced, t0 + 61_000);
    const jobs = await pageJobs();
    expect(jobs.filter((job) => job.key === 'pager.summary')).toHaveLength(1);
    // Run twice (a stalled job), the summary is still one.
    await evaluateAlerts(ctx, paced, t0 + 61_000);
    expect((await pageJobs()).filter((job) => job.key === 'pager.summary')).toHaveLength(1);
  });

  it('opens an incident for a process that is not ready, resolved once it stops on purpose', async () => {
    const { tandem } = world;
    const heartbeat = startHeartbeat({
      redis: tandem.redis,
      prefix: tandem.prefix,
      name: 'host-7',
      role: 'worker',
      ready: async () => false,
      logger: tandem.logger,
    });
    const written = async () => (await readHeartbeats(tandem.redis, tandem.prefix)).length === 1;
    for (let tries = 0; !(await written()); tries++) {
      if (tries > 200) throw new Error('no heartbeat written');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const t0 = Date.now() + 200_000;
    expect((await evaluateAlerts(ctx, windows, t0)).opened).toContain('process-not-ready:host-7');
    await heartbeat.stop();
    await evaluateAlerts(ctx, windows, t0 + 1_000);
    expect((await evaluateAlerts(ctx, windows, t0 + 3_500)).resolved).toContain('process-not-ready:host-7');
  });

  it('counts failed events an operator must see, not those a player caused', async () => {
    const { tandem } = world;
    const playerId = await tandem.createPlayer();
    await tandem.engine.record({
      key: `admin-grant-pager-${playerId}`,
      playerId,
      type: 'xp_change',
      source: 'admin',
      xpDelta: 5,
      reason: 'grant',
    });
    const fail = (message: string) =>
      tandem.db.pool.query(
        `UPDATE sync_events SET status = 'failed', error_message = $2 WHERE player_id = $1`,
        [playerId, message],
      );
    const now = Date.now() + 400_000;
    await fail('discord refused: cannot DM user 42: they do not accept direct messages from server members');
    expect((await evaluateAlerts(ctx, { failedEventsForMs: 0 }, now)).opened).not.toContain('failed-events');
    await fail('discord refused: cannot assign role 7: the bot needs Manage Roles');
    expect((await evaluateAlerts(ctx, { failedEventsForMs: 0 }, now + 1)).opened).toContain('failed-events');
  });
});
