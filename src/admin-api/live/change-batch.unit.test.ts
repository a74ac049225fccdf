import { describe, expect, it } from 'vitest';
import { ChangeBatch } from './change-batch.ts';

describe('a batch of live changes', () => {
  it('lists each changed record once, with its last action', () => {
    const batch = new ChangeBatch();
    batch.add({ entity: 'players', action: 'updated', id: 'p1' });
    batch.add({ entity: 'ledger', action: 'created', id: 'l1' });
    batch.add({ entity: 'players', action: 'updated', id: 'p1' });
    batch.add({ entity: 'tasks', action: 'created', id: 't1' });
    batch.add({ entity: 'tasks', action: 'deleted', id: 't1' });
    expect(batch.take()).toEqual([
      { entity: 'players', action: 'updated', id: 'p1' },
      { entity: 'ledger', action: 'created', id: 'l1' },
      { entity: 'tasks', action: 'deleted', id: 't1' },
    ]);
  });

  it('is empty after being taken', () => {
    const batch = new ChangeBatch();
    expect(batch.isEmpty).toBe(true);
    batch.add({ entity: 'players', action: 'updated', id: 'p1' });
    expect(batch.isEmpty).toBe(false);
    batch.take();
    expect(batch.isEmpty).toBe(true);
    expect(batch.take()).toEqual([]);
  });

  it('sends an entity changed in a burst as `many`, and everything as `many` past the total', () => {
    const batch = new ChangeBatch({ perEntity: 3, total: 5 });
    for (let i = 0; i < 4; i++) batch.add({ entity: 'ledger', action: 'created', id: `l${i}` });
    batch.add({ entity: 'players', action: 'updated', id: 'p1' });
    expect(batch.take()).toEqual([
      { entity: 'ledger', action: 'many' },
      { entity: 'players', action: 'updated', id: 'p1' },
    ]);

    for (const entity of ['players', 'tasks'] as const)
      for (let i = 0; i < 3; i++) batch.add({ entity, action: 'updated', id: `${entity}${i}` });
    expect(batch.take()).toEqual([
      { entity: 'players', action: 'many' },
      { entity: 'tasks', action: 'many' },
    ]);
  });
});
