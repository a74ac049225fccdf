import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FakeTelegram } from '../../test/support/fake-ports.ts';
import { openTestTandem, type TestTandem } from '../../test/support/services.ts';
import { exportXp } from './export-xp.ts';
import { InvalidImportFileError } from './import-rows.ts';
import { importXp } from './import-xp.ts';

const opened: TestTandem[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.stop();
});
async function open(): Promise<TestTandem> {
  const t = await openTestTandem();
  opened.push(t);
  return t;
}

const mee6 = JSON.stringify({
  page: 0,
  players: [
    {
      id: '111111111111111111',
      username: 'ann',
      xp: 1500,
      level: 5,
      message_count: 90,
      detailed_xp: [1, 2, 3],
    },
    {
      id: '222222222222222222',
      username: 'bob',
      xp: 40,
      level: 0,
      message_count: 3,
      detailed_xp: [40, 100, 40],
    },
  ],
});
const csv = [
  'discord_id,telegram_id,username,xp,coins',
  '333,444,"Cara, the brave",700,25',
  ',555,dan,10,',
].join('\n');

async function playerOf(t: TestTandem, platform: 'discord' | 'telegram', id: string) {
  const { rows } = await t.db.pool.query<{ id: string; xp: number; balance: number; display_name: string }>(
    `SELECT p.id, p.xp, p.balance, p.display_name FROM players p JOIN identities i ON i.player_id = p.id
      WHERE i.platform = $1::"Platform" AND i.platform_user_id = $2`,
    [platform, id],
  );
  return rows[0];
}

/** Every player's totals equal the sum of their ledger rows. */
async function expectTotalsMatchLedger(t: TestTandem) {
  const { rows } = await t.db.pool.query(
    `SELECT p.id FROM players p LEFT JOIN (SELECT player_id, sum(xp_delta) xp, sum(coin_delta) coins
        FROM ledger_entries GROUP BY player_id) l ON l.player_id = p.id
      WHERE p.xp <> coalesce(l.xp, 0) OR p.balance <> coalesce(l.coins, 0)`,
  );
  expect(rows).toEqual([]);
}

async function counts(t: TestTandem) {
  const { rows } = await t.db.pool.query<{ players: number; ledger: number }>(
    `SELECT (SELECT count(*)::int FROM players) players, (SELECT count(*)::int FROM ledger_entries) ledger`,
  );
  return rows[0]!;
}

