import { describe, expect, it } from 'vitest';
import { pagerDefaults, pagerWindows } from './pager-conditions.ts';
import { type AlertSnapshot, readConditions } from './read-conditions.ts';

const now = 10_000_000;
const calm: AlertSnapshot = {
  now,
  failedEvents: 0,
  queues: [{ name: 'notifications', waiting: 3, oldestWaitingAgeMs: 1_000 }],
  reconcileDrift: [0, 0],
  roleRefusals: 0,
  rateLimited: { telegram: 0, discord: 0 },
  lastReceived: { telegram: now - 1_000, discord: now - 1_000 },
  communityActive: true,
  heartbeats: [{ name: 'host-1', role: 'worker', at: now - 5_000, ready: true }],
};
const holding = (snapshot: AlertSnapshot) =>
  readConditions(snapshot, pagerWindows())
    .filter((reading) => reading.holds)
    .map((reading) => reading.key);

describe('the pager conditions', () => {
  it('hold nothing on a calm installation', () => {
    expect(holding(calm)).toEqual([]);
  });

  it('see each kind of trouble under its own key', () => {
    expect(
      holding({
        ...calm,
        failedEvents: 2,
        queues: [
          { name: 'notifications', waiting: 1001, oldestWaitingAgeMs: 0 },
          { name: 'platform-sync', waiting: 1, oldestWaitingAgeMs: 6 * 60_000 },
        ],
        reconcileDrift: [3, 1],
        roleRefusals: 1,
        rateLimited: { telegram: 10, discord: 11 },
        lastReceived: { telegram: now - pagerDefaults.platformSilentMs - 60_000, discord: now - 1_000 },
        heartbeats: [
          {
            name: 'host-1',
            role: 'worker',
            at: now - pagerDefaults.heartbeatMissingMs - 60_000,
            ready: true,
          },
          { name: 'host-2', role: 'api', at: now, ready: false },
        ],
      }),
    ).toEqual([
      'failed-events',
      'reconcile-drift',
      'role-refusals',
      'queue-backlog:notifications',
      'queue-backlog:platform-sync',
      'platform-silent:telegram',
      'rate-limited:discord',
      'process-not-ready:host-1',
      'process-not-ready:host-2',
    ]);
  });

  it('want drift in consecutive runs, silence only while the community is active', () => {
    expect(holding({ ...calm, reconcileDrift: [3, 0] })).toEqual([]);
    expect(holding({ ...calm, reconcileDrift: [3] })).toEqual([]);
    const silent = { telegram: now - 60 * 60_000, discord: null };
    expect(holding({ ...calm, lastReceived: silent, communityActive: false })).toEqual([]);
    expect(holding({ ...calm, lastReceived: silent })).toEqual(['platform-silent:telegram']);
  });

  it('forget a process silent past the forget window', () => {
    const gone = { name: 'old', role: 'worker', at: now - 2 * 60 * 60_000, ready: true };
    expect(holding({ ...calm, heartbeats: [gone] })).toEqual([]);
  });

  it('wait the failed events window before an incident opens', () => {
    const failed = readConditions({ ...calm, failedEvents: 1 }, pagerWindows({ failedEventsForMs: 1234 }));
    expect(failed.find((reading) => reading.key === 'failed-events')?.holdForMs).toBe(1234);
  });
});
