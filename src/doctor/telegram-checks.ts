import { type CheckResult, failed, passed, reasonOf } from './check-result.ts';

interface BotApiReply<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

interface WebhookInfo {
  url: string;
  pending_update_count: number;
  last_error_message?: string;
  last_error_date?: number;
}

/** The bot token is accepted, and how updates reach the bot (long polling, or a webhook and its health). */
export async function checkTelegram(
  token: string,
  apiRoot = 'https://api.telegram.org',
): Promise<CheckResult[]> {
  const call = async <T>(method: string): Promise<{ status: number; body: BotApiReply<T> }> => {
    const res = await fetch(`${apiRoot.replace(/\/$/, '')}/bot${token}/${method}`, {
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: (await res.json()) as BotApiReply<T> };
  };
  let me: { status: number; body: BotApiReply<{ username: string }> };
  try {
    me = await call('getMe');
  } catch (error) {
    return [
      failed(
        'Telegram token',
        `the Bot API did not answer: ${reasonOf(error)}`,
        'Check the network to api.telegram.org (or TELEGRAM_API_ROOT).',
      ),
    ];
  }
  if (me.status === 401 || me.status === 404) {
    return [
      failed(
        'Telegram token',
        'the Telegram token is wrong (the Bot API answered 401 Unauthorized)',
        'Copy the token @BotFather gave the bot (/mybots → the bot → API Token) into TELEGRAM_BOT_TOKEN.',
      ),
    ];
  }
  if (!me.body.ok || !me.body.result) {
    return [
      failed('Telegram token', `getMe failed: ${me.body.description ?? me.status}`, 'Try again later.'),
    ];
  }
  const results = [passed('Telegram token', `valid: @${me.body.result.username}`)];
  const info = await call<WebhookInfo>('getWebhookInfo');
  const webhook = info.body.result;
  if (!webhook) {
    results.push(
      failed('Telegram updates', `getWebhookInfo failed: ${info.body.description}`, 'Try again later.'),
    );
  } else if (!webhook.url) {
    results.push(passed('Telegram updates', 'long polling (no webhook set)'));
  } else {
    const pending = `${webhook.pending_update_count} pending`;
    results.push(
      webhook.last_error_message
        ? failed(
            'Telegram updates',
            `webhook ${webhook.url}, ${pending}, last error: ${webhook.last_error_message}`,
            'Make sure the webhook URL reaches TELEGRAM_WEBHOOK_PORT through your TLS proxy and that Tandem is running.',
            false,
          )
        : passed('Telegram updates', `webhook ${webhook.url}, ${pending}`),
    );
  }
  return results;
}
