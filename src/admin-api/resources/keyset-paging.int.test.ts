import { afterEach, describe, expect, it } from 'vitest';
import {
  type ApiAnswer,
  openResourcesTestApp,
  type ResourcesTestApp,
} from '../../../test/support/resources-test-app.ts';

let api: ResourcesTestApp;
afterEach(async () => {
  await api?.close();
});

/** More events than a list counts exactly, two by two on the same instant (ties broken by id). */
const eventCount = 1_105;

async function seedEvents(): Promise<string[]> {
  const playerId = await api.tandem.createPlayer('Ada');
  await api.tandem.db.pool.query(
    `INSERT INTO sync_events (idempotency_key, source, type, player_id, status, created_at, updated_at)
     SELECT 'seed-' || i, 'system', 'xp_change', $1, 'completed', c, c
       FROM generate_series(1, $2::int) i,
            LATERAL (SELECT timestamptz '2026-12-01 10:00' + make_interval(secs => i / 2) AS c) t`,
    [playerId, eventCount],
  );
  const { rows } = await api.tandem.db.pool.query<{ id: string }>(
    'SELECT id FROM sync_events ORDER BY created_at DESC, id DESC',
  );
  return rows.map((row) => row.id);
}

const ids = (answer: ApiAnswer<Record<string, unknown>[]>) => answer.body.map((row) => row.id as string);
const header = (answer: ApiAnswer, name: string) => answer.headers.get(name);

describe('keyset paging', () => {
  it('walks a list without a total to its end and back by cursor, every row once', async () => {
    api = await openResourcesTestApp();
    const expected = await seedEvents();
    const size = 100;

    const first = await api.list('sync_events', { range: [0, size - 1] });
    expect(first.status).toBe(200);
    expect(header(first, 'content-range')).toBe(`sync_events 0-${size - 1}/*`);
    expect(header(first, 'x-has-next-page')).toBe('true');
    expect(header(first, 'x-has-previous-page')).toBe('false');
    expect(header(first, 'x-previous-cursor')).toBeNull();

    const pages = [first];
    let next = header(first, 'x-next-cursor');
    while (next) {
      const start = pages.length * size;
      const page = await api.list('sync_events', { range: [start, start + size - 1], after: next });
      expect(page.status).toBe(200);
      expect(header(page, 'x-has-previous-page')).toBe('true');
      pages.push(page);
      next = header(page, 'x-next-cursor');
    }
    expect(pages.flatMap(ids)).toEqual(expected);
    const last = pages.at(-1)!;
    expect(ids(last)).toHaveLength(eventCount % size);
    expect(header(last, 'x-has-next-page')).toBe('false');
    expect(header(last, 'content-range')).toBe(`sync_events 1100-1104/*`);

    // Back from the last page to the first: the same pages, by the cursors of their first rows.
    let previous = header(last, 'x-previous-cursor');
    for (let index = pages.length - 2; index >= 0; index -= 1) {
      const page = await api.list('sync_events', {
        range: [index * size, index * size + size - 1],
        before: previous!,
      });
      expect(ids(page)).toEqual(ids(pages[index]!));
      expect(header(page, 'x-has-next-page')).toBe('true');
      expect(header(page, 'x-has-previous-page')).toBe(String(index > 0));
      previous = header(page, 'x-previous-cursor');
    }
    expect(previous).toBeNull();
  });

  it('goes on from a cursor whose row was deleted meanwhile', async () => {
    api = await openResourcesTestApp();
    const expected = await seedEvents();
    const first = await api.list('sync_events', { range: [0, 9] });
    const cursor = header(first, 'x-next-cursor')!;
    await api.tandem.db.pool.query('DELETE FROM sync_events WHERE id = $1', [expected[9]]);

    const second = await api.list('sync_events', { range: [10, 19], after: cursor });
    expect(second.status).toBe(200);
    expect(ids(second)).toEqual(expected.slice(10, 20));
    const back = await api.list('sync_events', {
      range: [0, 9],
      before: header(second, 'x-previous-cursor')!,
    });
    expect(ids(back)).toEqual(expected.slice(0, 9));
  });

  it('keeps the exact total of a small list, and pages it by key too', async () => {
    api = await openResourcesTestApp();
    const ada = await api.tandem.createPlayer('Ada');
    for (const key of ['a', 'b', 'c']) {
      await api.tandem.engine.record({
        key: `dc-${key}-${ada}`,
        playerId: ada,
        type: 'xp_change',
        source: 'discord',
        xpDelta: 10,
        coinDelta: 0,
        reason: 'message',
      });
    }
    const newest = await api.list('ledger', {
      filter: { playerId: ada },
      sort: ['createdAt', 'DESC'],
      range: [0, 1],
    });
    expect(header(newest, 'content-range')).toBe('ledger 0-1/3');
    expect(header(newest, 'x-has-next-page')).toBe('true');
    const rest = await api.list('ledger', {
      filter: { playerId: ada },
      sort: ['createdAt', 'DESC'],
      range: [2, 3],
      after: header(newest, 'x-next-cursor')!,
    });
    expect(header(rest, 'content-range')).toBe('ledger 2-2/3');
    expect(header(rest, 'x-has-next-page')).toBe('false');
    expect(header(rest, 'x-next-cursor')).toBeNull();
    expect(rest.body.map((row) => row.xpAfter)).toEqual([10]);
  });

  it('refuses a cursor it did not make, or made for another sort or list, naming the parameter', async () => {
    api = await openResourcesTestApp();
    await seedEvents();
    const refusal = async (resource: string, query: string) => {
      const answer = await api.request<{ message: string; errors: Record<string, string> }>(
        'GET',
        `/${resource}?${query}`,
      );
      expect(answer.status).toBe(400);
      return answer.body.errors;
    };
    const unreadable =
      'is not a cursor of this list: use the one a page answered with, or page from the start';
    expect(await refusal('sync_events', 'after=not%20a%20cursor')).toMatchObject({ after: unreadable });
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(
      await refusal('sync_events', `before=${json({ f: 'createdAt', v: 'soon', i: 'x' })}`),
    ).toMatchObject({
      before: unreadable,
    });
    expect(await refusal('sync_events', `after=${json([1, 2])}`)).toMatchObject({ after: unreadable });

    // A cursor of the players' XP order, as a page would answer it.
    const xpCursor = json({ f: 'xp', v: 10, i: '00000000-0000-4000-8000-000000000000' });
    expect(await refusal('players', `sort=["displayName","ASC"]&after=${xpCursor}`)).toMatchObject({
      after: 'this cursor pages the sort by xp, not by displayName: page from the start',
    });
    expect(await refusal('players', `sort=["xp","DESC"]&after=${xpCursor}&before=${xpCursor}`)).toMatchObject(
      {
        after: 'give after or before, not both',
      },
    );
    expect(await refusal('ranks', `after=${xpCursor}`)).toMatchObject({
      after: 'this list pages by range only: drop the cursor',
    });
    expect((await refusal('sync_events', 'range=[10025,10049]')).range).toContain(
      'opens at most 10000 rows in by offset',
    );
    expect((await api.request('GET', `/players?sort=["xp","DESC"]&after=${xpCursor}`)).status).toBe(200);
  });
});
