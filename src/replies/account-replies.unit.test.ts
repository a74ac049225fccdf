import { describe, expect, it } from 'vitest';
import { progressBar } from '../core/text-format.ts';
import type { LinkResult } from '../linking/link-pair.ts';
import type { Payout } from '../payouts/payout.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { botCommands, helpReply } from './help.ts';

const english = shippedTranslator('en');

import { linkCodeReply, linkedReply, linkPreviewReply, unlinkedReply } from './link.ts';
import { payoutReply } from './payout.ts';
import { waitOf } from './reply-format.ts';

const t = shippedTranslator('en');

const playerId = '7b0c6a4e-1f0e-4b8e-9a53-2b2f4c1d9e01';
const issued = { code: 'K7M2QX', expiresAt: new Date('2026-11-22T12:10:00Z'), playerId };

describe('link replies', () => {
  it('tells where to type the code', () => {
    expect(linkCodeReply(t, issued, 'discord')).toBe(
      [
        '🔗 Your link code: K7M2QX',
        'Send /link K7M2QX to the Telegram bot within 10 minutes.',
        'It works once. Everything you earned on both sides is added together.',
      ].join('\n'),
    );
    expect(linkCodeReply(t, issued, 'telegram')).toContain(
      'On Discord, use /link with this code within 10 minutes.',
    );
    expect(linkCodeReply(t, issued)).toContain('Use /link K7M2QX on the other platform within 10 minutes.');
  });

  it('confirms a link, naming what was added', () => {
    const result: LinkResult = {
      linked: true,
      playerId,
      linkedWith: 'telegram',
      merged: true,
      alreadyLinked: false,
      absorbedPlayerId: playerId,
      moved: {
        xp: 1_200,
        coins: 30,
        achievements: 0,
        heldPayouts: 0,
        identities: ['discord'],
        submissions: 0,
      },
    };
    expect(linkedReply(t, result)).toBe(
      [
        '✅ Linked with your Telegram account!',
        'Your progress here (1,200 XP and 30 coins) was added to it.',
        'From now on, everything you earn on either platform goes to one account.',
      ].join('\n'),
    );
    expect(linkedReply(t, { ...result, alreadyLinked: true })).toBe(
      "You're already linked with that Telegram account. Nothing changed.",
    );
    const empty = { ...result, merged: false, moved: { ...result.moved, xp: 0, coins: 0 } };
    expect(linkedReply(t, empty)).not.toContain('progress here');
  });

  it('previews a link: which account is kept, what moves where, the totals after', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const preview = {
      confirmationId: playerId,
      expiresAt: new Date('2026-11-22T12:05:00Z'),
      mergedPlatform: 'discord' as const,
      keptPlatform: 'telegram' as const,
      keptName: 'x',
      keptPlayerId: playerId,
      mergedPlayerId: playerId,
      kept: { xp: 50, coins: 10 },
      merged: { xp: 1_200, coins: 750 },
      together: { xp: 1_250, coins: 760 },
    };
    expect(linkPreviewReply(t, preview, now)).toBe(
      [
        '🔗 Your Discord account (1,200 XP, 750 coins) will be merged into the Telegram account of x ' +
          '(50 XP, 10 coins); together: 1,250 XP, 760 coins.',
        'The Telegram account is kept: your Discord account joins it and its own XP and coins move there.',
        'Only confirm if x is you. Nothing changes until you press Link accounts (within 5 minutes).',
      ].join('\n'),
    );
  });

  it('explains that an unlinked account starts fresh', () => {
    expect(unlinkedReply(t, { accountPlayerId: playerId, detachedPlayerId: playerId }, 'discord')).toBe(
      'Unlinked. This Discord account starts fresh; your XP, coins and achievements stay with your ' +
        'Telegram account. Send /link any time to connect them again.',
    );
  });
});

describe('payoutReply', () => {
  const payout: Payout = {
    id: playerId,
    playerId,
    amount: 500,
    status: 'held',
    note: null,
    decidedBy: null,
    decidedAt: null,
    version: 1,
    createdAt: new Date(),
  };

  it('confirms the hold, and answers a repeated request with what became of the first', () => {
    expect(payoutReply(t, { payout, created: true, balance: 120 })).toBe(
      [
        '💸 Payout request received: 500 coins set aside for an admin to review.',
        "You'll get a message as soon as it's decided.",
        'Balance: 120 coins.',
      ].join('\n'),
    );
    expect(payoutReply(t, { payout, created: false, balance: 120 })).toBe(
      "You already asked for this payout of 500 coins: it's waiting for an admin.",
    );
    expect(
      payoutReply(t, { payout: { ...payout, status: 'declined' }, created: false, balance: 620 }),
    ).toContain('declined, and the coins are back in your balance');
  });
});

describe('help', () => {
  it('lists each bot its own commands', () => {
    const telegram = botCommands('telegram', english).map((c) => c.command);
    const discord = botCommands('discord', english).map((c) => c.command);
    expect(telegram).toContain('game');
    expect(telegram).not.toContain('sync');
    expect(discord).toContain('sync');
    expect(discord).not.toContain('game');
    expect(helpReply('telegram', english)).toContain('/daily: Claim your daily bonus');
    expect(helpReply('discord', english)).toContain('voice channels');
  });

  it("is written in the reader's language", () => {
    const russian = shippedTranslator('ru');
    expect(helpReply('telegram', russian)).toContain('/daily: Забрать ежедневный бонус');
    expect(botCommands('discord', russian).find((c) => c.command === 'language')?.description).toBe(
      'Выбрать язык, на котором я с вами говорю',
    );
  });
});

describe('format', () => {
  it('rounds waits up to the minute and bars to tenths', () => {
    expect(waitOf(t, 30_000)).toBe('1m');
    expect(waitOf(t, 0)).toBe('less than a minute');
    expect(waitOf(t, 2 * 3_600_000)).toBe('2h');
    expect(progressBar(0)).toBe('▱▱▱▱▱▱▱▱▱▱');
    expect(progressBar(100)).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(progressBar(150)).toBe('▰▰▰▰▰▰▰▰▰▰');
  });
});
