import { describe, expect, it } from 'vitest';
import { shippedTranslator } from '../texts/texts.ts';
import { menuReply, scenarioGoneReply, scenarioReply, scenarioRewardReply } from './menu.ts';

const t = shippedTranslator('en');

describe('menu replies', () => {
  it('greet, show a page and its one-time reward', () => {
    const item = { id: 1, label: 'Daily', target: { kind: 'command' as const, command: '/daily' } };
    expect(menuReply(t, [item], 'Ann')).toBe('👋 Hi Ann! What would you like to do?');
    expect(menuReply(t, [])).toBe('👋 Hi! The menu is empty for now: send /help to see what I can do.');
    expect(scenarioReply({ title: 'How it works', text: 'Earn XP everywhere.' })).toBe(
      'How it works\n\nEarn XP everywhere.',
    );
    expect(scenarioRewardReply(t, { xp: 25, coins: 0 })).toBe('🎁 +25 XP for reading this page!');
    expect(scenarioGoneReply(t)).toBe('This page is not available anymore. Send /start for the menu.');
  });
});
