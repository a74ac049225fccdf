import { afterEach, describe, expect, it } from 'vitest';
import { ledgerMatchesTotals } from '../../test/support/ledger.ts';
import { linkConfirmationWorld } from '../../test/support/link-confirmation-world.ts';
import { dc, minutesLater, tg } from '../../test/support/linking-world.ts';
import type { TestTandem } from '../../test/support/services.ts';
import { confirmLink, declineLink } from './confirm-link.ts';
import { LinkConfirmationGoneError, NotYourLinkConfirmationError } from './errors.ts';
import { resolvePlayer } from './identities.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const { setUp, preview, snapshot } = linkConfirmationWorld({
  get: () => tandem,
  set: (opened) => {
    tandem = opened;
  },
});

describe('a link code asks its redeemer first', () => {
  it('shows exactly which account is kept and what moves, and moves nothing until confirmed', async () => {
    const { issuer, redeemer, code } = await setUp();
    const before = await snapshot();
    const shown = await preview(code);
    expect(shown).toMatchObject({
      mergedPlatform: 'discord',
      keptPlatform: 'telegram',
      keptName: 'x',
      keptPlayerId: issuer,
      mergedPlayerId: redeemer,
      kept: { xp: 50, coins: 10 },
      merged: { xp: 1_200, coins: 750 },
      together: { xp: 1_250, coins: 760 },
      expiresAt: minutesLater(6),
    });
    expect(await snapshot()).toEqual(before);

    const confirmed = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    });
    expect(confirmed).toMatchObject({
      kind: 'linked',
      result: { playerId: issuer, absorbedPlayerId: redeemer, moved: { xp: 1_200, coins: 750 } },
    });
    const kept = await tandem.db.prisma.player.findUniqueOrThrow({ where: { id: issuer } });
    expect(kept).toMatchObject({ xp: 1_250, balance: 760 });
    expect(await ledgerMatchesTotals(tandem)).toBe(true);
  });

  it('moves nothing when declined, and the code stays usable until it expires', async () => {
    const { code } = await setUp();
    const before = await snapshot();
    const shown = await preview(code);
    await declineLink(tandem, { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) });
    await declineLink(tandem, { ...dc('200'), confirmationId: shown.confirmationId, now: minutesLater(2) });
    const late = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    }).catch((e) => e);
    expect(late).toBeInstanceOf(LinkConfirmationGoneError);
    expect(late.reason).toBe('declined');
    expect(await snapshot()).toEqual(before);
    // Typed again, the same code shows a new preview.
    expect((await preview(code, dc('200'), minutesLater(3))).confirmationId).not.toBe(shown.confirmationId);
  });

  it('moves nothing when the button is pressed after the preview timed out', async () => {
    const { code } = await setUp();
    const before = await snapshot();
    const shown = await preview(code, dc('200'), minutesLater(1));
    const late = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(6),
    }).catch((e) => e);
    expect(late).toBeInstanceOf(LinkConfirmationGoneError);
    expect(late.reason).toBe('expired');
    expect(late.message).toBe(
      'This link request has expired. Nothing was changed. Send /link <code> again to see it anew.',
    );
    expect(await snapshot()).toEqual(before);
    // A preview never outlives its code: shown at minute 8, it ends with the code at minute 10.
    expect((await preview(code, dc('200'), minutesLater(8))).expiresAt).toEqual(minutesLater(10));
  });

  it('ignores a press by anyone but the redeemer', async () => {
    const { issuer, code } = await setUp();
    await resolvePlayer(tandem.db, dc('666'));
    const before = await snapshot();
    const shown = await preview(code);
    for (const stranger of [dc('666'), tg('100'), tg('200')]) {
      const press = { ...stranger, confirmationId: shown.confirmationId, now: minutesLater(2) };
      await expect(confirmLink(tandem, press)).rejects.toBeInstanceOf(NotYourLinkConfirmationError);
      await expect(declineLink(tandem, press)).rejects.toBeInstanceOf(NotYourLinkConfirmationError);
    }
    expect(await snapshot()).toEqual(before);
    // The redeemer's own press still works.
    const own = await confirmLink(tandem, {
      ...dc('200'),
      confirmationId: shown.confirmationId,
      now: minutesLater(2),
    });
    expect(own).toMatchObject({ kind: 'linked', result: { playerId: issuer } });
  });
});
