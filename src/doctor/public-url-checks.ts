import { type CheckResult, failed, passed } from './check-result.ts';

const name = 'Mini App menu button';

/** Where the Telegram bot's updates and Web Apps come from, as far as PUBLIC_URL is concerned. */
export type TelegramSide =
  /** A bot token for Telegram itself (or a Bot API server of the owner's own): Web Apps need https. */
  | 'telegram'
  /** A Telegram emulator as TELEGRAM_API_ROOT: a plain http Mini App is no problem there. */
  | 'emulator'
  /** No bot token: the sandbox's bot opens the Mini App from this machine, whatever PUBLIC_URL says. */
  | 'sandbox'
  /** No Telegram bot runs: no menu button to set. */
  | 'none';

/**
 * PUBLIC_URL, the address that makes the Telegram bot set the Mini App (PUBLIC_URL/app/) as its menu
 * button: unset is a choice (the Mini App still answers at /app/, reached by its address); an
 * address Telegram would not open (plain http, outside the emulator) is a warning, since the bot
 * then runs without the button; an address that is no http(s) address at all blocks.
 */
export function checkPublicUrl(publicUrl: string | undefined, telegram: TelegramSide): CheckResult {
  const sandbox =
    "the sandbox's bot opens the Mini App from this machine (http://localhost:PORT/app/); PUBLIC_URL applies once a bot token is set";
  if (!publicUrl && telegram === 'sandbox') return passed(name, sandbox);
  if (!publicUrl) {
    return passed(
      name,
      `off: PUBLIC_URL is not set; set it to the https address people reach Tandem at (https://tandem.example.com) to make the Mini App at PUBLIC_URL/app/ the bot's menu button`,
    );
  }
  const problem = malformed(publicUrl);
  if (problem) {
    return failed(
      name,
      `PUBLIC_URL ${JSON.stringify(publicUrl)} ${problem}`,
      'Set PUBLIC_URL to the address people reach Tandem at, scheme and host only (https://tandem.example.com), or leave it empty.',
    );
  }
  if (telegram === 'sandbox') return passed(name, sandbox);
  const appUrl = `${publicUrl.replace(/\/$/, '')}/app/`;
  if (telegram === 'none')
    return passed(name, `skipped: no TELEGRAM_BOT_TOKEN (the Mini App is at ${appUrl})`);
  if (publicUrl.startsWith('https://')) return passed(name, `the bot's menu button opens ${appUrl}`);
  if (telegram === 'emulator') {
    return passed(
      name,
      `off: PUBLIC_URL is plain http, so the bot sets no menu button; against the Telegram emulator that is fine (it opens ${appUrl} as it is)`,
    );
  }
  return failed(
    name,
    `off: PUBLIC_URL is ${publicUrl}, and Telegram opens Mini Apps over https only, so the bot sets no menu button`,
    'Serve Tandem over https (behind a reverse proxy with a certificate) and set PUBLIC_URL to that https:// address.',
    false,
  );
}

/** What makes a PUBLIC_URL unusable as the base of PUBLIC_URL/app/, or null when it is fine. */
function malformed(publicUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return 'is not an address';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'is not an http:// or https:// address';
  if (url.search || url.hash || publicUrl.includes('?') || publicUrl.includes('#'))
    return 'has a query or fragment, which the Mini App address cannot follow';
  if (url.username || url.password) return 'carries a user name or password';
  return null;
}

/**
 * Whether the Bot API at `apiRoot` is the Telegram emulator (packages/emulators): it answers its
 * control API's world, which no Bot API server has. Asked only when PUBLIC_URL is plain http.
 */
export async function isTelegramEmulator(apiRoot: string): Promise<boolean> {
  try {
    const res = await fetch(`${apiRoot.replace(/\/$/, '')}/control/world`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) return false;
    const body = (await res.json()) as { bots?: unknown };
    return Array.isArray(body.bots);
  } catch {
    return false;
  }
}
