import type { ChangeEntity, EntityChange } from '../../live/changes.ts';

/** One line of a `changes` message: a change, or `many` when an entity changed too often to list. */
export type LiveChange = EntityChange | { entity: ChangeEntity; action: 'many' };

/** What signed-in pages receive on the `changes` event. */
export interface ChangesMessage {
  changes: LiveChange[];
  /** When the batch was sent (ISO 8601). */
  at: string;
}

export interface ChangeBatchOptions {
  /** Distinct records of one entity listed before the entity is sent as `many`. @defaultValue 20 */
  perEntity?: number;
  /** Lines in one message; past it every entity is sent as `many`. @defaultValue 100 */
  total?: number;
}

/**
 * Collects the changes of one interval. A record changed several times is listed once, with its
 * last action (pages refetch the record; how it got there does not matter). Past the caps a page
 * would refetch the whole list anyway, so a burst (a bulk approval, a reconcile) becomes one `many`
 * per entity instead of a message as long as the burst.
 */
export class ChangeBatch {
  private readonly byEntity = new Map<ChangeEntity, Map<string, EntityChange['action']>>();
  private readonly perEntity: number;
  private readonly total: number;

  constructor(options: ChangeBatchOptions = {}) {
    this.perEntity = options.perEntity ?? 20;
    this.total = options.total ?? 100;
  }

  add(change: EntityChange): void {
    const records = this.byEntity.get(change.entity) ?? new Map();
    // Re-inserting moves the record last, so the list keeps the order of the latest changes.
    records.delete(change.id);
    records.set(change.id, change.action);
    this.byEntity.set(change.entity, records);
  }

  get isEmpty(): boolean {
    return this.byEntity.size === 0;
  }

  /** The batch's lines, emptying it. */
  take(): LiveChange[] {
    const lines: LiveChange[] = [];
    for (const [entity, records] of this.byEntity) {
      if (records.size > this.perEntity) lines.push({ entity, action: 'many' });
      else for (const [id, action] of records) lines.push({ entity, action, id });
    }
    const entities = [...this.byEntity.keys()];
    this.byEntity.clear();
    if (lines.length > this.total) return entities.map((entity) => ({ entity, action: 'many' }));
    return lines;
  }
}
