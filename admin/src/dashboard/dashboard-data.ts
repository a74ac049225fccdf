import type { SyncStatus } from '../api/records.ts';

/** `GET /api/dashboard`, as the API sends it. */
export interface DashboardData {
  /** The last 60 minutes, oldest first. */
  eventsPerMinute?: EventsMinute[];
  /** Pending, processing and failed: every one; completed: those recorded in the last `completedWindowMinutes`. */
  countsByStatus?: Partial<Record<SyncStatus, number>> | { status: SyncStatus; count: number }[];
  completedWindowMinutes?: number;
  queues?: QueueDepth[];
  lastReconcile?: ReconcileSummary | null;
  topPlayers?: TopPlayer[];
  totals?: Partial<Totals>;
  /** Events completed per minute, averaged over the last 15 minutes. */
  throughputPerMinute?: number;
  /** How long the oldest pending event has waited; null when none waits. */
  oldestPendingAgeSeconds?: number | null;
}

export interface EventsMinute {
  minute: string;
  completed: number;
  failed?: number;
}

/** A queue's jobs by state; the counts are null (and `error` says why) when Redis did not answer. */
export interface QueueDepth {
  name: string;
  waiting: number | null;
  active: number | null;
  delayed: number | null;
  failed: number | null;
  completed: number | null;
  error?: string | null;
}

export interface ReconcileFinding {
  kind: string;
  playerId?: string;
  message?: string;
  action?: string;
  omitted?: number;
  [key: string]: unknown;
}

export interface ReconcileSummary {
  startedAt: string;
  finishedAt: string | null;
  playersChecked: number;
  totalsFixed: number;
  rolesFixed: number;
  eventsRequeued: number;
  errors: number;
  /** What the run found (the first ones), or just how many. */
  findings: ReconcileFinding[] | number;
  /** How many findings the run stored, when `findings` lists only the first. */
  findingsCount?: number;
}

export interface TopPlayer {
  id?: string;
  playerId?: string;
  position?: number;
  displayName: string;
  xp: number;
  rankName?: string | null;
}

export interface Totals {
  players: number;
  linkedPlayers: number;
  heldPayouts: number;
  heldCoins: number;
  pendingSubmissions: number;
  failedEvents: number;
}

export const syncStatuses: SyncStatus[] = ['pending', 'processing', 'completed', 'failed'];

/** Counts by status whichever way the API lists them. */
export function statusCounts(data: DashboardData): Record<SyncStatus, number> {
  const counts: Record<SyncStatus, number> = { pending: 0, processing: 0, completed: 0, failed: 0 };
  const source = data.countsByStatus;
  if (Array.isArray(source)) {
    for (const row of source) counts[row.status] = row.count;
  } else if (source) {
    for (const status of syncStatuses) counts[status] = source[status] ?? 0;
  }
  return counts;
}

export function topPlayerId(player: TopPlayer): string | undefined {
  return player.playerId ?? player.id;
}
