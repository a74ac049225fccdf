import { describe, expect, it } from 'vitest';
import { affectedQueries } from './affected-queries.ts';

describe('what a change makes stale', () => {
  it('refetches the entity, the pages that show it, and the dashboard', () => {
    const { resources, dashboard } = affectedQueries([{ entity: 'ledger', action: 'created', id: '9' }]);
    expect(resources.sort()).toEqual(['ledger', 'players']);
    expect(dashboard).toBe(true);
  });

  it('maps identities to players and leaves the dashboard alone for content', () => {
    expect(affectedQueries([{ entity: 'identities', action: 'updated', id: 'x' }]).resources).toEqual([
      'players',
    ]);
    expect(affectedQueries([{ entity: 'scenarios', action: 'updated', id: '1' }])).toEqual({
      resources: ['scenarios', 'menu_buttons'],
      dashboard: false,
    });
  });

  it('handles folded bursts and ignores malformed lines', () => {
    const result = affectedQueries([
      { entity: 'sync_events', action: 'many' },
      { entity: 'sync_events', action: 'updated', id: '2' },
      null as unknown as { entity: string; action: string },
    ]);
    expect(result.resources.sort()).toEqual(['players', 'sync_events', 'sync_states']);
    expect(result.dashboard).toBe(true);
  });

  it('refetches the Discord server under its own query key, not on the dashboard', () => {
    expect(affectedQueries([{ entity: 'discord_guild', action: 'updated', id: '42' }])).toEqual({
      resources: ['discord-guild'],
      dashboard: false,
    });
  });

  it("refetches the Telegram groups page, whose resource is named as the API's path", () => {
    const { resources } = affectedQueries([{ entity: 'telegram_chats', action: 'updated', id: '-100123' }]);
    expect(resources).toContain('telegram-chats');
  });

  it("refetches a purchase's item (its sold count), the buyer and the ledger", () => {
    const { resources, dashboard } = affectedQueries([
      { entity: 'shop_purchases', action: 'created', id: 'p1' },
    ]);
    expect(resources.sort()).toEqual(['ledger', 'players', 'shop_items', 'shop_purchases']);
    expect(dashboard).toBe(true);
    expect(affectedQueries([{ entity: 'shop_items', action: 'updated', id: '1' }])).toEqual({
      resources: ['shop_items'],
      dashboard: false,
    });
  });
});
