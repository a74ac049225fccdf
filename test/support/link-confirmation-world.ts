import type { IdentityRef } from '../../src/linking/identities.ts';
import { resolvePlayer } from '../../src/linking/identities.ts';
import { issueLinkCode } from '../../src/linking/issue-link-code.ts';
import type { LinkPreview } from '../../src/linking/link-confirmations.ts';
import { redeemLinkCode } from '../../src/linking/redeem-link-code.ts';
import { FakeDiscord, type FakeTelegram } from './fake-ports.ts';
import { dc, minutesLater, t0, tg } from './linking-world.ts';
import { openTestTandem, type TestTandem } from './services.ts';

/**
 * The two accounts of the link confirmation tests and what they see. `tandem` is the test file's
 * own: `setUp` opens it, the rest read it.
 */
export function linkConfirmationWorld(tandemOfFile: {
  get: () => TestTandem;
  set: (opened: TestTandem) => void;
}) {
  let grants = 0;
  async function earn(playerId: string, xp: number, coins: number, reason = 'grant'): Promise<void> {
    grants += 1;
    await tandemOfFile.get().engine.record({
      key: `admin-earn_${grants}-1-${playerId}`,
      playerId,
      type: 'reward_grant',
      source: 'admin',
      xpDelta: xp,
      coinDelta: coins,
      reason,
    });
  }

  /** A Telegram member with 10 coins and 50 XP issued a code; a Discord member with 750 coins and 1,200 XP types it. */
  async function setUp(options: { telegram?: FakeTelegram; discord?: FakeDiscord } = {}) {
    const tandem = await openTestTandem(
      options.telegram
        ? { ports: { telegram: options.telegram, discord: options.discord ?? new FakeDiscord() } }
        : {},
    );
    tandemOfFile.set(tandem);
    const { playerId: issuer } = await resolvePlayer(tandem.db, { ...tg('100'), username: 'x' });
    const { playerId: redeemer } = await resolvePlayer(tandem.db, { ...dc('200'), username: 'dora' });
    await earn(issuer, 50, 10);
    await earn(redeemer, 1_200, 750);
    const { code } = await issueLinkCode(tandem.db, { ...tg('100'), now: t0 });
    return { issuer, redeemer, code };
  }

  async function preview(
    code: string,
    who: IdentityRef = dc('200'),
    now = minutesLater(1),
  ): Promise<LinkPreview> {
    const redeemed = await redeemLinkCode(tandemOfFile.get(), { ...who, code, now });
    if (redeemed.kind !== 'preview') throw new Error('expected a preview');
    return redeemed.preview;
  }

  /** The accounts as they stand: totals, identities, ledger rows and the code's use. */
  async function snapshot() {
    const tandem = tandemOfFile.get();
    const players = await tandem.db.prisma.player.findMany({
      orderBy: { id: 'asc' },
      select: {
        id: true,
        xp: true,
        balance: true,
        mergedIntoId: true,
        identities: { select: { platform: true } },
      },
    });
    return {
      players,
      ledgerRows: await tandem.db.prisma.ledgerEntry.count(),
      codesUsed: await tandem.db.prisma.linkCode.count({ where: { usedAt: { not: null } } }),
    };
  }

  return { earn, setUp, preview, snapshot };
}
