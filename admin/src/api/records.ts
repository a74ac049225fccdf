import type { RaRecord } from 'react-admin';

/**
 * The records the Tandem API returns, as the panel reads them. Field names follow the API's JSON
 * (camelCase of the database columns); every editable record carries `version` for conflict checks.
 */

export type Platform = 'telegram' | 'discord';
export type EventSource = 'telegram' | 'discord' | 'admin' | 'system';
export type EventType =
  | 'xp_change'
  | 'balance_change'
  | 'rank_change'
  | 'achievement_unlock'
  | 'reward_grant'
  | 'payout_decision';
export type SyncStatus = 'pending' | 'processing' | 'completed' | 'failed';
export type SubmissionStatus = 'pending' | 'approved' | 'rejected';
export type PayoutStatus = 'held' | 'approved' | 'declined';
/** What the ledger says of a payout's coins: held, paid (posted) or given back (voided). */
export type HoldState = 'pending' | 'posted' | 'voided';
export type AdminRole = 'admin' | 'operator';

export interface Versioned extends RaRecord {
  version: number;
}

export interface IdentityRecord {
  platform: Platform;
  platformUserId: string;
  username?: string | null;
}

export interface PlayerRecord extends Versioned {
  id: string;
  displayName: string;
  xp: number;
  balance: number;
  /** The rank the player holds now (derived from XP), or null below every active rank. */
  rank?: { id: number; name: string; priority?: number } | null;
  rankId?: number | null;
  rankName?: string | null;
  /** Both platforms linked. */
  linked?: boolean;
  /** Coins set aside by pending ledger holds (payouts waiting for a decision). */
  heldCoins?: number;
  identities?: IdentityRecord[];
  mergedIntoId?: string | null;
  /** The accounts linking merged into this one (on a player's page). */
  mergedFrom?: { id: string; displayName: string; createdAt: string }[];
  dailyStreak?: number;
  messages?: number;
  voiceMinutes?: number;
  gamesWon?: number;
  coinsEarned?: number;
  createdAt: string;
  achievements?: { id: number; name: string; unlockedAt: string }[];
  recentLedger?: LedgerRecord[];
}

export interface LedgerRecord extends RaRecord {
  id: string | number;
  playerId: string;
  type: EventType;
  source: EventSource;
  xpDelta: number;
  coinDelta: number;
  xpAfter: number;
  balanceAfter: number;
  reason: string;
  metadata?: Record<string, unknown>;
  idempotencyKey: string;
  createdAt: string;
}

export interface SyncEventRecord extends RaRecord {
  id: string;
  idempotencyKey: string;
  source: EventSource;
  type: EventType;
  playerId: string;
  payload?: Record<string, unknown>;
  status: SyncStatus;
  attempts: number;
  errorMessage?: string | null;
  processedBy?: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt?: string | null;
}

export interface TaskSubmissionRecord extends Versioned {
  id: string;
  taskId: number;
  playerId: string;
  platform: Platform;
  proof: string;
  status: SubmissionStatus;
  note?: string | null;
  decidedBy?: string | null;
  decidedAt?: string | null;
  taskTitle?: string;
  playerName?: string;
  createdAt: string;
}

export interface PayoutRecord extends Versioned {
  id: string;
  playerId: string;
  amount: number;
  status: PayoutStatus;
  note?: string | null;
  decidedBy?: string | null;
  decidedAt?: string | null;
  playerName?: string;
  holdId?: string | null;
  holdState?: HoldState | null;
  createdAt: string;
}

/** The current admin, as `GET /api/auth/me` describes them. */
export interface SessionAdmin {
  id: string;
  username: string;
  role: AdminRole;
  mustChangePassword: boolean;
}
