import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmulatorEvents } from '../events/emulator-events.ts';
import { SnowflakeGenerator } from '../snowflake.ts';
import { World } from '../world/world.ts';
import { allRoutes } from './router.ts';

/**
 * docs/emulators/coverage.md lists every route of Discord's REST API with its status, in Discord's
 * notation: `` | `GET /guilds/{guild.id}/members/{user.id}` | answered | ... | ``.
 */
const coveragePage = new URL('../../../../../docs/emulators/coverage.md', import.meta.url);
const routeRow = /^\| `(GET|POST|PUT|PATCH|DELETE) (\/[^`]*)` \| (answered|partly|not modelled) \|/;

interface Row {
  method: string;
  path: string;
  status: string;
}

function documentedRoutes(): Row[] {
  return readFileSync(coveragePage, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const match = routeRow.exec(line);
      return match ? [{ method: match[1]!, path: match[2]!, status: match[3]! }] : [];
    });
}

/** Discord's `{guild.id}` and express's `:guildId` both become `{}`: the shape of a path. */
const shape = (path: string) => path.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}');

/** The express pattern of a registered route, as the router matches it. */
const pattern = (path: string) => new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);

/** The routes as the emulator mounts them; building them only needs a world to close over. */
function registeredRoutes() {
  const now = () => Date.now();
  const emulator = {
    world: new World(),
    events: new EmulatorEvents(now),
    ids: new SnowflakeGenerator(now),
    now,
    baseUrl: () => 'http://127.0.0.1',
    interactions: { responseTimeoutMs: 3_000, tokenLifetimeMs: 900_000 },
  };
  return allRoutes({ emulator, gatewayUrl: () => 'ws://127.0.0.1/gateway' }).map((route) => ({
    method: route.method.toUpperCase(),
    path: route.path,
  }));
}

describe('the coverage page lists the REST routes the emulator registers', () => {
  const rows = documentedRoutes();
  const routes = registeredRoutes();
  const served = rows.filter((row) => row.status !== 'not modelled');

  it('reads a full table (the row format has not drifted)', () => {
    expect(rows.length).toBeGreaterThan(200);
  });

  it('lists each route once', () => {
    const keys = rows.map((row) => `${row.method} ${row.path}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('marks every registered route answered or partly', () => {
    const missing = routes.filter(
      (route) => !served.some((row) => row.method === route.method && shape(row.path) === shape(route.path)),
    );
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('marks nothing answered or partly that no registered route serves', () => {
    // A literal such as `@original` reaches the route with a parameter in its place, as in express.
    const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x');
    const unserved = served.filter(
      (row) =>
        !routes.some((route) => route.method === row.method && pattern(route.path).test(concrete(row.path))),
    );
    expect(unserved.map((row) => `${row.method} ${row.path}`)).toEqual([]);
  });
});
