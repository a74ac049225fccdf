import { describe, expect, it } from 'vitest';
import { placeRankRoles } from './rank-role-order.ts';

// Positions as Discord numbers them: 1 just above @everyone.
const roles = [
  { id: '10', position: 5 }, // Staff, above Tandem
  { id: '20', position: 4 }, // Tandem
  { id: '30', position: 3 }, // Gold (mapped already)
  { id: '40', position: 2 }, // Muted
  { id: '50', position: 1 }, // a role just created
];

describe('placing the rank roles a run made', () => {
  it('puts a new top rank just below Tandem and a new lower rank just below the rank above it', () => {
    const moves = placeRankRoles({
      roles: [...roles, { id: '60', position: 1 }],
      botTopRoleId: '20',
      ranks: [
        { roleId: '50', place: true }, // Diamond
        { roleId: '30', place: false }, // Gold
        { roleId: '60', place: true }, // Silver
      ],
    });
    const order = new Map(moves.map((m) => [m.id, m.position]));
    // Staff 6, Tandem 5, Diamond 4, Gold 3, Silver 2, Muted 1.
    expect(Object.fromEntries(order)).toEqual({ '10': 6, '20': 5, '50': 4, '60': 2, '40': 1 });
  });

  it('changes nothing when the roles already stand in order', () => {
    expect(
      placeRankRoles({
        roles,
        botTopRoleId: '20',
        ranks: [
          { roleId: '30', place: true },
          { roleId: '40', place: true },
          { roleId: '50', place: true },
        ],
      }),
    ).toEqual([]);
  });

  it('skips a higher rank whose role is above Tandem as an anchor', () => {
    const moves = placeRankRoles({
      roles,
      botTopRoleId: '20',
      ranks: [
        { roleId: '10', place: false },
        { roleId: '50', place: true },
      ],
    });
    expect(moves).toEqual([
      { id: '50', position: 3 },
      { id: '30', position: 2 },
      { id: '40', position: 1 },
    ]);
  });
});
