import { auditList } from '../../src/admin-api/audit/audit-routes.ts';
import { ledgerList } from '../../src/admin-api/resources/ledger.ts';
import { playerList } from '../../src/admin-api/resources/player-records.ts';
import { syncEventList } from '../../src/admin-api/resources/sync-events.ts';
import { publicBoardPage } from '../../src/leaderboard/public-board.ts';
import { loadProfile } from '../../src/players/load-profile.ts';
import { topPlayers } from '../../src/players/top-players.ts';
import { currentSeasonTop } from '../../src/seasons/current-season-top.ts';
import { tallySeasons } from '../../src/seasons/season-tally.ts';
import { cleanupSyncEvents } from '../../src/sync/maintenance/cleanup.ts';
import { relayPendingEvents } from '../../src/sync/maintenance/outbox-relay.ts';
import { reconcile } from '../../src/sync/maintenance/reconcile/reconcile.ts';
import { requeueStuckEvents } from '../../src/sync/maintenance/requeue-stuck-events.ts';
import type { ScaleWorld } from './scale-world.ts';

/**
 * Every query the product runs against its history, through the product's own code: the panel's
 * reads over HTTP as the panel sends them (a list answered with or without a total is fine: any
 * 200), the bots' and the Mini App's reads, and one pass of each periodic task. A new read or task
 * is one more line here.
 */
export interface ScaleQuery {
  name: string;
  /** Interactive: a person waits for it (≤ 300 ms). Periodic: a scheduled task's one pass (≤ 10 s). */
  kind: 'interactive' | 'periodic';
  run(world: ScaleWorld): Promise<void>;
}

type ListResource = keyof ScaleWorld['rows'];

/** A list request in react-admin's dialect (ra-data-simple-rest), as the panel's pages send it. */
function listPath(
  resource: ListResource,
  options: { sort?: [string, 'ASC' | 'DESC']; range?: [number, number]; filter?: object } = {},
): string {
  const params = new URLSearchParams({
    ...(options.sort ? { sort: JSON.stringify(options.sort) } : {}),
    range: JSON.stringify(options.range ?? [0, 24]),
    filter: JSON.stringify(options.filter ?? {}),
  });
  return `/api/${resource}?${params}`;
}

const interactive = (name: string, run: ScaleQuery['run']): ScaleQuery => ({
  name,
  kind: 'interactive',
  run,
});
const periodic = (name: string, run: ScaleQuery['run']): ScaleQuery => ({ name, kind: 'periodic', run });

/**
 * A list's first page in its default order, a page halfway down, each order the API offers (the
 * panel's sortable columns, read from the resource's own spec so a column added or dropped there is
 * measured or dropped here), and the filters named.
 */
function listQueries(
  label: string,
  resource: ListResource,
  sortable: Readonly<Record<string, string>>,
  filters: Array<[string, (world: ScaleWorld) => object]>,
): ScaleQuery[] {
  return [
    interactive(`${label}: first page`, (w) => w.panel(listPath(resource))),
    interactive(`${label}: page halfway down`, async (w) => {
      // A list that pages by key is read halfway down as the panel reaches it: by the cursor of the
      // row before (found once per size, in the warm-up run); the others by offset.
      const cursor = await w.halfwayCursor(resource);
      if (cursor) return w.panel(`${listPath(resource)}&after=${cursor}`);
      const first = Math.floor(w.rows[resource] / 2);
      return w.panel(listPath(resource, { range: [first, first + 24] }));
    }),
    ...Object.keys(sortable).map((field) =>
      interactive(`${label}: sorted by ${field}`, (w) =>
        w.panel(listPath(resource, { sort: [field, 'DESC'] })),
      ),
    ),
    ...filters.map(([what, filter]) =>
      interactive(`${label}: ${what}`, (w) => w.panel(listPath(resource, { filter: filter(w) }))),
    ),
  ];
}

const retention = (days: number) => ({ completedDays: days, failedDays: days });

export const scaleQueries: ScaleQuery[] = [
  ...listQueries('admin ledger', 'ledger', ledgerList.sortable, [
    ['one player (the most active)', (w) => ({ playerId: w.heavyPlayerId })],
    ['one reason', () => ({ reason: 'game_win' })],
  ]),
  ...listQueries('admin sync events', 'sync_events', syncEventList.sortable, [
    ['one player (the most active)', (w) => ({ playerId: w.heavyPlayerId })],
    ['failed ones', () => ({ status: 'failed' })],
  ]),
  ...listQueries('admin players', 'players', playerList.sortable, [
    ['search by name', () => ({ q: 'player-4242' })],
    ['linked on both platforms', () => ({ linked: true })],
  ]),
  ...listQueries('admin audit', 'audit', auditList.sortable, [
    ['one player', (w) => ({ entity: 'players', entityId: w.heavyPlayerId })],
  ]),
  interactive('admin player page (the most active)', (w) => w.panel(`/api/players/${w.heavyPlayerId}`)),
  interactive('admin dashboard (loadDashboard)', (w) => w.panel('/api/dashboard')),
  interactive('/profile (loadProfile, the most active)', async (w) => {
    await loadProfile(w.services, w.heavyPlayerId);
  }),
  interactive('/profile (loadProfile, a lurker)', async (w) => {
    await loadProfile(w.services, w.lightPlayerId);
  }),
  interactive('/top (topPlayers)', async (w) => {
    await topPlayers(w.services, { limit: 10 });
  }),
  interactive('public board: first page (publicBoardPage)', async (w) => {
    await publicBoardPage(w.services, { page: 1, perPage: 25 });
  }),
  interactive('public board over HTTP: deepest page', (w) =>
    w.anonymous('/api/public/leaderboard?page=100&perPage=100'),
  ),
  interactive('/top season (the running week)', async (w) => {
    await currentSeasonTop(w.services, 10);
  }),
  interactive('public season board: first page', (w) =>
    w.anonymous(`/api/public/leaderboard/seasons/${w.seasonId}`),
  ),
  interactive('Mini App profile', (w) => w.miniApp('/profile')),
  interactive('Mini App leaderboard', (w) => w.miniApp('/leaderboard')),
  periodic('reconcile tick (no Discord port)', async (w) => {
    await reconcile(w.services, { roleDriftPolicy: 'report', stuckAfterMs: 300_000 });
  }),
  periodic('season tally tick', async (w) => {
    await tallySeasons(w.services.db.pool);
  }),
  periodic('cleanup of one day of sync events', async (w) => {
    await cleanupSyncEvents(w.services.db.pool, retention(w.nextCleanupDays()));
  }),
  periodic('outbox relay tick', async (w) => {
    await relayPendingEvents(w.services, { staleAfterMs: 10_000 });
  }),
  periodic('requeue stuck events', async (w) => {
    await requeueStuckEvents(w.services, 300_000);
  }),
];
