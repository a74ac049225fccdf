import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../../../test/support/admin-api-world.ts';
import { listenForChanges } from '../../../test/support/announced-changes.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { importXp } from '../../import-export/import-xp.ts';
import type { ChangeSubscription, EntityChange } from '../../live/changes.ts';

let world: AdminApiWorld;
let cookie: string;
let announced: EntityChange[];
let subscription: ChangeSubscription;
beforeEach(async () => {
  world = await openAdminApiWorld();
  await world.createAdmin('alice');
  cookie = await world.signIn('alice');
  ({ announced, subscription } = await listenForChanges(world.tandem));
});
afterEach(async () => {
  await subscription.close();
  await world.stop();
});

const csv = [
  'discord_id,telegram_id,username,xp,coins',
  '333,444,"Cara, the brave",700,25',
  ',555,dan,10,',
].join('\n');

const importFile = (body: Record<string, unknown>, as = cookie) =>
  world.call('/api/xp-import', {
    cookie: as,
    body: { format: 'csv', mode: 'add', fileName: 'x.csv', ...body },
  });

/** What an import could have written: players, identities, ledger rows. */
async function written() {
  const { rows } = await world.tandem.db.pool.query(
    `SELECT (SELECT count(*)::int FROM players) players, (SELECT count(*)::int FROM identities) identities,
            (SELECT count(*)::int FROM ledger_entries) ledger,
            (SELECT coalesce(sum(xp), 0)::int FROM players) xp, (SELECT coalesce(sum(balance), 0)::int FROM players) coins`,
  );
  return rows[0];
}

