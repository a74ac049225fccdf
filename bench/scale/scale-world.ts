import { type StartedAdminApi, startAdminApi } from '../../src/admin-api/app.ts';
import { sessionCookieName } from '../../src/admin-api/auth/session-cookie.ts';
import {
  panelRequestHeader,
  panelRequestHeaderValue,
} from '../../src/admin-api/http/require-panel-request.ts';
import { saveLeaderboardSettings } from '../../src/leaderboard/save-leaderboard-settings.ts';
import { signInitData } from '../../src/mini-app/init-data.ts';
import type { Services } from '../../src/runtime/services.ts';
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
    let cleanupDays = 60;
    const started = api;
    return {
      services,
      heavyPlayerId,
      lightPlayerId,
      rows: { ledger: 0, sync_events: 0, players: 0, audit: 0 },
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
  } catch (error) {
    await api?.close().catch(() => {});
    await services.close().catch(() => {});
    await deletePrefix(options.redisUrl, prefix).catch(() => 0);
    throw error;
  }
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
