import type pg from 'pg';
import type { BenchDatabase } from './infra.ts';
import type { BenchOptions } from './options.ts';

/** What every phase of a run is given: the options, the bench database and a pool of the bench's own. */
export interface BenchContext {
  options: BenchOptions;
  database: BenchDatabase;
  /** A small pool of the bench's own for setup, polling and checks (not the engine's). */
  control: pg.Pool;
}
