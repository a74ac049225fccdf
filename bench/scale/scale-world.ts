import type pg from 'pg';
import { type StartedAdminApi, startAdminApi } from '../../src/admin-api/app.ts';
import { auditList } from '../../src/admin-api/audit/audit-routes.ts';
import { sessionCookieName } from '../../src/admin-api/auth/session-cookie.ts';
import {
  panelRequestHeader,
  panelRequestHeaderValue,
} from '../../src/admin-api/http/require-panel-request.ts';
import { ledgerList } from '../../src/admin-api/resources/ledger.ts';
import { playerList } from '../../src/admin-api/resources/player-records.ts';
import { syncEventList } from '../../src/admin-api/resources/sync-events.ts';
import { encodeCursor } from '../../src/admin-api/rest/cursor.ts';
import { saveLeaderboardSettings } from '../../src/leaderboard/save-leaderboard-settings.ts';
import { signInitData } from '../../src/mini-app/init-data.ts';
import type { Services } from '../../src/runtime/services.ts';
import { tallySeasons } from '../../src/seasons/season-tally.ts';
import { deletePrefix, uniquePrefix } from '../shared/infra.ts';
import { openBenchServices } from '../shared/services.ts';
import { scaleAdmin } from './scale-seed.ts';

/**
 * What the scale queries run against: Tandem's services on the seeded database (no platform ports:
 * reconcile runs without Discord), and its admin API on a free port with an admin signed in, so a
 * list is timed as the panel gets it (session check, validation, count, rows, JSON).
 */
export interface ScaleWorld {
  services: Services;
  /** The panel's GET, signed in; the answer must be 200. */
  panel(path: string): Promise<void>;
  /** The Mini App's GET, as the heavy player's Telegram account; the answer must be 200. */
  miniApp(path: string): Promise<void>;
  /** A public GET (no session); the answer must be 200. */
  anonymous(path: string): Promise<void>;
  /** The most active player (the longest ledger) and a player of the long tail. */
  heavyPlayerId: string;
  lightPlayerId: string;
  /** Rows of each list at the size being measured, for "a page deep in the list". */
  rows: { ledger: number; sync_events: number; players: number; audit: number };
  /**
   * The cursor of the row halfway down a list that pages by key, in its default order, as the
   * panel would hold it after paging there (found once per size); null for a list paged by offset.
   */
  halfwayCursor(resource: keyof ScaleWorld['rows']): Promise<string | null>;
  /** A season running over the last week (its board sums that week's ledger rows). */
  seasonId: number;
  /** Cleanup measures successive days, oldest first: the retention that deletes the next day. */
  nextCleanupDays(): number;
  close(): Promise<void>;
}

const botToken = '777000:scale-bench-token';