describe('importing XP', () => {
  it('imports a MEE6 leaderboard once: players, identities and ledger rows, a re-run changes nothing', async () => {
    const t = await open();
    const first = await importXp(t, { format: 'mee6', text: mee6 });
    expect(first.counts).toEqual({ imported: 2, already_imported: 0, unchanged: 0, refused: 0 });
    const ann = await playerOf(t, 'discord', '111111111111111111');
    expect(ann).toMatchObject({ xp: 1500, balance: 0, display_name: 'ann' });
    const { rows } = await t.db.pool.query(
      'SELECT idempotency_key, reason, xp_delta FROM ledger_entries WHERE player_id = $1',
      [ann!.id],
    );
    expect(rows).toEqual([
      {
        idempotency_key: expect.stringMatching(/^admin-import-import\.[0-9a-f]{16}\.add\.0\.xp-/),
        reason: 'import',
        xp_delta: 1500,
      },
    ]);
    const before = await counts(t);
    const again = await importXp(t, { format: 'mee6', text: mee6 });
    expect(again.counts).toEqual({ imported: 0, already_imported: 2, unchanged: 0, refused: 0 });
    expect(await counts(t)).toEqual(before);
    expect(await playerOf(t, 'discord', '111111111111111111')).toMatchObject({ xp: 1500 });
    await expectTotalsMatchLedger(t);
  });

  it('records XP larger than one ledger entry holds as several entries, once', async () => {
    const t = await open();
    const big = JSON.stringify({ players: [{ id: '777', username: 'top', xp: 2_500_000, level: 120 }] });
    await importXp(t, { format: 'mee6', text: big });
    expect(await playerOf(t, 'discord', '777')).toMatchObject({ xp: 2_500_000 });
    const { rows } = await t.db.pool.query('SELECT xp_delta FROM ledger_entries ORDER BY xp_delta DESC');
    expect(rows.map((r) => r.xp_delta)).toEqual([1_000_000, 1_000_000, 500_000]);
    expect((await importXp(t, { format: 'mee6', text: big })).counts.already_imported).toBe(1);
    expect(await playerOf(t, 'discord', '777')).toMatchObject({ xp: 2_500_000 });
    await expectTotalsMatchLedger(t);
  });

  it('imports a CSV with both ids on one player, coins, and quoted names', async () => {
    const t = await open();
    const report = await importXp(t, { format: 'csv', text: csv });
    expect(report.counts).toEqual({ imported: 2, already_imported: 0, unchanged: 0, refused: 0 });
    const cara = await playerOf(t, 'discord', '333');
    expect(cara).toMatchObject({ xp: 700, balance: 25, display_name: 'Cara, the brave' });
    expect((await playerOf(t, 'telegram', '444'))?.id).toBe(cara!.id);
    expect(await playerOf(t, 'telegram', '555')).toMatchObject({ xp: 10, balance: 0 });
    expect((await importXp(t, { format: 'csv', text: csv })).counts.already_imported).toBe(2);
    await expectTotalsMatchLedger(t);
  });

  it('adds to an existing player, and refuses a row whose two ids are two different players', async () => {
    const t = await open();
    await importXp(t, { format: 'csv', text: 'discord_id,xp\n333,100\n' });
    await importXp(t, { format: 'csv', text: 'telegram_id,xp\n444,5\n' });
    const report = await importXp(t, { format: 'csv', text: csv });
    expect(report.rows[0]).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('two different players'),
    });
    expect(report.counts).toEqual({ imported: 1, already_imported: 0, unchanged: 0, refused: 1 });
    expect(await playerOf(t, 'discord', '333')).toMatchObject({ xp: 100 });
  });

  it('refuses a row giving a player a second identity on one platform', async () => {
    const t = await open();
    await importXp(t, { format: 'csv', text: 'discord_id,telegram_id,xp\n333,444,100\n' });
    const report = await importXp(t, { format: 'csv', text: 'discord_id,telegram_id,xp\n333,999,5\n' });
    expect(report.rows[0]).toMatchObject({
      status: 'refused',
      reason: 'the player with discord id 333 already has telegram id 444, not 999',
    });
    expect(await playerOf(t, 'discord', '333')).toMatchObject({ xp: 100 });
    expect(await playerOf(t, 'telegram', '999')).toBeUndefined();
  });

  it.each([
    ['mee6', '{"players": [', /^not valid JSON/],
    ['csv', 'discord_id,xp\n1,5\n2,-3\n', /^line 3: xp: cannot be negative/],
    ['csv', 'discord_id,telegram_id,xp\n1,,5\n,,7\n', /^line 3: needs a discord_id or a telegram_id/],
    [
      'mee6',
      JSON.stringify({
        players: [
          { id: '1', xp: 1 },
          { username: 'x', xp: 2 },
        ],
      }),
      /^entry 1: id:/,
    ],
    [
      'tandem',
      JSON.stringify({ format: 'tandem-xp', version: 1, players: [{ xp: 2, coins: 0 }] }),
      /^entry 0: needs a discordId/,
    ],
  ] as const)('refuses a malformed %s file as a whole with its place: %s', async (format, text, message) => {
    const t = await open();
    const before = await counts(t);
    const refused = await importXp(t, { format, text }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidImportFileError);
    expect((refused as Error).message).toMatch(message);
    expect(await counts(t)).toEqual(before);
  });

  it('a dry run reports the changes and writes nothing', async () => {
    const t = await open();
    const before = await counts(t);
    const report = await importXp(t, { format: 'csv', text: csv, dryRun: true });
    expect(report.rows[0]).toMatchObject({
      status: 'imported',
      created: true,
      xp: { before: 0, after: 700 },
      coins: { before: 0, after: 25 },
    });
    expect(await counts(t)).toEqual(before);
  });

  it('replace mode sets the totals to the file, recording the difference', async () => {
    const t = await open();
    await importXp(t, { format: 'csv', text: 'discord_id,xp,coins\n333,900,50\n' });
    const report = await importXp(t, {
      format: 'csv',
      text: 'discord_id,xp,coins\n333,300,80\n',
      mode: 'replace',
    });
    expect(report.rows[0]).toMatchObject({
      status: 'imported',
      xp: { before: 900, after: 300 },
      coins: { before: 50, after: 80 },
    });
    expect(await playerOf(t, 'discord', '333')).toMatchObject({ xp: 300, balance: 80 });
    await expectTotalsMatchLedger(t);
  });

  it.each(['tandem', 'csv'] as const)(
    'an export in %s format re-imported into a fresh database gives the same totals',
    async (format) => {
      const source = await open();
      await importXp(source, { format: 'csv', text: csv });
      await importXp(source, { format: 'mee6', text: mee6 });
      const file = await exportXp(source.db, format);
      const target = await open();
      const report = await importXp(target, { format, text: file });
      expect(report.counts).toEqual({ imported: 4, already_imported: 0, unchanged: 0, refused: 0 });
      const totals = (t: TestTandem) =>
        t.db.pool
          .query(
            `SELECT i.platform, i.platform_user_id, p.xp, p.balance FROM players p JOIN identities i ON i.player_id = p.id
            ORDER BY 1, 2`,
          )
          .then((r) => r.rows);
      expect(await totals(target)).toEqual(await totals(source));
      await expectTotalsMatchLedger(target);
    },
  );

  it('exports a community larger than one page, each player once, ties across pages included', async () => {
    const t = await open();
    await t.db.pool.query(
      `WITH p AS (INSERT INTO players (display_name, xp) SELECT 'p' || n, n % 3 FROM generate_series(1, 2500) n RETURNING id, display_name)
       INSERT INTO identities (player_id, platform, platform_user_id) SELECT id, 'discord', substr(display_name, 2) FROM p`,
    );
    const lines = (await exportXp(t.db, 'csv')).trim().split('\n').slice(1);
    expect(lines).toHaveLength(2500);
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(2500);
    const json = JSON.parse(await exportXp(t.db, 'tandem'));
    expect(json.players).toHaveLength(2500);
    expect(json.players[0].xp).toBe(2);
  });

  it('a replace with the totals players have already is reported unchanged and writes nothing', async () => {
    const t = await open();
    await importXp(t, { format: 'csv', text: csv });
    const before = await counts(t);
    const report = await importXp(t, { format: 'csv', text: await exportXp(t.db, 'csv'), mode: 'replace' });
    expect(report.counts).toEqual({ imported: 0, already_imported: 0, unchanged: 2, refused: 0 });
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a player repeated in one file, keeping the first row, and adds a known player a new identity', async () => {
    const t = await open();
    await importXp(t, { format: 'csv', text: 'discord_id,xp\n333,100\n' });
    const report = await importXp(t, {
      format: 'csv',
      text: 'discord_id,telegram_id,xp\n333,444,5\n,444,9\n',
      dryRun: true,
    });
    expect(report.rows[0]).toMatchObject({ status: 'imported', newIdentities: ['telegram'] });
    expect(report.rows[1]).toMatchObject({ status: 'refused', reason: expect.stringContaining('line 2') });
    expect(report.totals).toEqual({ newPlayers: 0, newIdentities: 1, xp: 5, coins: 0 });
  });

  it('sends no import notice; ranks and their Discord roles follow from the imported XP', async () => {
    const discord = new FakeDiscord();
    const telegram = new FakeTelegram();
    const t = await openTestTandem({ ports: { discord, telegram } });
    opened.push(t);
    const ranks = await t.db.prisma.rank.findMany({ orderBy: { priority: 'asc' }, take: 2 });
    for (const [i, rank] of ranks.entries())
      await t.db.prisma.rank.update({ where: { id: rank.id }, data: { discordRoleId: `90${i}` } });
    t.startWorkers();
    const file = `discord_id,telegram_id,xp,coins\n1001,2001,${ranks[1]!.minXp},30\n`;
    expect((await importXp(t, { format: 'csv', text: file })).counts.imported).toBe(1);
    await t.settle();
    expect(discord.rolesOf('1001')).toEqual(['901']);
    const told = [...telegram.messages, ...discord.messages];
    expect(told.every((m) => m.text.includes('Rank up!'))).toBe(true);
  });
});
