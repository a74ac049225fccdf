import { describe, expect, it } from 'vitest';
import { buildIdempotencyKey, InvalidKeyPartError, isValidIdempotencyKey } from './idempotency-key.ts';

const player = '6f1c2a0e-5b1d-4c8e-9a43-3f2b1d0c9e77';

describe('idempotency keys', () => {
  it('name the source, action, entity and player', () => {
    expect(
      buildIdempotencyKey({ source: 'telegram', action: 'game', entity: 'a1b2', playerId: player }),
    ).toBe(`tg-game-a1b2-${player}`);
    expect(
      buildIdempotencyKey({
        source: 'discord',
        action: 'voice_minute',
        entity: 202611221530,
        playerId: player,
      }),
    ).toBe(`dc-voice_minute-202611221530-${player}`);
    expect(
      buildIdempotencyKey({ source: 'system', action: 'rank', entity: player, playerId: player }),
    ).toMatch(/^sys-rank-/);
  });

  it('refuse parts that would need cleaning rather than rewrite them', () => {
    expect(() =>
      buildIdempotencyKey({ source: 'admin', action: 'grant', entity: 'a:b', playerId: player }),
    ).toThrow(InvalidKeyPartError);
    expect(() =>
      buildIdempotencyKey({ source: 'admin', action: 'grant', entity: 'two words', playerId: player }),
    ).toThrow(/may only hold/);
    expect(() =>
      buildIdempotencyKey({ source: 'admin', action: '', entity: '1', playerId: player }),
    ).toThrow();
    expect(() =>
      buildIdempotencyKey({ source: 'admin', action: 'x', entity: 'y'.repeat(200), playerId: player }),
    ).toThrow();
  });

  it('are valid BullMQ job ids: no ":", never all digits', () => {
    expect(isValidIdempotencyKey('tg-game-1-abc')).toBe(true);
    expect(isValidIdempotencyKey('tg:game:1')).toBe(false);
    expect(isValidIdempotencyKey('123456')).toBe(false);
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('k'.repeat(201))).toBe(false);
  });
});
