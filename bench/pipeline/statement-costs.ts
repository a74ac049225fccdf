import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { EconomyChange } from '../../src/ledger/event-schemas.ts';
import { recordLedgerChange } from '../../src/ledger/record-ledger-change.ts';
import { completeEvent, readOpenEvent } from '../../src/sync/event-lifecycle.ts';
import type { BenchContext } from '../shared/bench-context.ts';
import { rewriterFor, unprepared } from '../shared/experiments.ts';
import { createPlayers, resetEconomy, withOptions } from '../shared/infra.ts';
import { instrumentPool } from '../shared/statements.ts';
import { round } from '../shared/stats.ts';

export interface StatementCost {
  step: string;
  variant: string;
  /** Wall time per call, one connection, calls one after another (a commit waits for its WAL flush). */
  wall_ms: number;
  /** CPU of the Postgres backend per call, from /proc (what the server pays). */
  postgres_cpu_ms: number;
  /** CPU of this (node) process per call: pg driver, parsing, the engine's own code. */
  node_cpu_ms: number;
}

function backendCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // 100 ticks per second
}

function nodeCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * What each of the hot path's steps costs on its own: the engine's own functions called serially on
 * a one-connection pool, with its statements sent unnamed (parsed and planned on every call) and
 * named (prepared once per connection), with synchronous_commit on and off. Postgres CPU is read
 * from the backend's /proc entry, so it holds even when other sessions load the machine.
 */
export async function measureStatementCosts(ctx: BenchContext, calls = 400): Promise<StatementCost[]> {
  await resetEconomy(ctx.control);
  const players = await createPlayers(ctx.control, 1000);
  const results: StatementCost[] = [];
  const variants: Array<{ name: string; prepared: boolean; syncCommit: boolean }> = [
    { name: 'unnamed (parsed + planned per call)', prepared: false, syncCommit: true },
    { name: 'named prepared (as the engine sends them)', prepared: true, syncCommit: true },
    { name: 'named prepared, synchronous_commit off', prepared: true, syncCommit: false },
  ];
  let batch = 0;
  for (const variant of variants) {
    batch++;
    const url = variant.syncCommit
      ? ctx.database.url
      : withOptions(ctx.database.url, '-c synchronous_commit=off');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    instrumentPool(pool, { rewrite: variant.prepared ? rewriterFor(['prepared']) : unprepared });
    const pid = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const measure = async (step: string, run: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await run(calls + i); // warm: plans, catalog caches
      const pgBefore = backendCpuMs(pid);
      const nodeBefore = nodeCpuMs();
      const started = performance.now();
      for (let i = 0; i < calls; i++) await run(i);
      const wall = performance.now() - started;
      results.push({
        step,
        variant: variant.name,
        wall_ms: round(wall / calls, 3),
        postgres_cpu_ms: round((backendCpuMs(pid) - pgBefore) / calls, 3),
        node_cpu_ms: round((nodeCpuMs() - nodeBefore) / calls, 3),
      });
    };
    const change = (i: number, tag: string): EconomyChange => {
      const playerId = players[(i * 7919) % players.length]!;
      return {
        key: `tg-msg-${tag}${batch}x${i}-${playerId}`,
        playerId,
        type: 'xp_change',
        source: 'telegram',
        xpDelta: 20,
        coinDelta: 0,
        reason: 'message',
        metadata: {},
      };
    };
    const eventIds: string[] = [];
    await measure('round trip (SELECT 1)', () => pool.query('SELECT 1'));
    await measure('record, new key (1 statement)', async (i) => {
      const outcome = await recordLedgerChange(pool, change(i, 'n'));
      if (i < calls) eventIds[i] = outcome.eventId;
    });
    await measure('record, duplicate key (2 statements)', (i) => recordLedgerChange(pool, change(i, 'n')));
    await measure('read open event + player', (i) => readOpenEvent(pool, eventIds[i % calls]!));
    await measure('complete event + sync state', (i) =>
      completeEvent(
        pool,
        eventIds[i % calls]!,
        { telegramXp: 100, balance: 0 },
        { number: 1, workerName: 'bench' },
      ),
    );
    await pool.end();
  }
  return results;
}
