import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { playerMaker } from '../../../test/support/resources-players.ts';
import { openResourcesTestApp, type ResourcesTestApp } from '../../../test/support/resources-test-app.ts';
import { mergePlayers } from '../../linking/merge-players.ts';
import { unlinkIdentity } from '../../linking/unlink-identity.ts';

/**
 * The panel searches a part of a name in player_names, which triggers keep in step with players
 * and identities: each way a name or its owner changes must show in the next search.
 */
let api: ResourcesTestApp;
beforeEach(async () => {
  api = await openResourcesTestApp();
});
afterEach(async () => {
  await api.close();
});

const player = playerMaker(() => api);

async function found(q: string, filter: Record<string, unknown> = {}): Promise<string[]> {
  const answer = await api.list('players', { filter: { q, ...filter }, sort: ['displayName', 'ASC'] });
  expect(answer.status).toBe(200);
  return answer.body.map((p) => p.id as string);
}

/** The search table's row for one name, with the transaction that last wrote it. */
async function nameRow(playerId: string, source: string) {
  const { rows } = await api.tandem.db.pool.query<{ name: string; xmin: string }>(
    'SELECT name, xmin::text FROM player_names WHERE player_id = $1 AND source = $2',
    [playerId, source],
  );
  return rows[0] ?? null;
}

describe('player search by a part of a name', () => {
  it('finds a player by a new display name and no longer by the old one', async () => {
    const ada = await player('Adelaide');
    expect(await found('delai')).toEqual([ada]);

    await api.tandem.db.pool.query(`UPDATE players SET display_name = 'Lovelace' WHERE id = $1`, [ada]);
    expect(await found('delai')).toEqual([]);
    expect(await found('ovela')).toEqual([ada]);
    // Either case finds it, with a trigram or without one.
    expect(await found('LOVE')).toEqual([ada]);
    expect(await found('lO')).toEqual([ada]);
  });

  it('finds a player by a username given to a new identity or changed by a sync', async () => {
    const bob = await player('Bob');
    expect(await found('builder')).toEqual([]);

    await api.tandem.db.prisma.identity.create({
      data: { playerId: bob, platform: 'telegram', platformUserId: '5001', username: 'bob_the_builder' },
    });
    expect(await found('builder')).toEqual([bob]);

    await api.tandem.db.pool.query(
      `UPDATE identities SET username = 'robert_fixes' WHERE platform = 'telegram' AND platform_user_id = '5001'`,
    );
    expect(await found('builder')).toEqual([]);
    expect(await found('fixes')).toEqual([bob]);

    // A username cleared on the platform takes its row with it.
    await api.tandem.db.pool.query(
      `UPDATE identities SET username = NULL WHERE platform = 'telegram' AND platform_user_id = '5001'`,
    );
    expect(await found('fixes')).toEqual([]);
    expect(await nameRow(bob, 'telegram')).toBeNull();
  });

  it('finds the kept player by the usernames a merge moved to it', async () => {
    const ana = await player('Anastasia', { telegram: '111' });
    const dora = await player('Dorothea', { discord: '222' });
    // The discord username the test maker gives is `<display name>#d`.
    expect(await found('Dorothea#d')).toEqual([dora]);

    await api.tandem.engine.transaction((tx) => mergePlayers(tx, { survivorId: ana, absorbedId: dora }));

    expect(await found('Dorothea#d')).toEqual([ana]);
    expect(await found('Dorothea#d', { merged: true })).toEqual([]);
    // The merged account keeps its own display name, and is found by it among merged accounts.
    expect(await found('orothe', { merged: true })).toEqual([dora]);
    expect(await nameRow(ana, 'discord')).toMatchObject({ name: 'dorothea#d' });
    expect(await nameRow(dora, 'discord')).toBeNull();
  });

  it('follows an unlinked identity to its fresh account, and forgets a deleted one', async () => {
    const cy = await player('Cyrus', { telegram: '333', discord: '444' });
    expect(await found('Cyrus#d')).toEqual([cy]);

    const { detachedPlayerId } = await unlinkIdentity(api.tandem, {
      platform: 'discord',
      platformUserId: '444',
    });
    expect(detachedPlayerId).not.toBe(cy);
    // The fresh account is named after the username too; the old account no longer has it.
    expect(await found('Cyrus#d')).toEqual([detachedPlayerId]);
    expect(await nameRow(cy, 'discord')).toBeNull();
    expect(await nameRow(detachedPlayerId, 'discord')).toMatchObject({ name: 'cyrus#d' });

    // The telegram test identity's username is its user id; search a part of it.
    await api.tandem.db.prisma.identity.delete({
      where: { platform_platformUserId: { platform: 'telegram', platformUserId: '333' } },
    });
    expect(await nameRow(cy, 'telegram')).toBeNull();
    expect(await found('33')).toEqual([]);
    expect(await found('Cyrus')).toEqual([cy, detachedPlayerId]);
  });

  it('leaves the search table alone when XP changes or a sync writes the same name back', async () => {
    const eve = await player('Evelyn', { telegram: '555' });
    const before = { name: await nameRow(eve, 'name'), telegram: await nameRow(eve, 'telegram') };
    expect(before.name).toMatchObject({ name: 'evelyn' });

    await api.tandem.engine.record({
      key: `sys-test-xp-${eve}`,
      playerId: eve,
      type: 'reward_grant',
      source: 'system',
      xpDelta: 40,
      coinDelta: 5,
      reason: 'task',
    });
    await api.tandem.db.pool.query(
      `UPDATE players SET display_name = display_name, xp = xp + 1 WHERE id = $1`,
      [eve],
    );
    await api.tandem.db.pool.query(
      `UPDATE identities SET username = username, last_sync_at = now() WHERE player_id = $1`,
      [eve],
    );

    // Same transaction id: the rows were not rewritten.
    expect(await nameRow(eve, 'name')).toEqual(before.name);
    expect(await nameRow(eve, 'telegram')).toEqual(before.telegram);
  });

  it('matches wildcard characters literally', async () => {
    const pct = await player('100%_sure');
    await player('1000 sure');
    expect(await found('0%_s')).toEqual([pct]);
    expect(await found('%')).toEqual([pct]);
  });
});
