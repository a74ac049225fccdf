import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { mergePlayers } from '../linking/merge-players.ts';

let tandem: TestTandem;
beforeAll(async () => {
  tandem = await openTestTandem();
});
afterAll(async () => {
  await tandem?.stop();
});

async function stateOf(id: string) {
  const { rows } = await tandem.db.pool.query(
    'SELECT board_hidden, departure, departed_at FROM players WHERE id = $1',
    [id],
  );
  return rows[0];
}

describe('accounts put together by linking', () => {
  it('stay hidden if either was hidden, and keep the departure of the Discord account', async () => {
    const survivor = await tandem.createPlayer('telegram nina');
    const absorbed = await tandem.createPlayer('discord nina');
    await tandem.db.pool.query(`UPDATE players SET board_hidden = true WHERE id = $1`, [survivor]);
    await tandem.db.pool.query(`UPDATE players SET departure = 'left', departed_at = now() WHERE id = $1`, [
      absorbed,
    ]);
    await tandem.engine.transaction((tx) => mergePlayers(tx, { survivorId: survivor, absorbedId: absorbed }));
    expect(await stateOf(survivor)).toMatchObject({ board_hidden: true, departure: 'left' });
    expect((await stateOf(survivor)).departed_at).toBeInstanceOf(Date);
  });
});
