import { describe, expect, it } from 'vitest';
import { changedFields } from './audit-record.ts';

describe('the fields an audited write changed', () => {
  it('lists only what an update changed', () => {
    expect(
      changedFields({
        before: { id: 1, title: 'Rules', version: 1, buttons: [] },
        after: { id: 1, title: 'House rules', version: 2, buttons: [] },
      }),
    ).toEqual([
      { field: 'title', before: 'Rules', after: 'House rules' },
      { field: 'version', before: 1, after: 2 },
    ]);
  });

  it('lists every field of a created or deleted row', () => {
    expect(changedFields({ before: null, after: { id: 1, label: 'FAQ' } })).toEqual([
      { field: 'id', before: undefined, after: 1 },
      { field: 'label', before: undefined, after: 'FAQ' },
    ]);
    expect(changedFields({ before: { id: 1 }, after: null })).toEqual([
      { field: 'id', before: 1, after: undefined },
    ]);
  });
});
