import type pg from 'pg';
import { statementLabel } from './statements.ts';

/**
 * What-if `batched`: the economy worker's per-event statements (read, completion)
 * coalesced into one statement per batch, DataLoader-style: calls that arrive while a batch is in
 * flight wait for the next one (one batch in flight per statement, so batches grow with the load and
 * concurrent batches cannot deadlock each other). Each caller still gets its own rows, so the
 * processors and BullMQ's semantics stay as they are: a job completes only after its batch committed.
 *
 * This emulates an engine change (a coalescer in src/sync/event-lifecycle.ts) at the pool, to
 * measure its gain; nothing else uses it.
 */

type Rows = { rows: Record<string, unknown>[]; rowCount: number };

interface Pending<T> {
  item: T;
  resolve: (result: Rows) => void;
  reject: (error: unknown) => void;
}

class Coalescer<T> {
  private waiting: Pending<T>[] = [];
  private inFlight = false;
  private scheduled = false;
  batches = 0;
  items = 0;

  constructor(private readonly run: (items: T[]) => Promise<Rows[]>) {}

  add(item: T): Promise<Rows> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, 500);
    this.inFlight = true;
    this.batches++;
    this.items += batch.length;
    try {
      const results = await this.run(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        p.resolve(results[i]!);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }
}

/** The batched statements are prepared too (their text does not depend on the batch size). */
const named = (name: string, text: string) => ({ name, text }) as unknown as string;

const one = (rows: Record<string, unknown>[]): Rows => ({ rows, rowCount: rows.length });

/** Installs the coalescer on a pool's `query` (promise calls with the engine's exact statements). */
export function installCoalescer(pool: pg.Pool): { batches(): string } {
  const original = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

  const reads = new Coalescer<{ text: string; values: unknown[] }>(async (items) => {
    const first = items[0]!;
    const text = first.text.replace('WHERE id = $1 AND', 'WHERE id = ANY($1::uuid[]) AND');
    if (text === first.text)
      throw new Error('what-if batched: the read statement changed; update bench/shared/coalesce.ts');
    const ids = items.map((i) => i.values[0] as string);
    const { rows } = await original(text, [ids]);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return items.map((i) => {
      const row = byId.get(i.values[0] as string);
      return one(row ? [row] : []);
    });
  });

  // Completions that leave the Discord rank role alone ($5 false): every economy event's.
  const completes = new Coalescer<{ values: unknown[] }>(async (items) => {
    const col = (k: number) => items.map((i) => i.values[k] ?? null);
    await original(
      named(
        'bench-batched-complete',
        `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[])
                AS i(id, tg, dc, bal, attempt, worker)
       ), done AS (
         UPDATE sync_events e SET status = 'completed', processed_at = now(), updated_at = now(), error_message = NULL,
                attempts = greatest(e.attempts, input.attempt), processed_by = coalesce(input.worker, e.processed_by)
           FROM input WHERE e.id = input.id
         RETURNING e.player_id, input.tg, input.dc, input.bal
       ), latest AS (
         SELECT DISTINCT ON (player_id) * FROM done ORDER BY player_id, coalesce(tg, dc, bal) DESC NULLS LAST
       )
       INSERT INTO sync_states (player_id, last_telegram_xp, last_discord_xp, last_balance, updated_at)
       SELECT player_id, tg, dc, bal, now() FROM latest ORDER BY player_id
       ON CONFLICT (player_id) DO UPDATE SET
         last_telegram_xp = coalesce(EXCLUDED.last_telegram_xp, sync_states.last_telegram_xp),
         last_discord_xp = coalesce(EXCLUDED.last_discord_xp, sync_states.last_discord_xp),
         last_balance = coalesce(EXCLUDED.last_balance, sync_states.last_balance),
         updated_at = now()`,
      ),
      [col(0), col(1), col(2), col(3), col(6), col(7)],
    );
    return items.map(() => one([]));
  });

  (pool as unknown as { query: unknown }).query = (query: unknown, values?: unknown, callback?: unknown) => {
    // The engine sends its hot statements as `{ name, text }` (prepared); older code sent the text.
    const text = typeof query === 'string' ? query : (query as { text?: unknown } | null)?.text;
    if (typeof text === 'string' && Array.isArray(values) && callback === undefined) {
      const label = statementLabel(text);
      if (label === 'process: read open event + player') return reads.add({ text, values });
      if (label === 'process: complete event + sync state' && values.length === 8 && values[4] === false)
        return completes.add({ values });
    }
    return (original as (...a: unknown[]) => unknown)(query, values, callback);
  };
  const describe = (name: string, c: Coalescer<unknown>) =>
    `${name} ${c.items} in ${c.batches} batches (${c.batches ? (c.items / c.batches).toFixed(1) : 0}/batch)`;
  return {
    batches: () =>
      [
        describe('reads', reads as Coalescer<unknown>),
        describe('completions', completes as Coalescer<unknown>),
      ].join(', '),
  };
}
