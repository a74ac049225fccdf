import type pg from 'pg';
import { parseInput } from '../core/parse-input.ts';
import { CallBatcher } from '../db/call-batcher.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import type { EventMetrics, RecordedOutcome } from '../metrics/event-metrics.ts';
import {
  type EconomyChange,
  type EconomyChangeInput,
  type EventType,
  economyChangeSchema,
} from './event-schemas.ts';
import { type RecordOutcome, recordLedgerChange } from './record-ledger-change.ts';
import { recordLedgerChanges } from './record-ledger-changes.ts';

export type { RecordOutcome };

export interface DispatchableEvent {
  id: string;
  idempotencyKey: string;
  type: EventType;
}

/** An event offered to the outbox in a transaction, counted once the transaction commits. */
interface OfferedEvent {
  type: EventType;
  source: string;
  outcome: RecordedOutcome;
}

export interface EngineOptions {
  /** How long a caller waits for Redis to take a job before leaving it to the relay. @defaultValue 2000 */
  dispatchTimeoutMs?: number;
  /** Counts the events recorded and the duplicates turned away. @defaultValue not counted */
  metrics?: Pick<EventMetrics, 'recorded'>;
}

/**
 * What the engine needs of the queues (the queue side implements it): take events' jobs, and say
 * whether Redis is there at all.
 */
export interface EventQueue {
  enqueueEvent(event: DispatchableEvent): Promise<void>;
  enqueueEvents(events: ReadonlyArray<DispatchableEvent>): Promise<void>;
  connected(): boolean;
}

/** A database transaction in which changes are recorded; their jobs are enqueued after it commits. */
export interface RecordingTransaction {
  client: pg.PoolClient;
  record(input: EconomyChangeInput): Promise<RecordOutcome>;
  /** Enqueue this event's job once the transaction has committed. */
  dispatchAfterCommit(event: DispatchableEvent): void;
  /** Count an event offered to the outbox (appended, or its key was there) once the transaction commits. */
  countAfterCommit(event: OfferedEvent): void;
}

/**
 * The one way anything changes XP or coins. `record` answers at once with the player's new totals
 * (or, for a key seen before, the first outcome) and hands the event to the queues; if Redis is
 * unreachable the event stays pending in Postgres and the outbox relay enqueues it later.
 */
export class Engine {
  /**
   * Records arriving together (a burst of messages, a busy bot) are committed as one group: one
   * statement and one WAL flush for the group instead of one each. A player or a key appears at most
   * once in a group (the next change of a player waits for the next group, so it sees the first's
   * totals); each caller still gets its own outcome or its own error.
   */
  private readonly recordings: CallBatcher<EconomyChange, RecordOutcome>;
  /** The jobs of a group's events go to Redis together (one round trip), after the group commits. */
  private readonly dispatches: CallBatcher<DispatchableEvent, void>;

  private readonly dispatchTimeoutMs: number;
  private readonly metrics: EngineOptions['metrics'];

  constructor(
    private readonly db: Database,
    private readonly queues: EventQueue,
    private readonly logger: Logger,
    options: EngineOptions = {},
  ) {
    this.dispatchTimeoutMs = options.dispatchTimeoutMs ?? 2000;
    this.metrics = options.metrics;
    const named = { namedStatements: db.namedStatements };
    this.recordings = new CallBatcher((changes) => recordLedgerChanges(this.db.pool, changes, named), {
      maxBatch: 100,
      exclusiveKeys: (change) => [`player:${change.playerId}`, `key:${change.key}`],
    });
    this.dispatches = new CallBatcher<DispatchableEvent, void>(
      async (events) => {
        await this.dispatch(events);
        return events.map(() => ({ status: 'fulfilled', value: undefined }));
      },
      { maxBatch: 500, maxInFlight: 2 },
    );
  }

  async record(input: EconomyChangeInput): Promise<RecordOutcome> {
    const change = parseInput(economyChangeSchema, input);
    const outcome = await this.recordings.call(change);
    this.metrics?.recorded(change, outcome.applied ? 'recorded' : 'duplicate');
    if (outcome.applied)
      await this.dispatches.call({ id: outcome.eventId, idempotencyKey: outcome.key, type: change.type });
    return outcome;
  }

  /** Runs `work` in one transaction (several changes that must happen together, e.g. a merge). */
  async transaction<T>(work: (tx: RecordingTransaction) => Promise<T>): Promise<T> {
    const client = await this.db.pool.connect();
    const toDispatch: DispatchableEvent[] = [];
    const toCount: OfferedEvent[] = [];
    let result: T;
    try {
      await client.query('BEGIN');
      result = await work({
        client,
        record: async (input) => {
          const change = parseInput(economyChangeSchema, input);
          const outcome = await recordLedgerChange(client, change, {
            inTransaction: true,
            namedStatements: this.db.namedStatements,
          });
          toCount.push({ ...change, outcome: outcome.applied ? 'recorded' : 'duplicate' });
          if (outcome.applied)
            toDispatch.push({ id: outcome.eventId, idempotencyKey: outcome.key, type: change.type });
          return outcome;
        },
        dispatchAfterCommit: (event) => toDispatch.push(event),
        countAfterCommit: (event) => toCount.push(event),
      });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    for (const event of toCount) this.metrics?.recorded(event, event.outcome);
    await this.dispatch(toDispatch);
    return result;
  }

  /** Enqueues events' jobs; a failure leaves them pending for the outbox relay, never lost. */
  async dispatch(events: DispatchableEvent[]): Promise<void> {
    if (events.length === 0) return;
    // With Redis known to be away, answering the player at once matters more than trying: the
    // relay enqueues these events as soon as the connection is back.
    if (!this.queues.connected()) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      const enqueue =
        events.length === 1 ? this.queues.enqueueEvent(events[0]!) : this.queues.enqueueEvents(events);
      // A Redis that accepts the connection but never answers must not hold the player's answer.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`enqueue timed out after ${this.dispatchTimeoutMs} ms`)),
          this.dispatchTimeoutMs,
        );
      });
      await Promise.race([enqueue, timeout]);
    } catch (error) {
      this.logger.warn(
        { err: error, events: events.map((e) => e.idempotencyKey) },
        'queue unreachable: events stay pending for the outbox relay',
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
