import type { IdentityRef } from '../../src/linking/identities.ts';
import { linkAccounts } from './link-accounts.ts';
import type { TestTandem } from './services.ts';

export const t0 = new Date('2026-11-22T12:00:00Z');
export const minutesLater = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
export const tg = (platformUserId: string): IdentityRef => ({ platform: 'telegram', platformUserId });
export const dc = (platformUserId: string): IdentityRef => ({ platform: 'discord', platformUserId });

/** Earnings, accounts and links of the linking tests, on the tandem the test opened last. */
export function linkingWorld(current: () => TestTandem) {
  async function earn(playerId: string, what: string, xp: number, coins: number): Promise<void> {
    const tandem = current();
    if (xp > 0) {
      await tandem.engine.record({
        key: `admin-${what}_xp-1-${playerId}`,
        playerId,
        type: 'xp_change',
        source: 'admin',
        xpDelta: xp,
        reason: 'grant',
      });
    }
    if (coins > 0) {
      await tandem.engine.record({
        key: `admin-${what}_coins-1-${playerId}`,
        playerId,
        type: 'balance_change',
        source: 'admin',
        coinDelta: coins,
        reason: 'grant',
      });
    }
  }

  async function player(id: string) {
    return current().db.prisma.player.findUniqueOrThrow({ where: { id }, include: { identities: true } });
  }

  async function link(issuer: IdentityRef, redeemer: IdentityRef, now = t0) {
    return linkAccounts(current(), issuer, redeemer, now);
  }

  return { earn, player, link };
}
