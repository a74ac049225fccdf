import { expect } from 'vitest';
import { type AdminApiWorld, json, openAdminApiWorld } from '../../support/admin-api-world.ts';
import { databaseFingerprint } from './database-fingerprint.ts';

export interface RawRequest {
  method?: string;
  /** Omitted: no Origin header at all. */
  origin?: string;
  secFetchSite?: string;
  contentType?: string;
  body?: string;
  panelHeader?: boolean;
  signedIn?: boolean;
}

export const fromAnotherPage = /not from the admin panel/;

/**
 * The world of a cross-site test file: the API with alice signed in as admin, the panel's origin,
 * and a page on another port of the same host (same-site, so SameSite=Lax sends the cookie along).
 */
export async function openCrossSiteWorld(): Promise<{
  world: AdminApiWorld;
  cookie: string;
  panel: string;
  sameSite: string;
}> {
  const world = await openAdminApiWorld({ attempts: 2, backoffMs: 20 });
  await world.createAdmin('alice', 'admin');
  const cookie = await world.signIn('alice');
  const url = new URL(world.url);
  url.port = String(Number(url.port) === 65535 ? 1024 : Number(url.port) + 1);
  return { world, cookie, panel: new URL(world.url).origin, sameSite: url.origin };
}

/** Raw requests of the cross-site tests, to the world opened for the file with the admin's session cookie. */
export function crossSiteRequests(current: () => { world: AdminApiWorld; cookie: string }) {
  /** A request exactly as given: no header is added but the session cookie. */
  function send(path: string, request: RawRequest): Promise<Response> {
    const headers: Record<string, string> = {};
    if (request.signedIn ?? true) headers.cookie = current().cookie;
    if (request.origin) headers.origin = request.origin;
    if (request.secFetchSite) headers['sec-fetch-site'] = request.secFetchSite;
    if (request.contentType) headers['content-type'] = request.contentType;
    if (request.panelHeader) headers['x-requested-with'] = 'tandem-admin';
    return fetch(`${current().world.url}${path}`, {
      method: request.method ?? 'POST',
      redirect: 'manual',
      headers,
      body: request.body,
    });
  }

  /** Sends each request, expects each refused with `status` and a message matching `message`, and nothing written. */
  async function expectRefused(
    cases: Array<[string, string, RawRequest, number, RegExp]>,
    changedNothing: () => Promise<unknown> = async () => null,
  ): Promise<void> {
    const { pool } = current().world.tandem.db;
    const before = { db: await databaseFingerprint(pool), other: await changedNothing() };
    for (const [what, path, request, status, message] of cases) {
      const response = await send(path, request);
      expect(response.status, what).toBe(status);
      expect(response.headers.get('content-type'), what).toMatch(/^application\/json/);
      expect((await json(response)).message, what).toMatch(message);
      expect(response.headers.get('set-cookie'), what).toBeNull();
    }
    expect(await databaseFingerprint(pool)).toEqual(before.db);
    expect(await changedNothing()).toEqual(before.other);
  }

  return { send, expectRefused };
}
