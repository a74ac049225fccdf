import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { sessionCookieName } from '../../src/admin-api/auth/session-cookie.ts';
import type { PlatformPorts } from '../../src/sync/ports.ts';
import { type AdminApiWorld, openAdminApiWorld } from './admin-api-world.ts';
import { snapshotPanel } from './built-panel.ts';
import { launchChromium, requireChromium } from './chromium.ts';
import { panelAdmin, uiTimeoutMs } from './panel-page.ts';

/**
 * The browser tests' world: a fresh Tandem (own database and queue prefix) with its admin API on a
 * free port serving the built panel, one Chromium for the whole test file, and pages signed in as an
 * admin. Chromium is launched in chromium.ts, the panel copied in built-panel.ts, and what a test
 * does on a page is in panel-page.ts.
 */

/** Where the screenshots of the main pages go (looked at by a person, not compared). */
export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

export interface BrowserWorld {
  api: AdminApiWorld;
  tandem: AdminApiWorld['tandem'];
  /** `http://127.0.0.1:<port>`: the API, the panel at `/admin/`, Bull Board at `/admin/queues`. */
  url: string;
  browser: Browser;
  /** A page nobody signed in on, at the panel's address (it shows the sign-in page). */
  signedOutPage(): Promise<Page>;
  /**
   * A page signed in as `username` (alice unless said), opened at the panel's route `route` (e.g.
   * `/players`), once the panel is up and its live connection is open.
   */
  signedInPage(route?: string, username?: string): Promise<Page>;
  /** A tab of the signed-in admin's browser at `path` of the API, e.g. Bull Board's `/admin/queues`. */
  signedInTab(path: string, username?: string): Promise<Page>;
  /**
   * Another admin's session outside the browser, as a second person at another desk: `act(path,
   * init)` calls the API with their cookie.
   */
  otherSession(
    username?: string,
  ): Promise<(path: string, init?: { method?: string; body?: unknown }) => Promise<unknown>>;
  /**
   * Cuts `page`'s live connection as a network outage would: the API drops its live sockets (other
   * pages reconnect at once) and `page` cannot open a new one until the returned function is called.
   */
  cutLiveConnection(page: Page): Promise<() => Promise<void>>;
  /** Closes every page opened so far (each holds a live connection and refetches on changes). */
  closePages(): Promise<void>;
  /** Saves the viewport as `test-results/screenshots/<name>.png`; returns the path. */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<string>;
  /**
   * A player as the bots would have made them: identities on the platforms named (with that
   * username), and XP and coins earned through the engine (a ledger row and a sync event each).
   */
  addPlayer(player: NewPlayer): Promise<string>;
  /** Uncaught errors and content security policy violations of the pages (a product page has none). */
  pageErrors: string[];
  stop(): Promise<void>;
}

export interface NewPlayer {
  name: string;
  telegram?: string;
  discord?: string;
  /** The Discord user id (a snowflake) when `discord` is set. @defaultValue a made-up one */
  discordId?: string;
  xp?: number;
  coins?: number;
}

let playerCount = 0;

