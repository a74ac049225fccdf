import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface SandboxServerOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Interface to listen on. @defaultValue '127.0.0.1' */
  host?: string;
  /** The Telegram emulator's control API, e.g. `http://127.0.0.1:8081/control`. */
  telegramControlUrl: string;
  /** The Discord emulator's control API, e.g. `http://127.0.0.1:8082/control`. */
  discordControlUrl: string;
  /** Pages shown as links in the header, e.g. the admin panel of what runs on the emulators. @defaultValue [] */
  links?: SandboxLink[];
}

export interface SandboxLink {
  label: string;
  url: string;
}

/** What `GET /config.json` answers: where the page finds the two control APIs, and the header links. */
export interface SandboxConfig {
  telegramControlUrl: string;
  discordControlUrl: string;
  links: SandboxLink[];
}

const PAGE_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * The files the page is made of, by URL path. Only these are served: the folder also holds the
 * server's own TypeScript, which is no business of a browser.
 */
export const SANDBOX_ASSETS: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/styles.css': 'styles.css',
  '/favicon.svg': 'favicon.svg',
  '/api.js': 'api.js',
  '/app.js': 'app.js',
  '/dom.js': 'dom.js',
  '/live-stream.js': 'live-stream.js',
  '/telegram-pane.js': 'telegram-pane.js',
  '/telegram-pane-render.js': 'telegram-pane-render.js',
  '/telegram-text.js': 'telegram-text.js',
  '/telegram-view.js': 'telegram-view.js',
  '/telegram-chat-state.js': 'telegram-chat-state.js',
  '/telegram-message-parts.js': 'telegram-message-parts.js',
  '/telegram-message-actions.js': 'telegram-message-actions.js',
  '/discord-pane.js': 'discord-pane.js',
  '/discord-pane-render.js': 'discord-pane-render.js',
  '/discord-interactions.js': 'discord-interactions.js',
  '/discord-guild-lookups.js': 'discord-guild-lookups.js',
  '/discord-loads.js': 'discord-loads.js',
  '/discord-text.js': 'discord-text.js',
  '/discord-view.js': 'discord-view.js',
  '/discord-command-form.js': 'discord-command-form.js',
  '/discord-modal-form.js': 'discord-modal-form.js',
};

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json; charset=utf-8',
};

/**
 * The page scripts are same-origin files and talk to the emulators over fetch and EventSource;
 * nothing inline runs, so a bot's text that slipped into markup could not execute either.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  'connect-src * data:',
  'img-src * data:',
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the sandbox page: static HTML, CSS and plain JS (no build step) plus `/config.json`
 * naming the control APIs the page drives. The emulators' control APIs allow any origin, so the
 * page may live on a port (or server) of its own.
 */
export class SandboxServer {
  readonly #options: Required<SandboxServerOptions>;
  #server: Server | null = null;
  #url: string | null = null;

  constructor(options: SandboxServerOptions) {
    this.#options = { port: 0, host: '127.0.0.1', ...options, links: options.links ?? [] };
  }

  /** The page's address, e.g. `http://127.0.0.1:8080/`; only after {@link start}. */
  get url(): string {
    if (!this.#url) throw new Error('The sandbox server is not started: await start() first');
    return this.#url;
  }

  async start(): Promise<{ url: string }> {
    if (this.#url) return { url: this.#url };
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendText(res, 500, `The sandbox server failed: ${String(error)}`);
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port, this.#options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    const host = this.#options.host.includes(':') ? `[${this.#options.host}]` : this.#options.host;
    this.#url = `http://${host}:${port}/`;
    return { url: this.#url };
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#url = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendText(res, 405, 'The sandbox page only answers GET and HEAD');
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (pathname === '/config.json') {
      send(res, 200, 'json', JSON.stringify(this.#config(req.headers.host)));
      return;
    }
    const file = SANDBOX_ASSETS[pathname];
    if (!file) {
      sendText(res, 404, `Nothing at ${pathname}; the sandbox page is at /`);
      return;
    }
    const body = await readFile(`${PAGE_DIR}${file}`);
    send(res, 200, file.slice(file.lastIndexOf('.') + 1), req.method === 'HEAD' ? undefined : body);
  }

  /**
   * Emulators listening on every interface (`0.0.0.0`, `::`) print an address no browser can
   * reach; the page gets the host it used to load itself instead.
   */
  #config(requestHost: string | undefined): SandboxConfig {
    return {
      telegramControlUrl: reachableUrl(this.#options.telegramControlUrl, requestHost),
      discordControlUrl: reachableUrl(this.#options.discordControlUrl, requestHost),
      links: this.#options.links,
    };
  }
}

function reachableUrl(controlUrl: string, requestHost: string | undefined): string {
  const url = new URL(controlUrl);
  if (!requestHost || !['0.0.0.0', '[::]'].includes(url.hostname)) return controlUrl;
  url.hostname = new URL(`http://${requestHost}`).hostname;
  return url.toString().replace(/\/$/, '');
}

function send(res: ServerResponse, status: number, extension: string, body?: string | Buffer): void {
  res.writeHead(status, {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}