export async function openScaleWorld(options: {
  databaseUrl: string;
  redisUrl: string;
  /** Players seeded (scale-seed.ts names them player-1..player-N). */
  players: number;
}): Promise<ScaleWorld> {
  const prefix = uniquePrefix('scale');
  const bench = await openBenchServices({
    databaseUrl: options.databaseUrl,
    poolSize: 10,
    redisUrl: options.redisUrl,
    prefix,
    profile: false,
  });
  const { services } = bench;
  let api: StartedAdminApi | undefined;
  try {
    // The public board is off until a community turns it on; this one has.
    await saveLeaderboardSettings(services, { value: { public: true } });
    api = await startAdminApi(services, { port: 0, host: '127.0.0.1', telegramBotToken: botToken });
    const url = api.url;
    const origin = new URL(url).origin;
    const cookie = await signIn(url);
    // Player 1 has the longest ledger (the seed's long tail starts there); the last one is a lurker.
    const players = await services.db.pool.query<{ id: string; name: string }>(
      `SELECT id, display_name AS name FROM players WHERE display_name = ANY($1::text[])`,
      [['player-1', `player-${options.players}`]],
    );
    const idOf = (name: string) => players.rows.find((r) => r.name === name)?.id;
    const heavyPlayerId = idOf('player-1');
    const lightPlayerId = idOf(`player-${options.players}`);
    if (!heavyPlayerId || !lightPlayerId) throw new Error('the seeded players are missing');
    const identity = await services.db.pool.query<{ platform_user_id: string }>(
      `SELECT platform_user_id FROM identities WHERE player_id = $1 AND platform = 'telegram'`,
      [heavyPlayerId],
    );
    const telegramUserId = Number(identity.rows[0]?.platform_user_id);
    const initData = () =>
      signInitData(
        {
          auth_date: String(Math.floor(Date.now() / 1000)),
          user: JSON.stringify({ id: telegramUserId, first_name: 'Player', username: 'tg_player_1' }),
        },
        botToken,
      );
    const expectOk = async (path: string, response: Response) => {
      // The whole body is read: the answer's size is part of what is timed.
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 200)}`);
    };
    const season = await services.db.pool.query<{ id: number }>(
      `INSERT INTO seasons (name, starts_at, ends_at) VALUES ('Scale week', now() - interval '6 days', now() + interval '1 day')
       RETURNING id`,
    );
    const seasonId = season.rows[0]!.id;
    const halfway = new Map<string, string | null>();
    let cleanupDays = 60;
    const started = api;
    const world: ScaleWorld = {
      services,
      heavyPlayerId,
      lightPlayerId,
      rows: { ledger: 0, sync_events: 0, players: 0, audit: 0 },
      seasonId,
      async halfwayCursor(resource) {
        const rows = world.rows[resource];
        const key = `${resource} ${rows}`;
        if (!halfway.has(key))
          halfway.set(key, await cursorAt(services.db.pool, resource, Math.floor(rows / 2)));
        return halfway.get(key) ?? null;
      },
      async panel(path) {
        const response = await fetch(`${url}${path}`, {
          redirect: 'manual',
          headers: { origin, [panelRequestHeader]: panelRequestHeaderValue, cookie },
        });
        await expectOk(path, response);
      },
      async miniApp(path) {
        const response = await fetch(`${url}/api/app${path}`, {
          headers: { authorization: `tma ${initData()}` },
        });
        await expectOk(path, response);
      },
      async anonymous(path) {
        await expectOk(path, await fetch(`${url}${path}`));
      },
      nextCleanupDays() {
        cleanupDays -= 1;
        return cleanupDays;
      },
      async close() {
        await started.close();
        await services.close();
        await deletePrefix(options.redisUrl, prefix);
      },
    };
    return world;
  } catch (error) {
    await api?.close().catch(() => {});
    await services.close().catch(() => {});
    await deletePrefix(options.redisUrl, prefix).catch(() => 0);
    throw error;
  }
}

/** Each keyset list's table and the column of its default sort. */
const keysetLists = {
  ledger: { table: 'ledger_entries', spec: ledgerList },
  sync_events: { table: 'sync_events', spec: syncEventList },
  players: { table: 'players', spec: playerList },
  audit: { table: 'admin_audit', spec: auditList },
} as const;

async function cursorAt(pool: pg.Pool, resource: keyof typeof keysetLists, offset: number): Promise<string> {
  const { table, spec } = keysetLists[resource];
  const { field, order } = spec.defaultSort;
  const column = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const direction = order === 'desc' ? 'DESC' : 'ASC';
  const { rows } = await pool.query<{ value: unknown; id: unknown }>(
    `SELECT ${column} AS value, id FROM ${table} ORDER BY ${column} ${direction}, id ${direction} OFFSET $1 LIMIT 1`,
    [offset],
  );
  const row = rows[0];
  if (!row) throw new Error(`${table} has no row ${offset}`);
  const kinds = { value: spec.keyset.keys[field as keyof typeof spec.keyset.keys], id: spec.keyset.id };
  return encodeCursor(field, kinds as Parameters<typeof encodeCursor>[1], row.value, row.id);
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: {
      origin: new URL(url).origin,
      [panelRequestHeader]: panelRequestHeaderValue,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ username: scaleAdmin.username, password: scaleAdmin.password }),
  });
  const token = new RegExp(`${sessionCookieName}=([^;]+)`).exec(
    response.headers.get('set-cookie') ?? '',
  )?.[1];
  if (response.status !== 200 || !token)
    throw new Error(`sign-in of ${scaleAdmin.username} answered ${response.status}`);
  return `${sessionCookieName}=${token}`;
}

/**
 * The running season's tallies as the minute tick keeps them, counted afresh over the history just
 * seeded (seeding writes entries of the past, which the tick would have counted as they came): the
 * first tick marks the season, the second counts its window.
 */
export async function countSeasonTallies(pool: pg.Pool): Promise<void> {
  await pool.query('DELETE FROM season_tally_marks');
  await pool.query('DELETE FROM season_tallies');
  await tallySeasons(pool);
  await tallySeasons(pool);
  await pool.query('VACUUM (ANALYZE) season_tallies');
}