describe('importing XP from the panel', () => {
  it('previews without writing, applies on confirm as the admin, and the same file again changes nothing', async () => {
    const before = await written();
    const preview = await importFile({ text: csv, dryRun: true });
    expect(preview.status).toBe(200);
    const shown = await json(preview);
    expect(shown).toMatchObject({
      dryRun: true,
      counts: { imported: 2, already_imported: 0, unchanged: 0, refused: 0 },
      totals: { newPlayers: 2, newIdentities: 0, xp: 710, coins: 25 },
      refused: [],
    });
    expect(shown.changes[0]).toMatchObject({
      where: 'line 2',
      discordId: '333',
      telegramId: '444',
      username: 'Cara, the brave',
      created: true,
      xp: { before: 0, after: 700 },
      coins: { before: 0, after: 25 },
    });
    expect(await written()).toEqual(before);

    const applied = await importFile({ text: csv, dryRun: false });
    expect(applied.status).toBe(200);
    expect(await json(applied)).toMatchObject({ dryRun: false, counts: { imported: 2 } });
    expect(await written()).toMatchObject({ players: 2, identities: 3, ledger: 3, xp: 710, coins: 25 });
    const { rows: ledger } = await world.tandem.db.pool.query(
      `SELECT reason, metadata FROM ledger_entries ORDER BY created_at LIMIT 1`,
    );
    expect(ledger[0]).toMatchObject({
      reason: 'import',
      metadata: { admin: 'alice', file: 'x.csv', mode: 'add', row: 'line 2' },
    });
    // The players' totals moved under the admin's name in the audit trail.
    const { rows: audit } = await world.tandem.db.pool.query(
      `SELECT DISTINCT admin_username, action, entity FROM admin_audit`,
    );
    expect(audit).toContainEqual({ admin_username: 'alice', action: 'import', entity: 'players' });
    await waitFor(async () => announced.some((c) => c.entity === 'players'));
    expect(announced.some((c) => c.entity === 'ledger' && c.action === 'created')).toBe(true);

    const after = await written();
    const again = await importFile({ text: csv, dryRun: false });
    expect(await json(again)).toMatchObject({ counts: { imported: 0, already_imported: 2 }, changes: [] });
    expect(await written()).toEqual(after);
  });

  it('shares its ledger keys with the command line: a file imported by `npm run import-xp` is not counted again', async () => {
    await importXp(world.tandem, { format: 'csv', text: csv });
    const after = await written();
    const again = await importFile({ text: csv, dryRun: false });
    expect(await json(again)).toMatchObject({ counts: { imported: 0, already_imported: 2 } });
    expect(await written()).toEqual(after);
  });

  it('refuses a malformed file with its line and reason, writing nothing', async () => {
    const before = await written();
    const refused = await importFile({ text: 'discord_id,xp\n1,5\n2,-3\n', dryRun: false });
    expect(refused.status).toBe(400);
    expect((await json(refused)).message).toBe('line 3: xp: cannot be negative');
    const notJson = await importFile({ format: 'mee6', text: '{"players": [', dryRun: false });
    expect(notJson.status).toBe(400);
    expect((await json(notJson)).message).toMatch(/^not valid JSON/);
    const badFormat = await importFile({ format: 'lurkr', text: csv });
    expect(badFormat.status).toBe(400);
    expect((await json(badFormat)).errors.format).toBe('must be mee6, csv or tandem');
    expect(await written()).toEqual(before);
  });

  it('lists refused rows with their place and reason, and imports the rest', async () => {
    const file = 'discord_id,xp\n1,5\n1,7\n2,9\n';
    const answer = await json(await importFile({ text: file, dryRun: false }));
    expect(answer.counts).toMatchObject({ imported: 2, refused: 1 });
    expect(answer.refused).toEqual([
      expect.objectContaining({
        where: 'line 3',
        discordId: '1',
        reason: 'discord id 1 is already at line 2 of this file; a player is imported once',
      }),
    ]);
    expect(await written()).toMatchObject({ players: 2, xp: 14 });
  });

  it('refuses a file above the size limit with the limit, before reading it into an import', async () => {
    const big = `discord_id,xp\n${'1,1\n'.repeat(5_300_000)}`;
    const refused = await importFile({ text: big, dryRun: true });
    expect(refused.status).toBe(413);
    expect((await json(refused)).message).toMatch(
      /too large to import \(this one is 20\.\d MB\): at most 20 MB/,
    );
    const huge = await importFile({ text: `"${'x'.repeat(32 * 1024 * 1024)}"`, dryRun: true });
    expect(huge.status).toBe(413);
    expect((await json(huge)).message).toMatch(/too large to import .*at most 20 MB/);
  });

  it('is refused to operators, who may still download the export', async () => {
    await world.createAdmin('olga', 'operator');
    const olga = await world.signIn('olga');
    const before = await written();
    const refused = await importFile({ text: csv, dryRun: false }, olga);
    expect(refused.status).toBe(403);
    expect(await written()).toEqual(before);
    expect((await world.call('/api/xp-export?format=csv', { cookie: olga })).status).toBe(200);
  });
});

describe('exporting XP from the panel', () => {
  it.each([
    ['csv', 'text/csv; charset=utf-8', /attachment; filename="tandem-xp-\d{4}-\d\d-\d\d\.csv"/],
    ['tandem', 'application/json; charset=utf-8', /attachment; filename="tandem-xp-\d{4}-\d\d-\d\d\.json"/],
  ] as const)(
    'downloads %s, which imported back with replace changes nothing',
    async (format, type, disposition) => {
      await importFile({ text: csv, dryRun: false });
      const download = await world.call(`/api/xp-export?format=${format}`, { cookie });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe(type);
      expect(download.headers.get('content-disposition')).toMatch(disposition);
      const text = await download.text();
      const before = await written();
      const back = await json(await importFile({ format, mode: 'replace', text, dryRun: false }));
      expect(back.counts).toEqual({ imported: 0, already_imported: 0, unchanged: 2, refused: 0 });
      expect(await written()).toEqual(before);
    },
  );

  it('refuses a format it does not write', async () => {
    const refused = await world.call('/api/xp-export?format=mee6', { cookie });
    expect(refused.status).toBe(400);
    expect((await json(refused)).errors.format).toBe('must be csv or tandem');
  });
});
