import { afterEach, describe, expect, it } from 'vitest';
import { dc, linkingWorld, tg } from '../../test/support/linking-world.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { resolvePlayer } from '../linking/identities.ts';
import type { EntityChange } from '../live/changes.ts';
import { choosePlayerLanguage, chosenLanguageOf } from './choose-player-language.ts';

let tandem: TestTandem;
afterEach(async () => {
  await tandem?.stop();
});

const { link } = linkingWorld(() => tandem);

/** The services with a publisher that remembers what it announced. */
function recording() {
  const published: EntityChange[] = [];
  return {
    deps: {
      db: tandem.db,
      changes: { publish: async (change: EntityChange) => void published.push(change) },
    },
    published,
  };
}

describe('a player’s language choice', () => {
  it('is stored, announced once per change, read back, and cleared to follow the client again', async () => {
    tandem = await openTestTandem();
    const { playerId } = await resolvePlayer(tandem.db, { ...tg('1'), clientLanguage: 'en' });
    const { deps, published } = recording();
    expect(await chosenLanguageOf(tandem.db, playerId)).toBeNull();

    await choosePlayerLanguage(deps, playerId, 'ru');
    await choosePlayerLanguage(deps, playerId, 'ru');
    expect(await chosenLanguageOf(tandem.db, playerId)).toBe('ru');
    expect(published).toEqual([{ entity: 'players', action: 'updated', id: playerId }]);
    expect((await resolvePlayer(tandem.db, tg('1'))).language).toEqual({ chosen: 'ru', client: 'en' });

    await choosePlayerLanguage(deps, playerId, null);
    expect(await chosenLanguageOf(tandem.db, playerId)).toBeNull();
    expect(published).toHaveLength(2);
  });

  it('survives linking: the surviving account’s choice stands, else the absorbed one’s is taken', async () => {
    tandem = await openTestTandem();
    const { deps } = recording();
    const { playerId: survivor } = await resolvePlayer(tandem.db, tg('1'));
    const { playerId: absorbed } = await resolvePlayer(tandem.db, dc('2'));
    await choosePlayerLanguage(deps, absorbed, 'ru');
    await link(tg('1'), dc('2'));
    expect(await chosenLanguageOf(tandem.db, survivor)).toBe('ru');

    const { playerId: keeper } = await resolvePlayer(tandem.db, tg('3'));
    const { playerId: other } = await resolvePlayer(tandem.db, dc('4'));
    await choosePlayerLanguage(deps, keeper, 'en');
    await choosePlayerLanguage(deps, other, 'ru');
    await link(tg('3'), dc('4'));
    expect(await chosenLanguageOf(tandem.db, keeper)).toBe('en');
    expect((await resolvePlayer(tandem.db, dc('4'))).language.chosen).toBe('en');
  });
});
