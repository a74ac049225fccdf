import type { SignalPlatform } from './alert-signals.ts';
import type { Heartbeat } from './heartbeat.ts';
import type { PagerWindows } from './pager-conditions.ts';

/** Everything the conditions look at, read once per evaluation (src/alerts/alert-snapshot.ts). */
export interface AlertSnapshot {
  now: number;
  failedEvents: number;
  queues: Array<{ name: string; waiting: number; oldestWaitingAgeMs: number | null }>;
  /** Drift each of the latest finished reconcile runs found, newest first. */
  reconcileDrift: number[];
  roleRefusals: number;
  rateLimited: Record<SignalPlatform, number>;
  /** When each bot last received something; null when it never did (or does not run). */
  lastReceived: Record<SignalPlatform, number | null>;
  /** An event was recorded within `communityActiveWithinMs`. */
  communityActive: boolean;
  heartbeats: Array<Heartbeat & { name: string }>;
}

/** The kinds of condition: each has its texts (`pager.opened.<kind>`, `pager.resolved.<kind>`). */
export type ConditionKind =
  | 'failedEvents'
  | 'queueBacklog'
  | 'reconcileDrift'
  | 'roleRefusals'
  | 'rateLimited'
  | 'platformSilent'
  | 'processNotReady';

/** One condition as it stands now. `key` names the condition and its subject (`queue-backlog:notifications`). */
export interface ConditionReading {
  key: string;
  kind: ConditionKind;
  holds: boolean;
  /** How long it must hold before an incident opens (0: at once). */
  holdForMs: number;
  /** What the page says: small values only (strings and numbers). */
  details: Record<string, string | number>;
}

/**
 * The conditions over one snapshot. Conditions about a subject that may come and go (a queue, a
 * process) are read only for the subjects present: an incident whose subject vanished resolves.
 */
export function readConditions(snapshot: AlertSnapshot, windows: PagerWindows): ConditionReading[] {
  const { now } = snapshot;
  const readings: ConditionReading[] = [
    {
      key: 'failed-events',
      kind: 'failedEvents',
      holds: snapshot.failedEvents > 0,
      holdForMs: windows.failedEventsForMs,
      details: { count: snapshot.failedEvents },
    },
    {
      key: 'reconcile-drift',
      kind: 'reconcileDrift',
      holds:
        snapshot.reconcileDrift.length >= windows.reconcileDriftRuns &&
        snapshot.reconcileDrift.slice(0, windows.reconcileDriftRuns).every((drift) => drift > 0),
      holdForMs: 0,
      details: { count: snapshot.reconcileDrift[0] ?? 0, runs: windows.reconcileDriftRuns },
    },
    {
      key: 'role-refusals',
      kind: 'roleRefusals',
      holds: snapshot.roleRefusals > 0,
      holdForMs: 0,
      details: { count: snapshot.roleRefusals, minutes: minutes(windows.refusalWindowMs) },
    },
  ];
  for (const queue of snapshot.queues) {
    const age = queue.oldestWaitingAgeMs ?? 0;
    readings.push({
      key: `queue-backlog:${queue.name}`,
      kind: 'queueBacklog',
      holds: queue.waiting > windows.queueMaxWaiting || age > windows.queueMaxOldestWaitingMs,
      holdForMs: 0,
      details: { queue: queue.name, count: queue.waiting, minutes: Math.floor(age / 60_000) },
    });
  }
  for (const platform of ['telegram', 'discord'] as const) {
    readings.push({
      key: `rate-limited:${platform}`,
      kind: 'rateLimited',
      holds: snapshot.rateLimited[platform] > windows.rateLimitedMax,
      holdForMs: 0,
      details: {
        platform: platformName(platform),
        count: snapshot.rateLimited[platform],
        minutes: minutes(windows.refusalWindowMs),
      },
    });
    const last = snapshot.lastReceived[platform];
    // A bot that never received anything here (not running, or new) has nothing to fall silent from.
    if (last === null) continue;
    readings.push({
      key: `platform-silent:${platform}`,
      kind: 'platformSilent',
      holds: snapshot.communityActive && now - last > windows.platformSilentMs,
      holdForMs: 0,
      details: { platform: platformName(platform), minutes: Math.floor((now - last) / 60_000) },
    });
  }
  for (const beat of snapshot.heartbeats) {
    if (now - beat.at > windows.heartbeatForgetMs) continue;
    readings.push({
      key: `process-not-ready:${beat.name}`.slice(0, 120),
      kind: 'processNotReady',
      holds: !beat.ready || now - beat.at > windows.heartbeatMissingMs,
      holdForMs: 0,
      details: {
        process: `${beat.role} ${beat.name}`.slice(0, 200),
        minutes: Math.floor((now - beat.at) / 60_000),
      },
    });
  }
  return readings;
}

function minutes(ms: number): number {
  return Math.max(1, Math.round(ms / 60_000));
}

function platformName(platform: SignalPlatform): string {
  return platform === 'telegram' ? 'Telegram' : 'Discord';
}
