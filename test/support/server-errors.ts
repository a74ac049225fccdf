import type pg from 'pg';

/** An ErrorResponse PostgreSQL sent: the same error it writes to its own log as `ERROR:`. */
export interface ServerError {
  code: string;
  message: string;
  constraint?: string;
}

/**
 * Records every error PostgreSQL answers to a statement sent through `pool`, from any of its
 * connections (each is watched from its first checkout on). The server logs each of these as an
 * ERROR, so an empty list means the work watched left no ERROR in PostgreSQL's log.
 */
export function watchServerErrors(pool: pg.Pool): { errors: ServerError[]; stop(): void } {
  const errors: ServerError[] = [];
  const watched = new WeakSet<object>();
  let stopped = false;
  const onAcquire = (client: pg.PoolClient) => {
    const connection = (client as unknown as pg.Client).connection;
    if (watched.has(connection)) return;
    watched.add(connection);
    connection.on('errorMessage', (message: { code?: string; message?: string; constraint?: string }) => {
      if (stopped) return;
      errors.push({
        code: message.code ?? '',
        message: message.message ?? '',
        constraint: message.constraint,
      });
    });
  };
  pool.on('acquire', onAcquire);
  return {
    errors,
    stop() {
      stopped = true;
      pool.off('acquire', onAcquire);
    },
  };
}
