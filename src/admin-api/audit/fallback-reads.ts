import type { PrismaClient } from '../../db/database.ts';

const readMethods = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findMany',
  'count',
  'aggregate',
]);

/**
 * The transaction's client for a service, with one difference: once a statement has failed (which
 * aborts a PostgreSQL transaction), reads go to `base` instead. Services explain a refused write by
 * reading after it (which buttons still open a scenario, who has the rank's name already); in the
 * aborted transaction that read would fail and hide the reason. Writes after a failure are not
 * redirected: they would escape the audit, so they fail as the transaction does.
 */
export function withReadsAfterFailure(tx: PrismaClient, base: PrismaClient): PrismaClient {
  let failed = false;
  return new Proxy(tx, {
    get(target, property, receiver) {
      const delegate = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || property.startsWith('$') || typeof delegate !== 'object')
        return delegate;
      const fallback = (base as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[
        property
      ];
      return new Proxy(delegate, {
        get(model, method, modelReceiver) {
          const operation = Reflect.get(model, method, modelReceiver);
          if (typeof method !== 'string' || typeof operation !== 'function') return operation;
          return async (...args: unknown[]) => {
            if (failed && readMethods.has(method) && fallback) return fallback[method]!(...args);
            try {
              return await operation.apply(model, args);
            } catch (error) {
              failed = true;
              throw error;
            }
          };
        },
      });
    },
  });
}
