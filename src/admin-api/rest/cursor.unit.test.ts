import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

const kinds = { createdAt: { value: 'instant', id: 'bigint' }, xp: { value: 'int', id: 'uuid' } } as const;
const kindOf = (field: string) => kinds[field as keyof typeof kinds];
const playerId = '7d1f3a52-3b9e-4c51-9a7e-1f2d3c4b5a69';

describe('keyset cursors', () => {
  it('carry the sort value and the id back as the database types them', () => {
    const at = new Date('2026-12-07T01:02:03.456Z');
    const cursor = encodeCursor('createdAt', kinds.createdAt, at, 9_007_199_254_740_993n);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, kindOf)).toEqual({
      ok: true,
      field: 'createdAt',
      value: at,
      id: 9_007_199_254_740_993n,
    });
    expect(decodeCursor(encodeCursor('xp', kinds.xp, 1200, playerId), kindOf)).toEqual({
      ok: true,
      field: 'xp',
      value: 1200,
      id: playerId,
    });
  });

  it('refuse anything else: not base64url, not JSON, an unknown field, a value of the wrong kind', () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      '',
      'a b',
      'not+base64/',
      Buffer.from('{"f":').toString('base64url'),
      json(null),
      json({ f: 'secret', v: 1, i: playerId }),
      json({ f: 'xp', v: '1200', i: playerId }),
      json({ f: 'xp', v: 1.5, i: playerId }),
      json({ f: 'xp', v: 1200, i: 'not-a-uuid' }),
      json({ f: 'createdAt', v: 'yesterday', i: '1' }),
      json({ f: 'createdAt', v: '2026-12-07T00:00:00Z', i: '0' }),
      json({ f: 'createdAt', v: '2026-12-07T00:00:00Z', i: 1 }),
      'x'.repeat(2001),
    ]) {
      expect(decodeCursor(text, kindOf).ok, text).toBe(false);
    }
  });
});
