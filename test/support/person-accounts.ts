import type { Platform } from '../../src/core/platforms.ts';
import { resolvePlayer } from '../../src/linking/identities.ts';
import { mergePlayers } from '../../src/linking/merge-players.ts';
import { unlinkIdentity } from '../../src/linking/unlink-identity.ts';
import type { TestTandem } from './services.ts';

/**
 * One person with a Telegram and a Discord identity, moved between accounts the way players do it
 * (link, unlink, link again), for the tests of per-person limits. Linking goes straight through
 * mergePlayers: what a link code or its confirmation adds in front of it does not matter here.
 */
export class PersonAccounts {
  private readonly seen = new Set<string>();

  constructor(
    private readonly tandem: TestTandem,
    /** Telegram and Discord user ids of the person. */
    readonly ids: { telegram: string; discord: string },
  ) {}

  /** The account an identity belongs to now (created on first contact). */
  async accountOf(platform: Platform): Promise<string> {
    const { playerId } = await resolvePlayer(this.tandem.db, {
      platform,
      platformUserId: this.ids[platform],
    });
    this.seen.add(playerId);
    return playerId;
  }

  async isLinked(): Promise<boolean> {
    return (await this.accountOf('telegram')) === (await this.accountOf('discord'));
  }

  /** Links the two identities; the account of `survivorOn` stays. A no-op when already linked. */
  async link(survivorOn: Platform): Promise<void> {
    const survivorId = await this.accountOf(survivorOn);
    const absorbedId = await this.accountOf(survivorOn === 'telegram' ? 'discord' : 'telegram');
    if (survivorId === absorbedId) return;
    await this.tandem.engine.transaction((tx) => mergePlayers(tx, { survivorId, absorbedId }));
  }

  /** Detaches the identity on `platform` into a fresh account. A no-op when not linked. */
  async unlink(platform: Platform): Promise<void> {
    if (!(await this.isLinked())) return;
    await unlinkIdentity(this.tandem, { platform, platformUserId: this.ids[platform] });
  }

  /** Every account the person's identities had so far (as seen through accountOf). */
  async everyAccount(): Promise<string[]> {
    await this.accountOf('telegram');
    await this.accountOf('discord');
    return [...this.seen];
  }

  /** The ledger rows of one reason across every account of the person. */
  async ledgerRows(reason: string): Promise<Array<{ key: string; xp: number; coins: number }>> {
    const { rows } = await this.tandem.db.pool.query(
      `SELECT idempotency_key AS key, xp_delta AS xp, coin_delta AS coins FROM ledger_entries
        WHERE player_id = ANY($1::uuid[]) AND reason = $2 ORDER BY id`,
      [await this.everyAccount(), reason],
    );
    return rows;
  }
}

/** A person who starts linked (Telegram's account kept), with ids derived from `n`. */
export async function linkedPerson(tandem: TestTandem, n: number): Promise<PersonAccounts> {
  const person = new PersonAccounts(tandem, { telegram: `${n}`, discord: `${900_000 + n}` });
  await person.link('telegram');
  return person;
}
