import type { Engine } from '../../../src/ledger/engine.ts';
import type { EconomyChangeInput } from '../../../src/ledger/event-schemas.ts';

/**
 * A producer at a fixed rate, the way players keep earning while something breaks: submission `i`
 * starts at `i / perSecond` seconds whether or not the earlier ones are done (a slow dependency
 * must not slow the load down). A submission that throws is tried again with the same `i`, so with
 * the same idempotency key, as a client that got no answer would; each such try is a producer retry.
 */
export interface SteadyLoadOptions {
  perSecond: number;
  submit(i: number): Promise<unknown>;
  /** @defaultValue 100 */
  retryDelayMs?: number;
  /** A submission still failing after this long fails the load. @defaultValue 30000 */
  giveUpAfterMs?: number;
}

export interface LoadReport {
  /** Submissions made (each accepted once in the end). */
  submitted: number;
  /** Tries that threw and were made again. */
  producerRetries: number;
}

export interface SteadyLoad {
  /** Submissions started so far. */
  readonly started: number;
  /** Starts no new submission; resolves once every started one went through. */
  stop(): Promise<LoadReport>;
}

export function startSteadyLoad(options: SteadyLoadOptions): SteadyLoad {
  const retryDelayMs = options.retryDelayMs ?? 100;
  const giveUpAfterMs = options.giveUpAfterMs ?? 30_000;
  const startedAt = performance.now();
  const inFlight = new Set<Promise<void>>();
  const givenUp: string[] = [];
  let next = 0;
  let producerRetries = 0;

  const submitUntilAccepted = async (i: number) => {
    const deadline = Date.now() + giveUpAfterMs;
    for (;;) {
      try {
        await options.submit(i);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          givenUp.push(`#${i}: ${(error as Error).message}`);
          return;
        }
        producerRetries++;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  };

  const tick = () => {
    const due = Math.floor(((performance.now() - startedAt) * options.perSecond) / 1000);
    while (next < due) {
      const submission = submitUntilAccepted(next++);
      inFlight.add(submission);
      void submission.finally(() => inFlight.delete(submission));
    }
  };
  const timer = setInterval(tick, 5);

  return {
    get started() {
      return next;
    },
    async stop() {
      clearInterval(timer);
      while (inFlight.size > 0) await Promise.all(inFlight);
      if (givenUp.length > 0) {
        throw new Error(
          `${givenUp.length} submissions never went through: ${givenUp.slice(0, 3).join('; ')}`,
        );
      }
      return { submitted: next, producerRetries };
    },
  };
}

/** The key of load change `i` for `playerId`. */
export function loadKey(i: number, playerId: string): string {
  return `sys-fault-${i}-${playerId}`;
}

/** What each load change gives. */
export interface LoadChangeOptions {
  /** XP of the even changes. @defaultValue 25 */
  xp?: number;
  /** Coins of the odd changes. @defaultValue 10 */
  coins?: number;
  /** Decides whether linked players are told (`event_bonus`: yes; `message`: routine, no). @defaultValue `event_bonus` */
  reason?: string;
}

/**
 * Load change `i`: XP and coins in turn, over the players round-robin, each under its own key.
 * Coins make the balance side of the ledger check count too.
 */
export function loadChange(
  i: number,
  players: readonly string[],
  options: LoadChangeOptions = {},
): EconomyChangeInput {
  const playerId = players[i % players.length]!;
  const base = {
    key: loadKey(i, playerId),
    playerId,
    source: 'system' as const,
    reason: options.reason ?? 'event_bonus',
  };
  return i % 2 === 0
    ? { ...base, type: 'xp_change', xpDelta: options.xp ?? 25 }
    : { ...base, type: 'balance_change', coinDelta: options.coins ?? 10 };
}

/** The keys of load changes `0 .. count - 1`. */
export function loadKeys(count: number, players: readonly string[]): string[] {
  return Array.from({ length: count }, (_, i) => loadKey(i, players[i % players.length]!));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A `submit` for startSteadyLoad that records change `i` (100 XP or coins, so players climb ranks and
 * the workers run rank derivations and claims) as the earning paths do: half alone, half inside a
 * transaction that locks the player and works a little before recording (daily, payouts, chat XP).
 * A connection cut off there, between two statements, is the case a process must survive.
 */
export function recordLikeEarningPaths(engine: Engine, players: readonly string[]) {
  return async (i: number) => {
    const change = loadChange(i, players, { xp: 100 });
    if (i % 4 < 2) return engine.record(change);
    return engine.transaction(async (tx) => {
      await tx.client.query('SELECT 1 FROM players WHERE id = $1 FOR UPDATE', [change.playerId]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return tx.record(change);
    });
  };
}
