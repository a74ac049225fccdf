import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_EVENT_KINDS, loadConfig, TELEGRAM_EVENT_TYPES } from './api.js';
import { SANDBOX_ASSETS, SandboxServer } from './index.ts';

const SANDBOX_DIR = fileURLToPath(new URL('.', import.meta.url));
const pageScripts = readdirSync(SANDBOX_DIR).filter((file) => file.endsWith('.js'));
const source = (file: string) => readFileSync(join(SANDBOX_DIR, file), 'utf8');

describe('SandboxServer', () => {
  const sandbox = new SandboxServer({
    port: 0,
    telegramControlUrl: 'http://127.0.0.1:8081/control',
    discordControlUrl: 'http://127.0.0.1:8082/control',
  });
  let url: string;
  beforeAll(async () => {
    ({ url } = await sandbox.start());
  });
  afterAll(() => sandbox.stop());

  it('serves the page, which loads its script, styles and icon', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="app.js"></script>');
    for (const referenced of html.matchAll(/(?:src|href)="([^"]+)"/g))
      expect(SANDBOX_ASSETS).toHaveProperty(`/${referenced[1]}`);
  });

  it('serves every asset with its type, and every module the scripts import is one of them', async () => {
    for (const [path, file] of Object.entries(SANDBOX_ASSETS)) {
      const response = await fetch(new URL(path, url));
      expect(response.status, path).toBe(200);
      const type = { html: 'text/html', css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml' }[
        file.split('.').pop() as string
      ];
      expect(response.headers.get('content-type'), path).toContain(type);
      expect(await response.text()).toBe(source(file));
    }
    for (const script of pageScripts) {
      expect(SANDBOX_ASSETS, `${script} is served`).toHaveProperty(`/${script}`);
      for (const imported of source(script).matchAll(/from '\.\/([^']+)'/g))
        expect(SANDBOX_ASSETS, `${script} imports ${imported[1]}`).toHaveProperty(`/${imported[1]}`);
    }
  });

  it('answers /config.json with the control URLs', async () => {
    const response = await fetch(new URL('/config.json', url));
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      telegramControlUrl: 'http://127.0.0.1:8081/control',
      discordControlUrl: 'http://127.0.0.1:8082/control',
      links: [],
    });
    expect(await loadConfig(url)).toEqual(await (await fetch(new URL('/config.json', url))).json());
  });

  it('hands the page the links to show in its header', async () => {
    const linked = new SandboxServer({
      telegramControlUrl: 'http://127.0.0.1:8081/control',
      discordControlUrl: 'http://127.0.0.1:8082/control',
      links: [{ label: 'Admin panel', url: 'http://localhost:3000/admin/' }],
    });
    const { url: linkedUrl } = await linked.start();
    try {
      expect((await loadConfig(linkedUrl)).links).toEqual([
        { label: 'Admin panel', url: 'http://localhost:3000/admin/' },
      ]);
    } finally {
      await linked.stop();
    }
  });

  it('gives the page the host it was loaded from when the emulators listen on every interface', async () => {
    const everywhere = new SandboxServer({
      telegramControlUrl: 'http://0.0.0.0:8081/control',
      discordControlUrl: 'http://[::]:8082/control',
    });
    const { url: everywhereUrl } = await everywhere.start();
    try {
      const port = new URL(everywhereUrl).port;
      const response = await fetch(`http://localhost:${port}/config.json`);
      expect(await response.json()).toEqual({
        telegramControlUrl: 'http://localhost:8081/control',
        discordControlUrl: 'http://localhost:8082/control',
        links: [],
      });
    } finally {
      await everywhere.stop();
    }
  });

  it('serves nothing else: not its own sources, not other methods', async () => {
    expect((await fetch(new URL('/sandbox-server.ts', url))).status).toBe(404);
    expect((await fetch(new URL('/../../package.json', url))).status).toBe(404);
    expect((await fetch(new URL('/api.d.ts', url))).status).toBe(404);
    const post = await fetch(url, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the page scripts', () => {
  it('never turn text into markup', () => {
    for (const script of pageScripts)
      expect(source(script), script).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/,
      );
  });

  it('reach the emulators only through api.js (fetch) and the URLs it builds (EventSource)', () => {
    for (const script of pageScripts) {
      const text = source(script);
      if (script !== 'api.js') expect(text, script).not.toMatch(/\bfetch\(|XMLHttpRequest|\/control/);
      if (script !== 'live-stream.js') expect(text, script).not.toMatch(/new EventSource/);
    }
    expect(source('live-stream.js')).toContain('new EventSource(url())');
    expect(source('telegram-pane.js')).toContain('url: api.eventsUrl,');
    expect(source('discord-pane.js')).toContain('url: api.eventsUrl,');
  });

  it('listen for events the emulators emit', () => {
    const telegramTypes = new Set(
      [
        ...readFileSync(join(SANDBOX_DIR, '../telegram/events.ts'), 'utf8').matchAll(/type: '([a-z_.]+)'/g),
      ].map((match) => match[1]),
    );
    expect(TELEGRAM_EVENT_TYPES.filter((type) => !telegramTypes.has(type))).toEqual([]);
    const discordKinds = new Set<string>();
    const discordDir = join(SANDBOX_DIR, '../discord');
    for (const file of readdirSync(discordDir, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const match of readFileSync(join(discordDir, file), 'utf8').matchAll(
        /(?:record\(\s*|record: )'([a-z.-]+)'/g,
      ))
        discordKinds.add(match[1] as string);
    }
    expect(DISCORD_EVENT_KINDS.filter((kind) => !discordKinds.has(kind))).toEqual([]);
  });
});
