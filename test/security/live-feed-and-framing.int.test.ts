// Reading the admin's pages from another site: the live feed (socket.io) opened by a foreign page
// with the admin's cookie, and the panel or Bull Board loaded signed in inside another site's frame.
// The feed is refused to any origin but the panel's; every page forbids framing and carries a
// content security policy that loads nothing from elsewhere (Bull Board's Google font included).
// That the panel and the board still work under these headers is the browser tests' part
// (test/browser/).
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApiWorld, openAdminApiWorld } from '../support/admin-api-world.ts';

let world: AdminApiWorld;
let cookie: string;
let panel: string;

beforeAll(async () => {
  world = await openAdminApiWorld();
  await world.createAdmin('alice', 'admin');
  cookie = await world.signIn('alice');
  panel = new URL(world.url).origin;
});
afterAll(async () => {
  await world?.stop();
});

/** Opens the feed with the admin's cookie as a page at `origin` would; resolves `connected` or the refusal. */
function openFeed(headers: Record<string, string>, transports?: string[]): Promise<string> {
  return new Promise((resolve) => {
    const client = connect(world.url, {
      path: '/socket.io',
      reconnection: false,
      forceNew: true,
      transports,
      extraHeaders: { cookie, ...headers },
    });
    client.once('connect', () => {
      client.disconnect();
      resolve('connected');
    });
    client.once('connect_error', (error) => {
      client.disconnect();
      resolve(`refused: ${error.message}`);
    });
  });
}

describe('the live feed', () => {
  it("is refused to another origin's page, whatever the transport, though the cookie is the admin's", async () => {
    const otherPort = new URL(world.url);
    otherPort.port = String(Number(otherPort.port) + 1);
    for (const origin of ['https://evil.example', otherPort.origin, 'null'])
      for (const transports of [undefined, ['websocket']])
        expect(await openFeed({ origin }, transports), `${origin} ${transports ?? 'polling'}`).toMatch(
          /^refused/,
        );
    expect(await openFeed({ 'sec-fetch-site': 'same-site' })).toMatch(/^refused/);
  });

  it("is opened from the panel's origin", async () => {
    expect(await openFeed({ origin: panel })).toBe('connected');
    expect(await openFeed({ origin: panel }, ['websocket'])).toBe('connected');
    // A same-origin page's polling request carries no Origin in Chrome, only Sec-Fetch-Site.
    expect(await openFeed({ 'sec-fetch-site': 'same-origin' })).toBe('connected');
  });
});

/** The policy's directives by name. */
function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the pages of the panel and of Bull Board', () => {
  const pages = ['/admin/', '/admin/#/login', '/admin/queues', '/admin/queues/queue/economy-events'];

  it('may not be framed, and carry the usual security headers', async () => {
    for (const path of [...pages, '/api/auth/me']) {
      const response = await world.call(path, { cookie });
      expect(response.status, path).toBe(200);
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('load scripts, styles, fonts and connections from their own origin only', async () => {
    for (const path of pages) {
      const csp = directives((await world.call(path, { cookie })).headers.get('content-security-policy'));
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('connect-src'), path).toEqual(["'self'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('font-src'), path).not.toContain('https:');
      // MUI and Bull Board write styles at run time; styles from another origin stay out.
      expect(csp.get('style-src'), path).toEqual(["'self'", "'unsafe-inline'"]);
    }
  });

  it("leave Bull Board's Google font out of its page", async () => {
    const page = await (await world.call('/admin/queues', { cookie })).text();
    expect(page).toMatch(/<link href="static\/css\/main\.[^"]+\.css" rel="stylesheet">/);
    expect(page).not.toMatch(/fonts\.googleapis|fonts\.gstatic/);
  });
});
