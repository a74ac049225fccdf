import type pg from 'pg';
import { inTransaction } from '../db/in-transaction.ts';
import type { Queryable } from '../db/queryable.ts';
import type { Engine } from '../ledger/engine.ts';

/**
 * Who is writing, for the audit trail. The database records every row written in an audited table
 * while a transaction names an actor (see the `admin_audit` migration), so a write is audited by
 * running it in a transaction that names one: the row and its audit commit or roll back together.
 */
export interface AuditActor {
  adminId: string;
  username: string;
  /** The request's address. @defaultValue none */
  address?: string | null;
  /** What the admin did: create, update, delete, rename, adjust, approve, reject, decline, retry, save. */
  action: string;
}

/** The transaction-local setting the audit triggers read. */
export const auditActorSetting = 'tandem.audit_actor';

/** Names the actor until the end of the current transaction (only inside BEGIN ... COMMIT). */
export async function nameAuditActor(db: Queryable, actor: AuditActor): Promise<void> {
  await db.query('SELECT set_config($1, $2, true)', [auditActorSetting, JSON.stringify(actor)]);
}

/**
 * A pool for services that write one statement at a time: each query runs in a transaction of its
 * own that names the actor, so each write is audited with it. Only `query` is offered; the services
 * given one use nothing else.
 */
export function auditedPool(pool: pg.Pool, actor: AuditActor): pg.Pool {
  const query = (text: string, values?: unknown[]) =>
    inTransaction(pool, async (client) => {
      await nameAuditActor(client, actor);
      return client.query(text, values);
    });
  return { query } as unknown as pg.Pool;
}

/** The engine, with each of its transactions naming the actor first. */
export function auditedEngine(engine: Engine, actor: AuditActor): Engine {
  const audited = Object.create(engine) as Engine;
  audited.transaction = (work) =>
    engine.transaction(async (tx) => {
      await nameAuditActor(tx.client, actor);
      return work(tx);
    });
  audited.record = (input) => audited.transaction((tx) => tx.record(input));
  return audited;
}