export async function openBrowserWorld(
  options: {
    ports?: PlatformPorts;
    attempts?: number;
    backoffMs?: number;
    /** The Telegram bot token that signs the Mini App's init data. @defaultValue the Mini App is off */
    telegramBotToken?: string;
  } = {},
): Promise<BrowserWorld> {
  requireChromium();
  const panelDir = await snapshotPanel();
  const [opened, launched] = await Promise.allSettled([
    openAdminApiWorld({
      ...options,
      api: { adminDistDir: panelDir, telegramBotToken: options.telegramBotToken },
    }),
    launchChromium(),
  ]);
  if (opened.status === 'rejected' || launched.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    await rm(panelDir, { recursive: true, force: true });
    throw opened.status === 'rejected' ? opened.reason : (launched as PromiseRejectedResult).reason;
  }
  const api = opened.value;
  const browser = launched.value;
  await api.createAdmin(panelAdmin.username, 'admin', panelAdmin.password);
  const contexts: BrowserContext[] = [];
  const signedIn = new Map<string, Promise<BrowserContext>>();
  const pageErrors: string[] = [];

  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({
      baseURL: api.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(uiTimeoutMs);
    // react-admin keeps list filters and sorts in localStorage, which the pages of one context
    // share: each new page starts from the panel's defaults, as a fresh browser would.
    await context.addInitScript(`if (location.protocol.startsWith('http') && !sessionStorage.getItem('tandem-test-tab')) {
      sessionStorage.setItem('tandem-test-tab', '1');
      for (const key of Object.keys(localStorage)) if (key.startsWith('RaStore')) localStorage.removeItem(key);
    }`);
    context.on('page', (page) => {
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      // What the content security policy blocks only shows as a console error: count it as one.
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          pageErrors.push(`${page.url()}: ${message.text()}`);
      });
    });
    contexts.push(context);
    return context;
  };

  /** One context per admin: their pages share the session cookie and the browser cache. */
  const contextOf = (username: string): Promise<BrowserContext> => {
    let context = signedIn.get(username);
    if (!context) {
      context = (async () => {
        const created = await newContext();
        const cookie = await api.signIn(username);
        await created.addCookies([
          {
            name: sessionCookieName,
            value: cookie.slice(`${sessionCookieName}=`.length),
            url: api.url,
            httpOnly: true,
            sameSite: 'Lax',
          },
        ]);
        return created;
      })();
      signedIn.set(username, context);
    }
    return context;
  };

  return {
    api,
    tandem: api.tandem,
    url: api.url,
    browser,
    pageErrors,
    async signedOutPage() {
      const page = await (await newContext()).newPage();
      await page.goto('/admin/');
      return page;
    },
    async signedInPage(route = '/', username = panelAdmin.username) {
      const page = await (await contextOf(username)).newPage();
      await page.goto(`/admin/#${route}`);
      await page.locator('[data-live-status="live"]').waitFor();
      return page;
    },
    async signedInTab(path, username = panelAdmin.username) {
      const page = await (await contextOf(username)).newPage();
      await page.goto(path);
      return page;
    },
    async otherSession(username = 'bob') {
      const exists = await api.tandem.db.prisma.admin.findUnique({ where: { username } });
      if (!exists) await api.createAdmin(username, 'admin');
      const cookie = await api.signIn(username);
      return async (path, init = {}) => {
        const response = await api.call(path, { ...init, cookie });
        const text = await response.text();
        if (!response.ok)
          throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
        return text ? JSON.parse(text) : null;
      };
    },
    async addPlayer(player) {
      const tandem = api.tandem;
      const playerId = await tandem.createPlayer(player.name);
      playerCount += 1;
      const identities = [
        player.telegram
          ? {
              platform: 'telegram' as const,
              platformUserId: `${700_000 + playerCount}`,
              username: player.telegram,
            }
          : null,
        player.discord
          ? {
              platform: 'discord' as const,
              platformUserId: player.discordId ?? `${900_000_000_000_000 + playerCount}`,
              username: player.discord,
            }
          : null,
      ].filter((identity) => identity !== null);
      for (const identity of identities)
        await tandem.db.prisma.identity.create({ data: { playerId, ...identity } });
      if (player.xp || player.coins) {
        await tandem.engine.record({
          key: `sys-seed-${playerCount}-${playerId}`,
          playerId,
          type: player.coins ? 'reward_grant' : 'xp_change',
          source: 'system',
          xpDelta: player.xp ?? 0,
          coinDelta: player.coins ?? 0,
          reason: 'welcome_bonus',
        });
      }
      return playerId;
    },
    async cutLiveConnection(page) {
      const refuse = (route: Route) => route.abort('connectionrefused');
      await page.route('**/socket.io/**', refuse);
      // The page's socket was upgraded to a WebSocket, which routes do not see: end it from the
      // API side, then every reconnection attempt (polling first) is refused until restored.
      api.started.gateway.io.local.disconnectSockets(true);
      return () => page.unroute('**/socket.io/**', refuse);
    },
    async closePages() {
      await Promise.all(contexts.flatMap((context) => context.pages().map((page) => page.close())));
    },
    async screenshot(page, name, shotOptions = {}) {
      await mkdir(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name}.png`);
      // The pulsing "Live" dot and MUI ripples should not make two runs' pictures differ for nothing.
      await page.screenshot({ path, fullPage: shotOptions.fullPage ?? false, animations: 'disabled' });
      return path;
    },
    async stop() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close().catch(() => {});
      await api.stop();
      await rm(panelDir, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks a browser test file ends with: after each test its pages close and must have thrown no
 * error; after the file the world stops, then `afterStop` (e.g. the emulator the world talked to).
 * `current` gives the file's world, undefined when opening it failed.
 */
export function closeBrowserWorldAfterTests(
  current: () => BrowserWorld | undefined,
  afterStop?: () => Promise<void>,
): void {
  afterEach(async () => {
    const world = current();
    if (!world) return;
    await world.closePages();
    expect(world.pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await current()?.stop();
    await afterStop?.();
  });
}
